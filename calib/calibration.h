// The calibration runner: CMA-ES over the parameters, each candidate scored
// by the objective on R replications with common random numbers, then the
// fitted scenario run again (final_replications) for the month-by-month fit
// and the statistics on the training and test months, and a curvature
// estimate of each parameter's uncertainty.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "calib/calibration_setup.h"
#include "calib/cma_es.h"
#include "calib/evaluator.h"
#include "calib/fit_statistics.h"

namespace homeward::calib {

struct ParameterFit {
  double start = 0;
  double value = 0;  // fitted
  // Approximate standard error from the objective's curvature at the fit
  // (docs/calibration.md, "Uncertainty"), in the parameter's units, and the
  // matching 95% interval (asymmetric on a log scale, clipped to the
  // bounds). NaN when the objective is flat or the fit is at a bound there.
  double standard_error = 0;
  double interval_low = 0;
  double interval_high = 0;
  // The final CMA-ES spread of the parameter (one sd of the search
  // distribution, in the parameter's units): how settled the search was.
  double search_sd = 0;
  // "lower" or "upper" when the fit lies within 5% of the range (of the log
  // range on a log scale) of that bound; empty otherwise.
  std::string at_bound;
  // The fitted value of each restart (restart order), and their spread:
  // min, max and sample sd (0 with one restart).
  std::vector<double> restart_values;
  double restart_min = 0;
  double restart_max = 0;
  double restart_sd = 0;
};

// One search of a calibration with several restarts.
struct RestartSummary {
  std::uint64_t seed = 0;         // of its simulations and of its optimiser
  double search_objective = 0;    // its best, on its own `replications` replications
  double final_objective = 0;     // its best point on the common `final_replications` (how the best is chosen)
  Eigen::VectorXd values;
  int evaluations = 0;
  int generations = 0;
  std::string stop_reason;
  bool budget_exhausted = false;
  double final_step = 0;
};

struct TraceRow {
  int restart = 0;     // 0, 1, ...
  int generation = 0;  // 1, 2, ...; the start point is in generation 1
  int evaluation = 0;  // 1, 2, ...
  double objective = 0;
  Eigen::VectorXd values;
  bool valid = true;
};

struct CalibrationResult {
  Eigen::VectorXd best_values;
  double objective = 0;        // at the fit, with `replications` (of the best restart's seed)
  double start_objective = 0;  // at the start values (the first restart's seed)
  int evaluations = 0;         // of the search, all restarts (the curvature and final runs come on top)
  int generations = 0;         // of the best restart
  int best_restart = 0;
  std::vector<RestartSummary> restarts;
  // Said on the terminal and in warnings.txt: a search stopped on its
  // budget, a fit near a bound, the setup's notes (template rounding, ...).
  std::vector<std::string> warnings;
  int invalid_evaluations = 0;  // candidates whose scenario was invalid (scored as a penalty)
  std::string first_invalid;    // the first such problem
  std::string stop_reason;
  std::vector<ParameterFit> parameters;
  std::vector<MonthFit> fit;               // final run, every series and target month
  std::vector<SeriesStatistics> statistics;
  std::vector<TraceRow> trace;
  nlohmann::ordered_json scenario;    // the calibrated scenario, complete
  nlohmann::ordered_json provenance;  // also summarised in the scenario's "comment"
  double seconds = 0;
};

struct CalibrateOptions {
  int threads = 0;  // 0: every core; results do not depend on it
  TaskSharing sharing;  // several processes (MPI); results do not depend on it either
  std::function<void(const CmaEsGeneration&)> progress;
  std::string date;  // for the provenance, "YYYY-MM-DD"; empty: today (UTC)
  // For the provenance: the program's version and the commit it was built from.
  std::string version = "unknown";
  std::string commit = "unknown";
};

// The objective assigned to a candidate whose scenario is invalid.
inline constexpr double kInvalidObjective = 1e6;
// A fit within this share of a parameter's range of a bound is flagged.
inline constexpr double kNearBound = 0.05;

CalibrationResult calibrate(const CalibrationSetup& setup, const CalibrateOptions& options);

// The master seed of restart k (0, 1, ...): of its simulations and its optimiser.
std::uint64_t restart_seed(const CalibrationConfig& config, int restart);

}  // namespace homeward::calib
