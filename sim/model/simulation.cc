#include "sim/model/simulation.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <deque>
#include <limits>
#include <numeric>

#include "sim/engine/event_queue.h"
#include "sim/engine/random.h"
#include "sim/model/measure_recorder.h"
#include "sim/model/time_weighted.h"

namespace homeward::model {
namespace {

using engine::Calendar;
using engine::Event;
using engine::OpenWindow;
using engine::RandomStream;

constexpr std::uint32_t kNone = kNoService;

// Event kinds double as priorities at equal times: the midnight count sees
// the state at the instant of midnight, before anything else happens then.
enum EventKind : std::uint32_t {
  kMidnight, kAdmit, kMffd, kReferral, kLeave, kServiceDone, kServiceWake, kBridgeStart, kBridgeOverrun
};

enum class Bridging : std::uint8_t { none, pickup, active };

enum class Location : std::uint8_t { waiting_admission, acute, post_acute, gone };

struct Patient {
  double admitted = 0;
  double mffd = 0;
  double mark = 0;               // start of the current delay attribution interval
  double blocked_since = -1;     // in a bed whose stay has ended, waiting to move on
  RandomStream journey;
  std::uint32_t cohort = 0;
  std::uint32_t vertex = 0;      // current vertex of the pathway graph
  std::uint32_t held = kNone;    // bed or package service occupied (or reserved)
  std::uint32_t client_slot = kNone;
  std::uint32_t exit = kNone;    // set when the route has reached an exit
  std::uint32_t queued_at = kNone;     // service whose queue holds the patient
  std::uint32_t trusted_for = kNone;   // service a trusted assessor is assessing for
  std::uint32_t bridge = kNone;        // bridge service holding a slot for the patient
  double bridge_started = 0;
  double later_draw = 1;               // home first: decides the later long-term placement
  Pathway pathway = Pathway::P0;
  Location location = Location::waiting_admission;
  std::uint8_t attribution = 0;  // (reason, agency) of what the patient waits for
  bool waiting_process = false;  // a process (assessment, delay) rather than capacity
  bool delayed = false;          // ready (after MFFD) and still in the acute bed
  bool leaving = false;          // a Leave event is scheduled
  bool moved_home_first = false;
  bool later_placement_done = false;
  Bridging bridging = Bridging::none;
};

struct Client {
  std::uint32_t patient;
  double start, length, visits;
};

struct ServiceState {
  std::deque<std::uint32_t> queue;
  std::deque<std::uint32_t> candidates;  // bridge only: patients who may be bridged
  std::int64_t window_key = std::numeric_limits<std::int64_t>::min();
  std::int64_t used_in_window = 0;
  double wake_at = -std::numeric_limits<double>::infinity();
  int free_beds = 0;
  std::vector<Client> clients;  // package only
  double visits_in_use = 0;
  TimeWeighted queue_length, occupied, visits, client_count;
  double starts = 0, blocked_bed_days = 0, episode_cost = 0;
  double overruns = 0, readmissions = 0, accepted = 0;
  ServiceState(double begin, double end)
      : queue_length(begin, end), occupied(begin, end), visits(begin, end), client_count(begin, end) {}
};

class Replication {
 public:
  Replication(const PreparedScenario& prepared, std::uint64_t seed, std::uint32_t replication)
      : p_(prepared),
        s_(prepared.scenario()),
        cal_(prepared.calendar()),
        seed_(seed),
        replication_(replication),
        end_(s_.duration_days),
        admissions_stream_(seed, replication, kAdmissions, 0),
        traits_stream_(seed, replication, kPatientTraits, 0),
        acute_(0, end_) {
    for (const ServiceConfig& c : s_.services) {
      services_.emplace_back(0, end_);
      services_.back().free_beds = c.kind == ServiceKind::bridge ? c.slots : c.beds;
    }
    for (std::int64_t day = 0; day < s_.duration_days; ++day) {
      const engine::YearMonth m = cal_.month_of_day(day);
      if (months_.empty() || !(months_.back().month == m)) months_.push_back(MonthResult{m, {}, {}, 0, 0, 0, 0});
      month_of_day_.push_back(months_.size() - 1);
    }
    exits_.assign(s_.exits.size(), 0);
  }

