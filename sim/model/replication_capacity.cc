// Dated capacity (ServiceConfig::phases): a service's schedule, beds, slots or
// visits change from a date, and utilisation is measured against the
// capacity in force at each moment.
#include "sim/model/replication.h"

#include <algorithm>
#include <cmath>

namespace homeward::model::detail {

void Replication::apply_phase(std::uint32_t s, const ServicePhase& phase) {
  ServiceState& state = services_[s];
  const ServiceConfig& config = s_.services[s];
  state.schedule = &phase.schedule;
  const int capacity = config.kind == ServiceKind::bridge ? phase.slots : phase.beds;
  // Fewer beds than occupants: none is turned out, the excess leaves as they go.
  state.free_beds += capacity - state.capacity;
  state.capacity = capacity;
  state.visits_capacity = phase.visits_capacity_per_day;
  ++state.phase;
}

void Replication::change_phase(std::uint32_t s) {
  ServiceState& state = services_[s];
  apply_phase(s, s_.services[s].phases[state.phase]);
  // The window and its quota may be new: start afresh, at once.
  state.window_key = std::numeric_limits<std::int64_t>::min();
  state.wake_at = -1e300;
  push(now_, kServiceWake, s);
}

double Replication::capacity_days(std::uint32_t s) const {
  const ServiceConfig& config = s_.services[s];
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
    const double until = std::clamp(phase.from_day, 0.0, end_);
    if (until > from) total += current * (until - from);
    from = std::max(from, until);
    current = value(phase.beds, phase.slots, phase.visits_capacity_per_day);
  }
  if (end_ > from) total += current * (end_ - from);
  return total;
}

double Replication::offered_starts(std::uint32_t s) const {
  const ServiceConfig& config = s_.services[s];
  const auto days = static_cast<std::int64_t>(s_.duration_days);
  std::int64_t from = 0;
  const engine::WeeklySchedule* schedule = &config.schedule;
  double total = 0;
  for (const ServicePhase& phase : config.phases) {
    // Phases start at midnights (io takes dates), so whole days split exactly.
    const auto until = std::clamp(static_cast<std::int64_t>(std::floor(phase.from_day)), std::int64_t{0}, days);
    if (until > from) total += static_cast<double>(schedule->total_quota(cal_, from, until));
    from = std::max(from, until);
    schedule = &phase.schedule;
  }
  if (days > from) total += static_cast<double>(schedule->total_quota(cal_, from, days));
  return total;
}

}  // namespace homeward::model::detail
