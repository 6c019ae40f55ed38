#include "calib/fit_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace homeward::calib {

const char* split_name(Split split) { return split == Split::train ? "train" : "test"; }

std::vector<MonthFit> month_fits(const ObservedTarget& target, std::span<const double> simulated, int replications) {
  const std::size_t months = target.month_count();
  const std::size_t cells = target.series_count() * months;
  std::vector<MonthFit> fits;
  std::vector<double> values(static_cast<std::size_t>(replications));
  for (std::size_t s = 0; s < target.series_count(); ++s) {
    for (std::size_t j = 0; j < months; ++j) {
      double sum = 0;
      for (int r = 0; r < replications; ++r) {
        values[r] = simulated[static_cast<std::size_t>(r) * cells + s * months + j];
        sum += values[r];
      }
      fits.push_back({s, target.months[j], target.split[j], target.observed[s][j], sum / replications,
                      percentile(values, 0.025), percentile(values, 0.975)});
    }
  }
  return fits;
}

std::vector<SeriesStatistics> fit_statistics(const ObservedTarget& target, const std::vector<MonthFit>& fits) {
  std::vector<double> flat(target.series_count(), 0.0);
  for (std::size_t s = 0; s < target.series_count(); ++s) {
    double sum = 0;
    int months = 0;
    for (std::size_t j = 0; j < target.month_count(); ++j)
      if (target.split[j] == Split::train && !std::isnan(target.observed[s][j])) {
        sum += target.observed[s][j];
        ++months;
      }
    flat[s] = months > 0 ? sum / months : std::numeric_limits<double>::quiet_NaN();
  }
  std::vector<SeriesStatistics> out;
  for (Split split : {Split::train, Split::test}) {
    for (std::size_t s = 0; s < target.series_count(); ++s) {
      SeriesStatistics st;
      st.series = s;
      st.split = split;
      st.flat_forecast = flat[s];
      double ape = 0, flat_ape = 0, squares = 0, errors = 0, observed = 0, simulated = 0;
      int positive = 0;
      for (const MonthFit& f : fits) {
        if (f.series != s || f.split != split) continue;
        if (std::isnan(f.observed)) {
          ++st.missing_months;
          continue;
        }
        const double e = f.mean - f.observed;
        ++st.months;
        squares += e * e;
        errors += e;
        observed += f.observed;
        simulated += f.mean;
        if (f.observed > 0) {
          ape += std::fabs(e) / f.observed;
          flat_ape += std::fabs(flat[s] - f.observed) / f.observed;
          ++positive;
        } else {
          ++st.zero_months;
        }
      }
      if (st.months == 0) {
        if (st.missing_months > 0) {  // every month missing: nothing to say but that
          st.mape = st.flat_mape = st.rmse = st.bias = st.bias_percent = st.observed_mean = st.simulated_mean =
              std::numeric_limits<double>::quiet_NaN();
          out.push_back(st);
        }
        continue;
      }
      const double n = st.months;
      st.mape = positive > 0 ? 100 * ape / positive : std::numeric_limits<double>::quiet_NaN();
      st.flat_mape = positive > 0 ? 100 * flat_ape / positive : std::numeric_limits<double>::quiet_NaN();
      st.rmse = std::sqrt(squares / n);
      st.bias = errors / n;
      st.bias_percent = observed > 0 ? 100 * errors / observed : std::numeric_limits<double>::quiet_NaN();
      st.observed_mean = observed / n;
      st.simulated_mean = simulated / n;
      out.push_back(st);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.series < b.series; });
  return out;
}

}  // namespace homeward::calib
