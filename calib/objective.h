// The calibration objective (docs/calibration.md, "Objective"): a weighted
// mean of each series' mean squared error over the training months, each
// series' errors divided by that series' mean observed level, so a series of
// 3,000 days a month and one of 100 count alike:
//
//   J = Σ_s w_s · (1/|T|) Σ_{m∈T} ((μ_sm − y_sm) / L_s)²,   Σ_s w_s = 1,
//
// with μ_sm the simulated mean over replications (common random numbers),
// y_sm the observed value, T the training months, w_s the series' weights
// normalised to sum 1, and L_s = max(mean_{m∈T} y_sm, 1 day) the level.
// √J reads as a typical relative error: 0.1 is about 10%.
#pragma once

#include <span>
#include <vector>

#include "calib/target.h"

namespace homeward::calib {

class Objective {
 public:
  explicit Objective(const ObservedTarget& target);

  // `simulated`: replication-major values, simulated[r × S × M + s × M + j]
  // (as simulated_values() writes them), for `replications` replications.
  double operator()(std::span<const double> simulated, int replications) const;

  double level(std::size_t series) const { return levels_[series]; }
  double weight(std::size_t series) const { return weights_[series]; }

 private:
  ObservedTarget target_;
  std::vector<double> levels_;
  std::vector<double> weights_;
  std::vector<std::size_t> train_months_;
};

// The mean over replications, [s × M + j].
std::vector<double> replication_mean(const ObservedTarget& target, std::span<const double> simulated, int replications);

}  // namespace homeward::calib
