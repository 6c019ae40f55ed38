// The starting census of bed services (initial_occupied): occupants leave
// after the remaining time of a stay in progress, and take beds from patients
// until they do.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "sim/model/simulation.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

using model::Agency;
using model::FixedAdmission;
using model::Reason;

Scenario care_home_scenario(int beds, int occupied, engine::Distribution stay, int duration_days) {
  Scenario s = empty_scenario(duration_days);
  ServiceConfig home = service("care_home", ServiceKind::beds, Reason::D_i, Agency::social_care);
  home.beds = beds;
  home.initial_occupied = occupied;
  home.duration_days = std::move(stay);
  s.services = {home};
  s.transitions = {{"P1", "care_home", 1}, {"care_home", "home", 1}};
  return s;
}

// 1,000 occupants of stays that are Gamma(mean 10, sd 5), i.e. shape 4, scale
// 2.5, and no admissions, over 100 days. A stay in progress is Gamma(5, 2.5)
// (mean 12.5) and its remaining time is uniform within it: mean 6.25, variance
// E[U²]E[G²] − 6.25² = (31.25 + 156.25)/3 − 39.0625 = 23.4375. So the
// utilisation is 6.25 · 1000 / (1000 · 100) = 0.0625 with a standard error of
// √(23.4375 / 1000) / 100 = 0.00153. Fresh stays (mean 10) would give 0.1.
TEST(Census, OccupantsLeaveAfterTheRemainingTimeOfAStayInProgress) {
  const auto r = run_once(care_home_scenario(1000, 1000, engine::Distribution::gamma_from_mean_sd(10, 5), 100));
  EXPECT_NEAR(measure(r, "service.care_home.utilisation"), 0.0625, 3 * 0.00153);
  EXPECT_EQ(measure(r, "service.care_home.starts"), 0);
  EXPECT_EQ(measure(r, "admissions"), 0);
}

// Constant stays of 10 days: remaining times uniform on (0, 10), so over the
// first 10 days the beds are half used on average (standard error
// (10/√12)/√1000/10 = 0.00913).
TEST(Census, ConstantStaysEmptyTheBedsLinearly) {
  const auto r = run_once(care_home_scenario(1000, 1000, engine::Distribution::constant(10), 10));
  EXPECT_NEAR(measure(r, "service.care_home.utilisation"), 0.5, 3 * 0.00913);
}

// Two beds, both taken at the start by stays of 30 days: a patient fit on day
// 1 waits in the acute bed (reason D_i) until the first occupant leaves; with
// an empty census the patient is admitted to the care home at once.
TEST(Census, OccupiedBedsMakePatientsWait) {
  Scenario full = care_home_scenario(2, 2, engine::Distribution::constant(30), 40);
  full.fixed_admissions = {FixedAdmission{0.5, 0, 0.5}};
  Scenario empty = full;
  empty.services[0].initial_occupied = 0;
  const auto waited = run_once(full);
  const auto at_once = run_once(empty);
  EXPECT_DOUBLE_EQ(measure(at_once, "delayed_bed_days"), 0);
  EXPECT_GT(measure(waited, "delayed_bed_days.reason.D_i"), 0);
  EXPECT_LT(measure(waited, "delayed_bed_days.reason.D_i"), 30);
  EXPECT_EQ(measure(waited, "service.care_home.starts"), 1);
}

}  // namespace
}  // namespace homeward::testing

namespace homeward::testing {
namespace {

// One patient fit and waiting for the social work team (Monday to Friday
// 9-17) when the run starts, Monday 1 April 2019 00:00: assessed at 09:00,
// delayed 9 hours (reason A), discharged; not an admission, but in hospital
// at the start, so the patients still balance.
TEST(AcuteCensus, AWaitingPatientQueuesForTheirServiceAtTheStart) {
  Scenario s = weekday_assessment_scenario();
  s.acute_census = {model::AcuteCensus{0, 1, 0}};
  const auto r = run_once(s);
  EXPECT_EQ(measure(r, "admissions"), 0);
  EXPECT_EQ(measure(r, "in_hospital_at_start"), 1);
  EXPECT_EQ(measure(r, "discharges"), 1);
  EXPECT_NEAR(measure(r, "delay_days_mean"), 9 * kHour, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.A"), 9 * kHour, 1e-9);
  EXPECT_EQ(measure(r, "service.social_work.starts"), 1);
}

// A census keeps common random numbers: admitted patients keep their serial
// numbers, so their streams, cohorts and times to MFFD are those of the run
// without the census (checked on the per-patient records).
TEST(AcuteCensus, AdmittedPatientsDrawTheSameWithOrWithoutACensus) {
  Scenario without = mixed_scenario();
  without.warmup_days = 0;  // so the census patients are discharged in the measured period and recorded
  Scenario with = without;
  with.acute_census = {model::AcuteCensus{0, 25, -1}, model::AcuteCensus{0, 3, 0}};
  std::vector<model::PatientRecord> plain_rows, census_rows;
  const model::PreparedScenario plain(std::move(without)), census(std::move(with));
  model::simulate(plain, 5, 0, &plain_rows);
  model::simulate(census, 5, 0, &census_rows);
  std::map<std::uint64_t, const model::PatientRecord*> admitted;
  for (const auto& row : plain_rows) admitted[row.patient] = &row;
  std::size_t compared = 0, census_patients = 0;
  for (const auto& row : census_rows) {
    if (row.patient >= model::kCensusSerials) {
      ++census_patients;
      continue;
    }
    const auto found = admitted.find(row.patient);
    if (found == admitted.end()) continue;  // discharged in one run, still in hospital in the other
    EXPECT_EQ(row.cohort, found->second->cohort) << row.patient;
    EXPECT_EQ(row.admitted, found->second->admitted) << row.patient;
    EXPECT_EQ(row.mffd, found->second->mffd) << row.patient;
    ++compared;
  }
  EXPECT_GT(compared, 1000u);
  EXPECT_GT(census_patients, 0u);
}

// 2,000 patients not yet fit, of a cohort whose time to MFFD is 4 days:
// each one's remaining time is uniform on (0, 4), so they occupy 2000 · 2 =
// 4,000 bed days (standard error √(2000 · 16/12) = 51.6) and all leave.
TEST(AcuteCensus, PatientsNotYetFitStayTheRemainingTimeOfAStayInProgress) {
  Scenario s = empty_scenario(10);
  s.cohorts[0].time_to_mffd_days = engine::Distribution::constant(4);
  s.transitions = {{"P1", "home", 1}};
  s.acute_census = {model::AcuteCensus{0, 2000, -1}};
  const auto r = run_once(s);
  EXPECT_EQ(measure(r, "in_hospital_at_start"), 2000);
  EXPECT_EQ(measure(r, "discharges"), 2000);
  EXPECT_EQ(measure(r, "admissions"), 0);
  EXPECT_EQ(measure(r, "in_hospital_at_end"), 0);
  EXPECT_NEAR(measure(r, "acute_bed_days"), 4000, 3 * 51.6);
  EXPECT_EQ(measure(r, "delayed_bed_days"), 0);
}

}  // namespace
}  // namespace homeward::testing
