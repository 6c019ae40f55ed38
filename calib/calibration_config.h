// The calibration file (docs/calibration.md): which scenario to fit, to
// which data, by which parameters, over which months, with what effort.
// Read with the scenario reader's checks: every problem listed at once with
// file, JSON pointer, expected and found; unknown keys are problems.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "calib/month.h"
#include "calib/observed_data.h"
#include "calib/parameters.h"
#include "calib/target.h"
#include "sim/io/problems.h"

namespace homeward::calib {

struct OptimiserOptions {
  int evaluations = 300;      // budget of objective evaluations (each = `replications` simulations)
  int population = 0;         // CMA-ES offspring per generation; 0: 4 + floor(3 ln n)
  double initial_step = 0.3;  // initial CMA-ES step size, as a share of each parameter's range
  double tolerance = 1e-3;    // stop when the step falls below this share of the ranges
};

// The block that makes a calibration file a council template: its scenario
// is written for `reference_population` people and is scaled to the
// council's; the reasons holding at least `min_reason_share` of the
// council's delayed days in the training months are fitted, with the
// parameters tagged with them.
struct CouncilTemplate {
  double reference_population = 0;
  double min_reason_share = 0.05;
  double reason_weight = 1;  // of each selected reason's series in the objective
};

struct CalibrationConfig {
  std::string file;           // the calibration file, as named
  std::string scenario_file;  // relative paths are resolved against the calibration file's directory
  DataRequest data;           // months: the span of train and test
  std::vector<SeriesSpec> series;
  std::vector<ParameterSpec> parameters;
  MonthRange train;
  MonthRange test;  // empty: no held-out months
  int replications = 8;        // per evaluation, common random numbers: seeds fixed for the search
  int final_replications = 8;  // for the fitted scenario's bands and statistics (same seed)
  std::uint64_t seed = 1;      // simulations' master seed; the optimiser's stream derives from it too
  // Searches from seeds seed, seed + 1, ...; the best on the final
  // replications is kept and the spread of their fitted values reported.
  int restarts = 1;
  OptimiserOptions optimiser;
  std::string output_name;  // the calibrated scenario's name; empty: "<scenario name>_calibrated"
  std::optional<CouncilTemplate> council_template;
};

struct ConfigReadResult {
  std::optional<CalibrationConfig> config;  // set only when there are no problems
  std::vector<io::Problem> problems;
};

ConfigReadResult read_calibration_file(const std::string& path);
// As read_calibration_file for a document in memory; `label` names it in
// problems and its directory anchors relative paths.
ConfigReadResult read_calibration_json(const nlohmann::json& document, const std::string& label);

}  // namespace homeward::calib
