// Summaries across replications against hand-computed values.
#include "sim/model/summary.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

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

std::vector<Measure> delay_measures(const std::vector<double>& delays) {
  MeasureRecorder r;
  r.add_delay_distribution(delays);
  return r.take();
}

std::vector<Measure> delay_measures_without_zeros(const std::vector<double>& delays) {
  std::vector<double> positive;
  std::size_t zeros = 0;
  for (double d : delays) {
    if (d > 0) positive.push_back(d);
    else ++zeros;
  }
  MeasureRecorder r;
  r.add_delay_distribution(positive, zeros);
  return r.take();
}

// Delays {0, 0, 0, 2, 4}: mean 6/5; type 7 with h = p·4: p50 at h = 2, a
// zero; p90 at h = 3.6, 2 + 0.6·(4 - 2) = 3.2; p95 at h = 3.8, 3.6; three of
// five within a day, two delayed. The zeros counted, not stored, give the same.
TEST(DelayDistribution, ZerosCountedGiveTheHandComputedFigures) {
  const std::vector<double> delays{0, 2, 0, 4, 0};
  const auto m = delay_measures_without_zeros(delays);
  ASSERT_EQ(m.size(), 6u);
  EXPECT_EQ(m[0].name, "delay_days_mean");
  EXPECT_DOUBLE_EQ(m[0].value, 1.2);
  EXPECT_EQ(m[1].value, 0);
  EXPECT_DOUBLE_EQ(m[2].value, 3.2);
  EXPECT_DOUBLE_EQ(m[3].value, 3.6);
  EXPECT_DOUBLE_EQ(m[4].value, 0.6);
  EXPECT_DOUBLE_EQ(m[5].value, 0.4);
}

// The simulation counts zero delays rather than storing them (most patients
// leave at MFFD); every figure must be bit-identical to the one from all the
// delays, wherever the percentiles fall against the zeros: among them, on the
// last zero and the first positive, among the positives, with no zeros, with
// nothing but zeros, with one value and with none.
TEST(DelayDistribution, ZerosCountedAreBitIdenticalToZerosStored) {
  std::vector<std::vector<double>> cases = {
      {}, {0}, {3.5}, {0, 0, 0}, {1.5, 0.25, 7}, {0, 0.5}, {0.5, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 2.5},
  };
  // Zeros from 0% to 100% of 200 values in steps of 1, so that each
  // percentile's order statistics cross from the zeros into the positives.
  std::uint64_t x = 12345;
  for (int zeros = 0; zeros <= 200; ++zeros) {
    std::vector<double> delays;
    for (int i = 0; i < 200; ++i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      const double u = static_cast<double>(x >> 11) * 0x1.0p-53;
      delays.push_back(i < zeros ? 0.0 : 0.01 + 30 * u * u);
    }
    // Interleave: a deterministic shuffle.
    for (std::size_t i = delays.size(); i > 1; --i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      std::swap(delays[i - 1], delays[(x >> 33) % i]);
    }
    cases.push_back(delays);
  }
  for (const auto& delays : cases) {
    const auto stored = delay_measures(delays);
    const auto counted = delay_measures_without_zeros(delays);
    ASSERT_EQ(stored.size(), counted.size());
    for (std::size_t i = 0; i < stored.size(); ++i) {
      EXPECT_EQ(stored[i].name, counted[i].name);
      EXPECT_EQ(std::bit_cast<std::uint64_t>(stored[i].value), std::bit_cast<std::uint64_t>(counted[i].value))
          << stored[i].name << " with " << delays.size() << " delays: " << stored[i].value << " vs " << counted[i].value;
    }
  }
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
