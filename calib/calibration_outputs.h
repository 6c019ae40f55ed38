// What `homeward calibrate` leaves behind (docs/calibration.md, "Outputs"):
// the calibrated scenario and its provenance, the parameter table, the
// month-by-month fit, the fit statistics and the search trace, each written
// atomically; and the summary printed on the terminal.
#pragma once

#include <string>

#include "calib/calibration.h"

namespace homeward::calib {

// Writes scenario.json, provenance.json, parameters.csv, fit.csv,
// fit_statistics.csv, search.csv and warnings.txt (and, for a template,
// reasons.csv) into `directory` (created if needed).
// Throws std::runtime_error naming the path when a file cannot be written.
void write_calibration_outputs(const std::string& directory, const CalibrationSetup& setup,
                               const CalibrationResult& result);

// What a template decided (council, scale, the reasons fitted); "" otherwise.
std::string template_summary(const CalibrationSetup& setup);

// The parameter table and the fit statistics, for the terminal.
std::string calibration_summary(const CalibrationSetup& setup, const CalibrationResult& result);

// The CSV texts (also for tests).
std::string parameters_csv(const CalibrationSetup& setup, const CalibrationResult& result);
std::string fit_csv(const CalibrationSetup& setup, const CalibrationResult& result);
std::string fit_statistics_csv(const CalibrationSetup& setup, const CalibrationResult& result);
std::string search_csv(const CalibrationSetup& setup, const CalibrationResult& result);
// One "warning: ..." line per warning, or "No warnings.".
std::string warnings_text(const CalibrationResult& result);
// A template's reasons: share of the council's delayed days, selected, fitted, why.
std::string reasons_csv(const CalibrationSetup& setup);

}  // namespace homeward::calib
