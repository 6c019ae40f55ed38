// The commands that study one scenario over its parameters: `homeward sweep`
// (every combination of given values), `homeward sensitivity` (each capacity
// and process time moved one at a time) and `homeward optimise` (the
// capacities of least total cost). Each returns the process exit code of
// commands.h, and writes its files into `out_dir` only when it finished.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace homeward::app {

// What the three share.
struct StudyOptions {
  std::string scenario_file;
  std::uint32_t replications = 20;
  std::uint64_t seed = 1;
  int threads = 0;     // 0: every core; results do not depend on it
  std::string out_dir;  // empty: no files
  bool quiet = false;
  bool force = false;   // write beside other results in out_dir
};

struct SweepCommandOptions {
  StudyOptions study;
  std::vector<std::string> vary;  // "POINTER=V1,V2,..."
};
int sweep_command(const SweepCommandOptions& options);

struct SensitivityCommandOptions {
  StudyOptions study;
  double change = 0.2;  // each parameter times 1 - change and 1 + change
};
int sensitivity_command(const SensitivityCommandOptions& options);

struct OptimiseCommandOptions {
  StudyOptions study;
  std::vector<std::string> parameters;  // "POINTER=LOW:HIGH"
  std::string target;                   // "MEASURE<=VALUE"; empty: minimise total cost
  int evaluations = 200;                // budget of distinct candidates simulated
};
int optimise_command(const OptimiseCommandOptions& options);

}  // namespace homeward::app
