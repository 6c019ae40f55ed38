// Turns a complete (already merged) scenario document into model::Scenario,
// checking it against docs/scenario-format.md and then the pathway graph.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "sim/io/json_checker.h"
#include "sim/model/scenario.h"

namespace homeward::io {

// Records every problem in `sink` (structure first; the pathway graph is
// checked with model::PathwayGraph::build only once the structure is sound,
// its problems at "/routes/<vertex>"). Returns the scenario only when this
// call recorded no problem.
std::optional<model::Scenario> parse_scenario(const nlohmann::json& document, ProblemSink& sink);

}  // namespace homeward::io
