#include "sim/model/replication.h"

#include <cassert>
#include <cmath>


namespace homeward::model::detail {

Replication::Replication(const PreparedScenario& prepared, std::uint64_t seed, std::uint32_t replication,
                         std::vector<PatientRecord>* log)
    : p_(prepared),
      scenario_(prepared.scenario()),
      cal_(prepared.calendar()),
      end_(scenario_.duration_days),
      queue_(-static_cast<double>(scenario_.warmup_days), kEventBucketDays),
      journey_prefix_(RandomStream::prefix(seed, replication, kJourney)),
      levers_prefix_(RandomStream::prefix(seed, replication, kLevers)),
      census_prefix_(RandomStream::prefix(seed, replication, kCensus)),
      acute_census_prefix_(RandomStream::prefix(seed, replication, kAcuteCensus)),
      complexity_prefix_(RandomStream::prefix(seed, replication, kComplexity)),
      ward_round_prefix_(RandomStream::prefix(seed, replication, kWardRounds)),
      eligibility_prefix_(RandomStream::prefix(seed, replication, kBridgeEligibility)),
      readmission_prefix_(RandomStream::prefix(seed, replication, kReadmission)),
      admissions_stream_(seed, replication, kAdmissions, 0),
      traits_stream_(seed, replication, kPatientTraits, 0),
      acute_(0, end_),
      tally_(scenario_),
      log_(log) {
  const HomeFirst& h = scenario_.home_first;
  levers_active_ = scenario_.early_planning.enabled || h.p3_to_p1 > 0 || h.p3_to_p2 > 0 || h.p2_to_p1 > 0;
  harms_any_ = scenario_.harms.any();
  for (int pw = 0; pw < kPathwayCount; ++pw) harmed_on_[pw] = scenario_.harms.death_hazard_per_day[pw] > 0;
  for (const Deconditioning& d : scenario_.harms.deconditioning) harmed_on_[static_cast<int>(d.from)] = true;
  window_attribution_ = static_cast<std::uint8_t>(
      attribution_of(scenario_.discharge_window.reason, scenario_.discharge_window.agency));
  settled_delayed_at_.assign(static_cast<std::size_t>(scenario_.warmup_days + scenario_.duration_days + 1), 0);
  for (std::size_t k = 0; k < harms_prefix_.size(); ++k)
    harms_prefix_[k] = RandomStream::prefix(seed, replication, kHarms + 16 * k);
  for (const ServiceConfig& c : scenario_.services) {
    services_.emplace_back(0, end_);
    ServiceState& state = services_.back();
    state.schedule = &c.schedule;
    state.capacity = c.kind == ServiceKind::bridge ? c.slots : c.beds;
    state.visits_capacity = c.visits_capacity_per_day;
    state.free_places = state.capacity;
  }
  for (std::int64_t day = 0; day < scenario_.duration_days; ++day) {
    const engine::YearMonth m = cal_.month_of_day(day);
    if (months_.empty() || !(months_.back().month == m))
      months_.push_back(MonthResult{m, {}, {}, 0, 0, 0, 0, std::vector<double>(scenario_.services.size(), 0.0)});
    month_of_day_.push_back(months_.size() - 1);
  }
}

ReplicationResult Replication::run() {
  const double start = -static_cast<double>(scenario_.warmup_days);
  decide_settled_pathways();
  for (const FixedAdmission& a : scenario_.fixed_admissions) {
    if (a.time_days < start || a.time_days >= end_) continue;
    arrivals_.push_back({a.time_days, create_arrival(a.time_days, a.cohort, a.time_to_mffd_days, next_serial_++)});
  }
  queue_admissions(0);
  // Capacity changes dated before the start apply from it; later ones at their time.
  for (std::uint32_t s = 0; s < scenario_.services.size(); ++s) {
    for (const ServicePhase& phase : scenario_.services[s].phases) {
      if (phase.from_day <= start) {
        apply_phase(s, phase);
      } else {
        push(phase.from_day, kPhaseChange, s);
      }
    }
  }
  place_census(start);
  place_acute_census(start);
  push(start, kMidnight, 0);
  for (;;) {
    // Admissions arrive in time order, so they are merged with the event
    // queue here rather than pushed through it (a third of all events).
    const bool arrival_waiting = next_arrival_ < arrivals_.size();
    if (queue_.empty() && !arrival_waiting) break;
    if (arrival_waiting) {
      const Arrival& next = arrivals_[next_arrival_];
      bool admit_first = queue_.empty();
      if (!admit_first) {
        const Event& top = queue_.peek();
        admit_first = next.time < top.time || (next.time == top.time && kAdmit < top.priority());
      }
      if (admit_first) {
        now_ = next.time;
        ++events_;
        ++next_arrival_;
        // Created at midnight, hours ago: fetch the next arrival's record too.
        if (next_arrival_ < arrivals_.size()) prefetch_patient(arrivals_[next_arrival_].patient);
        admit_arrival(next.patient);
        continue;
      }
    }
    const Event e = queue_.pop();
    now_ = e.time;
    ++events_;
    prefetch_coming_patients();
    if (e.kind() == kMidnight) {
      if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) {
        stopped_ = true;
        return {};
      }
      if (!midnight(Calendar::day_of(now_ + 0.5))) break;
      continue;
    }
    // Events of a patient whose slot has since been reused (or who has
    // abandoned what they waited for) are stale.
    const bool of_service = e.kind() == kServiceWake || e.kind() == kCensusLeave || e.kind() == kPhaseChange ||
                            e.kind() == kReadmit || e.kind() == kSettledLeave;
    if (!of_service && patients_[e.subject].generation != e.tag) continue;
    dispatch(e);
  }
  return finish();
}

