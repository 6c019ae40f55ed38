// Reading a service's costs paid whether it is used or not: staffed hours of
// its schedule with their day multipliers, staffed beds, slots or visits of
// capacity, and a one-off set-up cost (docs/scenario-format.md, "Costs").
// Internal to sim/io; part of read_services.
#pragma once

#include "sim/io/json_checker.h"
#include "sim/model/scenario.h"

namespace homeward::io::parser {

// Reads the staffed and set-up cost keys a service of `service.kind` may
// have (none for a delay) into `service`. REQUIRES: the kind's own keys
// (beds, slots, visits_capacity_per_day) already read into `service`.
void read_staffed_costs(ObjectReader& reader, model::ServiceConfig& service, ProblemSink& sink);

// The scenario's "other_costs": an object of name -> {"schedule" (required;
// as a service's, a window with starts 0 is not staffed), and the staffed and
// set-up cost keys}, into scenario.other_costs.
void read_other_costs(const nlohmann::json& value, model::Scenario& scenario, ProblemSink& sink);

}  // namespace homeward::io::parser