  ReplicationResult run() {
    const double start = -static_cast<double>(s_.warmup_days);
    for (const FixedAdmission& a : s_.fixed_admissions) {
      if (a.time_days < start || a.time_days >= end_) continue;
      create_patient(a.time_days, a.cohort, a.time_to_mffd_days);
    }
    push(start, kMidnight, 0);
    while (!queue_.empty()) {
      const Event e = queue_.pop();
      now_ = e.time;
      ++events_;
      if (e.kind == kMidnight) {
        if (!midnight(Calendar::day_of(now_ + 0.5))) break;
        continue;
      }
      dispatch(e);
    }
    return finish();
  }

 private:
  // ---- events -------------------------------------------------------------
  void push(double time, EventKind kind, std::uint32_t subject) {
    queue_.push(Event{time, kind, kind, subject, 0, 0});
  }

  void dispatch(const Event& e) {
    switch (e.kind) {
      case kAdmit: admit(e.subject); break;
      case kMffd: reach_mffd(e.subject); break;
      case kReferral: enter_next(e.subject); break;
      case kLeave: leave_acute(e.subject); break;
      case kServiceDone: service_done(e.subject); break;
      case kServiceWake:
        if (services_[e.subject].wake_at == now_) services_[e.subject].wake_at = -1e300;
        try_start(e.subject);
        break;
      case kBridgeStart: start_bridging(e.subject); break;
      case kBridgeOverrun: bridge_overrun(e.subject, e.time); break;
      default: assert(false);
    }
  }

  // Returns false at the end of the measured period.
  bool midnight(std::int64_t day) {
    if (day >= 1 && day <= s_.duration_days) record_midnight(day - 1);
    if (day == 0) {
      acute_.advance(now_);
      in_hospital_at_start_ = acute_.value();
    }
    if (day >= s_.duration_days) return false;
    for (std::uint32_t s = 0; s < services_.size(); ++s) {
      if (s_.services[s].kind == ServiceKind::package && !services_[s].clients.empty()) {
        retaper(s);
        if (!services_[s].queue.empty()) try_start(s);
      }
    }
    if (s_.fixed_admissions.empty()) sample_admissions(day);
    push(static_cast<double>(day + 1), kMidnight, 0);
    return true;
  }

  void record_midnight(std::int64_t day) {
    MonthResult& m = months_[month_of_day_[day]];
    acute_.advance(now_);
    m.acute_bed_days += acute_.integral() - acute_integral_at_midnight_;
    acute_integral_at_midnight_ = acute_.integral();
    const bool snapshot = cal_.is_last_thursday(day);
    for (int a = 0; a < kAttributionCount; ++a) {
      m.delayed_days[a] += delayed_now_[a];
      if (snapshot) m.snapshot[a] = delayed_now_[a];
    }
  }

  void sample_admissions(std::int64_t day) {
    const std::uint32_t n = admissions_stream_.poisson(p_.admissions_mean(day));
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::size_t hour = admissions_stream_.pick(p_.hour_cumulative());
      const double time = static_cast<double>(day) + (static_cast<double>(hour) + admissions_stream_.uniform01()) / 24.0;
      const std::uint32_t cohort = static_cast<std::uint32_t>(traits_stream_.pick(p_.cohort_cumulative()));
      const double los = s_.cohorts[cohort].time_to_mffd_days.sample(traits_stream_);
      create_patient(time, cohort, los);
    }
  }

  void create_patient(double time, std::uint32_t cohort, double time_to_mffd) {
    const auto id = static_cast<std::uint32_t>(patients_.size());
    Patient& patient = patients_.emplace_back();
    patient.admitted = time;
    const double fit = time + std::max(0.0, time_to_mffd);
    const OpenWindow round = s_.cohorts[cohort].mffd_declared.next_window(cal_, fit);
    patient.mffd = round.open ? round.opens : fit;
    patient.cohort = cohort;
    patient.pathway = s_.cohorts[cohort].pathway;
    patient.journey = RandomStream(seed_, replication_, kJourney, id);
    patient.attribution = static_cast<std::uint8_t>(
        attribution_of(s_.discharge_window.reason, s_.discharge_window.agency));
    push(time, kAdmit, id);
  }

