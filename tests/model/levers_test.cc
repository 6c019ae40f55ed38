// The High Impact Change levers: hand-checkable cases, and on a small system
// each lever moves its measures the expected way with a paired 95% CI that
// excludes zero (common random numbers make the comparison paired).
#include <gtest/gtest.h>

#include <cmath>

#include "sim/model/simulation.h"
#include "sim/model/summary.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

using model::Agency;
using model::FixedAdmission;
using model::Reason;

std::vector<model::ReplicationResult> replicate(Scenario s, int n, std::uint64_t seed = 11) {
  model::PreparedScenario prepared(std::move(s));
  std::vector<model::ReplicationResult> reps;
  for (int r = 0; r < n; ++r) reps.push_back(model::simulate(prepared, seed, static_cast<std::uint32_t>(r)));
  return reps;
}

model::Statistics paired(const std::vector<model::ReplicationResult>& base,
                         const std::vector<model::ReplicationResult>& other, const std::string& name) {
  for (const auto& d : model::paired_differences(base, other))
    if (d.name == name) return d.statistics;
  throw std::runtime_error("no difference for " + name);
}

ServiceConfig weekday_package() {
  ServiceConfig care = service("home_care", ServiceKind::package, Reason::E, Agency::social_care);
  care.schedule = weekday_hours(9, 17, WeeklySchedule::kUnlimited);
  care.duration_days = engine::Distribution::constant(10);
  return care;
}

ServiceConfig hart(int slots, double max_days) {
  ServiceConfig b = service("hart", ServiceKind::bridge, Reason::E, Agency::social_care);
  b.slots = slots;
  b.max_days = max_days;
  b.bridges = {"home_care"};
  b.duration_days = engine::Distribution::constant(0);
  return b;
}

Scenario p1_package_scenario() {
  Scenario s = empty_scenario(21);
  s.services = {weekday_package()};
  s.transitions = {{"P1", "home_care", 1}, {"home_care", "home", 1}};
  return s;
}

// Fit on Friday 18:00; home care starts only on weekdays 9-17. With a bridge
// the patient goes home at once and the package starts on Monday at 09:00.
TEST(Bridging, FridayEveningPatientGoesHomeIntoBridging) {
  Scenario s = p1_package_scenario();
  s.fixed_admissions = {FixedAdmission{4 + 10 * kHour, 0, 8 * kHour}};
  const auto without = run_once(s);
  EXPECT_NEAR(measure(without, "delayed_bed_days.reason.E"), 2 + 15 * kHour, 1e-9);

  s.services.push_back(hart(5, 3));
  const auto with = run_once(s);
  EXPECT_NEAR(measure(with, "delayed_bed_days"), 0, 1e-12);
  EXPECT_DOUBLE_EQ(measure(with, "service.hart.starts"), 1);
  EXPECT_NEAR(measure(with, "service.hart.bridging_days"), 2 + 15 * kHour, 1e-9);
  EXPECT_DOUBLE_EQ(measure(with, "service.hart.overruns"), 0);
  EXPECT_DOUBLE_EQ(measure(with, "service.home_care.starts"), 1);
  EXPECT_DOUBLE_EQ(measure(with, "exits.home"), 1);
}

// Unlimited bridging slots, a 72-hour limit and packages that always start
// within 72 hours (the longest gap, Friday 17:00 to Monday 09:00, is 64
// hours): no patient waits in hospital for a package, and nobody overruns.
TEST(Bridging, UnlimitedSlotsMeanNoHospitalWaitForPackages) {
  Scenario s = p1_package_scenario();
  s.duration_days = 90;
  s.admissions.mean_per_weekday.fill(6);
  s.cohorts[0].time_to_mffd_days = engine::Distribution::exponential(3);
  s.services.push_back(hart(100000, 3));
  const auto r = run_once(s);
  EXPECT_GT(measure(r, "service.hart.starts"), 300);
  EXPECT_DOUBLE_EQ(measure(r, "delayed_bed_days.reason.E"), 0);
  EXPECT_DOUBLE_EQ(measure(r, "service.hart.overruns"), 0);
  EXPECT_DOUBLE_EQ(measure(r, "delay_days_p95"), 0);
}

