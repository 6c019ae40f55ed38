// Patient heterogeneity and processes that run side by side, on cases small
// enough to work out by hand: complexity scaling a process time, a process run
// alongside the rest of the route, thinner weekend ward rounds, and a
// bridge's referral criteria.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/model/simulation.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

using model::Agency;
using model::FixedAdmission;
using model::Reason;

// Monday 2019-04-01 10:00, fit a day later (Tuesday 10:00, no ward rounds).
constexpr double kMondayTen = 10 * kHour;

Scenario one_process(double days, double complexity, bool scales) {
  Scenario s = empty_scenario(28);
  s.cohorts[0].complexity = engine::Distribution::constant(complexity);
  ServiceConfig housing = service("housing", ServiceKind::delay, Reason::I, Agency::nhs);
  housing.duration_days = engine::Distribution::constant(days);
  housing.scales_with_complexity = scales;
  s.services = {housing};
  s.transitions = {{"P1", "housing", 1}, {"housing", "home", 1}};
  s.fixed_admissions = {FixedAdmission{kMondayTen, 0, 1}};
  return s;
}

// A process of 2 days for a patient of complexity 3 takes 6 days where the
// service scales with complexity, and 2 where it does not.
TEST(Complexity, MultipliesTheDurationsOfServicesThatScale) {
  const auto scaled = run_once(one_process(2, 3, true));
  EXPECT_NEAR(measure(scaled, "delay_days_mean"), 6, 1e-9);
  EXPECT_NEAR(measure(scaled, "delayed_bed_days.reason.I"), 6, 1e-9);
  const auto plain = run_once(one_process(2, 3, false));
  EXPECT_NEAR(measure(plain, "delay_days_mean"), 2, 1e-9);
}

// Complexity is drawn once per patient from a stream of its own: the same
// patients get the same complexity whatever the services do.
TEST(Complexity, DrawnPerPatientTheSameInEveryScenario) {
  Scenario a = one_process(1, 1, true);
  a.cohorts[0].complexity = engine::Distribution::mixture(
      {engine::Distribution::constant(1), engine::Distribution::constant(10)}, {0.5, 0.5});
  a.fixed_admissions.clear();
  for (int i = 0; i < 400; ++i) a.fixed_admissions.push_back(FixedAdmission{i * 0.01, 0, 1});
  a.duration_days = 40;
  Scenario b = a;
  b.services[0].duration_days = engine::Distribution::constant(2);
  model::PreparedScenario pa(a), pb(b);
  std::vector<model::PatientRecord> ra, rb;
  model::simulate(pa, 3, 0, &ra);
  model::simulate(pb, 3, 0, &rb);
  ASSERT_EQ(ra.size(), 400u);
  ASSERT_EQ(rb.size(), 400u);
  int complex = 0;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    // Each patient's delay is 1 or 10 in a, and exactly twice that in b.
    const double da = ra[i].delay_days, db = rb[i].delay_days;
    ASSERT_TRUE(std::fabs(da - 1) < 1e-9 || std::fabs(da - 10) < 1e-9) << da;
    EXPECT_NEAR(db, 2 * da, 1e-9);
    complex += da > 5;
  }
  EXPECT_NEAR(complex / 400.0, 0.5, 4 * std::sqrt(0.25 / 400));
}

// P1: equipment (F, 3 days, alongside) then a social work assessment taking
// 1 day. The assessment ends after 1 day; the equipment holds the patient 2
// more: a 3-day delay, 1 day A (while both ran, the assessment is what they
// waited for), 2 days F.
TEST(Alongside, TheLaterOfTheParallelProcessesHoldsThePatient) {
  auto build = [](double equipment_days) {
    Scenario s = empty_scenario(28);
    ServiceConfig equipment = service("equipment", ServiceKind::delay, Reason::F, Agency::nhs);
    equipment.duration_days = engine::Distribution::constant(equipment_days);
    equipment.alongside = true;
    ServiceConfig assess = service("social_work", ServiceKind::assessment, Reason::A, Agency::social_care);
    assess.duration_days = engine::Distribution::constant(1);
    s.services = {equipment, assess};
    s.transitions = {{"P1", "equipment", 1}, {"equipment", "social_work", 1}, {"social_work", "home", 1}};
    s.fixed_admissions = {FixedAdmission{kMondayTen, 0, 1}};
    return s;
  };
  const auto r = run_once(build(3));
  EXPECT_NEAR(measure(r, "delay_days_mean"), 3, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.A"), 1, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.F"), 2, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.waiting.process"), 3, 1e-9);
  // Equipment in half a day: the assessment alone decides.
  const auto quick = run_once(build(0.5));
  EXPECT_NEAR(measure(quick, "delay_days_mean"), 1, 1e-9);
  EXPECT_NEAR(measure(quick, "delayed_bed_days.reason.F"), 0, 1e-9);
  // In sequence (not alongside) the two would add up.
  Scenario serial = build(3);
  serial.services[0].alongside = false;
  EXPECT_NEAR(measure(run_once(serial), "delay_days_mean"), 4, 1e-9);
}

