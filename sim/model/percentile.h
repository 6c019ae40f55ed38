// Percentiles, defined once for the whole program: linear interpolation
// between order statistics (Hyndman & Fan type 7, R's and NumPy's default).
// With n values sorted x[0] <= ... <= x[n-1], h = p (n - 1) and
// k = floor(h), the percentile is x[k] + (h - k) (x[k+1] - x[k]) (x[n-1] when
// k = n - 1). The delay percentiles of a replication, summary.json's p5, p50
// and p95, the report's and the workbook's monthly bands and a calibration's
// fit band all use it (docs/measures.md).
#pragma once

#include <cstddef>
#include <vector>

namespace homeward::model {

// Percentile p (0..1) of sorted values. 0 when empty.
double percentile_sorted(const std::vector<double>& sorted, double p);
// The same of values in any order (sorts a copy). 0 when empty.
double percentile(std::vector<double> values, double p);
// The same from unsorted values, in linear time; reorders them.
double percentile_unsorted(std::vector<double>& values, double p);
// The same for `zeros` values of 0 below the unsorted positive values; reorders them.
double percentile_above_zeros(std::vector<double>& positive, std::size_t zeros, double p);

}  // namespace homeward::model
