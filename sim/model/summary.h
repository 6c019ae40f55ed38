// Summaries across replications: mean, standard deviation, a Student t 95%
// confidence interval for the mean, and percentiles of the replication values.
#pragma once

#include <array>
#include <cstdio>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "sim/model/replication_result.h"

namespace homeward::model {

struct Statistics {
  double mean = 0;
  double sd = 0;                  // sample standard deviation (n - 1)
  std::array<double, 2> ci95{};   // mean ± t(0.975, n-1) · sd / √n; equal to mean when n = 1
  double p5 = 0, p50 = 0, p95 = 0;  // of the replication values (type 7)
};

// REQUIRES: !values.empty()
Statistics summarise(std::vector<double> values);

// Per-replication scalar measures of one scenario, kept after the rest of a
// replication's result (monthly series) has been written out. Beyond
// kRowsInMemory rows they spill to an anonymous temporary file, so a batch of
// 10,000 replications needs no more memory than one of 100.
class ScalarTable {
 public:
  static constexpr std::size_t kRowsInMemory = 256;

  ScalarTable() = default;
  ~ScalarTable();
  ScalarTable(ScalarTable&& other) noexcept;
  ScalarTable& operator=(ScalarTable&&) = delete;
  ScalarTable(const ScalarTable&) = delete;
  ScalarTable& operator=(const ScalarTable&) = delete;

  // REQUIRES: every replication has the names of the first, in the same order.
  // Throws std::runtime_error when the temporary file cannot be written.
  void append(const ReplicationResult& replication);
  std::size_t rows() const { return rows_; }
  const std::vector<std::string>& names() const { return names_; }
  // The values of one measure, replication by replication.
  std::vector<double> column(std::size_t measure) const;
  // Each replication's values (one per name) in order, the spilled rows read
  // back a block at a time: memory stays one block however many rows.
  void for_each_row(const std::function<void(std::size_t row, std::span<const double> values)>& visit) const;

 private:
  std::vector<std::string> names_;
  std::vector<double> buffer_;    // rows not yet spilled, row-major
  std::size_t rows_ = 0;
  std::size_t spilled_rows_ = 0;
  std::FILE* spill_ = nullptr;   // rows [0, spilled_rows_), row-major doubles
};

struct MeasureSummary {
  std::string name;
  Statistics statistics;
};

// One summary per measure name, in the order of the first replication.
// REQUIRES: every replication has the same measure names in the same order.
std::vector<MeasureSummary> summarise(const ScalarTable& table);
std::vector<MeasureSummary> summarise(const std::vector<ReplicationResult>& replications);

// Paired differences other − base, replication by replication (common random
// numbers). `relative` is the mean difference over the base mean (0 when the base mean is 0).
struct DifferenceSummary {
  std::string name;
  Statistics statistics;
  double relative = 0;
};
std::vector<DifferenceSummary> paired_differences(const ScalarTable& base, const ScalarTable& other);
std::vector<DifferenceSummary> paired_differences(const std::vector<ReplicationResult>& base,
                                                  const std::vector<ReplicationResult>& other);

}  // namespace homeward::model
