// Type 7 percentiles (sim/model/percentile.h) on lists small enough to work
// by hand: h = p (n - 1), k = floor(h), x[k] + (h - k) (x[k+1] - x[k]).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "sim/model/percentile.h"

namespace homeward::model {
namespace {

TEST(Percentile, HandComputedTypeSeven) {
  const std::vector<double> four = {4, 1, 3, 2};  // sorted: 1 2 3 4
  EXPECT_EQ(percentile(four, 0), 1);              // the minimum
  EXPECT_EQ(percentile(four, 1), 4);              // the maximum
  EXPECT_EQ(percentile(four, 0.5), 2.5);          // h = 1.5: 2 + 0.5 (3 - 2)
  EXPECT_DOUBLE_EQ(percentile(four, 0.025), 1.075);  // h = 0.075: 1 + 0.075 (2 - 1)
  EXPECT_DOUBLE_EQ(percentile(four, 0.9), 3.7);      // h = 2.7: 3 + 0.7 (4 - 3)
  EXPECT_EQ(percentile({10, 20}, 0.25), 12.5);       // two values: h = 0.25
  EXPECT_EQ(percentile({20, 10}, 1), 20);
  for (const double p : {0.0, 0.05, 0.5, 0.95, 1.0}) EXPECT_EQ(percentile({7}, p), 7) << p;  // one value
  EXPECT_EQ(percentile({}, 0.5), 0);
  EXPECT_EQ(percentile_sorted({}, 0.5), 0);
  EXPECT_EQ(percentile_sorted({1, 2, 3, 4}, 0.5), 2.5);
}

// The linear-time forms give the same bits as sorting, on a list with ties
// and, for percentile_above_zeros, zeros kept apart from the positive values.
TEST(Percentile, LinearTimeFormsEqualTheSortedOne) {
  std::vector<double> positive;
  std::uint32_t state = 12345;
  for (int i = 0; i < 101; ++i) {
    state = state * 1664525u + 1013904223u;  // a fixed LCG: the same list every run
    positive.push_back(1 + static_cast<double>(state >> 20) / 64.0);
  }
  positive.push_back(positive[3]);  // a tie
  const std::size_t zeros = 37;
  std::vector<double> all = positive;
  all.insert(all.end(), zeros, 0.0);
  for (const double p : {0.0, 0.05, 0.3, 0.5, 0.9, 0.95, 1.0}) {
    const double sorted = percentile(all, p);
    std::vector<double> scratch = all;
    EXPECT_EQ(percentile_unsorted(scratch, p), sorted) << p;
    std::vector<double> above = positive;
    EXPECT_EQ(percentile_above_zeros(above, zeros, p), sorted) << p;
  }
  // Hand case with zeros: {0, 0, 0, 1, 5}; p = 0.5 → h = 2 → 0; p = 0.9 → h = 3.6 → 1 + 0.6 × 4.
  std::vector<double> two = {5, 1};
  EXPECT_EQ(percentile_above_zeros(two, 3, 0.5), 0);
  two = {5, 1};
  EXPECT_DOUBLE_EQ(percentile_above_zeros(two, 3, 0.9), 3.4);
}

}  // namespace
}  // namespace homeward::model
