// The human-readable table printed on the terminal after a run.
#pragma once

#include <string>
#include <vector>

#include "sim/model/summary.h"

namespace homeward::app {

std::string run_table(const std::string& scenario_name, std::size_t replications,
                      const std::vector<model::MeasureSummary>& summary);

struct ComparedScenario {
  std::string name;
  double cost_per_bed_day = 0;
  double duration_days = 365;
  const std::vector<model::MeasureSummary>* summary;
  const std::vector<model::DifferenceSummary>* differences;  // null for the base
};

// One row per scenario: mean delay, delayed bed days, acute bed days saved
// per year against the base (paired 95% CI) and the money that is worth at
// the scenario's cost per bed day, net of the change in service costs.
std::string compare_table(const std::vector<ComparedScenario>& scenarios, std::size_t replications);

}  // namespace homeward::app
