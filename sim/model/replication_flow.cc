#include "sim/model/replication.h"

#include <algorithm>

namespace homeward::model::detail {

void Replication::admit(std::uint32_t id) {
  Patient& patient = patients_[id];
  patient.location = Location::acute;
  enter_acute_bed(patient.readmission);
  // The levers' draws come from a stream of their own, always in this order,
  // so switching a lever on shifts nobody's journey draws (common random numbers).
  double referral = patient.mffd;
  if (levers_active_) {
    RandomStream levers(levers_prefix_, patient.serial);
    const double move_draw = levers.uniform01();
    patient.later_draw = levers.uniform01();
    const double edd_set_draw = levers.uniform01();
    const double edd_error_draw = levers.normal(0, 1);
    apply_home_first(patient, move_draw);
    referral = referral_time(patient, edd_set_draw, edd_error_draw);
  }
  patient.vertex = p_.graph().entry_vertex(patient.pathway);
  push_patient(patient.mffd, kMffd, id);
  if (referral < patient.mffd) {
    push_patient(referral, kReferral, id);
  } else {
    patient.referred_at_mffd = true;
  }
}

void Replication::enter_acute_bed(bool readmission) {
  acute_.add(now_, 1);
  if (!in_measured_period(now_)) return;
  if (readmission) {
    tally_.readmissions += 1;
    tally_.readmissions_after_discharge += 1;
  } else {
    ++tally_.admissions;
    months_[month_of_day_[Calendar::day_of(now_)]].admissions += 1;
  }
}

void Replication::apply_home_first(Patient& patient, double u) {
  const HomeFirst& h = scenario_.home_first;
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
  if (in_measured_period(now_)) tally_.moved_home_first += 1;
}

double Replication::referral_time(const Patient& patient, double set_draw, double error_draw) const {
  const EarlyPlanning& e = scenario_.early_planning;
  if (!e.enabled) return patient.mffd;
  const double edd_set = patient.admitted + set_draw * e.set_within_days;
  const double edd = patient.mffd + e.error_mean_days + e.error_sd_days * error_draw;
  return std::min(patient.mffd, std::max({edd_set, edd - e.lead_days, now_}));
}

void Replication::reach_mffd(std::uint32_t id) {
  Patient& patient = patients_[id];
  if (patient.location != Location::acute) return;
  if (patient.referred_at_mffd) {
    patient.referred_at_mffd = false;
    start_delay(patient);
    enter_next(id);
    return;
  }
  start_delay(patient);
  if (patient.exit != kNone && !patient.leaving) request_leave(id);
  if (patient.queued_at != kNone && p_.bridge_of(patient.queued_at) != kNone) try_start(p_.bridge_of(patient.queued_at));
}

void Replication::start_delay(Patient& patient) {
  patient.delayed = true;
  patient.mark = now_;
  delayed_now_[patient.attribution] += 1;
  if (harms_any_) schedule_harms(static_cast<std::uint32_t>(&patient - patients_.data()));
}

void Replication::enter_next(std::uint32_t id) {
  Patient& patient = patients_[id];
  enter_vertex(id, p_.graph().next(patient.vertex, patient.journey));
}

void Replication::enter_vertex(std::uint32_t id, std::uint32_t next) {
  Patient& patient = patients_[id];
  const PathwayGraph::Vertex& v = p_.graph().vertex(next);
  if (v.kind == PathwayGraph::VertexKind::exit) {
    finish_route(id, v.index);
    return;
  }
  patient.vertex = next;
  const std::uint32_t s = v.index;
  const ServiceConfig& config = scenario_.services[s];
  if (config.kind == ServiceKind::delay) {
    // Always draw, so that a change of probability does not shift later draws.
    const bool applies = patient.journey.uniform01() < config.probability;
    const double duration = sample_duration(config, patient);
    if (!applies) {
      enter_next(id);
      return;
    }
    if (config.alongside) {
      // The route goes on at once; leaving waits for the process (request_leave).
      if (now_ + duration > patient.alongside_until) {
        patient.alongside_until = now_ + duration;
        patient.alongside_service = s;
        push_patient(patient.alongside_until, kAlongsideDone, id);
      }
      enter_next(id);
      return;
    }
    attribute(id, s, /*process=*/true);
    push_patient(now_ + duration, kServiceDone, id);
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

void Replication::join_queue(std::uint32_t id, std::uint32_t s) {
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

void Replication::finish_route(std::uint32_t id, std::uint32_t exit) {
  Patient& patient = patients_[id];
  patient.exit = exit;
  if (patient.location == Location::acute) {
    if (now_ >= patient.mffd) request_leave(id);
    return;  // otherwise reach_mffd requests the leave
  }
  release_held(id);
  depart(id);
}

void Replication::request_leave(std::uint32_t id) {
  Patient& patient = patients_[id];
  patient.leaving = true;
  if (patient.alongside_until > now_) {
    // Done but for a process run alongside: it holds the patient now.
    patient.awaiting_alongside = true;
    attribute(id, patient.alongside_service, /*process=*/true);
    return;
  }
  const double earliest = std::max(now_, patient.mffd);
  const bool exempt = patient.exit != kNone && p_.exit_exempt_from_window(patient.exit);
  const OpenWindow w = exempt ? OpenWindow{} : scenario_.discharge_window.schedule.next_window(cal_, earliest);
  const double at = w.open ? w.opens : earliest;
  set_attribution(id, attribution_of(scenario_.discharge_window.reason, scenario_.discharge_window.agency), false);
  // Most patients go home with nothing held and the window open: they leave
  // now, without an event. Anyone else leaves from an event of their own, so
  // that no service's start loop is re-entered.
  if (at == now_ && patient.held == kNone && !patient.moved_home_first) {
    leave_acute(id);
    return;
  }
  push_patient(at, kLeave, id);
}

void Replication::alongside_done(std::uint32_t id) {
  Patient& patient = patients_[id];
  if (patient.alongside_until != now_) return;  // a later process is still running
  if (patient.awaiting_alongside) {
    patient.awaiting_alongside = false;
    request_leave(id);
    return;
  }
  // Now free to be bridged, if waiting for a bridged package.
  if (patient.location == Location::acute && patient.queued_at != kNone && p_.bridge_of(patient.queued_at) != kNone)
    try_start(p_.bridge_of(patient.queued_at));
}

void Replication::leave_acute(std::uint32_t id) {
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

void Replication::depart(std::uint32_t id) {
  Patient& patient = patients_[id];
  const HomeFirst& h = scenario_.home_first;
  if (patient.moved_home_first && !patient.later_placement_done && !patient.died_waiting &&
      patient.later_draw < h.later_share) {
    // Home first: the long-term decision, made out of hospital, is a placement.
    patient.later_placement_done = true;
    patient.location = Location::post_acute;
    patient.exit = kNone;
    if (in_measured_period(now_)) tally_.later_placements += 1;
    enter_vertex(id, p_.graph().service_vertex(p_.later_service()));
    return;
  }
  patient.location = Location::gone;
  count_exit(patient.exit);
  free_slots_.push_back(id);
}

void Replication::count_discharge(Patient& patient) {
  const std::uint32_t id = static_cast<std::uint32_t>(&patient - patients_.data());
  close_delay(id);
  leave_acute_bed(patient.admitted, patient.mffd, patient.pathway, patient.readmission);
  patient.location = Location::post_acute;
  draw_readmission(id);
  if (log_) {
    if (in_measured_period(now_)) log_stay(patient, id);
    stay_delays_[id] = {};  // a readmission starts a new stay
  }
}

void Replication::leave_acute_bed(double admitted, double mffd, Pathway pathway, bool readmission) {
  acute_.add(now_, -1);
  patient_days_ += now_ - admitted;
  if (readmission) tally_.readmission_bed_days += clipped(admitted, now_);
  if (!in_measured_period(now_)) return;
  ++tally_.discharges;
  ++tally_.discharges_by_pathway[static_cast<int>(pathway)];
  MonthResult& month = months_[month_of_day_[Calendar::day_of(now_)]];
  month.discharges += 1;
  const std::int64_t whole_days = std::max<std::int64_t>(0, Calendar::day_of(now_) - Calendar::day_of(mffd));
  month.discharges_by_delay[delay_bin(whole_days)] += 1;
  month.delay_days_by_delay[delay_bin(whole_days)] += static_cast<double>(whole_days);
  const double delay = now_ - mffd;
  if (delay > 0) tally_.positive_delays.push_back(delay);
  else ++tally_.zero_delays;  // most leave at MFFD: counted, not stored
}

void Replication::log_stay(const Patient& patient, std::uint32_t id) {
  PatientRecord record;
  record.patient = patient.serial;
  record.cohort = patient.cohort;
  record.pathway = patient.pathway;
  record.admitted = patient.admitted;
  record.mffd = patient.mffd;
  if (patient.location != Location::acute) {
    record.left_acute = now_;
    record.delay_days = std::max(0.0, now_ - patient.mffd);
  }
  record.delayed_days_by_reason = stay_delays_[id];
  log_->push_back(record);
}

void Replication::attribute(std::uint32_t id, std::uint32_t service, bool process) {
  const ServiceConfig& c = scenario_.services[service];
  set_attribution(id, attribution_of(c.reason, c.agency), process);
}

void Replication::set_attribution(std::uint32_t id, int attribution, bool process) {
  Patient& patient = patients_[id];
  if (patient.delayed) {
    account_delay(patient);
    delayed_now_[patient.attribution] -= 1;
    delayed_now_[attribution] += 1;
  }
  patient.attribution = static_cast<std::uint8_t>(attribution);
  patient.waiting_process = process;
}

void Replication::close_delay(std::uint32_t id) {
  Patient& patient = patients_[id];
  if (!patient.delayed) return;
  account_delay(patient);
  delayed_now_[patient.attribution] -= 1;
  patient.delayed = false;
}

void Replication::account_delay(Patient& patient) {
  const double from = patient.mark;
  patient.mark = now_;
  if (log_) stay_delays_[&patient - patients_.data()][patient.attribution / kAgencyCount] += now_ - from;
  account_delay_days(from, patient.attribution, patient.pathway, patient.waiting_process);
}

void Replication::account_delay_days(double from, int attribution, Pathway pathway, bool process) {
  const double days = clipped(from, now_);
  if (days <= 0) return;
  tally_.delayed_by_attribution[attribution] += days;
  tally_.delayed_by_pathway[static_cast<int>(pathway)] += days;
  (process ? tally_.delayed_process : tally_.delayed_capacity) += days;
  // Split across months at midnights so the monthly series adds up.
  for (double t = std::max(from, 0.0); t < std::min(now_, end_);) {
    const std::int64_t day = Calendar::day_of(t);
    const double until = std::min({static_cast<double>(day + 1), now_, end_});
    months_[month_of_day_[day]].delayed_bed_days += until - t;
    t = until;
  }
}

}  // namespace homeward::model::detail
