// Dated capacity (ServiceConfig::phases): a service's schedule, beds, slots or
// visits change from a date. Utilisation against the capacity in force is
// service_capacity.h's.
#include "sim/model/replication.h"

#include <algorithm>
#include <cmath>

namespace homeward::model::detail {

void Replication::apply_phase(std::uint32_t s, const ServicePhase& phase) {
  ServiceState& state = services_[s];
  const ServiceConfig& config = scenario_.services[s];
  state.schedule = &phase.schedule;
  const int capacity = config.kind == ServiceKind::bridge ? phase.slots : phase.beds;
  // Fewer beds than occupants: none is turned out, the excess leaves as they go.
  state.free_places += capacity - state.capacity;
  state.capacity = capacity;
  state.visits_capacity = phase.visits_capacity_per_day;
  ++state.phase;
}

void Replication::change_phase(std::uint32_t s) {
  ServiceState& state = services_[s];
  apply_phase(s, scenario_.services[s].phases[state.phase]);
  // The window and its quota may be new: start afresh, at once.
  state.window_key = std::numeric_limits<std::int64_t>::min();
  state.wake_at = kNoWakeUp;
  push(now_, kServiceWake, s);
}

}  // namespace homeward::model::detail