  // ---- patient flow -------------------------------------------------------
  void admit(std::uint32_t id) {
    Patient& patient = patients_[id];
    patient.location = Location::acute;
    acute_.add(now_, 1);
    if (in_window(now_)) {
      ++admissions_;
      months_[month_of_day_[Calendar::day_of(now_)]].admissions += 1;
    }
    // Every patient makes these draws in this order whatever the levers, so
    // switching a lever on does not shift anyone's later random numbers.
    const double move_draw = patient.journey.uniform01();
    patient.later_draw = patient.journey.uniform01();
    const double edd_set_draw = patient.journey.uniform01();
    const double edd_error_draw = patient.journey.normal(0, 1);
    apply_home_first(patient, move_draw);
    patient.vertex = p_.graph().entry_vertex(patient.pathway);
    push(patient.mffd, kMffd, id);
    push(referral_time(patient, edd_set_draw, edd_error_draw), kReferral, id);
  }

  void apply_home_first(Patient& patient, double u) {
    const HomeFirst& h = s_.home_first;
    Pathway moved_to = patient.pathway;
    if (patient.pathway == Pathway::P3) {
      if (u < h.p3_to_p1) moved_to = Pathway::P1;
      else if (u < h.p3_to_p1 + h.p3_to_p2) moved_to = Pathway::P2;
    } else if (patient.pathway == Pathway::P2 && u < h.p2_to_p1) {
      moved_to = Pathway::P1;
    }
    if (moved_to == patient.pathway) return;
    patient.pathway = moved_to;
    patient.moved_home_first = true;
    if (in_window(now_)) moved_home_first_ += 1;
  }

  // Without early planning, the referral goes out at MFFD.
  double referral_time(const Patient& patient, double set_draw, double error_draw) const {
    const EarlyPlanning& e = s_.early_planning;
    if (!e.enabled) return patient.mffd;
    const double edd_set = patient.admitted + set_draw * e.set_within_days;
    const double edd = patient.mffd + e.error_mean_days + e.error_sd_days * error_draw;
    return std::min(patient.mffd, std::max({edd_set, edd - e.lead_days, now_}));
  }

  void reach_mffd(std::uint32_t id) {
    Patient& patient = patients_[id];
    if (patient.location != Location::acute) return;
    patient.delayed = true;
    patient.mark = now_;
    delayed_now_[patient.attribution] += 1;
    if (patient.exit != kNone && !patient.leaving) request_leave(id);
    if (patient.queued_at != kNone && p_.bridge_of(patient.queued_at) != kNone) try_start(p_.bridge_of(patient.queued_at));
  }

  // Routes the patient from the current vertex along one edge of the graph.
  void enter_next(std::uint32_t id) {
    Patient& patient = patients_[id];
    enter_vertex(id, p_.graph().next(patient.vertex, patient.journey));
  }

  void enter_vertex(std::uint32_t id, std::uint32_t next) {
    Patient& patient = patients_[id];
    const PathwayGraph::Vertex& v = p_.graph().vertex(next);
    if (v.kind == PathwayGraph::VertexKind::exit) {
      finish_route(id, v.index);
      return;
    }
    patient.vertex = next;
    const std::uint32_t s = v.index;
    const ServiceConfig& config = s_.services[s];
    if (config.kind == ServiceKind::delay) {
      // Always draw, so that a change of probability does not shift later draws.
      const bool applies = patient.journey.uniform01() < config.probability;
      const double duration = config.duration_days.sample(patient.journey);
      if (!applies) {
        enter_next(id);
        return;
      }
      attribute(id, s, /*process=*/true);
      push(now_ + duration, kServiceDone, id);
      return;
    }
    const std::uint32_t trusted = p_.trusted_assessor_of(s);
    if (trusted != kNone) {
      // The trusted assessor assesses on this service's behalf first.
      patient.trusted_for = s;
      join_queue(id, trusted);
      return;
    }
    join_queue(id, s);
  }

