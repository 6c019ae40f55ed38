#include "sim/model/service_capacity.h"

#include <algorithm>
#include <cmath>

namespace homeward::model {

double capacity_days(const ServiceConfig& config, double duration_days) {
  auto value = [&](int beds, int slots, double visits) {
    switch (config.kind) {
      case ServiceKind::beds: return static_cast<double>(beds);
      case ServiceKind::bridge: return static_cast<double>(slots);
      case ServiceKind::package: return visits;
      default: return 0.0;
    }
  };
  double total = 0;
  double from = 0;
  double current = value(config.beds, config.slots, config.visits_capacity_per_day);
  for (const ServicePhase& phase : config.phases) {
    const double until = std::clamp(phase.from_day, 0.0, duration_days);
    if (until > from) total += current * (until - from);
    from = std::max(from, until);
    current = value(phase.beds, phase.slots, phase.visits_capacity_per_day);
  }
  if (duration_days > from) total += current * (duration_days - from);
  return total;
}

void for_each_schedule(const ServiceConfig& config, std::int64_t duration_days,
                       const std::function<void(const engine::WeeklySchedule&, std::int64_t, std::int64_t)>& visit) {
  std::int64_t from = 0;
  const engine::WeeklySchedule* schedule = &config.schedule;
  for (const ServicePhase& phase : config.phases) {
    // Phases start at midnights (io takes dates), so whole days split exactly.
    const auto until =
        std::clamp(static_cast<std::int64_t>(std::floor(phase.from_day)), std::int64_t{0}, duration_days);
    if (until > from) visit(*schedule, from, until);
    from = std::max(from, until);
    schedule = &phase.schedule;
  }
  if (duration_days > from) visit(*schedule, from, duration_days);
}

double offered_starts(const ServiceConfig& config, const engine::Calendar& calendar, std::int64_t duration_days) {
  double total = 0;
  for_each_schedule(config, duration_days, [&](const engine::WeeklySchedule& schedule, std::int64_t first, std::int64_t end) {
    total += static_cast<double>(schedule.total_quota(calendar, first, end));
  });
  return total;
}

}  // namespace homeward::model
