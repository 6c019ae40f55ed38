// PatientRecord: one acute stay of one patient, recorded only on request
// (`homeward run --patients N`; columns defined in docs/measures.md,
// "Per-patient output"), so that an analyst can follow journeys and check the
// summary measures row by row.
#pragma once

#include <array>
#include <cstdint>
#include <limits>

#include "sim/model/scenario.h"

namespace homeward::model {

inline constexpr std::uint64_t kCensusSerials = std::uint64_t{1} << 62;
// A readmission after discharge (Scenario::readmission) is a new patient whose
// serial is the discharged patient's plus this step.
inline constexpr std::uint64_t kReadmissionSerialStep = std::uint64_t{1} << 40;

struct PatientRecord {
  static constexpr double kNotYet = std::numeric_limits<double>::quiet_NaN();
  // Serial number in the replication: admission order, warm-up included;
  // patients of the starting census are kCensusSerials + their order in it.
  std::uint64_t patient = 0;
  std::uint32_t cohort = 0;   // index into Scenario::cohorts
  Pathway pathway = Pathway::P0;  // at discharge (home first may have changed it)
  double admitted = 0;            // days since the start date; a readmission from bridging starts a new stay
  double mffd = 0;                // medically fit (as declared), days
  double left_acute = kNotYet;    // days; NaN while still in hospital at the end
  double delay_days = kNotYet;    // max(0, left_acute - mffd), as delay_mean counts it; NaN while in hospital
  // Delayed days in the acute bed in this stay by DToC reason (Reason order),
  // whole stay, warm-up included; they add up to delay_days except for a
  // readmission from bridging, whose delay also counts the days bridged.
  std::array<double, kReasonCount> delayed_days_by_reason{};
};

}  // namespace homeward::model
