// Reading the "services" object of a scenario, and checking the references
// between services (bridges, trusted assessors, home first's later service).
// Internal to sim/io; part of parse_scenario.
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/io/json_checker.h"
#include "sim/model/scenario.h"

namespace homeward::io::parser {

void read_services(const nlohmann::json& value, const std::set<std::string>& exits, model::Scenario& scenario,
                   ProblemSink& sink);
void check_service_references(const model::Scenario& scenario, ProblemSink& sink);
// Turns each capacity change's date into days since the start date and checks
// that the changes are in date order. REQUIRES: read_services and the start date read.
void resolve_service_phases(model::Scenario& scenario, ProblemSink& sink);

}  // namespace homeward::io::parser
