// --precision (docs/measures.md, "Replications to a precision"): the base
// scenario's replications in stages until its interval is narrow enough.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/app/batch.h"
#include "sim/app/commands.h"

namespace homeward::app {

// Where the measure sits in every result of the base scenario, from the
// scenario alone (model::measure_names), so that a misspelt name is refused
// before anything runs or is written (nullopt, with the error on stderr).
std::optional<std::size_t> precision_measure_index(const model::PreparedScenario& scenario, const std::string& name);

// Runs the base scenario's replications (tasks 0 .. n - 1 under any count)
// in stages through run_batches, `consume` appending each stage's values of
// the measure to `tracked`, until they meet the target or batch.replications
// (the cap). Returns the count settled on; nullopt when batch.stop ended it.
std::optional<std::uint32_t> run_base_in_stages(const std::vector<const model::PreparedScenario*>& scenarios,
                                                BatchOptions batch, const ResultConsumer& consume,
                                                const ProgressFn& progress, const std::vector<double>& tracked,
                                                const RunOptions::Precision& precision, bool quiet);

}  // namespace homeward::app
