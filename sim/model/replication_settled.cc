// Settled stays (SettledStay, replication.h): the patients whose whole stay is
// known at admission. Everything here mirrors what the event path does for
// them (admit, reach_mffd, request_leave, leave_acute, depart), with the same
// draws from the same streams; tests/model/settled_stays_test.cc runs both
// paths on the same patients and compares them.
#include <cmath>

#include "sim/model/replication.h"

namespace homeward::model::detail {
namespace {

// A settled stay's record while it is in hospital (PatientRecord, on request).
PatientRecord record_of(const SettledStay& stay) {
  PatientRecord record;
  record.patient = stay.serial;
  record.cohort = stay.cohort;
  record.pathway = stay.pathway;
  record.admitted = stay.admitted;
  record.mffd = stay.mffd;
  return record;
}

}  // namespace

void Replication::decide_settled_pathways() {
  const HomeFirst& h = scenario_.home_first;
  for (int pw = 0; pw < kPathwayCount; ++pw) {
    const auto pathway = static_cast<Pathway>(pw);
    const bool home_first_moves = (pathway == Pathway::P3 && (h.p3_to_p1 > 0 || h.p3_to_p2 > 0)) ||
                                  (pathway == Pathway::P2 && h.p2_to_p1 > 0);
    settles_[pw] = settle_at_admission_ && p_.graph().leads_straight_to_exits(p_.graph().entry_vertex(pathway)) &&
                   !harmed_on_[pw] && !home_first_moves;
  }
}

std::uint32_t Replication::create_settled(double time, std::uint32_t cohort, double time_to_mffd,
                                          std::uint64_t serial) {
  std::uint32_t k;
  if (free_settled_.empty()) {
    k = static_cast<std::uint32_t>(settled_.size());
    settled_.emplace_back();
  } else {
    k = free_settled_.back();
    free_settled_.pop_back();
  }
  SettledStay& stay = settled_[k];
  stay.admitted = time;
  stay.mffd = declared_mffd(cohort, time + std::max(0.0, time_to_mffd), serial);
  stay.serial = serial;
  stay.cohort = cohort;
  stay.exit = kNone;
  stay.pathway = scenario_.cohorts[cohort].pathway;
  stay.readmission = false;
  stay.in_acute = false;
  stay.live = true;
  return k;
}

void Replication::admit_settled(std::uint32_t k) {
  SettledStay& stay = settled_[k];
  stay.in_acute = true;
  ++settled_stays_;
  enter_acute_bed(stay.readmission);
  // The route's one step, drawn as enter_next would draw it at MFFD: the
  // journey stream's first draw (the levers have a stream of their own).
  const PathwayGraph& graph = p_.graph();
  const std::uint32_t entry = graph.entry_vertex(stay.pathway);
  const double u = graph.draws_next(entry) ? RandomStream::first_uniform01(journey_prefix_, stay.serial) : 0.0;
  stay.exit = graph.vertex(graph.next_given(entry, u)).index;
  // The leaving, as request_leave would place it at MFFD.
  const bool exempt = p_.exit_exempt_from_window(stay.exit);
  const OpenWindow w = exempt ? OpenWindow{} : scenario_.discharge_window.schedule.next_window(cal_, stay.mffd);
  const double leave = w.open ? w.opens : stay.mffd;
  // Delayed, waiting for the window, at each midnight m with MFFD < m <= leave
  // (a midnight comes before anything else at its instant), to the end of the run.
  const auto first = static_cast<std::int64_t>(std::floor(stay.mffd)) + 1;
  const std::int64_t last = std::min<std::int64_t>(static_cast<std::int64_t>(std::floor(std::min(leave, end_))),
                                                   scenario_.duration_days);
  for (std::int64_t m = first; m <= last; ++m) ++settled_delayed_at_[static_cast<std::size_t>(m + scenario_.warmup_days)];
  if (leave <= end_) queue_.push(Event(leave, kLeave, kSettledLeave, k, 0));
}

void Replication::settled_leave(std::uint32_t k) {
  SettledStay& stay = settled_[k];
  account_delay_days(stay.mffd, window_attribution_, stay.pathway, /*process=*/false);
  stay.in_acute = false;
  leave_acute_bed(stay.admitted, stay.mffd, stay.pathway, stay.readmission);
  draw_readmission_of(stay.serial, stay.pathway, stay.exit);
  if (log_ && in_measured_period(now_)) {
    PatientRecord record = record_of(stay);
    record.left_acute = now_;
    record.delay_days = std::max(0.0, now_ - stay.mffd);
    record.delayed_days_by_reason[window_attribution_ / kAgencyCount] = now_ - stay.mffd;
    log_->push_back(record);
  }
  count_exit(stay.exit);
  stay.live = false;
  free_settled_.push_back(k);
}

void Replication::finish_settled() {
  for (const SettledStay& stay : settled_) {
    if (!stay.live || !stay.in_acute) continue;
    const bool delayed = stay.mffd < end_;
    if (delayed) account_delay_days(stay.mffd, window_attribution_, stay.pathway, /*process=*/false);
    patient_days_ += end_ - stay.admitted;
    if (stay.readmission) tally_.readmission_bed_days += clipped(stay.admitted, end_);
    if (log_) {
      PatientRecord record = record_of(stay);
      if (delayed) record.delayed_days_by_reason[window_attribution_ / kAgencyCount] = end_ - stay.mffd;
      log_->push_back(record);
    }
  }
}

}  // namespace homeward::model::detail
