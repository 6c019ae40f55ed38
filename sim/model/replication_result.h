// ReplicationResult: what one replication measured, as named scalar measures
// (definitions in docs/measures.md) and a DToC-style monthly series.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/calendar.h"
#include "sim/model/prepared_scenario.h"

namespace homeward::model {

struct Measure {
  std::string name;
  double value = 0;
};

// Whole-day delays of discharged patients, binned as the Discharge Ready
// Date returns bin them: 0, 1, 2-3, 4-6, 7-13, 14-20 and 21+ days.
inline constexpr int kDelayBinCount = 7;
inline constexpr const char* kDelayBinNames[kDelayBinCount] = {"0", "1", "2_3", "4_6", "7_13", "14_20", "21plus"};
inline int delay_bin(std::int64_t whole_days) {
  constexpr std::int64_t kFirst[kDelayBinCount] = {0, 1, 2, 4, 7, 14, 21};
  int bin = 0;
  while (bin + 1 < kDelayBinCount && whole_days >= kFirst[bin + 1]) ++bin;
  return bin;
}

struct MonthResult {
  engine::YearMonth month;
  // Midnight counts: for each day of the month, ready patients in an acute
  // bed at the midnight that ends the day, by (reason, agency).
  std::array<double, kAttributionCount> delayed_days{};
  // Ready patients in an acute bed at the midnight that ends the month's last Thursday.
  std::array<double, kAttributionCount> snapshot{};
  double admissions = 0;
  double discharges = 0;
  double delayed_bed_days = 0;  // continuous, days
  double acute_bed_days = 0;    // continuous, days
  // Patient-days spent in each service's queue in the month (Scenario::services
  // order): divided by the month's days, the mean queue over time.
  std::vector<double> queue_days;
  // Discharges in the month by whole-day delay (leaving date minus MFFD
  // date, as the DRD returns count it; docs/measures.md), and the sum of
  // those whole-day delays in each bin (the DRD's "delayed bed days").
  std::array<double, kDelayBinCount> discharges_by_delay{};
  std::array<double, kDelayBinCount> delay_days_by_delay{};
};

struct ReplicationResult {
  std::vector<Measure> measures;  // the same names in the same order for every replication
  std::vector<MonthResult> months;
  std::uint64_t events = 0;        // processed, for benchmarks
  double patient_days = 0;         // simulated acute patient-days incl. warm-up, for benchmarks
};

}  // namespace homeward::model
