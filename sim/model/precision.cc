#include "sim/model/precision.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/model/summary.h"

namespace homeward::model {

std::uint32_t first_stage(std::uint32_t cap) { return std::min<std::uint32_t>(cap, 10); }

double relative_half_width(const std::vector<double>& values) {
  const Statistics s = summarise(values);
  const double half_width = (s.ci95[1] - s.ci95[0]) / 2;
  if (half_width == 0) return 0;
  if (s.mean == 0) return std::numeric_limits<double>::infinity();
  return half_width / std::abs(s.mean);
}

std::uint32_t next_stage(const std::vector<double>& values, PrecisionTarget target, std::uint32_t cap) {
  const auto n = static_cast<std::uint32_t>(values.size());
  if (n >= cap) return n;
  const double h = relative_half_width(values);
  if (h <= target.relative_half_width) return n;
  // The half-width shrinks as 1/√n (the t quantile a little faster): n·(h/target)²
  // replications should about meet the target. Unreachable (mean 0): double n.
  const double estimate = std::isfinite(h) ? std::ceil(n * (h / target.relative_half_width) * (h / target.relative_half_width))
                                           : 2.0 * n;
  const double wanted = std::max(std::min(estimate, 2.0 * n), static_cast<double>(n) + 10);
  const double rounded = std::ceil(wanted / 10) * 10;
  return rounded >= cap ? cap : static_cast<std::uint32_t>(rounded);
}

}  // namespace homeward::model
