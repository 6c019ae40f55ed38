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
// `per_start`: cost_per_staffed_start is a key (a service's but a bridge's,
// which pays by the slot day; an other cost has no starts to pay for).
void read_staffed_costs(ObjectReader& reader, model::ServiceConfig& service, ProblemSink& sink, bool per_start = true);

// A cost per staffed start needs a number of starts to pay for: every window
// of every schedule in force (the service's and its changes') gives `starts`.
void check_staffed_starts(const model::ServiceConfig& service, const std::string& pointer, ProblemSink& sink);

// The scenario's "other_costs": an object of name -> {"schedule" (required;
// as a service's, a window with starts 0 is not staffed), and the staffed and
// set-up cost keys}, into scenario.other_costs.
void read_other_costs(const nlohmann::json& value, model::Scenario& scenario, ProblemSink& sink);

}  // namespace homeward::io::parser
