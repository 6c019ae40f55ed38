// Cases small enough to work out by hand: one or two patients on a known
// calendar, checked against the delay, delayed bed days and midnight counts
// they must produce.
#include <gtest/gtest.h>

#include "sim/model/simulation.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

using model::Agency;
using model::FixedAdmission;
using model::Reason;

// Fit on Friday 17:00; the assessment team works Monday to Friday 9-17, so the
// patient waits until Monday 09:00: 2 days 16 hours, all reason A.
TEST(HandCases, FitFridayEveningWaitsForMondayAssessment) {
  Scenario s = weekday_assessment_scenario();
  // Day 4 is Friday 2019-04-05; admitted 10:00, fit 7 hours later.
  s.fixed_admissions = {FixedAdmission{4 + 10 * kHour, 0, 7 * kHour}};
  const auto r = run_once(s);

  const double expected = 2 + 16 * kHour;
  EXPECT_DOUBLE_EQ(measure(r, "discharges"), 1);
  EXPECT_NEAR(measure(r, "delay_days_mean"), expected, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days"), expected, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.A"), expected, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.agency.social_care"), expected, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.pathway.P1"), expected, 1e-9);
  // Midnights ending Friday, Saturday and Sunday.
  EXPECT_DOUBLE_EQ(measure(r, "dtoc_delayed_days"), 3);
  EXPECT_DOUBLE_EQ(measure(r, "discharged_within_1_day_share"), 0);
  EXPECT_DOUBLE_EQ(measure(r, "service.social_work.starts"), 1);
}

// Ready Monday 10:00, a two-day-five-hour process: leaves Wednesday 15:00.
// Two midnights (ending Monday and Tuesday), 2 + 5/24 delayed bed days.
TEST(HandCases, MidnightCountOfDelayedDays) {
  Scenario s = empty_scenario(14);
  ServiceConfig choice = service("choice", ServiceKind::delay, Reason::G, Agency::both);
  choice.duration_days = engine::Distribution::constant(2 + 5 * kHour);
  s.services = {choice};
  s.transitions = {{"P1", "choice", 1}, {"choice", "home", 1}};
  s.fixed_admissions = {FixedAdmission{7 + 8 * kHour, 0, 2 * kHour}};  // Monday 2019-04-08
  const auto r = run_once(s);

  EXPECT_NEAR(measure(r, "delayed_bed_days"), 2 + 5 * kHour, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.G"), 2 + 5 * kHour, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.waiting.process"), 2 + 5 * kHour, 1e-9);
  EXPECT_DOUBLE_EQ(measure(r, "dtoc_delayed_days"), 2);
  ASSERT_EQ(r.months.size(), 1u);
  EXPECT_DOUBLE_EQ(r.months[0].delayed_days[model::attribution_of(Reason::G, Agency::both)], 2);
  // Acute bed days: admitted Monday 08:00, left Wednesday 15:00.
  EXPECT_NEAR(measure(r, "acute_bed_days"), 2 + 7 * kHour, 1e-9);
  // A delay is a process, not a queue (docs/measures.md): nothing starts or
  // queues there, and it has no measures of its own (it had starts and
  // queue_mean, always 0).
  for (const auto& m : r.measures) EXPECT_NE(m.name.rfind("service.choice.", 0), 0u) << m.name;
}

// The DToC snapshot is the midnight ending the last Thursday of the month
// (2019-04-25). Patient A is delayed across it; patient B leaves at 23:00.
TEST(HandCases, LastThursdaySnapshot) {
  Scenario s = empty_scenario(30);
  ServiceConfig housing = service("housing", ServiceKind::delay, Reason::I, Agency::nhs);
  housing.duration_days = engine::Distribution::constant(1);
  s.services = {housing};
  s.transitions = {{"P1", "housing", 1}, {"housing", "home", 1}};
  s.fixed_admissions = {FixedAdmission{24 + 12 * kHour, 0, 0},   // Thursday 12:00 → Friday 12:00
                        FixedAdmission{23 + 23 * kHour, 0, 0}};  // Wednesday 23:00 → Thursday 23:00
  const auto r = run_once(s);
  const int attribution = model::attribution_of(Reason::I, Agency::nhs);
  ASSERT_EQ(r.months.size(), 1u);
  EXPECT_DOUBLE_EQ(r.months[0].snapshot[attribution], 1);
  // Midnights: Wednesday (B), Thursday (A).
  EXPECT_DOUBLE_EQ(r.months[0].delayed_days[attribution], 2);
}