// A package found at once, equipment (alongside) still 2 days away: the
// package is reserved and the patient waits for the equipment, reason F.
TEST(Alongside, AReservedPackageWaitsForTheProcess) {
  Scenario s = empty_scenario(28);
  ServiceConfig equipment = service("equipment", ServiceKind::delay, Reason::F, Agency::nhs);
  equipment.duration_days = engine::Distribution::constant(2);
  equipment.alongside = true;
  ServiceConfig care = service("home_care", ServiceKind::package, Reason::E, Agency::social_care);
  care.duration_days = engine::Distribution::constant(10);
  s.services = {equipment, care};
  s.transitions = {{"P1", "equipment", 1}, {"equipment", "home_care", 1}, {"home_care", "home", 1}};
  s.fixed_admissions = {FixedAdmission{kMondayTen, 0, 1}};
  const auto r = run_once(s);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.F"), 2, 1e-9);
  EXPECT_NEAR(measure(r, "delayed_bed_days.reason.E"), 0, 1e-9);
  EXPECT_DOUBLE_EQ(measure(r, "service.home_care.starts"), 1);
}

// Everyone fit at 03:00 on Saturday 2019-04-06; ward rounds 08-14 every day,
// but a weekend round declares only half of those waiting. Declared: half on
// Saturday, a quarter on Sunday, a quarter on Monday.
TEST(WardRounds, AThinRoundDeclaresItsShare) {
  Scenario s = empty_scenario(28);
  s.cohorts[0].pathway = model::Pathway::P0;
  engine::WeeklySchedule rounds;
  for (int d = 0; d < engine::kDayTypes; ++d)
    rounds.set_day(d, {engine::ScheduleWindow{8, 14, engine::WeeklySchedule::kUnlimited, d >= 5 && d <= 6 ? 0.5 : 1}});
  s.cohorts[0].mffd_declared = rounds;
  s.transitions = {{"P0", "home", 1}};
  const int n = 4000;
  for (int i = 0; i < n; ++i) s.fixed_admissions.push_back(FixedAdmission{5 + 3 * kHour - 1, 0, 1});
  model::PreparedScenario prepared(s);
  std::vector<model::PatientRecord> records;
  model::simulate(prepared, 1, 0, &records);
  ASSERT_EQ(records.size(), static_cast<std::size_t>(n));
  int saturday = 0, sunday = 0, monday = 0;
  for (const auto& r : records) {
    if (std::fabs(r.mffd - (5 + 8 * kHour)) < 1e-9) ++saturday;
    else if (std::fabs(r.mffd - (6 + 8 * kHour)) < 1e-9) ++sunday;
    else if (std::fabs(r.mffd - (7 + 8 * kHour)) < 1e-9) ++monday;
  }
  EXPECT_EQ(saturday + sunday + monday, n);
  EXPECT_NEAR(saturday / double(n), 0.5, 4 * std::sqrt(0.25 / n));
  EXPECT_NEAR(sunday / double(n), 0.25, 4 * std::sqrt(0.1875 / n));
  EXPECT_NEAR(monday / double(n), 0.25, 4 * std::sqrt(0.1875 / n));
}

// Patients wait for home care that starts only on Sundays; a bridge with
// plenty of slots would take every one. Its referral criteria take fewer.
Scenario bridged(double eligible_share, double max_complexity) {
  Scenario s = empty_scenario(28);
  ServiceConfig care = service("home_care", ServiceKind::package, Reason::E, Agency::social_care);
  care.schedule = engine::WeeklySchedule();
  care.schedule.set_day(6, {engine::ScheduleWindow{9, 17, engine::WeeklySchedule::kUnlimited}});
  care.duration_days = engine::Distribution::constant(5);
  ServiceConfig hart = service("hart", ServiceKind::bridge, Reason::E, Agency::social_care);
  hart.slots = 10000;
  hart.bridges = {"home_care"};
  hart.duration_days = engine::Distribution::constant(0.01);
  hart.max_days = 30;
  hart.eligible_share = eligible_share;
  hart.max_complexity = max_complexity;
  s.services = {care, hart};
  s.transitions = {{"P1", "home_care", 1}, {"home_care", "home", 1}};
  for (int i = 0; i < 2000; ++i) s.fixed_admissions.push_back(FixedAdmission{kMondayTen + i * 1e-4, 0, 1});
  return s;
}

TEST(BridgeCriteria, EligibleShareAndComplexityLimitWhoIsBridged) {
  EXPECT_DOUBLE_EQ(measure(run_once(bridged(1, 1e9)), "service.hart.starts"), 2000);
  EXPECT_DOUBLE_EQ(measure(run_once(bridged(0, 1e9)), "service.hart.starts"), 0);
  EXPECT_DOUBLE_EQ(measure(run_once(bridged(1, 0.5)), "service.hart.starts"), 0);  // complexity 1 > 0.5
  const double half = measure(run_once(bridged(0.3, 1e9)), "service.hart.starts");
  EXPECT_NEAR(half / 2000, 0.3, 4 * std::sqrt(0.21 / 2000));
}

}  // namespace
}  // namespace homeward::testing
