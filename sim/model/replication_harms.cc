// What waiting in an acute bed does to patients (Scenario::harms) and
// readmission after discharge (Scenario::readmission). Every draw comes from
// a stream keyed by the patient's serial, so that a patient's harms are the
// same in every scenario of a compare (common random numbers).
#include "sim/model/replication.h"

#include <algorithm>
#include <cmath>

namespace homeward::model::detail {
namespace {

const Deconditioning* deconditioning_from(const WaitingHarms& harms, Pathway pathway) {
  for (const Deconditioning& d : harms.deconditioning)
    if (d.from == pathway) return &d;
  return nullptr;
}

}  // namespace

bool Replication::waiting_in_bed(const Patient& patient) const {
  return patient.location == Location::acute && patient.delayed && patient.bridging == Bridging::none &&
         (!patient.leaving || patient.awaiting_alongside);
}

void Replication::schedule_harms(std::uint32_t id) {
  Patient& patient = patients_[id];
  if (patient.harms_drawn) return;
  patient.harms_drawn = true;
  // A pathway with no death hazard and no deconditioning keeps the patient
  // on it for the stay (only deconditioning changes a pathway after
  // admission): nothing would read the draws, so the stream is not seeded.
  if (!harmed_on_[static_cast<int>(patient.pathway)]) return;
  const Deconditioning* d = deconditioning_from(scenario_.harms, patient.pathway);
  RandomStream harms(harms_prefix_[0], patient.serial);
  // The death draw first, so that deconditioning's settings never shift it.
  patient.harm_budget = harms.exponential(1);
  patient.harm_clock = now_;
  schedule_death(id);
  if (d != nullptr) push_patient(now_ + d->time_days.sample(harms), kDecondition, id);
}

void Replication::schedule_death(std::uint32_t id) {
  Patient& patient = patients_[id];
  const double hazard = scenario_.harms.death_hazard_per_day[static_cast<int>(patient.pathway)];
  if (hazard > 0) push_patient(now_ + patient.harm_budget / hazard, kDeathWhileWaiting, id);
}

void Replication::abandon_wait(std::uint32_t id) {
  Patient& patient = patients_[id];
  if (patient.queued_at != kNone) {
    ServiceState& state = services_[patient.queued_at];
    const auto it = std::find(state.queue.begin(), state.queue.end(), id);
    if (it != state.queue.end()) {
      state.queue.erase(it);
      state.queue_length.add(now_, -1);
    }
    patient.queued_at = kNone;
  }
  patient.trusted_for = kNone;
  patient.alongside_until = -std::numeric_limits<double>::infinity();
  patient.alongside_service = kNone;
  patient.awaiting_alongside = false;
  patient.leaving = false;
  // Spend the death hazard up to now at the old pathway's rate.
  const double hazard = scenario_.harms.death_hazard_per_day[static_cast<int>(patient.pathway)];
  patient.harm_budget = std::max(0.0, patient.harm_budget - hazard * (now_ - patient.harm_clock));
  patient.harm_clock = now_;
  // Every pending event of the patient (a process ending, a death or
  // deconditioning at the old rate) is now stale.
  ++patient.generation;
}

void Replication::decondition(std::uint32_t id) {
  Patient& patient = patients_[id];
  const Deconditioning* d = deconditioning_from(scenario_.harms, patient.pathway);
  // A reserved bed or package means the patient is on their way: too late to decondition.
  if (d == nullptr || !waiting_in_bed(patient) || patient.held != kNone) return;
  RandomStream harms(harms_prefix_[std::min<std::size_t>(patient.deconditionings + 1, harms_prefix_.size() - 1)],
                     patient.serial);
  const double u = harms.uniform01();
  double cumulative = 0;
  Pathway to = patient.pathway;
  for (int p = 0; p < kPathwayCount; ++p) {
    if (d->to[p] <= 0) continue;
    cumulative += d->to[p];
    to = static_cast<Pathway>(p);
    if (u < cumulative) break;
  }
  abandon_wait(id);
  if (in_measured_period(now_)) tally_.deconditioned += 1;
  ++patient.deconditionings;
  patient.exit = kNone;  // a route that had reached its exit starts again
  patient.pathway = to;
  patient.vertex = p_.graph().entry_vertex(to);
  schedule_death(id);
  if (const Deconditioning* next = deconditioning_from(scenario_.harms, to)) {
    push_patient(now_ + next->time_days.sample(harms), kDecondition, id);
  }
  enter_next(id);
}

void Replication::die_waiting(std::uint32_t id) {
  Patient& patient = patients_[id];
  if (!waiting_in_bed(patient)) return;
  abandon_wait(id);
  release_held(id);
  patient.died_waiting = true;
  patient.exit = p_.death_exit();
  if (in_measured_period(now_)) tally_.died_waiting += 1;
  count_discharge(patient);
  depart(id);
}

void Replication::draw_readmission(std::uint32_t id) {
  Patient& patient = patients_[id];
  if (patient.readmission_drawn || patient.died_waiting) return;
  patient.readmission_drawn = draw_readmission_of(patient.serial, patient.pathway, patient.exit);
}

bool Replication::draw_readmission_of(std::uint64_t serial, Pathway pathway, std::uint32_t exit) {
  const Readmission& config = scenario_.readmission;
  if (!config.enabled() || (exit != kNone && p_.exit_is_death(exit))) return false;
  // The stream is the patient's own, so the draws the decision does not
  // need are not made: the same numbers as drawing them all.
  const double u = RandomStream::first_uniform01(readmission_prefix_, serial);
  if (!(u < config.probability[static_cast<int>(pathway)])) return true;
  RandomStream draws(readmission_prefix_, serial);
  draws.uniform01();  // u
  const double after = config.time_days.sample(draws);
  const double to_mffd = scenario_.cohorts[config.cohort].time_to_mffd_days.sample(draws);
  // The new stay's patient is created when it arrives, not now: creating one
  // can move patients_, and the discharge that got us here still holds references.
  pending_readmissions_.push_back({serial + kReadmissionSerialStep, to_mffd});
  push(now_ + after, kReadmit, static_cast<std::uint32_t>(pending_readmissions_.size() - 1));
  return true;
}

void Replication::readmit(std::uint32_t pending) {
  const PendingReadmission& r = pending_readmissions_[pending];
  const std::uint32_t arrival =
      create_arrival(now_, static_cast<std::uint32_t>(scenario_.readmission.cohort), r.time_to_mffd, r.serial);
  if (arrival & kSettledBit) settled_[arrival & ~kSettledBit].readmission = true;
  else patients_[arrival].readmission = true;
  admit_arrival(arrival);
}

}  // namespace homeward::model::detail
