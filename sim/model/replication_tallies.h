// ReplicationTallies: the running totals of one replication over the measured
// period, and the measures they make (measure_catalogue.h for the names,
// docs/measures.md for the definitions). Which measures a scenario has
// depends on the scenario alone, never on what happened, so their names are
// known before anything is simulated (measure_names).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "sim/model/prepared_scenario.h"
#include "sim/model/replication_result.h"

namespace homeward::model {

// What one service did in the measured period (Scenario::services order).
struct ServiceTallies {
  double starts = 0;
  double queue_days = 0;     // integral of the queue length
  double occupied_days = 0;  // beds: occupied bed days; bridge: occupied slot days
  double visit_days = 0;     // package: integral of visits in use
  double client_days = 0;    // package: integral of clients
  double blocked_bed_days = 0;
  double overruns = 0, readmissions = 0;  // bridge
  double accepted = 0;                    // trusted assessments accepted in place of this service's own
};

struct ReplicationTallies {
  double admissions = 0, readmissions = 0, discharges = 0;
  double in_hospital_at_start = 0, in_hospital_at_end = 0;
  std::vector<double> positive_delays;  // delays > 0 of discharged patients (MFFD to leaving), in order
  std::size_t zero_delays = 0;          // and how many had none
  std::array<double, kAttributionCount> delayed_by_attribution{};
  std::array<double, kPathwayCount> delayed_by_pathway{};
  std::array<double, kPathwayCount> discharges_by_pathway{};
  double delayed_capacity = 0, delayed_process = 0;
  double dtoc_delayed_days = 0;  // the midnight counts of the months
  double acute_bed_days = 0, acute_occupancy_peak = 0;
  std::vector<double> exits;  // Scenario::exits order
  double moved_home_first = 0, later_placements = 0;
  double deconditioned = 0, died_waiting = 0;
  double readmissions_after_discharge = 0, readmission_bed_days = 0;
  std::vector<ServiceTallies> services;

  // Zero totals sized for the scenario's exits and services.
  explicit ReplicationTallies(const Scenario& scenario)
      : exits(scenario.exits.size(), 0.0), services(scenario.services.size()) {}
};

// The replication's measures, the same names in the same order for every
// replication of the scenario.
std::vector<Measure> measures_of(const PreparedScenario& prepared, ReplicationTallies tallies);

// The names measures_of gives for the scenario, without simulating.
std::vector<std::string> measure_names(const PreparedScenario& prepared);

}  // namespace homeward::model