  void join_queue(std::uint32_t id, std::uint32_t s) {
    Patient& patient = patients_[id];
    attribute(id, s, /*process=*/false);
    ServiceState& state = services_[s];
    state.queue.push_back(id);
    state.queue_length.add(now_, 1);
    patient.queued_at = s;
    const std::uint32_t bridge = p_.bridge_of(s);
    if (bridge != kNone && patient.location == Location::acute) {
      services_[bridge].candidates.push_back(id);
      try_start(bridge);
    }
    try_start(s);
  }

  void finish_route(std::uint32_t id, std::uint32_t exit) {
    Patient& patient = patients_[id];
    patient.exit = exit;
    if (patient.location == Location::acute) {
      if (now_ >= patient.mffd) request_leave(id);
      return;  // otherwise reach_mffd requests the leave
    }
    release_held(id);
    depart(id);
  }

  // The patient leaves the acute bed at the first opening of the discharge
  // window at or after max(now, MFFD); capacity already acquired stays held.
  void request_leave(std::uint32_t id) {
    Patient& patient = patients_[id];
    patient.leaving = true;
    const double earliest = std::max(now_, patient.mffd);
    const bool exempt = patient.exit != kNone && p_.exit_exempt_from_window(patient.exit);
    const OpenWindow w = exempt ? OpenWindow{} : s_.discharge_window.schedule.next_window(cal_, earliest);
    const double at = w.open ? w.opens : earliest;
    set_attribution(id, attribution_of(s_.discharge_window.reason, s_.discharge_window.agency), false);
    push(at, kLeave, id);
  }

  void leave_acute(std::uint32_t id) {
    Patient& patient = patients_[id];
    count_discharge(patient);
    patient.leaving = false;
    if (patient.held != kNone) {
      patient.location = Location::post_acute;
      begin_held_service(id);
    } else {
      depart(id);
    }
  }

  void depart(std::uint32_t id) {
    Patient& patient = patients_[id];
    const HomeFirst& h = s_.home_first;
    if (patient.moved_home_first && !patient.later_placement_done && patient.later_draw < h.later_share) {
      // Home first: the long-term decision, made out of hospital, is a placement.
      patient.later_placement_done = true;
      patient.location = Location::post_acute;
      patient.exit = kNone;
      if (in_window(now_)) later_placements_ += 1;
      enter_vertex(id, p_.graph().service_vertex(p_.later_service()));
      return;
    }
    patient.location = Location::gone;
    if (in_window(now_)) ++exits_[patient.exit];
  }

  void count_discharge(Patient& patient) {
    close_delay(static_cast<std::uint32_t>(&patient - patients_.data()));
    acute_.add(now_, -1);
    patient_days_ += now_ - patient.admitted;
    patient.location = Location::post_acute;
    if (in_window(now_)) {
      ++discharges_;
      ++discharges_by_pathway_[static_cast<int>(patient.pathway)];
      months_[month_of_day_[Calendar::day_of(now_)]].discharges += 1;
      delays_.push_back(std::max(0.0, now_ - patient.mffd));
    }
  }

  // ---- services -----------------------------------------------------------
  void try_start(std::uint32_t s) {
    ServiceState& state = services_[s];
    const ServiceConfig& config = s_.services[s];
    if (config.kind == ServiceKind::bridge) {
      try_bridge(s);
      return;
    }
    while (!state.queue.empty()) {
      if (config.kind == ServiceKind::beds && state.free_beds == 0) return;  // a release wakes us
      if (config.kind == ServiceKind::package &&
          state.visits_in_use + config.initial_visits_per_day > config.visits_capacity_per_day + 1e-9)
        return;  // the midnight re-taper or a client's end wakes us
      const OpenWindow w = config.schedule.window_at(cal_, now_);
      if (w.open && w.key != state.window_key) {
        state.window_key = w.key;
        state.used_in_window = 0;
      }
      if (!w.open || state.used_in_window >= w.quota) {
        wake_at_next_window(s, w.open ? w.closes : now_);
        return;
      }
      ++state.used_in_window;
      const std::uint32_t id = state.queue.front();
      state.queue.pop_front();
      state.queue_length.add(now_, -1);
      patients_[id].queued_at = kNone;
      start(id, s);
    }
  }

