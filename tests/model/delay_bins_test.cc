// The Discharge Ready Date delay bins of MonthResult, worked out by hand: a
// discharged patient's delay in whole calendar days is the leaving date
// minus the MFFD date, whatever the hours (docs/measures.md).
#include <gtest/gtest.h>

#include <numeric>

#include "sim/model/simulation.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

using model::Agency;
using model::FixedAdmission;
using model::Reason;

// One patient, admitted at `admitted` (days since 2019-04-01 00:00, a
// Monday), fit `to_fit` later, then held by a choice delay of `wait` days
// (none when 0) before going home. 61 days: April and May.
model::ReplicationResult one_patient(double admitted, double to_fit, double wait) {
  Scenario s = empty_scenario(61);
  if (wait > 0) {
    ServiceConfig choice = service("choice", ServiceKind::delay, Reason::G, Agency::both);
    choice.duration_days = engine::Distribution::constant(wait);
    s.services = {choice};
    s.transitions = {{"P1", "choice", 1}, {"choice", "home", 1}};
  } else {
    s.cohorts[0].pathway = model::Pathway::P0;
    s.transitions = {{"P0", "home", 1}};
  }
  s.fixed_admissions = {FixedAdmission{admitted, 0, to_fit}};
  return run_once(s);
}

struct Bins {
  std::array<double, model::kDelayBinCount> discharges{};
  std::array<double, model::kDelayBinCount> days{};
};

Bins month_bins(const model::ReplicationResult& r, std::size_t month) {
  return {r.months.at(month).discharges_by_delay, r.months.at(month).delay_days_by_delay};
}

std::array<double, model::kDelayBinCount> only(int bin, double value) {
  std::array<double, model::kDelayBinCount> out{};
  out[static_cast<std::size_t>(bin)] = value;
  return out;
}

TEST(DelayBins, BinEdgesAreTheDrdReturns) {
  // 0, 1, 2-3, 4-6, 7-13, 14-20, 21+.
  const int expected[] = {0, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 6, 6};
  for (int d = 0; d < 23; ++d) EXPECT_EQ(model::delay_bin(d), expected[d]) << d;
  EXPECT_EQ(model::delay_bin(400), 6);
  EXPECT_STREQ(model::kDelayBinNames[6], "21plus");
}

// Fit Monday 23:00, leaves Tuesday 01:00: two hours, but a 1-day delay.
TEST(DelayBins, OvernightTwoHoursIsOneDay) {
  const auto r = one_patient(0 + 22 * kHour, 1 * kHour, 2 * kHour);
  ASSERT_EQ(r.months.size(), 2u);
  EXPECT_EQ(month_bins(r, 0).discharges, only(1, 1));
  EXPECT_EQ(month_bins(r, 0).days, only(1, 1));
}

// Fit Monday 01:00, leaves Monday 22:00: 21 hours on the same date, 0 days.
TEST(DelayBins, SameDateIsZeroDays) {
  const auto r = one_patient(0, 1 * kHour, 21 * kHour);
  EXPECT_EQ(month_bins(r, 0).discharges, only(0, 1));
  EXPECT_EQ(month_bins(r, 0).days, only(0, 0));
}

// No wait at all: leaves at the moment of MFFD.
TEST(DelayBins, NoWaitIsZeroDays) {
  const auto r = one_patient(3 + 9 * kHour, 2 * kHour, 0);
  EXPECT_EQ(month_bins(r, 0).discharges, only(0, 1));
  EXPECT_DOUBLE_EQ(r.months[0].discharges, 1);
}

// Fit Tuesday 2 April 10:00, waits 20 days 13 hours: leaves Monday 22 April
// 23:00, a 20-day delay (14-20) although it lasted longer than 20.5 days.
TEST(DelayBins, TwentyDaysThirteenHoursIsTwentyDays) {
  const auto r = one_patient(1 + 8 * kHour, 2 * kHour, 20 + 13 * kHour);
  EXPECT_EQ(month_bins(r, 0).discharges, only(5, 1));
  EXPECT_EQ(month_bins(r, 0).days, only(5, 20));
}

// Fit Tuesday 2 April 23:00, waits 20 days 2 hours: leaves Tuesday 23 April
// 01:00, 21 days by date (21+).
TEST(DelayBins, TwentyDaysTwoHoursAcrossMidnightIsTwentyOne) {
  const auto r = one_patient(1 + 22 * kHour, 1 * kHour, 20 + 2 * kHour);
  EXPECT_EQ(month_bins(r, 0).discharges, only(6, 1));
  EXPECT_EQ(month_bins(r, 0).days, only(6, 21));
}

// Fit Tuesday 30 April 22:00, waits 3 hours: discharged on 1 May, so May
// counts it, with a 1-day delay; April has no discharge.
TEST(DelayBins, CountedInTheMonthOfLeaving) {
  const auto r = one_patient(29 + 20 * kHour, 2 * kHour, 3 * kHour);
  ASSERT_EQ(r.months.size(), 2u);
  EXPECT_EQ(month_bins(r, 0).discharges, only(0, 0));
  EXPECT_EQ(month_bins(r, 1).discharges, only(1, 1));
  EXPECT_EQ(month_bins(r, 1).days, only(1, 1));
}

// On a busy scenario, every discharge lands in exactly one bin, and the
// days of a bin lie within its edges times its discharges.
TEST(DelayBins, EveryDischargeInOneBin) {
  const auto r = run_once(mixed_scenario());
  double discharges = 0;
  const double lowest[] = {0, 1, 2, 4, 7, 14, 21};
  const double highest[] = {0, 1, 3, 6, 13, 20, 1e9};
  for (const model::MonthResult& m : r.months) {
    EXPECT_DOUBLE_EQ(std::accumulate(m.discharges_by_delay.begin(), m.discharges_by_delay.end(), 0.0), m.discharges);
    for (int b = 0; b < model::kDelayBinCount; ++b) {
      EXPECT_GE(m.delay_days_by_delay[b], lowest[b] * m.discharges_by_delay[b]);
      EXPECT_LE(m.delay_days_by_delay[b], highest[b] * m.discharges_by_delay[b]);
    }
    discharges += m.discharges;
  }
  EXPECT_DOUBLE_EQ(discharges, measure(r, "discharges"));
  EXPECT_GT(discharges, 100);
}

}  // namespace
}  // namespace homeward::testing
