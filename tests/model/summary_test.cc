// Summaries across replications against hand-computed values.
#include "sim/model/summary.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/model/measure_recorder.h"

namespace homeward::model {
namespace {

ReplicationResult row(double a, double b) { return {{{"a", a}, {"b", b}}, {}, 0, 0}; }

// {1, 2, 3, 4, 5}: mean 3, sd √2.5, t(0.975, 4) = 2.7764451, type-7
// percentiles 1.2, 3, 4.8.
TEST(Summary, StatisticsOfASmallSample) {
  const Statistics s = summarise(std::vector<double>{5, 1, 4, 2, 3});
  EXPECT_DOUBLE_EQ(s.mean, 3);
  EXPECT_NEAR(s.sd, std::sqrt(2.5), 1e-12);
  const double half = 2.7764451051977987 * std::sqrt(2.5) / std::sqrt(5.0);
  EXPECT_NEAR(s.ci95[0], 3 - half, 1e-9);
  EXPECT_NEAR(s.ci95[1], 3 + half, 1e-9);
  EXPECT_NEAR(s.p5, 1.2, 1e-12);
  EXPECT_NEAR(s.p50, 3, 1e-12);
  EXPECT_NEAR(s.p95, 4.8, 1e-12);
}

TEST(Summary, OneReplicationHasAZeroWidthInterval) {
  const Statistics s = summarise(std::vector<double>{7});
  EXPECT_EQ(s.sd, 0);
  EXPECT_EQ(s.ci95[0], 7);
  EXPECT_EQ(s.ci95[1], 7);
}

TEST(Summary, PercentileInterpolatesBetweenOrderStatistics) {
  EXPECT_DOUBLE_EQ(percentile_sorted({10, 20}, 0.25), 12.5);
  EXPECT_DOUBLE_EQ(percentile_sorted({10}, 0.9), 10);
  EXPECT_DOUBLE_EQ(percentile_sorted({}, 0.5), 0);
}

// More rows than are kept in memory: the spilled rows read back exactly.
TEST(ScalarTable, SpillsToDiskAndReadsBackInOrder) {
  ScalarTable table;
  const std::size_t n = 3 * ScalarTable::kRowsInMemory + 17;
  for (std::size_t r = 0; r < n; ++r) table.append(row(static_cast<double>(r), 0.5 * static_cast<double>(r)));
  ASSERT_EQ(table.rows(), n);
  const auto a = table.column(0), b = table.column(1);
  ASSERT_EQ(a.size(), n);
  for (std::size_t r = 0; r < n; ++r) {
    ASSERT_EQ(a[r], static_cast<double>(r));
    ASSERT_EQ(b[r], 0.5 * static_cast<double>(r));
  }
  // Mean of 0..n-1 is (n-1)/2.
  EXPECT_DOUBLE_EQ(summarise(table)[0].statistics.mean, (static_cast<double>(n) - 1) / 2);
}

// Paired differences are taken replication by replication and matched by name.
TEST(Summary, PairedDifferencesMatchByName) {
  const std::vector<ReplicationResult> base = {row(10, 1), row(20, 2)};
  std::vector<ReplicationResult> other = {{{{"b", 4}, {"c", 9}, {"a", 11}}, {}, 0, 0},
                                          {{{"b", 4}, {"c", 9}, {"a", 23}}, {}, 0, 0}};
  const auto d = paired_differences(base, other);
  ASSERT_EQ(d.size(), 2u);  // "c" exists only in other
  EXPECT_EQ(d[0].name, "b");
  EXPECT_DOUBLE_EQ(d[0].statistics.mean, 2.5);
  EXPECT_EQ(d[1].name, "a");
  EXPECT_DOUBLE_EQ(d[1].statistics.mean, 2);
  EXPECT_DOUBLE_EQ(d[1].statistics.sd, std::sqrt(2.0));
  EXPECT_DOUBLE_EQ(d[1].relative, 2.0 / 15);
}

}  // namespace
}  // namespace homeward::model
