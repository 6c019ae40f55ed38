#include "sim/model/percentile.h"

#include <algorithm>
#include <cmath>

namespace homeward::model {

double percentile_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const double h = p * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return percentile_sorted(values, p);
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

}  // namespace homeward::model
