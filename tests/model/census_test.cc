// The starting census of bed services (initial_occupied): occupants leave
// after the remaining time of a stay in progress, and take beds from patients
// until they do.
#include <gtest/gtest.h>

#include <cmath>

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
