// Reading scenario files (docs/scenario-format.md): JSON parsing with precise
// syntax positions, scenario variants (base + JSON Merge Patch + pointer
// overrides), and validation that lists every problem at once.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/problems.h"
#include "sim/model/prepared_scenario.h"
#include "sim/model/scenario.h"

namespace homeward::io {

struct ScenarioReadResult {
  // Set only when `problems` is empty; then it is valid for the model
  // (structure and pathway graph checked).
  std::optional<model::Scenario> scenario;
  // The same scenario ready to simulate (model::prepare, which checked its
  // graph): set exactly when `scenario` is. Runs take it from here rather than
  // preparing `scenario` again.
  std::unique_ptr<model::PreparedScenario> prepared;
  // Every problem found, grouped by the section of the scenario it is in.
  std::vector<Problem> problems;
  // The complete document after resolving base, patch and overrides (for a
  // plain scenario, the document itself); null when it could not be built.
  nlohmann::json resolved;
};

// Reads and checks the scenario at `path`, which also labels its problems.
// Problems with the file itself (missing, a directory, unreadable, empty, a JSON
// syntax error with line and column, a key repeated in one object, not an
// object) come back as problems; nothing is thrown for bad input.
ScenarioReadResult read_scenario_file(const std::string& path);

// As read_scenario_file, for a document already in memory. `file_label` names
// it in problems, and a variant's `base` is resolved relative to its directory
// (the working directory when it has none).
//
// A variant is an object with a "base" key:
//   {"base": "baseline.json", "name": ..., "description": ..., "comment": ...,
//    "patch": {RFC 7396 merge patch}, "overrides": [{"pointer": "/a/b", "value": ...}]}
// The base (itself possibly a variant; a cycle is a problem) is resolved, its
// description and comment dropped, the variant's name, description and comment
// set, then the patch applied, then each override in order (its pointer's
// parent must exist; in an array the last token may be an index or "-").
// Problems in the merged document name the variant file and note the bases.
ScenarioReadResult read_scenario_json(const nlohmann::json& document, const std::string& file_label);

// Reads any JSON file with the same file checks as read_scenario_file (except
// "not an object"). Returns nullopt after appending to `problems` on failure;
// a repeated key is appended as a problem but the document is still returned.
std::optional<nlohmann::json> read_json_file(const std::string& path, std::vector<Problem>& problems);

// The checks of read_json_file on text already in memory, labelled `label`:
// size, encoding (a UTF-8 byte order mark is skipped; UTF-16 and UTF-32 are
// reported), emptiness, nesting depth (at most kMaxJsonDepth), syntax with line
// and column, repeated keys. Never throws for bad input.
std::optional<nlohmann::json> read_json_text(std::string_view text, const std::string& label,
                                             std::vector<Problem>& problems);

// The largest scenario file read (a real one is a few kB; this is a sanity limit).
inline constexpr std::size_t kMaxScenarioFileBytes = std::size_t{64} << 20;

}  // namespace homeward::io