// A discharge window of 10:00-16:00 on weekdays: a patient ready on Saturday
// at 09:00 with nothing else to wait for leaves on Monday at 10:00, and the
// wait is attributed to the window's reason.
TEST(HandCases, DischargeWindowHoldsReadyPatient) {
  Scenario s = empty_scenario(14);
  s.discharge_window.schedule = weekday_hours(10, 16, WeeklySchedule::kUnlimited);
  s.discharge_window.reason = Reason::O;
  s.discharge_window.agency = Agency::nhs;
  s.cohorts[0].pathway = model::Pathway::P0;
  s.transitions = {{"P0", "home", 1}};
  s.fixed_admissions = {FixedAdmission{5 + 1 * kHour, 0, 8 * kHour}};  // Saturday 2019-04-06
  const auto r = run_once(s);
  EXPECT_NEAR(measure(r, "delay_days_mean"), 2 + 1 * kHour, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.O"), 2 + 1 * kHour, 1e-9);
  EXPECT_DOUBLE_EQ(measure(r, "exits.home"), 1);
}

// One step-down bed. Patient 1 takes it and, after a 2-day stay, waits for a
// home care start that only happens on day 10 (a Thursday at 09:00): the bed
// stays blocked, so patient 2 waits in the acute bed for it (reason C).
TEST(HandCases, DownstreamBlockingHoldsTheBed) {
  Scenario s = empty_scenario(21);
  ServiceConfig step_down = service("step_down", ServiceKind::beds, Reason::C, Agency::nhs);
  step_down.beds = 1;
  step_down.duration_days = engine::Distribution::constant(2);
  ServiceConfig home_care = service("home_care", ServiceKind::package, Reason::E, Agency::social_care);
  home_care.schedule = WeeklySchedule();
  home_care.schedule.set_day(3, {engine::ScheduleWindow{9, 17, 5}});  // Thursdays only
  home_care.duration_days = engine::Distribution::constant(5);
  s.services = {home_care, step_down};
  s.transitions = {{"P1", "step_down", 1}, {"step_down", "home_care", 1}, {"home_care", "home", 1}};
  s.fixed_admissions = {FixedAdmission{0.5, 0, 0.5}, FixedAdmission{1.5, 0, 0.5}};
  const auto r = run_once(s);
  // Patient 1: step-down day 1 to 3, then waits for Thursday 2019-04-04 09:00 (day 3.375):
  // blocked 0.375 days. Patient 2 ready at day 2 waits until 3.375 (reason C).
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.C"), 1.375, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days"), 1.375, 1e-9);
  // Patient 2: bed from day 3.375 to 5.375, then waits for Thursday 2019-04-11 09:00
  // (day 10.375): blocked 5 more days.
  EXPECT_NEAR(measure(r, "service.step_down.blocked_bed_days"), 0.375 + 5, 1e-9);
}

// Fitness is declared on the ward round (09:00-12:00): a patient who becomes
// fit at 02:00 is declared at 09:00, so the night is not a delay; and a
// patient who dies leaves without waiting for the discharge window.
TEST(HandCases, WardRoundDeclaresFitnessAndDeathsSkipTheWindow) {
  Scenario s = empty_scenario(14);
  s.cohorts[0].pathway = model::Pathway::P0;
  s.cohorts[0].mffd_declared = WeeklySchedule::always_open();
  for (int d = 0; d < engine::kDayTypes; ++d) s.cohorts[0].mffd_declared.set_day(d, {engine::ScheduleWindow{9, 12, WeeklySchedule::kUnlimited}});
  s.discharge_window.schedule = weekday_hours(10, 16, WeeklySchedule::kUnlimited);
  s.exits = {"home", "died"};
  s.transitions = {{"P0", "home", 1}};
  s.fixed_admissions = {FixedAdmission{1 + 20 * kHour, 0, 6 * kHour}};  // fit Wednesday 02:00
  const auto r = run_once(s);
  // Declared Wednesday 09:00, leaves at 10:00 when the window opens.
  EXPECT_NEAR(measure(r, "delay_days_mean"), 1 * kHour, 1e-9);
  EXPECT_NEAR(measure(r, "acute_bed_days"), 14 * kHour, 1e-9);

  s.transitions = {{"P0", "died", 1}};
  s.discharge_window.exempt_exits = {"died"};
  const auto died = run_once(s);
  EXPECT_NEAR(measure(died, "delay_days_mean"), 0, 1e-12);
  EXPECT_DOUBLE_EQ(measure(died, "exits.died"), 1);
}

}  // namespace
}  // namespace homeward::testing
