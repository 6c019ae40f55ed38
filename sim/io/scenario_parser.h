// Turns a complete (already merged) scenario document into model::Scenario,
// checking it against docs/scenario-format.md. How its routes fit together
// (the pathway graph) is checked by model::prepare, in read_scenario_json.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "sim/io/json_checker.h"
#include "sim/model/scenario.h"

namespace homeward::io {

// Records every problem in `sink`. Returns the scenario only when this call
// recorded no problem.
std::optional<model::Scenario> parse_scenario(const nlohmann::json& document, ProblemSink& sink);

}  // namespace homeward::io
