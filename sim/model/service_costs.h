// What a service costs over the measured period, as services are really paid
// (docs/measures.md, "Cost"): staffed capacity paid whether used or not (open
// hours of its schedule with their weekend and bank-holiday multipliers; beds,
// bridge slots or package visits of capacity, each day), use (episodes,
// occupied days, client days, visits), and the run's share of a one-off
// set-up cost. The staffed and set-up parts follow from the scenario and its
// calendar alone, so a service with known hours and rates has an exact cost.
#pragma once

#include <string>
#include <string_view>

#include "sim/engine/calendar.h"
#include "sim/model/measure_recorder.h"
#include "sim/model/scenario.h"

namespace homeward::model {

// What a service did in the measured period.
struct ServiceUse {
  double starts = 0;         // episodes begun (assessments, stays, packages, bridges)
  double occupied_days = 0;  // beds: occupied bed days; bridge: occupied slot days
  double client_days = 0;    // package: client days
  double visit_days = 0;     // package: visits delivered (the integral of visits in use)
};

struct ServiceCost {
  double staffed = 0;  // paid whether used or not
  double use = 0;      // per episode, occupied day, client day and visit
  double setup = 0;    // the measured period's share of the set-up cost
  double total() const { return staffed + use + setup; }
  ServiceCost& operator+=(const ServiceCost& other);
};

// Hours the schedule is open (windows with starts > 0) on the days
// [0, duration_days), each weighted by the multiplier of its day type.
double weighted_open_hours(const ServiceConfig& config, const engine::Calendar& calendar, int duration_days);
// The starts offered by every schedule in force over the measured period,
// each day's times its staffed-hour multiplier (unlimited windows count 0).
double weighted_offered_starts(const ServiceConfig& config, const engine::Calendar& calendar, int duration_days);

ServiceCost service_cost(const ServiceConfig& config, const ServiceUse& use, const engine::Calendar& calendar,
                         int duration_days);

// Records other_cost.<name> (and .staffed, .use, .setup) for each of the
// scenario's other costs, and returns their sum.
ServiceCost record_other_costs(MeasureRecorder& recorder, const Scenario& scenario, const engine::Calendar& calendar);

// Records the cost and its parts under `family` (measure::kServiceCostFamily
// and the like), for `member` when the family has one.
void record_cost(MeasureRecorder& recorder, const measure::CostFamily& family, std::string_view member,
                 const ServiceCost& cost);

}  // namespace homeward::model
