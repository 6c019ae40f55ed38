// ReplicationResult: what one replication measured, as named scalar measures
// (definitions in docs/measures.md) and a DToC-style monthly series.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "sim/engine/calendar.h"
#include "sim/model/prepared_scenario.h"

namespace homeward::model {

struct Measure {
  std::string name;
  double value = 0;
};

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
};

struct ReplicationResult {
  std::vector<Measure> measures;  // the same names in the same order for every replication
  std::vector<MonthResult> months;
  std::uint64_t events = 0;        // processed, for benchmarks
  double patient_days = 0;         // simulated acute patient-days incl. warm-up, for benchmarks
};

}  // namespace homeward::model
