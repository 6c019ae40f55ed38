#include "sim/model/economics.h"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

namespace homeward::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::optional<std::vector<double>> column(const ScalarTable& table, std::string_view name) {
  for (std::size_t i = 0; i < table.names().size(); ++i)
    if (table.names()[i] == name) return table.column(i);
  return std::nullopt;
}

double mean_of(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

DifferenceSummary ratio_summary(std::string_view name, const RatioEstimate& r) {
  DifferenceSummary d{std::string(name), {}, kNaN};
  d.statistics.mean = r.value;
  d.statistics.sd = d.statistics.p5 = d.statistics.p50 = d.statistics.p95 = kNaN;
  d.statistics.ci95 = {r.low, r.high};
  return d;
}

}  // namespace

RatioEstimate ratio_of_means(const std::vector<double>& y, const std::vector<double>& x) {
  const double n = static_cast<double>(y.size());
  double mean_y = 0, mean_x = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    mean_y += y[i];
    mean_x += x[i];
  }
  mean_y /= n;
  mean_x /= n;
  RatioEstimate r;
  r.value = mean_x != 0 ? mean_y / mean_x : kNaN;
  r.low = r.high = r.value;
  if (y.size() < 2 || mean_x == 0) return r;
  // Variances and covariance of the means.
  double vyy = 0, vxx = 0, vxy = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    vyy += (y[i] - mean_y) * (y[i] - mean_y);
    vxx += (x[i] - mean_x) * (x[i] - mean_x);
    vxy += (y[i] - mean_y) * (x[i] - mean_x);
  }
  const double scale = 1 / ((n - 1) * n);
  vyy *= scale;
  vxx *= scale;
  vxy *= scale;
  const double t = boost::math::quantile(boost::math::students_t(n - 1), 0.975);
  const double t2 = t * t;
  // (ȳ − R x̄)² ≤ t² (v_yy − 2R v_xy + R² v_xx), a quadratic a R² + b R + c ≤ 0.
  const double a = mean_x * mean_x - t2 * vxx;
  const double b = -2 * (mean_x * mean_y - t2 * vxy);
  const double c = mean_y * mean_y - t2 * vyy;
  const double discriminant = b * b - 4 * a * c;
  if (!(a > 0) || discriminant < 0) {
    r.low = r.high = kNaN;  // unbounded: x̄ is not clearly away from zero
    return r;
  }
  const double root = std::sqrt(discriminant);
  r.low = (-b - root) / (2 * a);
  r.high = (-b + root) / (2 * a);
  return r;
}

void append_economics(const ScalarTable& base, const ScalarTable& other, std::vector<DifferenceSummary>& differences) {
  if (base.rows() == 0 || base.rows() != other.rows()) return;
  const auto both = [&](const MeasureInfo& m) { return std::pair{column(base, m.pattern), column(other, m.pattern)}; };
  const auto [base_beds, other_beds] = both(measure::kAcuteBedDays);
  const auto [base_services, other_services] = both(measure::kCostServices);
  const auto [base_total, other_total] = both(measure::kCostTotal);
  if (!base_beds || !other_beds || !base_services || !other_services || !base_total || !other_total) return;
  const std::size_t n = base.rows();
  std::vector<double> net(n), saved(n), extra(n);
  for (std::size_t r = 0; r < n; ++r) {
    net[r] = (*base_total)[r] - (*other_total)[r];
    saved[r] = (*base_beds)[r] - (*other_beds)[r];
    extra[r] = (*other_services)[r] - (*base_services)[r];
  }
  differences.push_back({std::string(kNetSaving), summarise(net), kNaN});

  const RatioEstimate undefined{kNaN, kNaN, kNaN};
  // Saving no bed days on average, there is no cost per day saved; spending
  // nothing more on services, no return to speak of.
  differences.push_back(
      ratio_summary(kCostPerBedDaySaved, mean_of(saved) > 0 ? ratio_of_means(extra, saved) : undefined));
  differences.push_back(ratio_summary(kReturnOnInvestment, mean_of(extra) > 0 ? ratio_of_means(net, extra) : undefined));
}

}  // namespace homeward::model
