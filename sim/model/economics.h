// What a compared scenario is worth against the base, from paired
// replications (common random numbers): its net saving, the cost of each
// acute bed day it saves and its return on investment (docs/measures.md,
// "Against the base"). The two ratios are ratios of means, with Fieller's
// 95% interval, because a ratio of each replication's own values is unstable
// when a replication saves almost nothing.
#pragma once

#include <string_view>
#include <vector>

#include "sim/model/measure_catalogue.h"
#include "sim/model/summary.h"

namespace homeward::model {

// Names of the measures append_economics adds to a scenario's differences.
inline constexpr std::string_view kNetSaving = measure::kNetSaving.pattern;
inline constexpr std::string_view kCostPerBedDaySaved = measure::kCostPerBedDaySaved.pattern;
inline constexpr std::string_view kReturnOnInvestment = measure::kReturnOnInvestment.pattern;

// ȳ / x̄ over paired values, and Fieller's 95% interval for it: the R whose
// paired differences y − R·x have a mean that a Student t test (n − 1
// degrees of freedom) cannot tell from zero. The interval is bounded only
// when x̄ itself is clearly away from zero; otherwise low and high are NaN.
// The value is NaN when x̄ = 0; with one pair, low = high = the value.
struct RatioEstimate {
  double value = 0;
  double low = 0, high = 0;
};
// REQUIRES: y.size() == x.size() >= 1
RatioEstimate ratio_of_means(const std::vector<double>& y, const std::vector<double>& x);

// Appends to `differences` (other − base, as paired_differences gives them):
// - net_saving (£): base cost_total − other cost_total, replication by
//   replication, with the usual statistics;
// - cost_per_acute_bed_day_saved (£ per bed day): the mean change in
//   cost_services over the mean of acute bed days saved (base − other); NaN
//   unless the scenario saves bed days on average;
// - return_on_investment (£ per £): mean net saving over the mean change in
//   cost_services; NaN unless the scenario spends more on services.
// A ratio's sd, percentiles and relative are NaN (written as null). Nothing is
// appended when either table lacks acute_bed_days, cost_services or cost_total,
// or the tables differ in length.
void append_economics(const ScalarTable& base, const ScalarTable& other, std::vector<DifferenceSummary>& differences);

}  // namespace homeward::model
