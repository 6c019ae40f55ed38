#include "sim/model/measure_recorder.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace homeward::model {

double percentile_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const double h = p * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double percentile_unsorted(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  // Type 7 needs the order statistics at floor(h) and floor(h) + 1 only.
  const double h = p * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lo), values.end());
  const double low = values[lo];
  if (lo + 1 >= values.size()) return low;
  const double high = *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lo) + 1, values.end());
  return low + (h - static_cast<double>(lo)) * (high - low);
}

double percentile_above_zeros(std::vector<double>& positive, std::size_t zeros, double p) {
  const std::size_t n = positive.size() + zeros;
  if (n == 0) return 0;
  // Order statistic k of the whole is 0 below `zeros`, else positive's k - zeros.
  const double h = p * static_cast<double>(n - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 < zeros) return 0;  // both order statistics are zeros: 0 + f · (0 - 0)
  double low = 0;
  std::size_t next = 0;  // in positive, the index of order statistic lo + 1
  if (lo >= zeros) {
    const std::size_t k = lo - zeros;
    std::nth_element(positive.begin(), positive.begin() + static_cast<std::ptrdiff_t>(k), positive.end());
    low = positive[k];
    next = k + 1;
  }
  if (lo + 1 >= n) return low;
  // Order statistic lo + 1 is the smallest of the positives from `next` on
  // (nth_element left them above low), or all of them when lo was a zero.
  const double high = *std::min_element(positive.begin() + static_cast<std::ptrdiff_t>(next), positive.end());
  return low + (h - static_cast<double>(lo)) * (high - low);
}

void MeasureRecorder::add_delay_distribution(std::vector<double> positive, std::size_t zeros) {
  const double n = static_cast<double>(positive.size() + zeros);
  // Zeros add nothing to the sum: the total is the one of all delays in order.
  double total = 0, within = static_cast<double>(zeros);
  for (double d : positive) {
    total += d;
    within += d <= 1.0;
  }
  const auto delayed = static_cast<double>(positive.size());
  add(measure::kDelayMean, n > 0 ? total / n : 0);
  add(measure::kDelayP50, percentile_above_zeros(positive, zeros, 0.50));
  add(measure::kDelayP90, percentile_above_zeros(positive, zeros, 0.90));
  add(measure::kDelayP95, percentile_above_zeros(positive, zeros, 0.95));
  add(measure::kWithinOneDayShare, n > 0 ? within / n : 0);
  add(measure::kWithDelayShare, n > 0 ? delayed / n : 0);
}

void MeasureRecorder::add_delay_distribution(std::vector<double> delays) {
  const double n = static_cast<double>(delays.size());
  double total = 0, within = 0, delayed = 0;
  for (double d : delays) {
    total += d;
    within += d <= 1.0;
    delayed += d > 0.0;
  }
  add(measure::kDelayMean, n > 0 ? total / n : 0);
  add(measure::kDelayP50, percentile_unsorted(delays, 0.50));
  add(measure::kDelayP90, percentile_unsorted(delays, 0.90));
  add(measure::kDelayP95, percentile_unsorted(delays, 0.95));
  add(measure::kWithinOneDayShare, n > 0 ? within / n : 0);
  add(measure::kWithDelayShare, n > 0 ? delayed / n : 0);
}

void MeasureRecorder::add_by_reason_agency(const std::vector<int>& attributions,
                                           const std::array<double, kAttributionCount>& days) {
  std::array<bool, kReasonCount> reason_used{};
  std::array<bool, kAgencyCount> agency_used{};
  std::array<double, kReasonCount> by_reason{};
  std::array<double, kAgencyCount> by_agency{};
  for (int a : attributions) {
    reason_used[static_cast<int>(reason_of(a))] = true;
    agency_used[static_cast<int>(agency_of(a))] = true;
  }
  for (int a = 0; a < kAttributionCount; ++a) {
    by_reason[static_cast<int>(reason_of(a))] += days[a];
    by_agency[static_cast<int>(agency_of(a))] += days[a];
  }
  for (int r = 0; r < kReasonCount; ++r)
    if (reason_used[r])
      add(measure::kDelayedByReason, reason_code(static_cast<Reason>(r)), by_reason[r]);
  for (int a = 0; a < kAgencyCount; ++a)
    if (agency_used[a])
      add(measure::kDelayedByAgency, agency_code(static_cast<Agency>(a)), by_agency[a]);
}

}  // namespace homeward::model
