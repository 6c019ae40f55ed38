// The precision rule by hand: Student t intervals of small samples and the
// stage sizes they lead to.
#include "sim/model/precision.h"

#include <gtest/gtest.h>

#include <cmath>

namespace homeward::model {
namespace {

// {9, 11}: mean 10, sd √2, t(0.975, 1) = 12.7062, so the half-width is
// 12.7062 · √2 / √2 = 12.7062, 1.27062 of the mean. For ±10% the classical
// estimate is 2 · 12.7062² = 322.9 replications, but a stage at most doubles
// and adds at least 10: 12, rounded up to 20.
TEST(Precision, TwoValuesGrowToTwenty) {
  EXPECT_NEAR(relative_half_width({9, 11}), 1.270620, 1e-6);
  EXPECT_EQ(next_stage({9, 11}, {0.1}, 1000), 20u);
  EXPECT_EQ(next_stage({9, 11}, {0.1}, 15), 15u);   // capped
  EXPECT_EQ(next_stage({9, 11}, {2.0}, 1000), 2u);  // met: stop
}

// 1..10 four times: n = 40, mean 5.5, sd 2.908872, t(0.975, 39) = 2.022691,
// half-width 0.930275, 0.169146 of the mean. The estimate 40 · (0.169146 /
// target)² is 50.9 for ±15% (so 60), 79.5 for ±12% (80), 114.4 for ±10%
// (capped at 2n = 80); ±17% is met.
TEST(Precision, ClassicalEstimateBetweenTenMoreAndDouble) {
  std::vector<double> values;
  for (int k = 0; k < 4; ++k)
    for (int i = 1; i <= 10; ++i) values.push_back(i);
  EXPECT_NEAR(relative_half_width(values), 0.169146, 1e-6);
  EXPECT_EQ(next_stage(values, {0.15}, 1000), 60u);
  EXPECT_EQ(next_stage(values, {0.12}, 1000), 80u);
  EXPECT_EQ(next_stage(values, {0.10}, 1000), 80u);
  EXPECT_EQ(next_stage(values, {0.10}, 70), 70u);
  EXPECT_EQ(next_stage(values, {0.17}, 1000), 40u);
}

TEST(Precision, EqualValuesMeetAnyTargetAndAZeroMeanDoubles) {
  EXPECT_EQ(relative_half_width({3, 3, 3}), 0);
  EXPECT_EQ(next_stage({3, 3, 3}, {0.001}, 100), 3u);
  EXPECT_TRUE(std::isinf(relative_half_width({-1, 1})));
  EXPECT_EQ(next_stage({-1, 1, -1, 1, -1, 1, -1, 1, -1, 1}, {0.5}, 1000), 20u);
  EXPECT_EQ(first_stage(1000), 10u);
  EXPECT_EQ(first_stage(4), 4u);
}

}  // namespace
}  // namespace homeward::model
