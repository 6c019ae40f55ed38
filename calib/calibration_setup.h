// Everything a calibration needs, read and cross-checked before any
// simulation runs: the calibration file, the scenario (resolved), the
// parameters against the scenario, the observed data, and the months against
// the scenario's measured period. Every problem of every file is listed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "calib/calibration_config.h"
#include "calib/parameters.h"
#include "calib/target.h"
#include "sim/io/scenario_reader.h"

namespace homeward::calib {

struct CalibrationSetup {
  CalibrationConfig config;
  std::string scenario_name;
  std::optional<ParameterSpace> space;  // always set in a prepared setup
  ObservedTarget target;
  // A template instantiated for a council: the scaled scenario as written
  // (key order and comments kept), and what the template decided (scale,
  // rounding, the reasons selected and why), for the provenance.
  std::optional<nlohmann::ordered_json> scenario_document;
  nlohmann::ordered_json template_record;
  // Warnings found before any simulation (a scaled capacity rounded a long
  // way, a selected reason with no parameter of its own), repeated with
  // the result's.
  std::vector<std::string> notes;
};

struct SetupResult {
  std::optional<CalibrationSetup> setup;  // set only when there are no problems
  std::vector<io::Problem> problems;
};

SetupResult prepare_calibration(const std::string& calibration_file);
// The same checks for a configuration already read (tests build them in code).
SetupResult prepare_calibration(CalibrationConfig config);
// The same for a scenario and data already read (a template scales its
// scenario first; the scenario's problems come first in the list).
SetupResult prepare_calibration(CalibrationConfig config, io::ScenarioReadResult scenario, DataReadResult data);

// The whole calendar months inside [start, start + duration_days).
MonthRange whole_months(const nlohmann::json& scenario);

}  // namespace homeward::calib