// A one-day limit with the readmit policy at probability 1: bridged on Friday
// 18:00, readmitted on Saturday 18:00, discharged again when the package
// starts on Monday 09:00 (1 day 15 hours delayed, the second time).
TEST(Bridging, OverrunWithReadmitPolicyReadmits) {
  Scenario s = p1_package_scenario();
  s.fixed_admissions = {FixedAdmission{4 + 10 * kHour, 0, 8 * kHour}};
  ServiceConfig b = hart(5, 1);
  b.overrun = model::OverrunPolicy::readmit;
  b.readmission_probability = 1;
  s.services.push_back(b);
  const auto r = run_once(s);
  EXPECT_DOUBLE_EQ(measure(r, "service.hart.overruns"), 1);
  EXPECT_DOUBLE_EQ(measure(r, "readmissions"), 1);
  EXPECT_DOUBLE_EQ(measure(r, "discharges"), 2);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.E"), 1 + 15 * kHour, 1e-9);
  EXPECT_NEAR(measure(r, "service.hart.bridging_days"), 1, 1e-9);
  EXPECT_DOUBLE_EQ(measure(r, "in_hospital_at_start") + measure(r, "admissions") + measure(r, "readmissions"),
                   measure(r, "discharges") + measure(r, "in_hospital_at_end"));
}

// Seven-day assessment: a patient fit on Saturday at 08:00 is assessed on
// Saturday at 09:00; with Monday-to-Friday working they wait until Monday.
TEST(SevenDay, SaturdayMorningPatientIsAssessedOnSaturday) {
  Scenario s = weekday_assessment_scenario();
  s.fixed_admissions = {FixedAdmission{5 + 1 * kHour, 0, 7 * kHour}};  // Saturday 2019-04-06
  EXPECT_NEAR(measure(run_once(s), "delay_days_mean"), 2 + 1 * kHour, 1e-9);
  s.services[0].schedule.set_day(5, {engine::ScheduleWindow{9, 17, 10}});
  s.services[0].schedule.set_day(6, {engine::ScheduleWindow{9, 17, 10}});
  EXPECT_NEAR(measure(run_once(s), "delay_days_mean"), 1 * kHour, 1e-9);
}

// Trusted assessor: the care home's own assessor comes on weekdays only; a
// seven-day trusted assessor assesses on Saturday and, when accepted, the
// care home admits at once. When not accepted, the own assessment follows.
TEST(TrustedAssessor, AcceptedAssessmentSkipsTheProvidersOwn) {
  Scenario s = empty_scenario(14);
  ServiceConfig own = service("home_assessment", ServiceKind::assessment, Reason::D_i, Agency::social_care);
  own.schedule = weekday_hours(10, 16, 5);
  ServiceConfig team = service("trusted_team", ServiceKind::assessment, Reason::A, Agency::nhs);
  team.schedule = WeeklySchedule::always_open();
  ServiceConfig home = service("care_home", ServiceKind::beds, Reason::D_i, Agency::social_care);
  home.beds = 10;
  home.duration_days = engine::Distribution::constant(100);
  s.services = {own, home};  // a team acting for no service would fail validation (no routes)
  s.exits = {"home", "placed"};
  s.cohorts[0].pathway = model::Pathway::P3;
  s.transitions = {{"P3", "home_assessment", 1}, {"home_assessment", "care_home", 1}, {"care_home", "placed", 1}};
  s.fixed_admissions = {FixedAdmission{5 + 1 * kHour, 0, 8 * kHour}};  // fit Saturday 09:00
  EXPECT_NEAR(measure(run_once(s), "delay_days_mean"), 2 + 1 * kHour, 1e-9);  // Monday 10:00

  s.services = {own, team, home};
  s.services[0].trusted_assessor = "trusted_team";
  s.services[0].acceptance_probability = 1;
  const auto accepted = run_once(s);
  EXPECT_NEAR(measure(accepted, "delay_days_mean"), 0, 1e-12);
  EXPECT_DOUBLE_EQ(measure(accepted, "service.home_assessment.trusted_accepted"), 1);
  EXPECT_DOUBLE_EQ(measure(accepted, "service.home_assessment.starts"), 0);

  s.services[0].acceptance_probability = 0;
  const auto refused = run_once(s);
  EXPECT_NEAR(measure(refused, "delay_days_mean"), 2 + 1 * kHour, 1e-9);
  EXPECT_DOUBLE_EQ(measure(refused, "service.trusted_team.starts"), 1);
  EXPECT_DOUBLE_EQ(measure(refused, "service.home_assessment.starts"), 1);
}

