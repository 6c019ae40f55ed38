// What waiting does to patients, checked by hand and against the exponential
// law: deconditioning to a more dependent pathway, deaths while waiting, and
// readmission after discharge with its bed days.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/model/simulation.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

using model::Agency;
using model::FixedAdmission;
using model::Pathway;
using model::Reason;

constexpr double kMondayTen = 10 * kHour;  // 2019-04-01 10:00

// P1, fit Tuesday 10:00, waiting for home care that starts only on Sundays.
// After 2 days of waiting (Thursday 10:00) the patient deconditions to P2:
// out of the home care queue, into a 1-day rehabilitation assessment (C),
// home on Friday 10:00. Delay 3 days: 2 E, 1 C.
TEST(Deconditioning, AWaitingPatientMovesToAMoreDependentPathway) {
  Scenario s = empty_scenario(28);
  s.cohorts.push_back(model::Cohort{"unused_p2", 0.0, Pathway::P2, engine::Distribution::constant(1)});
  ServiceConfig care = service("home_care", ServiceKind::package, Reason::E, Agency::social_care);
  care.schedule = engine::WeeklySchedule();
  care.schedule.set_day(6, {engine::ScheduleWindow{9, 17, engine::WeeklySchedule::kUnlimited}});
  care.duration_days = engine::Distribution::constant(5);
  ServiceConfig rehab = service("rehab", ServiceKind::delay, Reason::C, Agency::nhs);
  rehab.duration_days = engine::Distribution::constant(1);
  s.services = {care, rehab};
  s.transitions = {{"P1", "home_care", 1}, {"home_care", "home", 1}, {"P2", "rehab", 1}, {"rehab", "home", 1}};
  model::Deconditioning d;
  d.from = Pathway::P1;
  d.time_days = engine::Distribution::constant(2);
  d.to = {0, 0, 1, 0};
  s.harms.deconditioning = {d};
  s.fixed_admissions = {FixedAdmission{kMondayTen, 0, 1}};
  const auto r = run_once(s);
  EXPECT_DOUBLE_EQ(measure(r, "harms.deconditioned"), 1);
  EXPECT_DOUBLE_EQ(measure(r, "discharges.pathway.P2"), 1);
  EXPECT_NEAR(measure(r, "delay_days_mean"), 3, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.E"), 2, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.C"), 1, 1e-9);
  EXPECT_DOUBLE_EQ(measure(r, "service.home_care.starts"), 0);
  EXPECT_NEAR(measure(r, "service.home_care.queue_mean") * 28, 2, 1e-9);  // two days in its queue
  // A patient whose package starts in time does not decondition.
  s.harms.deconditioning[0].time_days = engine::Distribution::constant(6);
  const auto in_time = run_once(s);
  EXPECT_DOUBLE_EQ(measure(in_time, "harms.deconditioned"), 0);
  EXPECT_DOUBLE_EQ(measure(in_time, "service.home_care.starts"), 1);
}

// A P1 patient whose route is done but for housing run alongside (10 days)
// deconditions after 2 days to P3: the new route (a 1-day placement process)
// runs from the start, and the patient leaves a day later, at the P3 exit.
TEST(Deconditioning, APatientWaitingOnlyForAProcessAlongsideStartsANewRoute) {
  Scenario s = empty_scenario(28);
  s.exits = {"home", "care_home"};
  s.cohorts.push_back(model::Cohort{"unused_p3", 0.0, Pathway::P3, engine::Distribution::constant(1)});
  ServiceConfig housing = service("housing", ServiceKind::delay, Reason::I, Agency::nhs);
  housing.duration_days = engine::Distribution::constant(10);
  housing.alongside = true;
  ServiceConfig placement = service("placement", ServiceKind::delay, Reason::D_i, Agency::social_care);
  placement.duration_days = engine::Distribution::constant(1);
  s.services = {housing, placement};
  s.transitions = {{"P1", "housing", 1}, {"housing", "home", 1}, {"P3", "placement", 1}, {"placement", "care_home", 1}};
  model::Deconditioning d;
  d.from = Pathway::P1;
  d.time_days = engine::Distribution::constant(2);
  d.to = {0, 0, 0, 1};
  s.harms.deconditioning = {d};
  s.fixed_admissions = {FixedAdmission{kMondayTen, 0, 1}};
  const auto r = run_once(s);
  EXPECT_DOUBLE_EQ(measure(r, "harms.deconditioned"), 1);
  EXPECT_NEAR(measure(r, "delay_days_mean"), 3, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.I"), 2, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.D_i"), 1, 1e-9);
  EXPECT_DOUBLE_EQ(measure(r, "exits.care_home"), 1);
  EXPECT_DOUBLE_EQ(measure(r, "exits.home"), 0);
}

