// The files of a sweep (docs/sweeps.md): sweep.csv, tidy, one row per point
// and measure; sweep.json, every point's statistics and paired differences
// against the first point, which `homeward report` draws.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sim/app/sweep.h"

namespace homeward::app {

// Columns: `value` (one column per varied pointer, named by the pointer, when
// there are several), measure, mean, ci95_low, ci95_high, difference_from_first.
std::string sweep_csv(const SweepResult& result);
nlohmann::ordered_json sweep_json(const SweepResult& result);

// Writes sweep.csv, sweep.json and run-info.json into `dir` together (study_files.h).
// Throws std::runtime_error naming a file that cannot be written.
void write_sweep_files(const SweepResult& result, const std::string& dir, const nlohmann::ordered_json& run_info);

}  // namespace homeward::app