// Early planning with an exact EDD and a two-day lead: the assessment is done
// before MFFD, so the patient leaves when fit.
TEST(EarlyPlanning, ExactEddRemovesTheAssessmentWait) {
  Scenario s = weekday_assessment_scenario();
  s.services[0].duration_days = engine::Distribution::constant(0.25);
  s.fixed_admissions = {FixedAdmission{0 + 10 * kHour, 0, 4 + 7 * kHour}};  // fit Friday 17:00
  EXPECT_NEAR(measure(run_once(s), "delay_days_mean"), 2 + 16 * kHour + 0.25, 1e-9);
  s.early_planning = {true, 2, 0, 0, 0};  // EDD set on admission, exact, referral 2 days ahead
  EXPECT_NEAR(measure(run_once(s), "delay_days_mean"), 0, 1e-12);
}

// Home first moves every P3 patient to P1 and places none later: nobody waits
// for a care home, so no D_i delay is left and P1 carries the moved patients.
TEST(HomeFirst, MovedPatientsFollowTheNewPathway) {
  Scenario s = mixed_scenario();
  s.home_first = {1.0, 0, 0, 0, ""};
  const auto r = run_once(s);
  EXPECT_DOUBLE_EQ(measure(r, "delayed_bed_days.pathway.P3"), 0);
  EXPECT_GT(measure(r, "home_first.moved"), 50);
  EXPECT_DOUBLE_EQ(measure(r, "discharges.pathway.P3"), 0);
  // With a later placement share of 1, moved patients enter the care home
  // after their home care ends, out of hospital: P3 still has no delay.
  s.home_first = {1.0, 0, 0, 1.0, "residential_home"};
  const auto later = run_once(s);
  EXPECT_GT(measure(later, "home_first.later_placements"), 0.5 * measure(later, "home_first.moved"));
  EXPECT_LE(measure(later, "home_first.later_placements"), measure(later, "home_first.moved"));
  EXPECT_DOUBLE_EQ(measure(later, "delayed_bed_days.pathway.P3"), 0);
}

// ---- each lever on a small system: the paired 95% CI excludes zero --------

class LeverDirection : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { base_ = new std::vector<model::ReplicationResult>(replicate(mixed_scenario(), 8)); }
  static void TearDownTestSuite() { delete base_; }
  static void expect_decrease(const Scenario& lever, const std::string& measure_name) {
    const auto other = replicate(lever, 8);
    const model::Statistics d = paired(*base_, other, measure_name);
    EXPECT_LT(d.ci95[1], 0) << measure_name << ": mean difference " << d.mean << ", CI [" << d.ci95[0] << ", "
                            << d.ci95[1] << "]";
  }
  static std::vector<model::ReplicationResult>* base_;
};
std::vector<model::ReplicationResult>* LeverDirection::base_ = nullptr;

