// The ratio start of a council template (docs/calibration.md, "The ratio
// start"): before the search, the scaled scenario is run and every reason's
// factor is multiplied by that reason's observed / simulated delayed days over
// the training months, a few rounds. A factor multiplies a process time or a
// probability, so a reason's delayed days grow with it roughly in proportion:
// a few rounds bring every reason near its level. The factors of the reasons
// that are fitted become the search's start; those of the reasons only
// reported are written into the scenario, so that a reason too small to fit
// does not sit at several times its observed level and bias the total.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "calib/calibration_setup.h"
#include "calib/evaluator.h"

namespace homeward::calib {

struct RatioStartRound {
  std::string reason;
  double observed = 0;   // mean a training month
  double simulated = 0;  // mean a training month, at the factors before the round
  double factor = 0;     // after the round, clipped to the bounds
};

struct RatioStartResult {
  CalibrationSetup setup;  // the reported reasons' factors written in; the fitted ones' starts moved
  std::vector<std::vector<RatioStartRound>> rounds;
  std::vector<std::string> notes;  // a factor held at a bound
  int evaluations = 0;
};

// `setup` unchanged (no rounds) unless it is a council template with
// start_rounds > 0 and parameters applied by multiplication.
RatioStartResult ratio_start(const CalibrationSetup& setup, int threads, const TaskSharing& sharing);

// For the provenance: {"rounds": [[{reason, observed, simulated, factor}...]...], "evaluations": N}.
nlohmann::ordered_json ratio_start_json(const RatioStartResult& result);

}  // namespace homeward::calib
