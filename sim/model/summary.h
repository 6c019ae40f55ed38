// Summaries across replications: mean, standard deviation, a Student t 95%
// confidence interval for the mean, and percentiles of the replication values.
#pragma once

#include <array>
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

struct MeasureSummary {
  std::string name;
  Statistics statistics;
};

// One summary per measure name, in the order of the first replication.
// REQUIRES: every replication has the same measure names in the same order.
std::vector<MeasureSummary> summarise(const std::vector<ReplicationResult>& replications);

// Paired differences other − base, replication by replication (common random
// numbers). `relative` is the mean difference over the base mean (0 when the base mean is 0).
struct DifferenceSummary {
  std::string name;
  Statistics statistics;
  double relative = 0;
};
std::vector<DifferenceSummary> paired_differences(const std::vector<ReplicationResult>& base,
                                                  const std::vector<ReplicationResult>& other);

}  // namespace homeward::model
