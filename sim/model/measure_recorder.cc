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

void MeasureRecorder::add_delay_distribution(std::vector<double> delays) {
  std::sort(delays.begin(), delays.end());
  const double n = static_cast<double>(delays.size());
  const double total = std::accumulate(delays.begin(), delays.end(), 0.0);
  const auto within = std::upper_bound(delays.begin(), delays.end(), 1.0) - delays.begin();
  add("delay_days_mean", n > 0 ? total / n : 0);
  add("delay_days_p50", percentile_sorted(delays, 0.50));
  add("delay_days_p90", percentile_sorted(delays, 0.90));
  add("delay_days_p95", percentile_sorted(delays, 0.95));
  add("discharged_within_1_day_share", n > 0 ? static_cast<double>(within) / n : 0);
  const auto not_delayed = std::upper_bound(delays.begin(), delays.end(), 0.0) - delays.begin();
  add("discharged_with_delay_share", n > 0 ? 1.0 - static_cast<double>(not_delayed) / n : 0);
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
      add(std::string("delayed_bed_days.reason.") + reason_code(static_cast<Reason>(r)), by_reason[r]);
  for (int a = 0; a < kAgencyCount; ++a)
    if (agency_used[a])
      add(std::string("delayed_bed_days.agency.") + agency_code(static_cast<Agency>(a)), by_agency[a]);
}

}  // namespace homeward::model
