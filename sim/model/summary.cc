#include "sim/model/summary.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <unordered_map>

#include "sim/model/measure_recorder.h"

namespace homeward::model {

Statistics summarise(std::vector<double> values) {
  Statistics s;
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / n;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = values.size() > 1 ? std::sqrt(squares / (n - 1)) : 0;
  double half_width = 0;
  if (values.size() > 1) {
    const boost::math::students_t t(n - 1);
    half_width = boost::math::quantile(t, 0.975) * s.sd / std::sqrt(n);
  }
  s.ci95 = {s.mean - half_width, s.mean + half_width};
  std::sort(values.begin(), values.end());
  s.p5 = percentile_sorted(values, 0.05);
  s.p50 = percentile_sorted(values, 0.50);
  s.p95 = percentile_sorted(values, 0.95);
  return s;
}

std::vector<MeasureSummary> summarise(const std::vector<ReplicationResult>& replications) {
  std::vector<MeasureSummary> out;
  if (replications.empty()) return out;
  const std::size_t m = replications.front().measures.size();
  std::vector<double> values(replications.size());
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t r = 0; r < replications.size(); ++r) values[r] = replications[r].measures[i].value;
    out.push_back({replications.front().measures[i].name, summarise(values)});
  }
  return out;
}

std::vector<DifferenceSummary> paired_differences(const std::vector<ReplicationResult>& base,
                                                  const std::vector<ReplicationResult>& other) {
  std::vector<DifferenceSummary> out;
  if (base.empty() || base.size() != other.size()) return out;
  // Services differ between scenarios, so measures are matched by name.
  std::unordered_map<std::string, std::size_t> base_index;
  for (std::size_t i = 0; i < base.front().measures.size(); ++i) base_index[base.front().measures[i].name] = i;
  std::vector<double> differences(base.size()), base_values(base.size());
  for (std::size_t i = 0; i < other.front().measures.size(); ++i) {
    auto found = base_index.find(other.front().measures[i].name);
    if (found == base_index.end()) continue;
    for (std::size_t r = 0; r < base.size(); ++r) {
      base_values[r] = base[r].measures[found->second].value;
      differences[r] = other[r].measures[i].value - base_values[r];
    }
    DifferenceSummary d{found->first, summarise(differences), 0};
    double base_mean = 0;
    for (double v : base_values) base_mean += v;
    base_mean /= static_cast<double>(base_values.size());
    d.relative = base_mean != 0 ? d.statistics.mean / base_mean : 0;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace homeward::model