// Seven-day assessment and package starts. (Assessment alone moves the wait
// from reason A to reason E when packages still start on weekdays only.)
TEST_F(LeverDirection, SevenDayWorkingCutsDelays) {
  Scenario s = mixed_scenario();
  for (int d : {5, 6}) {
    s.services[0].schedule.set_day(d, {engine::ScheduleWindow{9, 17, 9}});
    s.services[1].schedule.set_day(d, {engine::ScheduleWindow{8, 18, 10}});
  }
  expect_decrease(s, "delayed_bed_days.reason.A");
  expect_decrease(s, "delayed_bed_days.reason.E");
  expect_decrease(s, "delayed_bed_days");
}

TEST_F(LeverDirection, BridgingCutsReasonE) {
  Scenario s = mixed_scenario();
  ServiceConfig b = hart(6, 3);
  b.schedule = WeeklySchedule::always_open();
  s.services.push_back(b);
  expect_decrease(s, "delayed_bed_days.reason.E");
  expect_decrease(s, "acute_bed_days");
}

TEST_F(LeverDirection, TrustedAssessorCutsCareHomeWait) {
  Scenario s = mixed_scenario();
  // The care home's own assessment: weekdays, one a day; the trusted team works every day.
  ServiceConfig own = service("home_assessment", ServiceKind::assessment, Reason::D_i, Agency::social_care);
  own.schedule = weekday_hours(10, 16, 1);
  ServiceConfig team = service("trusted_team", ServiceKind::assessment, Reason::A, Agency::nhs);
  team.schedule = WeeklySchedule::always_open(4);
  s.services.push_back(own);
  for (auto& t : s.transitions)
    if (t.from == "choice") t.to = "home_assessment";
  s.transitions.push_back({"home_assessment", "residential_home", 1});
  Scenario with_ta = s;
  with_ta.services.push_back(team);  // in the base it would act for nobody: invalid (no routes)
  with_ta.services[5].trusted_assessor = "trusted_team";
  with_ta.services[5].acceptance_probability = 0.9;
  // Base for this lever is the scenario with the own assessment and no trusted assessor.
  const auto base = replicate(s, 8);
  const auto other = replicate(with_ta, 8);
  const model::Statistics d = paired(base, other, "delayed_bed_days.reason.D_i");
  EXPECT_LT(d.ci95[1], 0) << d.mean;
}

TEST_F(LeverDirection, HomeFirstCutsDelayedBedDays) {
  Scenario s = mixed_scenario();
  s.home_first = {0.5, 0, 0, 0.3, "residential_home"};
  expect_decrease(s, "delayed_bed_days.pathway.P3");
  expect_decrease(s, "delayed_bed_days.reason.D_i");
}

TEST_F(LeverDirection, EarlyPlanningCutsMeanDelay) {
  Scenario s = mixed_scenario();
  s.early_planning = {true, 1.5, 2, 0, 1};
  expect_decrease(s, "delay_days_mean");
}

// Common random numbers: replication r of two scenarios sees the same
// patients, so paired differences vary far less than unpaired ones.
TEST(CommonRandomNumbers, PairedDifferencesVaryFarLessThanUnpaired) {
  Scenario lever = mixed_scenario();
  for (int d : {5, 6}) lever.services[0].schedule.set_day(d, {engine::ScheduleWindow{9, 17, 5}});
  const auto base = replicate(mixed_scenario(), 12, 3);
  const auto paired_other = replicate(lever, 12, 3);
  const auto unpaired_other = replicate(lever, 12, 4);  // other seed: independent patients
  const std::string name = "acute_bed_days";
  const double paired_sd = paired(base, paired_other, name).sd;
  const double unpaired_sd = paired(base, unpaired_other, name).sd;
  EXPECT_LT(paired_sd, 0.25 * unpaired_sd) << "paired " << paired_sd << " unpaired " << unpaired_sd;
  for (std::size_t r = 0; r < base.size(); ++r)
    EXPECT_EQ(measure(base[r], "admissions"), measure(paired_other[r], "admissions"));
}

}  // namespace
}  // namespace homeward::testing
