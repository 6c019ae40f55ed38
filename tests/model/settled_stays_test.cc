// Settled stays (sim/model/replication_settled.cc) against the event path they
// replace. A patient whose pathway goes straight to an exit, with no harm and
// no lever that can move them, has their stay worked out at admission; with
// settle_at_admission(false) the same patients go through events (admission,
// MFFD, leaving) as every patient did before. The two must tell the same
// story patient by patient: every stay's times and delays, every count and,
// up to the order in which sums of equal-time events are added, every measure.
#include <gtest/gtest.h>

#include <string>

#include "support/settled_comparison.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

using engine::WeeklySchedule;
using model::Pathway;

// mixed_scenario with what a settled stay must reproduce: P0 routes to two
// exits (deaths exempt from the window, so leaving at MFFD), a thin weekend
// ward round for P0, readmissions that come back on P0, early planning (which
// moves referrals, not leavings), home first (moving P3 patients only) and
// waiting harms on the other pathways.
Scenario settling_scenario() {
  Scenario s = mixed_scenario();
  s.warmup_days = 20;
  s.duration_days = 90;
  for (auto& t : s.transitions)
    if (t.from == "P0") t.probability = 0.9;
  s.transitions.push_back({"P0", "died", 0.1});
  s.discharge_window.exempt_exits = {"died"};
  s.cohorts[0].mffd_declared = engine::WeeklySchedule();
  for (int d = 0; d < engine::kDayTypes; ++d)
    s.cohorts[0].mffd_declared.set_day(d, {engine::ScheduleWindow{8, 14, engine::WeeklySchedule::kUnlimited, d >= 5 ? 0.6 : 1}});
  s.cohorts.push_back({"readmitted", 0.0, Pathway::P0, engine::Distribution::lognormal_from_mean_sd(5, 4)});
  s.readmission.probability = {0.12, 0.18, 0.16, 0.13};
  s.readmission.cohort = 4;
  s.early_planning.enabled = true;
  s.early_planning.lead_days = 1;
  s.early_planning.error_sd_days = 1;
  s.home_first.p3_to_p1 = 0.3;
  s.harms.death_hazard_per_day = {0, 0.002, 0.004, 0.01};
  s.harms.death_exit = "died";
  return s;
}

TEST(SettledStays, TellTheSameStoryAsTheEventPath) {
  const model::PreparedScenario prepared(settling_scenario());
  for (std::uint32_t rep = 0; rep < 3; ++rep) {
    SCOPED_TRACE("replication " + std::to_string(rep));
    const Outcome settled = run_with(prepared, rep, true);
    const Outcome events = run_with(prepared, rep, false);
    // Settling did happen: each P0 stay that left at once at MFFD had one
    // event (MFFD) and still has one (its leaving), each that waited for the
    // window had two and has one.
    EXPECT_GT(settled.settled, 0u);
    EXPECT_EQ(events.settled, 0u);
    EXPECT_LT(settled.result.events, events.result.events);
    expect_same_story(settled, events);
  }
}

// Fixed admissions (created before the run, all at once) settle too, and a
// pathway with a waiting harm does not: here P0 has a death hazard, so only
// P1, routed straight home, settles.
TEST(SettledStays, FixedAdmissionsAndOnlyHarmlessPathways) {
  Scenario s = mixed_scenario();
  s.warmup_days = 0;
  s.duration_days = 40;
  for (auto& t : s.transitions)
    if (t.from == "P1") t.to = "home";
  s.harms.death_hazard_per_day = {0.01, 0, 0, 0.01};
  s.harms.death_exit = "died";
  for (int i = 0; i < 600; ++i)
    s.fixed_admissions.push_back({i * 0.061, i % 4, (i % 4 == 0 ? 0.0 : 0.37 * (i % 11))});
  // Some arrive together: equal times are admitted in the order created.
  s.fixed_admissions.push_back({5.0, 1, 0.5});
  s.fixed_admissions.push_back({5.0, 1, 0.5});
  const model::PreparedScenario prepared(std::move(s));
  const Outcome settled = run_with(prepared, 0, true);
  const Outcome events = run_with(prepared, 0, false);
  // P1 settles; P0, with its death hazard, does not (its 150 fixed admissions go through events).
  std::uint64_t p1_admissions = 0;
  for (const auto& a : prepared.scenario().fixed_admissions) p1_admissions += a.cohort == 1;
  EXPECT_EQ(settled.settled, p1_admissions);
  expect_same_story(settled, events);
  // And the harm still reaches P0 patients: some die waiting.
  EXPECT_GT(measure(settled.result, "harms.died_while_waiting"), 0);
}

// The instants where an off-by-one would hide: MFFDs exactly at midnight, a
// discharge window that opens at 00:00 (so that patients leave exactly at a
// midnight, which counts them as still delayed at it), leavings exactly at
// the end of the run (not processed: still in hospital), admissions in the
// warm-up's first instant, no time to MFFD at all, and weekends with no
// window, so that some wait days. Fixed admissions put them there by hand.
TEST(SettledStays, MidnightsAndTheEndOfTheRun) {
  Scenario s = empty_scenario(30);
  s.warmup_days = 5;
  s.exits = {"home", "died"};
  s.cohorts = {{"short", 0.5, Pathway::P0, engine::Distribution::constant(1)},
               {"other", 0.5, Pathway::P0, engine::Distribution::constant(1)}};
  s.transitions = {{"P0", "home", 0.8}, {"P0", "died", 0.2}};
  s.discharge_window.schedule = WeeklySchedule();
  for (int d = 0; d < 5; ++d) s.discharge_window.schedule.set_day(d, {engine::ScheduleWindow{0, 6, WeeklySchedule::kUnlimited}});
  s.discharge_window.exempt_exits = {"died"};
  const double to_mffd[] = {0.0, 0.5, 1.0, 2.0, 3.25, 6.0};
  for (int i = 0; i < 420; ++i) {
    const double at = -5.0 + 0.25 * (i / 6);  // every quarter day, midnights included
    s.fixed_admissions.push_back({at, i % 2, to_mffd[i % 6]});
  }
  s.fixed_admissions.push_back({29.0, 0, 1.0});  // MFFD exactly at the end of the run
  s.fixed_admissions.push_back({28.5, 0, 0.5});  // MFFD at a Saturday midnight: waits past the end
  const model::PreparedScenario prepared(std::move(s));
  const Outcome settled = run_with(prepared, 0, true);
  const Outcome events = run_with(prepared, 0, false);
  EXPECT_EQ(settled.settled, prepared.scenario().fixed_admissions.size());
  expect_same_story(settled, events);
  // Patients delayed at a midnight, and patients still in hospital at the end: both happen here.
  double delayed_at_midnights = 0;
  for (const auto& month : settled.result.months)
    for (double d : month.delayed_days) delayed_at_midnights += d;
  EXPECT_GT(delayed_at_midnights, 0);
  EXPECT_GT(measure(settled.result, "in_hospital_at_end"), 0);
}

}  // namespace
}  // namespace homeward::testing
