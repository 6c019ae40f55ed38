// Inputs that change with the calendar: capacity from a date (a phase of a
// service) and admissions as a dated monthly series.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/model/prepared_scenario.h"
#include "sim/model/simulation.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

using model::Agency;
using model::FixedAdmission;
using model::Reason;

// One step-down bed (stays of 10 days) until Saturday 2019-04-06 (day 5),
// two from then. A is fit Monday 10:00 and takes the bed; B, fit Tuesday
// 10:00, waits for the second bed until day 5 00:00: 3 days 14 hours, C.
TEST(Phases, ABedAddedOnADateEndsAWait) {
  Scenario s = empty_scenario(28);
  ServiceConfig step = service("step_down", ServiceKind::beds, Reason::C, Agency::nhs);
  step.beds = 1;
  step.duration_days = engine::Distribution::constant(10);
  model::ServicePhase more{5, step.schedule, 2, 0, 0};
  step.phases = {more};
  s.services = {step};
  s.cohorts[0].pathway = model::Pathway::P2;
  s.transitions = {{"P2", "step_down", 1}, {"step_down", "home", 1}};
  s.fixed_admissions = {FixedAdmission{0, 0, 10 * kHour}, FixedAdmission{1, 0, 10 * kHour}};
  const auto r = run_once(s);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.C"), 3 + 14 * kHour, 1e-9);
  // Occupied: A 10 days, B 10 days; capacity 1 bed x 5 days + 2 x 23 days.
  EXPECT_NEAR(measure(r, "service.step_down.utilisation"), 20.0 / 51, 1e-9);
  // Without the change B waits for A's bed: until Thursday 10:00 (day 10 + 10h).
  s.services[0].phases.clear();
  EXPECT_NEAR(measure(run_once(s), "delayed_bed_days.reason.C"), 9, 1e-9);
}

// Three step-down beds (stays of 4 days), taken at 0, 0.5 and 1, cut to one
// bed on day 2. Nobody is turned out, and nobody is admitted until the
// occupants are fewer than the beds: a fourth patient, fit at 1.5, waits for
// the last of the three to leave (day 5), not the first (day 4).
TEST(Phases, ACapacityCutAdmitsNobodyUntilOccupantsFallBelowIt) {
  Scenario s = empty_scenario(28);
  ServiceConfig step = service("step_down", ServiceKind::beds, Reason::C, Agency::nhs);
  step.beds = 3;
  step.duration_days = engine::Distribution::constant(4);
  step.phases = {model::ServicePhase{2, step.schedule, 1, 0, 0}};
  s.services = {step};
  s.cohorts = {model::Cohort{"a", 1.0, model::Pathway::P2, engine::Distribution::constant(0)}};
  s.transitions = {{"P2", "step_down", 1}, {"step_down", "home", 1}};
  s.fixed_admissions = {FixedAdmission{0, 0, 0}, FixedAdmission{0.5, 0, 0}, FixedAdmission{1, 0, 0},
                        FixedAdmission{1.5, 0, 0}};
  const auto r = run_once(s);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.C"), 5 - 1.5, 1e-9);
  s.services[0].phases.clear();
  EXPECT_NEAR(measure(run_once(s), "delayed_bed_days.reason.C"), 4 - 1.5, 1e-9);
}

// Social work Monday to Friday until Saturday 2019-04-13, then seven days a
// week. Fit on Saturday 2019-04-06 10:00: waits for Monday 09:00 (1 day 23
// hours). Fit Saturday 2019-04-13 10:00: assessed at once.
TEST(Phases, SevenDayWorkingFromADate) {
  Scenario s = weekday_assessment_scenario();
  s.duration_days = 28;
  model::ServicePhase seven{12, engine::WeeklySchedule(), 0, 0, 0};
  for (int d = 0; d < engine::kDayTypes; ++d) seven.schedule.set_day(d, {engine::ScheduleWindow{9, 17, 10}});
  s.services[0].phases = {seven};
  s.fixed_admissions = {FixedAdmission{4 + 10 * kHour, 0, 1}};
  EXPECT_NEAR(measure(run_once(s), "delay_days_mean"), 1 + 23 * kHour, 1e-9);
  s.fixed_admissions = {FixedAdmission{11 + 10 * kHour, 0, 1}};
  EXPECT_NEAR(measure(run_once(s), "delay_days_mean"), 0, 1e-9);
  // Offered starts: 10 a weekday for 12 days (9 weekdays: Apr 1-5, 8-12 less none) then 10 a day.
  s.fixed_admissions = {FixedAdmission{0.5, 0, 0.1}};
  const auto r = run_once(s);
  EXPECT_NEAR(measure(r, "service.social_work.utilisation"), 1.0 / (10 * 10 + 10 * 16), 1e-12);
}

// A dated series sets each month's expected total: April 2019 at 20 a day is
// 600 admissions, shared over its days by the weekday profile (Mondays twice
// as busy as the other days).
TEST(MonthlySeries, SetsTheMonthsTotalAndKeepsTheWeekdayShape) {
  Scenario s = empty_scenario(30);
  s.admissions.mean_per_weekday = {14, 7, 7, 7, 7, 7, 7};
  s.admissions.monthly_series = {{2019, 4, 20}};
  const engine::Calendar calendar(s.start_date, s.bank_holidays);
  double total = 0;
  for (std::int64_t day = 0; day < 30; ++day) total += model::admissions_mean(s.admissions, calendar, day);
  EXPECT_NEAR(total, 600, 1e-9);
  // April 2019 has five Mondays: 5 x 14 + 25 x 7 = 245 weight; a Monday gets 600 x 14 / 245.
  EXPECT_NEAR(model::admissions_mean(s.admissions, calendar, 0), 600.0 * 14 / 245, 1e-9);
  EXPECT_NEAR(model::admissions_mean(s.admissions, calendar, 1), 600.0 * 7 / 245, 1e-9);
  // Simulated: 20 replications' admissions average 600 within Poisson noise (sd sqrt(600 x 20) / 20).
  s.services = {};
  s.cohorts[0].pathway = model::Pathway::P0;
  s.transitions = {{"P0", "home", 1}};
  model::PreparedScenario prepared(s);
  double sum = 0;
  for (std::uint32_t r = 0; r < 20; ++r) sum += measure(model::simulate(prepared, 1, r), "admissions");
  EXPECT_NEAR(sum / 20, 600, 4 * std::sqrt(600.0 / 20));
}

}  // namespace
}  // namespace homeward::testing
