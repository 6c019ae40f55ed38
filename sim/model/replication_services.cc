#include "sim/model/replication.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace homeward::model::detail {

void Replication::try_start(std::uint32_t s) {
  ServiceState& state = services_[s];
  const ServiceConfig& config = scenario_.services[s];
  if (config.kind == ServiceKind::bridge) {
    try_bridge(s);
    return;
  }
  while (!state.queue.empty()) {
    if (config.kind == ServiceKind::beds && state.free_places <= 0) return;  // a release wakes us (below 0 after a cut)
    if (config.kind == ServiceKind::package &&
        state.visits_in_use + config.initial_visits_per_day > state.visits_capacity + 1e-9)
      return;  // the midnight re-taper or a client's end wakes us
    if (!window_has_quota(s)) return;
    ++state.used_in_window;
    const std::uint32_t id = state.queue.front();
    state.queue.pop_front();
    state.queue_length.add(now_, -1);
    patients_[id].queued_at = kNone;
    start(id, s);
  }
}

bool Replication::window_has_quota(std::uint32_t s) {
  ServiceState& state = services_[s];
  const OpenWindow w = state.schedule->window_at(cal_, now_);
  if (w.open && w.key != state.window_key) {
    state.window_key = w.key;  // a new window: its quota is unspent
    state.used_in_window = 0;
  }
  if (w.open && state.used_in_window < w.quota) return true;
  wake_at_next_window(s, w.open ? w.closes : now_);
  return false;
}

void Replication::wake_at_next_window(std::uint32_t s, double from) {
  ServiceState& state = services_[s];
  const OpenWindow next = state.schedule->next_window(cal_, from);
  if (!next.open) return;  // closed for good (validation rejects schedules that never open; a phase may close one)
  if (state.wake_at == next.opens) return;
  state.wake_at = next.opens;
  push(next.opens, kServiceWake, s);
}

void Replication::start(std::uint32_t id, std::uint32_t s) {
  Patient& patient = patients_[id];
  const ServiceConfig& config = scenario_.services[s];
  ServiceState& state = services_[s];
  if (in_measured_period(now_)) tally_.services[s].starts += 1;
  switch (config.kind) {
    case ServiceKind::assessment:
      attribute(id, s, /*process=*/true);
      push_patient(now_ + sample_duration(config, patient), kServiceDone, id);
      return;
    case ServiceKind::beds:
      state.free_places -= 1;
      state.occupied.add(now_, 1);
      break;
    case ServiceKind::package: {
      state.clients.push_back({id, now_, 0, config.initial_visits_per_day});
      patient.client_slot = static_cast<std::uint32_t>(state.clients.size() - 1);
      state.visits_in_use += config.initial_visits_per_day;
      state.visits.set(now_, state.visits_in_use);
      state.client_count.add(now_, 1);
      break;
    }
    case ServiceKind::delay:
    case ServiceKind::bridge: assert(false); return;
  }
  // A bed or package taken: leave whatever was held before, then go.
  release_held(id);
  if (patient.bridge != kNone) end_bridging(id);
  patient.held = s;
  if (patient.location == Location::acute) {
    request_leave(id);
  } else {
    begin_held_service(id);
  }
}

void Replication::begin_held_service(std::uint32_t id) {
  Patient& patient = patients_[id];
  const ServiceConfig& config = scenario_.services[patient.held];
  const double duration = sample_duration(config, patient);
  if (config.kind == ServiceKind::package) {
    Client& client = services_[patient.held].clients[patient.client_slot];
    client.start = now_;
    client.length = std::max(duration, 1e-9);
  }
  push_patient(now_ + duration, kServiceDone, id);
}

double Replication::sample_duration(const ServiceConfig& config, Patient& patient) {
  const double days = config.duration_days.sample(patient.journey);
  return config.scales_with_complexity ? days * patient.complexity : days;
}

