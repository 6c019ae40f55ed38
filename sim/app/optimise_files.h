// The files of `homeward optimise` (docs/sweeps.md): optimise.json (the
// problem, the best and start values, every candidate, and the best against
// the start with every measure), trace.csv (one row per candidate simulated)
// and optimised.json (the scenario with the best values written in).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sim/app/optimise.h"

namespace homeward::app {

nlohmann::ordered_json optimise_json(const OptimiseResult& result, const std::string& scenario_file);
std::string trace_csv(const OptimiseResult& result);
// The resolved scenario with the best values, named NAME_optimised, its
// comment saying how it was found.
nlohmann::json optimised_scenario(const OptimiseResult& result, const std::string& scenario_file);
void write_optimise_files(const OptimiseResult& result, const std::string& scenario_file, const std::string& dir,
                          const nlohmann::ordered_json& run_info);
// The terminal table: each parameter's start and best, and the headline
// measures at both with the paired difference, a year.
std::string optimise_table(const OptimiseResult& result, double year_scale);

}  // namespace homeward::app