// Events after the end of the measured period would never run: they are not queued.
void Replication::push(double time, EventKind kind, std::uint32_t subject) {
  if (time <= end_) queue_.push(Event(time, kind, kind, subject, 0));
}

void Replication::push_patient(double time, EventKind kind, std::uint32_t id) {
  if (time <= end_) queue_.push(Event(time, kind, kind, id, patients_[id].generation));
}

void Replication::queue_admissions(std::size_t first) {
  // Equal times (fixed admissions) are ordered by slot: deterministic, and cheaper than a stable sort.
  const auto by_time = [](const Arrival& a, const Arrival& b) {
    return a.time < b.time || (a.time == b.time && a.patient < b.patient);
  };
  if (!std::is_sorted(arrivals_.begin() + static_cast<std::ptrdiff_t>(first), arrivals_.end(), by_time))
    std::sort(arrivals_.begin() + static_cast<std::ptrdiff_t>(first), arrivals_.end(), by_time);
}

void Replication::dispatch(const Event& e) {
  switch (e.kind()) {
    case kMffd: reach_mffd(e.subject); break;
    case kReferral: enter_next(e.subject); break;
    case kLeave: leave_acute(e.subject); break;
    case kServiceDone: service_done(e.subject); break;
    case kCensusLeave: census_leave(e.subject); break;
    case kServiceWake:
      if (services_[e.subject].wake_at == now_) services_[e.subject].wake_at = kNoWakeUp;
      try_start(e.subject);
      break;
    case kBridgeStart: start_bridging(e.subject); break;
    case kBridgeOverrun: bridge_overrun(e.subject, e.time); break;
    case kPhaseChange: change_phase(e.subject); break;
    case kAlongsideDone: alongside_done(e.subject); break;
    case kDecondition: decondition(e.subject); break;
    case kDeathWhileWaiting: die_waiting(e.subject); break;
    case kReadmit: readmit(e.subject); break;
    case kSettledLeave: settled_leave(e.subject); break;
    default: assert(false);
  }
}

