#include "sim/model/measure_recorder.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace homeward::model {

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
