#include "sim/app/queue_growth.h"

#include <fmt/format.h>

#include <boost/math/distributions/students_t.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace homeward::app {

QueueGrowth::QueueGrowth(const io::ScenarioInfo& scenario)
    : services_(scenario.services), days_in_quarter_(4, 0.0) {
  int y = 0;
  unsigned m = 0, d = 0;
  std::sscanf(scenario.start_date.c_str(), "%d-%u-%u", &y, &m, &d);
  const std::chrono::sys_days start{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  std::vector<double> days_in_month;
  std::chrono::year_month last{};
  for (int day = 0; day < scenario.duration_days; ++day) {
    const std::chrono::year_month_day date{start + std::chrono::days{day}};
    const std::chrono::year_month month{date.year(), date.month()};
    if (days_in_month.empty() || month != last) days_in_month.push_back(0);
    days_in_month.back() += 1;
    last = month;
  }
  const std::size_t months = days_in_month.size();
  for (std::size_t i = 0; i < months; ++i) {
    const int quarter = static_cast<int>(4 * i / months);
    quarter_of_month_.push_back(quarter);
    days_in_quarter_[static_cast<std::size_t>(quarter)] += days_in_month[i];
  }
  level_sum_.assign(services_.size() * 4, 0.0);
  rise_.assign(services_.size() * 3, Sums{});
}

void QueueGrowth::add(const model::ReplicationResult& result) {
  if (quarter_of_month_.size() < 4) return;
  ++replications_;
  for (std::size_t s = 0; s < services_.size(); ++s) {
    double level[4] = {0, 0, 0, 0};
    for (std::size_t i = 0; i < result.months.size() && i < quarter_of_month_.size(); ++i)
      level[quarter_of_month_[i]] += result.months[i].queue_days[s];
    for (std::size_t q = 0; q < 4; ++q) {
      level[q] /= days_in_quarter_[q];
      level_sum_[s * 4 + q] += level[q];
    }
    for (std::size_t q = 0; q < 3; ++q) {
      const double rise = level[q + 1] - level[q];
      rise_[s * 3 + q].sum += rise;
      rise_[s * 3 + q].sum_of_squares += rise * rise;
    }
  }
}

std::vector<GrowingQueue> QueueGrowth::growing() const {
  std::vector<GrowingQueue> out;
  if (replications_ < 2) return out;
  const double n = static_cast<double>(replications_);
  const double t = boost::math::quantile(boost::math::students_t(n - 1), 0.975);
  for (std::size_t s = 0; s < services_.size(); ++s) {
    bool rises = true;
    for (std::size_t q = 0; q < 3 && rises; ++q) {
      const Sums& r = rise_[s * 3 + q];
      const double mean = r.sum / n;
      const double variance = std::max(0.0, (r.sum_of_squares - n * mean * mean) / (n - 1));
      rises = mean - t * std::sqrt(variance / n) > 0;
    }
    const double first = level_sum_[s * 4] / n, last = level_sum_[s * 4 + 3] / n;
    if (rises && last - first >= 1) out.push_back({services_[s], first, last});
  }
  return out;
}

std::string growing_queue_warning(const std::string& scenario, const GrowingQueue& queue) {
  return fmt::format(
      "WARNING: {}: the queue for {} grew in every quarter of the measured period (from {:.3g} to {:.3g} patients "
      "waiting on average) and has not settled: patients arrive faster than it can take them (an unstable queue), "
      "or the run is too short to reach a steady state. Results that depend on it grow with the run's length "
      "(docs/measures.md, \"Growing queues\").\n",
      scenario, queue.service, queue.first_quarter, queue.last_quarter);
}

}  // namespace homeward::app
