// The human-readable table printed on the terminal after a run.
#pragma once

#include <string>
#include <vector>

#include "sim/model/summary.h"

namespace homeward::app {

std::string run_table(const std::string& scenario_name, std::size_t replications,
                      const std::vector<model::MeasureSummary>& summary);

}  // namespace homeward::app