bool Replication::midnight(std::int64_t day) {
#ifdef HOMEWARD_CHECKED
  check_invariants();
#endif
  if (day >= 1 && day <= scenario_.duration_days) record_midnight(day - 1);
  if (day == 0) {
    acute_.advance(now_);
    tally_.in_hospital_at_start = acute_.value();
  }
  if (day >= scenario_.duration_days) return false;
  for (std::uint32_t s = 0; s < services_.size(); ++s) {
    if (scenario_.services[s].kind == ServiceKind::package && !services_[s].clients.empty()) {
      retaper(s);
      if (!services_[s].queue.empty()) try_start(s);
    }
  }
  if (scenario_.fixed_admissions.empty()) sample_admissions(day);
  push(static_cast<double>(day + 1), kMidnight, 0);
  return true;
}

void Replication::record_midnight(std::int64_t day) {
  MonthResult& m = months_[month_of_day_[day]];
  acute_.advance(now_);
  m.acute_bed_days += acute_.integral() - acute_integral_at_midnight_;
  acute_integral_at_midnight_ = acute_.integral();
  for (std::size_t s = 0; s < services_.size(); ++s) {
    TimeWeighted& queue = services_[s].queue_length;
    queue.advance(now_);
    m.queue_days[s] += queue.integral() - services_[s].queue_integral_at_midnight;
    services_[s].queue_integral_at_midnight = queue.integral();
  }
  const bool snapshot = cal_.is_last_thursday(day);
  for (int a = 0; a < kAttributionCount; ++a) {
    const double delayed = delayed_now_[a] + (a == window_attribution_ ? settled_delayed_at_midnight(day + 1) : 0.0);
    m.delayed_days[a] += delayed;
    if (snapshot) m.snapshot[a] = delayed;
  }
}

void Replication::sample_admissions(std::int64_t day) {
  // The previous day's arrivals have all been admitted by now.
  arrivals_.clear();
  next_arrival_ = 0;
  // A Poisson day split by hour is a Poisson count per hour (thinning); each
  // hour's arrivals are sorted, so the day's come out in time order.
  const double mean = p_.admissions_mean(day);
  for (int hour = 0; hour < 24; ++hour) {
    const std::uint32_t n = admissions_stream_.poisson(mean * p_.hour_shares()[hour]);
    hour_offsets_.clear();
    for (std::uint32_t i = 0; i < n; ++i) hour_offsets_.push_back(admissions_stream_.uniform01());
    std::sort(hour_offsets_.begin(), hour_offsets_.end());
    for (double offset : hour_offsets_) {
      const double time = static_cast<double>(day) + (hour + offset) / 24.0;
      const auto cohort = static_cast<std::uint32_t>(traits_stream_.pick(p_.cohort_cumulative()));
      const double los = scenario_.cohorts[cohort].time_to_mffd_days.sample(traits_stream_);
      arrivals_.push_back({time, create_arrival(time, cohort, los, next_serial_++)});
    }
  }
  queue_admissions(0);
}

std::uint32_t Replication::create_patient(double time, std::uint32_t cohort, double time_to_mffd,
                                          std::uint64_t serial) {
  std::uint32_t id;
  if (free_slots_.empty()) {
    id = static_cast<std::uint32_t>(patients_.size());
    patients_.emplace_back();
  } else {
    id = free_slots_.back();
    free_slots_.pop_back();
    const std::uint32_t generation = patients_[id].generation + 1;
    patients_[id] = Patient{};
    patients_[id].generation = generation;
    // Admissions come in a burst at midnight: the next one's slot (freed
    // hours or days ago) is fetched for writing while this one is filled.
    if (!free_slots_.empty()) {
      const char* next = reinterpret_cast<const char*>(&patients_[free_slots_.back()]);
      __builtin_prefetch(next, 1);
      __builtin_prefetch(next + 64, 1);
      __builtin_prefetch(next + 128, 1);
    }
  }
  if (log_) {
    if (stay_delays_.size() < patients_.size()) stay_delays_.resize(patients_.size());
    stay_delays_[id] = {};
  }
  Patient& patient = patients_[id];
  const Cohort& c = scenario_.cohorts[cohort];
  patient.admitted = time;
  patient.mffd = declared_mffd(cohort, time + std::max(0.0, time_to_mffd), serial);
  if (c.complexity.kind == engine::Distribution::Kind::constant) {
    patient.complexity = c.complexity.a;
  } else {
    RandomStream complexity(complexity_prefix_, serial);
    patient.complexity = c.complexity.sample(complexity);
  }
  patient.cohort = cohort;
  patient.pathway = scenario_.cohorts[cohort].pathway;
  patient.serial = serial;
  patient.journey.seed(journey_prefix_, patient.serial);
  patient.attribution = static_cast<std::uint8_t>(
      attribution_of(scenario_.discharge_window.reason, scenario_.discharge_window.agency));
  return id;
}

