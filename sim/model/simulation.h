// Simulation: one replication of a prepared scenario. Owns its random
// streams, derived from (seed, replication, purpose), so any number of
// replications can run on any number of threads with the same results, and
// replication r of two scenarios sees the same admissions and patients
// (common random numbers).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/model/patient_record.h"
#include "sim/model/prepared_scenario.h"
#include "sim/model/replication_result.h"

namespace homeward::model {

// Stream purposes. Patient journeys use kJourney with the patient's serial
// number as index, so a change in one service does not shift anyone's draws;
// the levers' per-patient draws (home first, EDD) come from kLevers, also by
// serial, and are made only when a lever needs them.
// The census of bed services (initial_occupied) draws from kCensus by service
// index, that of acute beds from kAcuteCensus by entry.
// Patient complexity (kComplexity), thinner ward rounds (kWardRounds), bridging
// eligibility (kBridgeEligibility) and readmission (kReadmission) draw by
// serial, so that each patient's are the same in every scenario; waiting harms
// use kHarms + 16·k for the k-th deconditioning of a stay.
enum StreamPurpose : std::uint64_t {
  kAdmissions = 1, kPatientTraits = 2, kJourney = 3, kLevers = 4, kCensus = 5, kAcuteCensus = 6,
  kComplexity = 7, kWardRounds = 8, kBridgeEligibility = 9, kReadmission = 10, kHarms = 11
};

// With `patients`, also appends one record per acute stay: every discharge in
// the measured period (in discharge order), then every patient still in an
// acute bed at the end. The results are the same with or without it.
ReplicationResult simulate(const PreparedScenario& scenario, std::uint64_t seed, std::uint32_t replication,
                           std::vector<PatientRecord>* patients = nullptr);

// The same, checking `stop` at each simulated midnight: once it is set the
// replication gives up (nullopt), so a runaway scenario can be interrupted.
std::optional<ReplicationResult> simulate_unless_stopped(const PreparedScenario& scenario, std::uint64_t seed,
                                                         std::uint32_t replication, const std::atomic<bool>& stop);

}  // namespace homeward::model
