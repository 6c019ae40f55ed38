// Reading what waiting does to patients ("waiting_harms") and readmission
// after discharge ("readmission") in a scenario. Internal to sim/io; part of
// parse_scenario (docs/scenario-format.md is the specification).
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/json_checker.h"
#include "sim/model/scenario.h"

namespace homeward::io::parser {

void read_waiting_harms(const nlohmann::json& value, const std::set<std::string>& exits, model::WaitingHarms& harms,
                        ProblemSink& sink);
void read_readmission(const nlohmann::json& value, const std::vector<std::string>& cohorts,
                      model::Readmission& readmission, ProblemSink& sink);

}  // namespace homeward::io::parser
