// A service's capacity over the measured period, phase by phase
// (ServiceConfig::phases: capacity that changes from dates), for utilisation
// and for the staffed cost of capacity paid whether used or not.
#pragma once

#include <cstdint>
#include <functional>

#include "sim/engine/calendar.h"
#include "sim/engine/weekly_schedule.h"
#include "sim/model/scenario.h"

namespace homeward::model {

// Beds (beds), slots (bridge) or visits a day (package) times the days each
// was in force, over [0, duration_days); 0 for other kinds; infinite for a
// package of unlimited visits.
double capacity_days(const ServiceConfig& config, double duration_days);

// Calls `visit(schedule, first_day, end_day)` for each schedule in force over
// whole days of [0, duration_days), in order (phases start at midnights).
void for_each_schedule(const ServiceConfig& config, std::int64_t duration_days,
                       const std::function<void(const engine::WeeklySchedule&, std::int64_t, std::int64_t)>& visit);

// The start quota offered over [0, duration_days) (unlimited windows count 0).
double offered_starts(const ServiceConfig& config, const engine::Calendar& calendar, std::int64_t duration_days);

}  // namespace homeward::model
