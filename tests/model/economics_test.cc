// The economic measures of a compared scenario (sim/model/economics.h),
// checked by hand: net saving replication by replication, and the two ratios
// of means with Fieller's interval, whose ends are exactly the ratios R at
// which the paired values y − R·x have a t statistic of ±t(0.975, n − 1).
#include "sim/model/economics.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace homeward::model {
namespace {

ReplicationResult replication(double acute_bed_days, double cost_services, double cost_total) {
  ReplicationResult r;
  r.measures = {{"acute_bed_days", acute_bed_days}, {"cost_services", cost_services}, {"cost_total", cost_total}};
  return r;
}

ScalarTable table(const std::vector<ReplicationResult>& rows) {
  ScalarTable t;
  for (const auto& r : rows) t.append(r);
  return t;
}

const DifferenceSummary& find(const std::vector<DifferenceSummary>& d, std::string_view name) {
  for (const auto& x : d)
    if (x.name == name) return x;
  throw std::runtime_error("no " + std::string(name));
}

// The t statistic of the mean of y − R·x.
double t_statistic(const std::vector<double>& y, const std::vector<double>& x, double R) {
  std::vector<double> d;
  for (std::size_t i = 0; i < y.size(); ++i) d.push_back(y[i] - R * x[i]);
  const Statistics s = summarise(d);
  return s.mean / (s.sd / std::sqrt(static_cast<double>(d.size())));
}

TEST(Economics, RatioWithAFixedDenominatorIsTheNumeratorsIntervalScaled) {
  // x is the same in every replication (staffed costs only): Fieller's
  // interval is the mean of y's t interval divided by x.
  const RatioEstimate r = ratio_of_means({1, 2, 3, 4}, {2, 2, 2, 2});
  const double t = boost::math::quantile(boost::math::students_t(3), 0.975);
  const double half = t * std::sqrt(5.0 / 3.0) / 2;  // sd of 1..4 is sqrt(5/3); over sqrt(4)
  EXPECT_DOUBLE_EQ(r.value, 1.25);
  EXPECT_NEAR(r.low, (2.5 - half) / 2, 1e-12);
  EXPECT_NEAR(r.high, (2.5 + half) / 2, 1e-12);
}

TEST(Economics, FiellersEndsAreWhereTheTTestTurns) {
  const std::vector<double> y = {120, 135, 98, 150, 141, 110}, x = {10, 12, 9, 13, 11, 10};
  const RatioEstimate r = ratio_of_means(y, x);
  EXPECT_NEAR(r.value, (754.0 / 6) / (65.0 / 6), 1e-12);
  const double t = boost::math::quantile(boost::math::students_t(5), 0.975);
  EXPECT_NEAR(t_statistic(y, x, r.low), t, 1e-9);
  EXPECT_NEAR(t_statistic(y, x, r.high), -t, 1e-9);
  EXPECT_LT(r.low, r.value);
  EXPECT_GT(r.high, r.value);
}

TEST(Economics, ADenominatorNotClearlyAwayFromZeroHasNoBoundedInterval) {
  const RatioEstimate r = ratio_of_means({5, 6, 4, 5}, {1, -1, 2, -1.5});
  EXPECT_DOUBLE_EQ(r.value, 5 / 0.125);
  EXPECT_TRUE(std::isnan(r.low));
  EXPECT_TRUE(std::isnan(r.high));
  EXPECT_TRUE(std::isnan(ratio_of_means({1, 2}, {1, -1}).value));  // x̄ = 0
  const RatioEstimate one = ratio_of_means({3}, {2});
  EXPECT_EQ(one.low, 1.5);
  EXPECT_EQ(one.high, 1.5);
}

TEST(Economics, NetSavingCostPerBedDaySavedAndReturnByHand) {
  // Base and lever, three paired replications. The lever saves 100, 120 and
  // 80 acute bed days (£400 each) and spends 20,000 more on services in each.
  const ScalarTable base = table({replication(1000, 50000, 450000), replication(1100, 51000, 491000),
                                  replication(900, 49000, 409000)});
  const ScalarTable lever = table({replication(900, 70000, 430000), replication(980, 71000, 463000),
                                   replication(820, 69000, 397000)});
  std::vector<DifferenceSummary> d;
  append_economics(base, lever, d);
  ASSERT_EQ(d.size(), 3u);
  // Net saving: 20,000, 28,000 and 12,000.
  const DifferenceSummary& net = find(d, kNetSaving);
  EXPECT_DOUBLE_EQ(net.statistics.mean, 20000);
  EXPECT_DOUBLE_EQ(net.statistics.sd, 8000);
  // Cost per acute bed day saved: 20,000 / 100 = £200; the extra spend is the
  // same in every replication, so the interval is 20,000 over the bed days' interval ends.
  const DifferenceSummary& per_day = find(d, kCostPerBedDaySaved);
  EXPECT_DOUBLE_EQ(per_day.statistics.mean, 200);
  const double t = boost::math::quantile(boost::math::students_t(2), 0.975);
  EXPECT_NEAR(per_day.statistics.ci95[0], 20000 / (100 + t * 20 / std::sqrt(3.0)), 1e-9);
  EXPECT_NEAR(per_day.statistics.ci95[1], 20000 / (100 - t * 20 / std::sqrt(3.0)), 1e-9);
  EXPECT_TRUE(std::isnan(per_day.statistics.sd));
  // Return on investment: 20,000 net on 20,000 spent = 1 (100%); a fixed spend
  // divides the net saving's own interval.
  const DifferenceSummary& roi = find(d, kReturnOnInvestment);
  EXPECT_DOUBLE_EQ(roi.statistics.mean, 1);
  EXPECT_NEAR(roi.statistics.ci95[0], net.statistics.ci95[0] / 20000, 1e-12);
  EXPECT_NEAR(roi.statistics.ci95[1], net.statistics.ci95[1] / 20000, 1e-12);
}

TEST(Economics, NoBedDaysSavedOrNoExtraSpendLeavesTheRatioUndefined) {
  const ScalarTable base = table({replication(1000, 50000, 450000), replication(1000, 50000, 450000)});
  const ScalarTable worse = table({replication(1010, 60000, 464000), replication(1020, 61000, 469000)});
  const ScalarTable cheaper = table({replication(990, 40000, 436000), replication(995, 41000, 439000)});
  std::vector<DifferenceSummary> a, b;
  append_economics(base, worse, a);
  EXPECT_TRUE(std::isnan(find(a, kCostPerBedDaySaved).statistics.mean));  // it adds bed days
  EXPECT_LT(find(a, kReturnOnInvestment).statistics.mean, 0);             // and loses money
  append_economics(base, cheaper, b);
  EXPECT_GT(find(b, kCostPerBedDaySaved).statistics.mean, -1e9);  // defined: it saves bed days (and money)
  EXPECT_LT(find(b, kCostPerBedDaySaved).statistics.mean, 0);
  EXPECT_TRUE(std::isnan(find(b, kReturnOnInvestment).statistics.mean));  // it spends less
}

TEST(Economics, NothingWithoutTheCostMeasures) {
  ScalarTable a, b;
  ReplicationResult r;
  r.measures = {{"admissions", 1}};
  a.append(r);
  b.append(r);
  std::vector<DifferenceSummary> d;
  append_economics(a, b, d);
  EXPECT_TRUE(d.empty());
}

}  // namespace
}  // namespace homeward::model
