// What `homeward calibrate` leaves behind (docs/calibration.md, "Outputs"):
// the calibrated scenario and its provenance, the parameter table, the
// month-by-month fit, the fit statistics and the search trace, each written
// atomically; and the summary printed on the terminal.
#pragma once

#include <string>

#include "calib/calibration.h"

namespace homeward::calib {

// Writes scenario.json, provenance.json, parameters.csv, fit.csv,
// fit_statistics.csv and search.csv into `directory` (created if needed).
// Throws std::runtime_error naming the path when a file cannot be written.
void write_calibration_outputs(const std::string& directory, const CalibrationSetup& setup,
                               const CalibrationResult& result);

// The parameter table and the fit statistics, for the terminal.
std::string calibration_summary(const CalibrationSetup& setup, const CalibrationResult& result);

// The CSV texts (also for tests).
std::string parameters_csv(const CalibrationSetup& setup, const CalibrationResult& result);
std::string fit_csv(const CalibrationSetup& setup, const CalibrationResult& result);
std::string fit_statistics_csv(const CalibrationSetup& setup, const CalibrationResult& result);
std::string search_csv(const CalibrationSetup& setup, const CalibrationResult& result);

}  // namespace homeward::calib
