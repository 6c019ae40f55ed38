// How well simulated monthly series match observed ones: per series and
// split (train, test), the mean absolute percentage error, root mean square
// error and bias; and the 95% band of the replications in each month.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "calib/target.h"
#include "sim/model/percentile.h"

namespace homeward::calib {

struct MonthFit {
  std::size_t series = 0;
  Month month = 0;
  Split split = Split::train;
  double observed = 0;
  double mean = 0;  // over replications
  double low = 0;   // 2.5th percentile of the replications' values (type 7)
  double high = 0;  // 97.5th percentile
};

struct SeriesStatistics {
  std::size_t series = 0;
  Split split = Split::train;
  int months = 0;
  // Mean of |simulated − observed| / observed × 100 over months with
  // observed > 0 (`zero_months` others are left out); NaN when none.
  double mape = 0;
  // The MAPE, on the same months, of a flat forecast: every month forecast
  // at the mean observed value of the series over the training months
  // (`flat_forecast`, the same for train and test). NaN as `mape`.
  double flat_mape = 0;
  double flat_forecast = 0;
  int zero_months = 0;
  int missing_months = 0;  // months without an observation (NaN), left out of everything above; not in `months`
  double rmse = 0;          // days: sqrt(mean (simulated − observed)²)
  double bias = 0;          // days: mean (simulated − observed)
  double bias_percent = 0;  // Σ (simulated − observed) / Σ observed × 100
  double observed_mean = 0;
  double simulated_mean = 0;
};

// The percentile of the fit's band: the model's, type 7 (sim/model/percentile.h).
using model::percentile;

// The month-by-month fit of R replications' values (R × S × M).
std::vector<MonthFit> month_fits(const ObservedTarget& target, std::span<const double> simulated, int replications);

// Statistics of each series on the training months, then on the test months
// (when there are any), in series order.
std::vector<SeriesStatistics> fit_statistics(const ObservedTarget& target, const std::vector<MonthFit>& fits);

const char* split_name(Split split);  // "train", "test"

}  // namespace homeward::calib