// 4,000 P3 patients each wait 30 days for a process; with a death hazard of
// 0.02 a day, P(death before the end of the wait) = 1 - e^(-0.6) = 0.4512.
TEST(DeathsWhileWaiting, FollowTheExponentialLaw) {
  Scenario s = empty_scenario(100);
  s.exits = {"home", "died"};
  s.cohorts[0].pathway = Pathway::P3;
  ServiceConfig panel = service("funding", ServiceKind::delay, Reason::B, Agency::nhs);
  panel.duration_days = engine::Distribution::constant(30);
  s.services = {panel};
  s.transitions = {{"P3", "funding", 1}, {"funding", "home", 1}};
  s.harms.death_hazard_per_day = {0, 0, 0, 0.02};
  s.harms.death_exit = "died";
  const int n = 4000;
  for (int i = 0; i < n; ++i) s.fixed_admissions.push_back(FixedAdmission{i * 0.01, 0, 1});
  const auto r = run_once(s);
  const double p = 1 - std::exp(-0.6);
  const double died = measure(r, "harms.died_while_waiting");
  EXPECT_NEAR(died, n * p, 4 * std::sqrt(n * p * (1 - p)));
  EXPECT_DOUBLE_EQ(measure(r, "exits.died"), died);
  EXPECT_DOUBLE_EQ(measure(r, "exits.home") + died, n);
  // Each death ends a delay early: a dying patient's wait is exponential
  // truncated at 30 days, mean (1 - e^(-0.6) (1 + 0.6)) / 0.02 / p.
  const double truncated_mean = (1 - std::exp(-0.6) * 1.6) / 0.02 / p;
  const double expected_delayed = (n - died) * 30 + died * truncated_mean;
  EXPECT_NEAR(measure(r, "delayed_bed_days"), expected_delayed, 0.02 * expected_delayed);
  EXPECT_DOUBLE_EQ(measure(r, "in_hospital_at_end"), 0);
}

// One P0 patient: in Monday 10:00, home Tuesday 10:00; readmitted for sure 5
// days later (Sunday 10:00) as a P2 stay of 2 days, home Tuesday 10:00, and
// P2 is never readmitted. Acute bed days 1 + 2; 2 of them the readmission's.
TEST(Readmission, ANewStayWithItsBedDays) {
  Scenario s = empty_scenario(28);
  s.cohorts = {model::Cohort{"minor", 1.0, Pathway::P0, engine::Distribution::constant(1)},
               model::Cohort{"returning", 0.0, Pathway::P2, engine::Distribution::constant(2)}};
  s.transitions = {{"P0", "home", 1}, {"P2", "home", 1}};
  s.readmission.probability = {1, 0, 0, 0};
  s.readmission.time_days = engine::Distribution::constant(5);
  s.readmission.cohort = 1;
  s.fixed_admissions = {FixedAdmission{kMondayTen, 0, 1}};
  const auto r = run_once(s);
  EXPECT_DOUBLE_EQ(measure(r, "admissions"), 1);
  EXPECT_DOUBLE_EQ(measure(r, "readmissions"), 1);
  EXPECT_DOUBLE_EQ(measure(r, "readmissions.after_discharge"), 1);
  EXPECT_DOUBLE_EQ(measure(r, "discharges"), 2);
  EXPECT_DOUBLE_EQ(measure(r, "discharges.pathway.P2"), 1);
  EXPECT_NEAR(measure(r, "acute_bed_days"), 3, 1e-9);
  EXPECT_NEAR(measure(r, "readmissions.acute_bed_days"), 2, 1e-9);
  EXPECT_NEAR(measure(r, "cost_acute"), 3 * 400, 1e-6);
}

// Deaths are never readmitted, and a readmission's own patient can be
// readmitted in turn (here every P0 stay is, every 3 days, for 28 days).
TEST(Readmission, ChainsUntilTheEndButNotAfterDeath) {
  Scenario s = empty_scenario(28);
  s.exits = {"home", "died"};
  s.cohorts[0].pathway = Pathway::P0;
  s.transitions = {{"P0", "home", 1}};
  s.readmission.probability = {1, 0, 0, 0};
  s.readmission.time_days = engine::Distribution::constant(2);
  s.readmission.cohort = 0;
  s.fixed_admissions = {FixedAdmission{kMondayTen, 0, 1}};
  // Stays of 1 day, 2 days apart: stays begin at days 0, 3, 6, ..., 27 (10 stays).
  const auto chain = run_once(s);
  EXPECT_DOUBLE_EQ(measure(chain, "readmissions"), 9);
  s.transitions = {{"P0", "died", 1}};
  const auto dead = run_once(s);
  EXPECT_DOUBLE_EQ(measure(dead, "readmissions"), 0);
}

}  // namespace
}  // namespace homeward::testing
