// A sweep: one scenario run at every combination of values of some of its
// numbers (JSON pointers), all with common random numbers, so the curve of a
// measure against a value is paired point to point (docs/sweeps.md). The core
// takes parsed inputs and returns results; sweep_command.cc is the command
// line and sweep_files.cc the files.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/app/batch.h"
#include "sim/app/scenario_family.h"

namespace homeward::app {

// One varied pointer and its values, in the order given.
struct SweepAxis {
  std::string pointer;
  std::vector<nlohmann::json> values;
};

// The most combinations one sweep may have: beyond it a typo in a list is
// far likelier than a wish to run that many scenarios.
inline constexpr std::size_t kMaxSweepPoints = 10000;

struct PreparedSweep {
  std::string label;  // the scenario file
  std::string name;   // the scenario's name
  std::vector<SweepAxis> axes;
  std::vector<std::vector<nlohmann::json>> points;  // each combination's values, the first axis varying slowest
  PreparedFamily family;                            // one member per point, in the same order
};

// Checks the axes (at least one; each a pointer with values; at most
// kMaxSweepPoints combinations) and builds and validates the scenario of
// every combination. Problems name the file, the combination and the pointer.
std::optional<PreparedSweep> prepare_sweep(const FamilyBase& base, std::vector<SweepAxis> axes,
                                           std::vector<io::Problem>& problems);

struct SweepPoint {
  std::vector<nlohmann::json> values;  // one per axis
  int duration_days = 0;               // of its measured period (a sweep may vary it)
  MemberOutcome outcome;               // differences against the first point
};

struct SweepResult {
  std::string label, name;
  std::vector<SweepAxis> axes;
  std::uint32_t replications = 0;
  std::uint64_t seed = 0;
  std::vector<SweepPoint> points;
};

// Nullopt when options.stop ended it early.
std::optional<SweepResult> run_sweep(const PreparedSweep& sweep, const BatchOptions& options,
                                     const ProgressFn& progress = {});

}  // namespace homeward::app
