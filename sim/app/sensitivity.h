// One-at-a-time sensitivity (docs/sweeps.md, "Sensitivity"): every capacity
// and process time of a scenario, found by walking its document, moved down
// and up by a share (±20%) with everything else held, each run with common
// random numbers against the scenario as it is, and ranked by how far it
// moves delayed bed days and total cost. The core takes parsed inputs and
// returns results; sensitivity_command.cc is the command line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/app/batch.h"
#include "sim/app/scenario_family.h"
#include "sim/model/measure_catalogue.h"

namespace homeward::app {

// One parameter of the walk.
struct SensitivityParameter {
  enum class Kind { capacity, time };
  std::string name;  // "step_down.beds", "home_care.starts", "choice.duration_days"
  Kind kind = Kind::capacity;
  // capacity: numbers (beds, slots, visits_capacity_per_day, or every `starts`
  // of a schedule, moved together); time: one distribution object (every
  // parameter in days scaled, so the time itself is scaled) or max_days.
  std::vector<std::string> pointers;
};
const char* kind_name(SensitivityParameter::Kind kind);

// The capacities and process times of every service of a resolved scenario
// document, in the order of its services: beds, slots,
// visits_capacity_per_day, the `starts` of the schedule, and duration_days,
// length_of_stay_days, length_of_care_days, response_days and max_days.
// Cohorts' times to medically fit, admissions and probabilities are not
// capacities or process times and are left alone.
std::vector<SensitivityParameter> find_sensitivity_parameters(const nlohmann::json& scenario);

// The document with `parameter` times `factor`. A capacity that is a count (a
// JSON integer) is rounded, moves at least one step, and stays at least 1 when
// it was; a time is scaled as it is (max_days 3 becomes 2.4); a
// distribution has each of its times (value, mean, sd, median, scale, min,
// max, values) multiplied, which multiplies the time it draws. `written`
// says what was set, e.g. "58 → 46" or "× 0.8".
nlohmann::json scale_parameter(const nlohmann::json& scenario, const SensitivityParameter& parameter, double factor,
                               std::string& written);

// The measures whose effects sensitivity.csv lists, the first two ranked.
inline constexpr std::string_view kSensitivityMeasures[] = {
    model::measure::kDelayedBedDays.pattern, model::measure::kCostTotal.pattern, model::measure::kCostServices.pattern,
    model::measure::kAcuteBedDays.pattern, model::measure::kDelayMean.pattern};

struct SensitivitySide {
  double factor = 1;
  std::string written;
  bool run = false;     // false: the scenario with this value was invalid (or unchanged), see note
  std::string note;
  std::vector<model::DifferenceSummary> differences;  // against the scenario as it is
};

struct SensitivityEffect {
  SensitivityParameter parameter;
  SensitivitySide low, high;
  // The larger |mean difference| of the two sides, for delayed_bed_days and cost_total.
  double swing_delayed_bed_days = 0, swing_cost_total = 0;
};

struct SensitivityResult {
  std::string label, name;
  double change = 0.2;
  std::uint32_t replications = 0;
  std::uint64_t seed = 0;
  int duration_days = 0;  // of the measured period
  std::vector<model::MeasureSummary> base;  // the scenario as it is
  std::vector<SensitivityEffect> effects;   // in the order of the walk
  // Indices into effects, largest swing first.
  std::vector<std::size_t> by_delayed_bed_days, by_cost_total;
};

struct PreparedSensitivity {
  std::string label, name;
  double change = 0.2;
  std::vector<SensitivityEffect> effects;  // sides set up, not run
  std::vector<std::size_t> member_of_low, member_of_high;  // family member of each side, or none (SIZE_MAX)
  PreparedFamily family;                                   // the scenario as it is first
};

// REQUIRES: 0 < change < 1. Problems (none expected of a valid base) only
// when the base itself cannot be prepared; a side whose scenario is invalid
// is kept with its note and not run.
std::optional<PreparedSensitivity> prepare_sensitivity(const FamilyBase& base, double change,
                                                       std::vector<io::Problem>& problems);

// Nullopt when options.stop ended it early.
std::optional<SensitivityResult> run_sensitivity(const PreparedSensitivity& prepared, const BatchOptions& options,
                                                 const ProgressFn& progress = {});

}  // namespace homeward::app