std::uint32_t Replication::create_arrival(double time, std::uint32_t cohort, double time_to_mffd,
                                         std::uint64_t serial) {
  if (settles_[static_cast<int>(scenario_.cohorts[cohort].pathway)])
    return create_settled(time, cohort, time_to_mffd, serial) | kSettledBit;
  return create_patient(time, cohort, time_to_mffd, serial);
}

double Replication::declared_mffd(std::uint32_t cohort, double fit, std::uint64_t serial) const {
  const Cohort& c = scenario_.cohorts[cohort];
  OpenWindow round = c.mffd_declared.next_window(cal_, fit);
  // A thin ward round declares only a share of those fit before it; the
  // others wait for the next round (drawn per patient: the same in every
  // scenario). Most are declared at the first: the stream is seeded only for
  // those who are not.
  if (round.open && round.share < 1 && !(RandomStream::first_uniform01(ward_round_prefix_, serial) < round.share)) {
    RandomStream ward(ward_round_prefix_, serial);
    ward.uniform01();  // the first round's draw, just made
    round = c.mffd_declared.next_window(cal_, round.closes);
    for (int rounds = 1; round.open && round.share < 1 && rounds < 64 && !(ward.uniform01() < round.share); ++rounds)
      round = c.mffd_declared.next_window(cal_, round.closes);
  }
  return round.open ? round.opens : fit;
}

ReplicationResult Replication::finish() {
  now_ = end_;
  acute_.advance(end_);
  for (std::uint32_t id = 0; id < patients_.size(); ++id) {
    Patient& patient = patients_[id];
    if (patient.location == Location::acute && patient.delayed) account_delay(patient);
    if (patient.blocked_since >= 0 && patient.held != kNone)
      tally_.services[patient.held].blocked_bed_days += clipped(patient.blocked_since, end_);
  }
  finish_settled();
  for (const Patient& patient : patients_) {
    if (patient.location != Location::acute) continue;
    patient_days_ += end_ - patient.admitted;
    if (patient.readmission) tally_.readmission_bed_days += clipped(patient.admitted, end_);
  }
  if (log_)
    for (std::uint32_t id = 0; id < patients_.size(); ++id)
      if (patients_[id].location == Location::acute) log_stay(patients_[id], id);

  tally_.in_hospital_at_end = acute_.value();
  tally_.acute_bed_days = acute_.integral();
  tally_.acute_occupancy_peak = acute_.peak();
  for (const MonthResult& m : months_)
    for (double v : m.delayed_days) tally_.dtoc_delayed_days += v;
  for (std::uint32_t s = 0; s < services_.size(); ++s) {
    ServiceState& state = services_[s];
    state.queue_length.advance(end_);
    state.occupied.advance(end_);
    state.visits.advance(end_);
    state.client_count.advance(end_);
    ServiceTallies& tally = tally_.services[s];
    tally.queue_days = state.queue_length.integral();
    tally.occupied_days = state.occupied.integral();
    tally.visit_days = state.visits.integral();
    tally.client_days = state.client_count.integral();
  }

  ReplicationResult result;
  result.measures = measures_of(p_, std::move(tally_));
  result.months = std::move(months_);
  result.events = events_;
  result.patient_days = patient_days_;
  return result;
}

}  // namespace homeward::model::detail
