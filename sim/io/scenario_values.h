// Readers for the value types a scenario repeats in many places: dates,
// reason/agency/pathway codes, distributions and weekly schedules. Each
// records every problem it finds in the sink and returns nullopt unless the
// value is fully valid (docs/scenario-format.md is the specification).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/engine/random.h"
#include "sim/engine/weekly_schedule.h"
#include "sim/io/json_checker.h"
#include "sim/model/scenario.h"

namespace homeward::io {

// Longest duration in days we believe is meant (a century); beyond it, a typo.
inline constexpr double kAbsurdDays = 36500;

// "YYYY-MM-DD", a real calendar date.
std::optional<std::chrono::sys_days> read_date(const nlohmann::json& value, const std::string& pointer,
                                               ProblemSink& sink);
std::optional<model::Reason> read_reason(const nlohmann::json& value, const std::string& pointer,
                                         ProblemSink& sink);
std::optional<model::Agency> read_agency(const nlohmann::json& value, const std::string& pointer,
                                         ProblemSink& sink);
std::optional<model::Pathway> read_pathway(const nlohmann::json& value, const std::string& pointer,
                                           ProblemSink& sink);

// {"dist": ..., parameters}: constant, exponential, lognormal (mean+sd or
// median+mean), gamma (shape+scale or mean+sd), weibull, uniform, empirical,
// mixture (of the others, with weights).
std::optional<engine::Distribution> read_distribution(const nlohmann::json& value, const std::string& pointer,
                                                      ProblemSink& sink);

// An array of rules {days, from_hour, to_hour, starts?}. Windows are sorted by
// from_hour per day type (Mon=0..Sun=6, engine::kBankHoliday); a bank holiday
// with no rule of its own gets Sunday's windows; omitted starts means
// WeeklySchedule::kUnlimited. With allow_starts false (the discharge window) a
// `starts` key is a problem. Requires at least one window that can start
// something, since a service that never opens would hold its patients for ever.
// With allow_share (ward rounds), a rule may carry "share" in (0, 1]: the share
// of those waiting that its windows serve (engine::ScheduleWindow::share).
std::optional<engine::WeeklySchedule> read_schedule(const nlohmann::json& value, const std::string& pointer,
                                                    bool allow_starts, ProblemSink& sink, bool allow_share = false);

}  // namespace homeward::io
