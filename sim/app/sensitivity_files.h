// The files of a sensitivity study (docs/sweeps.md): sensitivity.csv, tidy,
// one row per parameter, side and measure with the paired effect; and
// sensitivity.json, which `homeward report` draws as tornado charts.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sim/app/sensitivity.h"

namespace homeward::app {

std::string sensitivity_csv(const SensitivityResult& result);
nlohmann::ordered_json sensitivity_json(const SensitivityResult& result);
// Writes sensitivity.csv, sensitivity.json and run-info.json into `dir` together (study_files.h).
void write_sensitivity_files(const SensitivityResult& result, const std::string& dir,
                             const nlohmann::ordered_json& run_info);
// The terminal table: the parameters ranked by their effect on delayed bed
// days and on total cost, `top` of each, a year.
std::string sensitivity_table(const SensitivityResult& result, double year_scale, std::size_t top);

}  // namespace homeward::app