  void wake_at_next_window(std::uint32_t s, double from) {
    const OpenWindow next = s_.services[s].schedule.next_window(cal_, from);
    if (!next.open) return;  // validation rejects schedules that never open
    ServiceState& state = services_[s];
    if (state.wake_at == next.opens) return;
    state.wake_at = next.opens;
    push(next.opens, kServiceWake, s);
  }

  void start(std::uint32_t id, std::uint32_t s) {
    Patient& patient = patients_[id];
    const ServiceConfig& config = s_.services[s];
    ServiceState& state = services_[s];
    if (in_window(now_)) {
      state.starts += 1;
      state.episode_cost += config.cost_per_episode;
    }
    switch (config.kind) {
      case ServiceKind::assessment:
        attribute(id, s, /*process=*/true);
        push(now_ + config.duration_days.sample(patient.journey), kServiceDone, id);
        return;
      case ServiceKind::beds:
        state.free_beds -= 1;
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

  // Starts the clock of the bed stay or package once the patient is there.
  void begin_held_service(std::uint32_t id) {
    Patient& patient = patients_[id];
    const ServiceConfig& config = s_.services[patient.held];
    const double duration = config.duration_days.sample(patient.journey);
    if (config.kind == ServiceKind::package) {
      Client& client = services_[patient.held].clients[patient.client_slot];
      client.start = now_;
      client.length = std::max(duration, 1e-9);
    }
    push(now_ + duration, kServiceDone, id);
  }

  void service_done(std::uint32_t id) {
    Patient& patient = patients_[id];
    if (patient.trusted_for != kNone) {
      const std::uint32_t s = patient.trusted_for;
      patient.trusted_for = kNone;
      if (patient.journey.uniform01() < s_.services[s].acceptance_probability) {
        if (in_window(now_)) services_[s].accepted += 1;
        enter_next(id);  // the service accepts the trusted assessment: its own is skipped
      } else {
        join_queue(id, s);
      }
      return;
    }
    const ServiceConfig& config = s_.services[p_.graph().vertex(patient.vertex).index];
    if (config.kind == ServiceKind::beds) patient.blocked_since = now_;  // until it moves on
    if (config.kind == ServiceKind::package) release_held(id);
    enter_next(id);
  }

  void release_held(std::uint32_t id) {
    Patient& patient = patients_[id];
    if (patient.held == kNone) return;
    const std::uint32_t s = patient.held;
    ServiceState& state = services_[s];
    if (s_.services[s].kind == ServiceKind::beds) {
      state.free_beds += 1;
      state.occupied.add(now_, -1);
      if (patient.blocked_since >= 0) state.blocked_bed_days += clipped(patient.blocked_since, now_);
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

  // ---- bridging -------------------------------------------------------------
  // A ready patient waiting in an acute bed for a bridged package can go home
  // into bridging when a slot is free and the bridge is working.
  void try_bridge(std::uint32_t b) {
    ServiceState& state = services_[b];
    const ServiceConfig& config = s_.services[b];
    while (state.free_beds > 0 && !state.candidates.empty()) {
      const OpenWindow w = config.schedule.window_at(cal_, now_);
      if (w.open && w.key != state.window_key) {
        state.window_key = w.key;
        state.used_in_window = 0;
      }
      if (!w.open || state.used_in_window >= w.quota) {
        wake_at_next_window(b, w.open ? w.closes : now_);
        return;
      }
      const std::uint32_t id = take_bridge_candidate(b);
      if (id == kNone) return;  // MFFD or a package start wakes us
      ++state.used_in_window;
      Patient& patient = patients_[id];
      state.free_beds -= 1;
      state.occupied.add(now_, 1);
      patient.bridge = b;
      patient.bridging = Bridging::pickup;
      attribute(id, b, /*process=*/true);
      push(now_ + config.duration_days.sample(patient.journey), kBridgeStart, id);
    }
  }

  // The first candidate who is ready now; drops those who can no longer be bridged.
  std::uint32_t take_bridge_candidate(std::uint32_t b) {
    auto& candidates = services_[b].candidates;
    for (auto it = candidates.begin(); it != candidates.end();) {
      const Patient& patient = patients_[*it];
      const bool waiting = patient.location == Location::acute && patient.queued_at != kNone &&
                           p_.bridge_of(patient.queued_at) == b && patient.bridging == Bridging::none &&
                           !patient.leaving;
      if (!waiting) {
        it = candidates.erase(it);
        continue;
      }
      if (patient.delayed) {
        const std::uint32_t id = *it;
        candidates.erase(it);
        return id;
      }
      ++it;
    }
    return kNone;
  }

  // The hospital delay ends when bridging starts; the package wait goes on at home.
  void start_bridging(std::uint32_t id) {
    Patient& patient = patients_[id];
    if (patient.bridging != Bridging::pickup) return;  // the package started first
    patient.bridging = Bridging::active;
    patient.bridge_started = now_;
    count_discharge(patient);
    ServiceState& state = services_[patient.bridge];
    if (in_window(now_)) {
      state.starts += 1;
      state.episode_cost += s_.services[patient.bridge].cost_per_episode;
    }
    push(now_ + s_.services[patient.bridge].max_days, kBridgeOverrun, id);
  }

  void bridge_overrun(std::uint32_t id, double due) {
    Patient& patient = patients_[id];
    if (patient.bridging != Bridging::active || patient.bridge_started + s_.services[patient.bridge].max_days != due)
      return;
    const std::uint32_t b = patient.bridge;
    const ServiceConfig& config = s_.services[b];
    if (in_window(now_)) services_[b].overruns += 1;
    // Always draw, so that the policy does not shift later draws.
    const bool readmit = patient.journey.uniform01() < config.readmission_probability;
    if (config.overrun != OverrunPolicy::readmit || !readmit) return;  // extend: the slot stays taken
    end_bridging(id);
    if (in_window(now_)) {
      services_[b].readmissions += 1;
      readmissions_ += 1;
    }
    patient.location = Location::acute;
    acute_.add(now_, 1);
    patient.admitted = now_;
    patient.delayed = true;  // ready, waiting in an acute bed for the package again
    patient.mark = now_;
    delayed_now_[patient.attribution] += 1;
    attribute(id, patient.queued_at, /*process=*/false);
  }

  void end_bridging(std::uint32_t id) {
    Patient& patient = patients_[id];
    const std::uint32_t b = patient.bridge;
    ServiceState& state = services_[b];
    state.free_beds += 1;
    state.occupied.add(now_, -1);
    patient.bridge = kNone;
    patient.bridging = Bridging::none;
    if (!state.candidates.empty()) push(now_, kServiceWake, b);
  }

  // Visits a client needs fall linearly from initial to final over the length of care.
  void retaper(std::uint32_t s) {
    ServiceState& state = services_[s];
    const ServiceConfig& config = s_.services[s];
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

  // ---- delay attribution -------------------------------------------------
  void attribute(std::uint32_t id, std::uint32_t service, bool process) {
    const ServiceConfig& c = s_.services[service];
    set_attribution(id, attribution_of(c.reason, c.agency), process);
  }

  void set_attribution(std::uint32_t id, int attribution, bool process) {
    Patient& patient = patients_[id];
    if (patient.delayed) {
      account_delay(patient);
      delayed_now_[patient.attribution] -= 1;
      delayed_now_[attribution] += 1;
    }
    patient.attribution = static_cast<std::uint8_t>(attribution);
    patient.waiting_process = process;
  }

  void close_delay(std::uint32_t id) {
    Patient& patient = patients_[id];
    if (!patient.delayed) return;
    account_delay(patient);
    delayed_now_[patient.attribution] -= 1;
    patient.delayed = false;
  }

  void account_delay(Patient& patient) {
    const double from = patient.mark;
    patient.mark = now_;
    const double days = clipped(from, now_);
    if (days <= 0) return;
    delayed_by_attribution_[patient.attribution] += days;
    delayed_by_pathway_[static_cast<int>(patient.pathway)] += days;
    (patient.waiting_process ? delayed_process_ : delayed_capacity_) += days;
    // Split across months at midnights so the monthly series adds up.
    for (double t = std::max(from, 0.0); t < std::min(now_, end_);) {
      const std::int64_t day = Calendar::day_of(t);
      const double until = std::min({static_cast<double>(day + 1), now_, end_});
      months_[month_of_day_[day]].delayed_bed_days += until - t;
      t = until;
    }
  }

  // ---- results ------------------------------------------------------------
  double clipped(double from, double to) const { return std::max(0.0, std::min(to, end_) - std::max(from, 0.0)); }
  bool in_window(double t) const { return t >= 0 && t < end_; }

  ReplicationResult finish();

  const PreparedScenario& p_;
  const Scenario& s_;
  const Calendar& cal_;
  std::uint64_t seed_;
  std::uint32_t replication_;
  double end_;
  double now_ = 0;
  engine::EventQueue queue_;
  RandomStream admissions_stream_, traits_stream_;
  std::vector<Patient> patients_;
  std::vector<ServiceState> services_;
  std::vector<MonthResult> months_;
  std::vector<std::size_t> month_of_day_;
  TimeWeighted acute_;
  std::array<double, kAttributionCount> delayed_now_{};
  std::array<double, kAttributionCount> delayed_by_attribution_{};
  std::array<double, kPathwayCount> delayed_by_pathway_{};
  std::array<double, kPathwayCount> discharges_by_pathway_{};
  double delayed_capacity_ = 0, delayed_process_ = 0;
  std::vector<double> delays_;
  std::vector<double> exits_;
  double admissions_ = 0, discharges_ = 0, in_hospital_at_start_ = 0;
  double readmissions_ = 0, moved_home_first_ = 0, later_placements_ = 0;
  double acute_integral_at_midnight_ = 0, patient_days_ = 0;
  std::uint64_t events_ = 0;
};

ReplicationResult Replication::finish() {
  now_ = end_;
  acute_.advance(end_);
  for (std::uint32_t id = 0; id < patients_.size(); ++id) {
    Patient& patient = patients_[id];
    if (patient.location == Location::acute && patient.delayed) account_delay(patient);
    if (patient.blocked_since >= 0 && patient.held != kNone)
      services_[patient.held].blocked_bed_days += clipped(patient.blocked_since, end_);
  }
  for (const Patient& patient : patients_)
    if (patient.location == Location::acute) patient_days_ += end_ - patient.admitted;

  MeasureRecorder r;
  const double occupied_bed_days = acute_.integral();
  const double delayed_bed_days = std::accumulate(delayed_by_attribution_.begin(), delayed_by_attribution_.end(), 0.0);
  r.add("admissions", admissions_);
  r.add("readmissions", readmissions_);
  r.add("discharges", discharges_);
  r.add("in_hospital_at_start", in_hospital_at_start_);
  r.add("in_hospital_at_end", acute_.value());
  r.add_delay_distribution(delays_);
  r.add("delayed_bed_days", delayed_bed_days);
  r.add("delayed_bed_days.waiting.capacity", delayed_capacity_);
  r.add("delayed_bed_days.waiting.process", delayed_process_);
  r.add_by_reason_agency(p_.attributions(), delayed_by_attribution_);
  for (int pw = 0; pw < kPathwayCount; ++pw) {
    if (!p_.pathway_used(static_cast<Pathway>(pw))) continue;
    r.add(std::string("delayed_bed_days.pathway.") + pathway_code(static_cast<Pathway>(pw)), delayed_by_pathway_[pw]);
  }
  double dtoc_days = 0;
  for (const MonthResult& m : months_)
    for (double v : m.delayed_days) dtoc_days += v;
  r.add("dtoc_delayed_days", dtoc_days);
  r.add("acute_bed_days", occupied_bed_days);
  r.add("delayed_share_of_bed_days", occupied_bed_days > 0 ? delayed_bed_days / occupied_bed_days : 0);
  r.add("acute_occupancy_mean", occupied_bed_days / end_);
  r.add("acute_occupancy_peak", acute_.peak());
  for (int pw = 0; pw < kPathwayCount; ++pw) {
    if (!p_.pathway_used(static_cast<Pathway>(pw))) continue;
    r.add(std::string("discharges.pathway.") + pathway_code(static_cast<Pathway>(pw)), discharges_by_pathway_[pw]);
  }
  for (std::size_t e = 0; e < s_.exits.size(); ++e) r.add("exits." + s_.exits[e], exits_[e]);
  r.add("home_first.moved", moved_home_first_);
  r.add("home_first.later_placements", later_placements_);

  double service_cost = 0;
  const engine::Calendar& cal = cal_;
  for (std::uint32_t s = 0; s < services_.size(); ++s) {
    ServiceState& state = services_[s];
    const ServiceConfig& config = s_.services[s];
    state.queue_length.advance(end_);
    state.occupied.advance(end_);
    state.visits.advance(end_);
    state.client_count.advance(end_);
    const std::string prefix = "service." + config.name + ".";
    r.add(prefix + "starts", state.starts);
    r.add(prefix + "queue_mean", state.queue_length.integral() / end_);
    double cost = state.episode_cost;
    switch (config.kind) {
      case ServiceKind::beds:
        r.add(prefix + "utilisation", state.occupied.integral() / (config.beds * end_));
        r.add(prefix + "blocked_bed_days", state.blocked_bed_days);
        cost += config.cost_per_day * state.occupied.integral();
        break;
      case ServiceKind::package:
        if (std::isfinite(config.visits_capacity_per_day))
          r.add(prefix + "utilisation", state.visits.integral() / (config.visits_capacity_per_day * end_));
        r.add(prefix + "clients_mean", state.client_count.integral() / end_);
        cost += config.cost_per_day * state.client_count.integral() + config.cost_per_visit * state.visits.integral();
        break;
      case ServiceKind::assessment: {
        const double offered = static_cast<double>(config.schedule.total_quota(cal, 0, s_.duration_days));
        if (offered > 0) r.add(prefix + "utilisation", state.starts / offered);
        if (!config.trusted_assessor.empty()) r.add(prefix + "trusted_accepted", state.accepted);
        break;
      }
      case ServiceKind::bridge:
        r.add(prefix + "utilisation", state.occupied.integral() / (config.slots * end_));
        r.add(prefix + "bridging_days", state.occupied.integral());
        r.add(prefix + "overruns", state.overruns);
        r.add(prefix + "readmissions", state.readmissions);
        cost += config.cost_per_day * state.occupied.integral();
        break;
      case ServiceKind::delay: break;
    }
    if (config.kind != ServiceKind::delay) r.add(prefix + "cost", cost);
    service_cost += cost;
  }
  const double acute_cost = occupied_bed_days * s_.cost_per_bed_day;
  r.add("cost_acute", acute_cost);
  r.add("cost_delayed_bed_days", delayed_bed_days * s_.cost_per_bed_day);
  r.add("cost_services", service_cost);
  r.add("cost_total", acute_cost + service_cost);

  ReplicationResult result;
  result.measures = r.take();
  result.months = std::move(months_);
  result.events = events_;
  result.patient_days = patient_days_;
  return result;
}

}  // namespace

ReplicationResult simulate(const PreparedScenario& scenario, std::uint64_t seed, std::uint32_t replication) {
  return Replication(scenario, seed, replication).run();
}

}  // namespace homeward::model