void Replication::service_done(std::uint32_t id) {
  Patient& patient = patients_[id];
  if (patient.trusted_for != kNone) {
    const std::uint32_t s = patient.trusted_for;
    patient.trusted_for = kNone;
    if (patient.journey.uniform01() < scenario_.services[s].acceptance_probability) {
      if (in_measured_period(now_)) tally_.services[s].accepted += 1;
      enter_next(id);  // the service accepts the trusted assessment: its own is skipped
    } else {
      join_queue(id, s);
    }
    return;
  }
  const ServiceConfig& config = scenario_.services[p_.graph().vertex(patient.vertex).index];
  if (config.kind == ServiceKind::beds) patient.blocked_since = now_;  // until it moves on
  if (config.kind == ServiceKind::package) release_held(id);
  enter_next(id);
}

void Replication::release_held(std::uint32_t id) {
  Patient& patient = patients_[id];
  if (patient.held == kNone) return;
  const std::uint32_t s = patient.held;
  ServiceState& state = services_[s];
  if (scenario_.services[s].kind == ServiceKind::beds) {
    state.free_places += 1;
    state.occupied.add(now_, -1);
    if (patient.blocked_since >= 0) tally_.services[s].blocked_bed_days += clipped(patient.blocked_since, now_);
    patient.blocked_since = -1;
  } else {
    Client& client = state.clients[patient.client_slot];
    state.visits_in_use -= client.visits;
    state.visits.set(now_, state.visits_in_use);
    state.client_count.add(now_, -1);
    client = state.clients.back();
    patients_[client.patient].client_slot = patient.client_slot;
    state.clients.pop_back();
    patient.client_slot = kNone;
  }
  patient.held = kNone;
  // Start the next patient once this event is done, never inside another service's loop.
  if (!state.queue.empty()) push(now_, kServiceWake, s);
}

void Replication::try_bridge(std::uint32_t b) {
  ServiceState& state = services_[b];
  const ServiceConfig& config = scenario_.services[b];
  while (state.free_places > 0 && !state.candidates.empty()) {
    if (!window_has_quota(b)) return;
    const std::uint32_t id = take_bridge_candidate(b);
    if (id == kNone) return;  // MFFD or a package start wakes us
    ++state.used_in_window;
    Patient& patient = patients_[id];
    state.free_places -= 1;
    state.occupied.add(now_, 1);
    patient.bridge = b;
    patient.bridging = Bridging::pickup;
    attribute(id, b, /*process=*/true);
    push_patient(now_ + config.duration_days.sample(patient.journey), kBridgeStart, id);
  }
}

bool Replication::bridge_eligible(std::uint32_t b, const Patient& patient) const {
  const ServiceConfig& config = scenario_.services[b];
  if (patient.complexity > config.max_complexity) return false;
  if (config.eligible_share >= 1) return true;
  // Decided once per patient: the same draw every time they are considered.
  return RandomStream::first_uniform01(eligibility_prefix_, patient.serial) < config.eligible_share;
}

std::uint32_t Replication::take_bridge_candidate(std::uint32_t b) {
  auto& candidates = services_[b].candidates;
  for (auto it = candidates.begin(); it != candidates.end();) {
    const Patient& patient = patients_[*it];
    const bool waiting = patient.location == Location::acute && patient.queued_at != kNone &&
                         p_.bridge_of(patient.queued_at) == b && patient.bridging == Bridging::none &&
                         !patient.leaving;
    if (!waiting || !bridge_eligible(b, patient)) {
      it = candidates.erase(it);
      continue;
    }
    if (patient.delayed && !(patient.alongside_until > now_)) {
      const std::uint32_t id = *it;
      candidates.erase(it);
      return id;
    }
    ++it;
  }
  return kNone;
}

void Replication::start_bridging(std::uint32_t id) {
  Patient& patient = patients_[id];
  if (patient.bridging != Bridging::pickup) return;  // the package started first
  patient.bridging = Bridging::active;
  patient.bridge_started = now_;
  count_discharge(patient);
  if (in_measured_period(now_)) tally_.services[patient.bridge].starts += 1;
  push_patient(now_ + scenario_.services[patient.bridge].max_days, kBridgeOverrun, id);
}

