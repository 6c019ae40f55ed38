#include "calib/objective.h"

#include <algorithm>
#include <cmath>

namespace homeward::calib {

Objective::Objective(const ObservedTarget& target) : target_(target) {
  for (std::size_t j = 0; j < target.month_count(); ++j)
    if (target.split[j] == Split::train) train_months_.push_back(j);
  double weight_sum = 0;
  for (const SeriesSpec& s : target.series) weight_sum += s.weight;
  for (std::size_t s = 0; s < target.series_count(); ++s) {
    double sum = 0;
    int present = 0;  // missing months (NaN) are left out
    for (std::size_t j : train_months_)
      if (!std::isnan(target.observed[s][j])) {
        sum += target.observed[s][j];
        ++present;
      }
    const double mean = present == 0 ? 0 : sum / present;
    levels_.push_back(std::max(mean, 1.0));
    weights_.push_back(target.series[s].weight / weight_sum);
  }
}

double Objective::operator()(std::span<const double> simulated, int replications) const {
  const std::vector<double> mean = replication_mean(target_, simulated, replications);
  const std::size_t months = target_.month_count();
  double total = 0;
  for (std::size_t s = 0; s < target_.series_count(); ++s) {
    double squares = 0;
    int present = 0;
    for (std::size_t j : train_months_) {
      if (std::isnan(target_.observed[s][j])) continue;
      const double e = (mean[s * months + j] - target_.observed[s][j]) / levels_[s];
      squares += e * e;
      ++present;
    }
    if (present > 0) total += weights_[s] * squares / present;
  }
  return total;
}

std::vector<double> replication_mean(const ObservedTarget& target, std::span<const double> simulated, int replications) {
  const std::size_t cells = target.series_count() * target.month_count();
  std::vector<double> mean(cells, 0.0);
  for (int r = 0; r < replications; ++r)
    for (std::size_t c = 0; c < cells; ++c) mean[c] += simulated[static_cast<std::size_t>(r) * cells + c];
  for (double& m : mean) m /= replications;
  return mean;
}

}  // namespace homeward::calib
