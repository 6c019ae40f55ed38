// The objective and the fit statistics, computed by hand on small numbers.
#include <gtest/gtest.h>

#include <cmath>

#include "calib/fit_statistics.h"
#include "calib/objective.h"
#include "calib_test_support.h"

namespace homeward::calib {
namespace {

// Two series over three months: two training months, one test month.
ObservedTarget small_target() {
  ObservedTarget t;
  t.series = {testing::series("big"), testing::series("small", {model::Reason::G})};
  t.series[0].weight = 3;
  t.series[1].weight = 1;
  t.months = {100, 101, 102};
  t.split = {Split::train, Split::train, Split::test};
  t.observed = {{1000, 3000, 2000}, {10, 30, 0}};
  return t;
}

TEST(Objective, WeighsRelativeErrorsSoSmallSeriesCount) {
  const ObservedTarget t = small_target();
  const Objective objective(t);
  EXPECT_EQ(objective.level(0), 2000);
  EXPECT_EQ(objective.level(1), 20);
  EXPECT_EQ(objective.weight(0), 0.75);
  // Replication-major: r0 then r1, each [series][month].
  const std::vector<double> simulated = {1100, 2900, 9999, 12, 28, 5,   // replication 0
                                         1100, 3100, 9999, 8, 32, 5};   // replication 1
  // Means: big (1100, 3000), small (10, 30): errors big (100, 0), small (0, 0).
  EXPECT_NEAR(objective(simulated, 2), 0.75 * ((100.0 / 2000) * (100.0 / 2000) + 0) / 2, 1e-15);
  // The same relative error in the small series costs a third as much (weights 3:1).
  const std::vector<double> small_off = {1000, 3000, 0, 11, 30, 0};
  EXPECT_NEAR(objective(small_off, 1), 0.25 * (1.0 / 20) * (1.0 / 20) / 2, 1e-15);
}

TEST(Objective, LevelsNeverFallBelowOneDay) {
  ObservedTarget t = small_target();
  t.observed[1] = {0, 0, 0};
  EXPECT_EQ(Objective(t).level(1), 1.0);
}

TEST(FitStatistics, PercentilesAreType7) {
  EXPECT_DOUBLE_EQ(percentile({1, 2, 3, 4}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(percentile({4, 1, 3, 2}, 0.025), 1.075);
  EXPECT_DOUBLE_EQ(percentile({5}, 0.975), 5);
}

TEST(FitStatistics, MapeRmseAndBiasPerSeriesAndSplit) {
  const ObservedTarget t = small_target();
  const std::vector<double> simulated = {1100, 2700, 2500, 10, 33, 4};
  const std::vector<MonthFit> fits = month_fits(t, simulated, 1);
  ASSERT_EQ(fits.size(), 6u);
  EXPECT_EQ(fits[1].mean, 2700);
  EXPECT_EQ(fits[1].low, 2700);  // one replication: the band is the value
  const std::vector<SeriesStatistics> stats = fit_statistics(t, fits);
  ASSERT_EQ(stats.size(), 4u);  // big train, big test, small train, small test
  const SeriesStatistics& big_train = stats[0];
  EXPECT_EQ(big_train.split, Split::train);
  EXPECT_EQ(big_train.months, 2);
  EXPECT_NEAR(big_train.mape, 100 * (100.0 / 1000 + 300.0 / 3000) / 2, 1e-12);
  EXPECT_NEAR(big_train.rmse, std::sqrt((100.0 * 100 + 300.0 * 300) / 2), 1e-9);
  EXPECT_NEAR(big_train.bias, -100, 1e-12);
  EXPECT_NEAR(big_train.bias_percent, -200.0 / 4000 * 100, 1e-12);
  EXPECT_EQ(stats[1].split, Split::test);
  EXPECT_NEAR(stats[1].mape, 25, 1e-12);
  // A month observed as 0 is left out of the MAPE and counted.
  EXPECT_TRUE(std::isnan(stats[3].mape));
  EXPECT_EQ(stats[3].zero_months, 1);
  EXPECT_NEAR(stats[3].bias, 4, 1e-12);
}

// The flat forecast: every month forecast at the series' mean over the
// training months. big: training mean (1000 + 3000) / 2 = 2000, so on the
// training months |2000 - 1000| / 1000 = 100% and |2000 - 3000| / 3000 =
// 33.3%, a MAPE of 66.7%; on the test month (2000 observed) 0%. small:
// training mean 20, errors 10/10 and 10/30, MAPE 66.7%; its test month is
// observed as 0, so neither MAPE has a month there.
TEST(FitStatistics, FlatForecastAtTheTrainingMeanOnTheSameMonths) {
  const ObservedTarget t = small_target();
  const std::vector<double> simulated = {1100, 2700, 2500, 10, 33, 4};
  const std::vector<SeriesStatistics> stats = fit_statistics(t, month_fits(t, simulated, 1));
  ASSERT_EQ(stats.size(), 4u);
  EXPECT_DOUBLE_EQ(stats[0].flat_forecast, 2000);
  EXPECT_NEAR(stats[0].flat_mape, 100 * (1.0 + 1.0 / 3) / 2, 1e-12);
  EXPECT_DOUBLE_EQ(stats[1].flat_forecast, 2000);  // the test row uses the training mean too
  EXPECT_NEAR(stats[1].flat_mape, 0, 1e-12);
  EXPECT_NEAR(stats[2].flat_mape, 100 * (10.0 / 10 + 10.0 / 30) / 2, 1e-12);
  EXPECT_TRUE(std::isnan(stats[3].flat_mape));
  // A model that forecasts the training mean scores exactly the flat MAPE.
  const std::vector<double> flat = {2000, 2000, 2000, 20, 20, 20};
  const std::vector<SeriesStatistics> same = fit_statistics(t, month_fits(t, flat, 1));
  for (const SeriesStatistics& s : same)
    if (!std::isnan(s.mape)) {
      EXPECT_DOUBLE_EQ(s.mape, s.flat_mape);
    }
}

}  // namespace
}  // namespace homeward::calib
