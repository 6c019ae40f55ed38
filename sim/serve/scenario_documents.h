// Scenario documents that arrive in requests, checked exactly as `homeward
// validate` checks a file, with one difference: a variant's "base" (and its
// bases' bases) must be a file inside the workspace, so a request cannot make
// the server read anything else. Posted documents are labelled as if they were
// files in the workspace's scenarios/ folder, so "base": "baseline.json" means
// scenarios/baseline.json.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/io/problems.h"
#include "sim/io/scenario_reader.h"
#include "sim/serve/workspace.h"

namespace homeward::serve {

// The label of the index-th (0-based) scenario of a request: scenarios/request-scenario-<index + 1>.json.
std::filesystem::path request_label(const Workspace& workspace, std::size_t index);

// Reads and checks `document` as the file at `label` (inside the workspace).
// Problems name files relative to the workspace ("scenarios/x.json").
io::ScenarioReadResult check_scenario(const Workspace& workspace, const nlohmann::json& document,
                                      const std::filesystem::path& label);

// {"file", "pointer", "expected", "found", "note", "message"}: a problem as the
// API reports it; "message" is the line `homeward validate` prints.
nlohmann::ordered_json problem_json(const io::Problem& problem);

}  // namespace homeward::serve