void Replication::bridge_overrun(std::uint32_t id, double due) {
  Patient& patient = patients_[id];
  if (patient.bridging != Bridging::active || patient.bridge_started + scenario_.services[patient.bridge].max_days != due)
    return;
  const std::uint32_t b = patient.bridge;
  const ServiceConfig& config = scenario_.services[b];
  if (in_measured_period(now_)) tally_.services[b].overruns += 1;
  // Always draw, so that the policy does not shift later draws.
  const bool readmit = patient.journey.uniform01() < config.readmission_probability;
  if (config.overrun != OverrunPolicy::readmit || !readmit) return;  // extend: the slot stays taken
  end_bridging(id);
  if (in_measured_period(now_)) {
    tally_.services[b].readmissions += 1;
    tally_.readmissions += 1;
  }
  patient.location = Location::acute;
  acute_.add(now_, 1);
  patient.admitted = now_;
  patient.delayed = true;  // ready, waiting in an acute bed for the package again
  patient.mark = now_;
  delayed_now_[patient.attribution] += 1;
  attribute(id, patient.queued_at, /*process=*/false);
}

void Replication::end_bridging(std::uint32_t id) {
  Patient& patient = patients_[id];
  const std::uint32_t b = patient.bridge;
  ServiceState& state = services_[b];
  state.free_places += 1;
  state.occupied.add(now_, -1);
  patient.bridge = kNone;
  patient.bridging = Bridging::none;
  if (!state.candidates.empty()) push(now_, kServiceWake, b);
}

void Replication::retaper(std::uint32_t s) {
  ServiceState& state = services_[s];
  const ServiceConfig& config = scenario_.services[s];
  double total = 0;
  for (Client& c : state.clients) {
    if (c.length > 0) {
      const double progress = std::min(1.0, (now_ - c.start) / c.length);
      c.visits = config.initial_visits_per_day +
                 (config.final_visits_per_day - config.initial_visits_per_day) * progress;
    }
    total += c.visits;
  }
  state.visits_in_use = total;
  state.visits.set(now_, total);
}

void Replication::place_census(double start) {
  for (std::uint32_t s = 0; s < scenario_.services.size(); ++s) {
    const ServiceConfig& config = scenario_.services[s];
    if (config.kind != ServiceKind::beds || config.initial_occupied == 0) continue;
    ServiceState& state = services_[s];
    RandomStream census(census_prefix_, s);
    state.free_places -= config.initial_occupied;
    state.occupied.add(start, config.initial_occupied);
    for (int i = 0; i < config.initial_occupied; ++i) push(start + config.duration_days.sample_remaining(census), kCensusLeave, s);
  }
}

void Replication::census_leave(std::uint32_t s) {
  ServiceState& state = services_[s];
  state.free_places += 1;
  state.occupied.add(now_, -1);
  if (!state.queue.empty()) push(now_, kServiceWake, s);
}

void Replication::place_acute_census(double start) {
  now_ = start;
  std::uint64_t census_serial = 0;
  for (std::size_t e = 0; e < scenario_.acute_census.size(); ++e) {
    const AcuteCensus& entry = scenario_.acute_census[e];
    const Cohort& cohort = scenario_.cohorts[entry.cohort];
    RandomStream census(acute_census_prefix_, e);
    for (int i = 0; i < entry.patients; ++i) {
      const bool fit = entry.waiting_for >= 0;
      const double to_mffd = fit ? 0 : cohort.time_to_mffd_days.sample_remaining(census);
      const std::uint32_t id =
          create_patient(start, static_cast<std::uint32_t>(entry.cohort), to_mffd, kCensusSerials + census_serial++);
      Patient& patient = patients_[id];
      // In a bed already: not an admission, and no lever applies any more.
      patient.location = Location::acute;
      acute_.add(now_, 1);
      patient.vertex = p_.graph().entry_vertex(patient.pathway);
      if (!fit) {
        patient.referred_at_mffd = true;
        push_patient(patient.mffd, kMffd, id);
        continue;
      }
      patient.mffd = start;  // fit now, whatever the ward rounds
      start_delay(patient);
      enter_vertex(id, p_.graph().service_vertex(static_cast<std::uint32_t>(entry.waiting_for)));
    }
  }
}

}  // namespace homeward::model::detail
