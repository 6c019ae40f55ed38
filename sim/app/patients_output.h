// `--patients N`: patients.csv in the run's --out, every acute stay of
// replications 0 .. N-1 of each scenario. Those replications are simulated
// again, one after another, with the per-patient log on: a replication gives
// the same results every time, so the rows belong to the replications in
// replications.csv, and the batch itself keeps no per-patient state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/prepared_scenario.h"

namespace homeward::app {

// Throws std::runtime_error naming the file when it cannot be written.
void write_patients_csv(const std::vector<const model::PreparedScenario*>& scenarios, std::uint64_t seed,
                        std::uint32_t replications, const std::string& out_dir);

}  // namespace homeward::app
