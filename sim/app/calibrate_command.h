// `homeward calibrate CALIBRATION.json [--out DIR] [--threads T] [--quiet]
//  [--council CODE --population N] [--data-dir DIR] [--restarts K]`:
// fits a scenario's parameters to observed DToC data (docs/calibration.md).
#pragma once

#include <optional>
#include <string>

namespace homeward::app {

struct CalibrateCommandOptions {
  std::string calibration_file;
  std::string out_dir;  // empty: no files, only the terminal summary
  int threads = 0;      // 0: every core
  bool quiet = false;   // no progress lines
  std::string council;                // a template's council (DH or ONS code)
  std::optional<double> population;   // a template's population
  std::string data_dir;               // where the data file is looked for (by name); empty: as the file says
  std::optional<int> restarts;        // overrides the file's "restarts"
};

// Exit codes as the other commands: 0 ok, 2 bad input (every problem listed
// on stderr), 1 internal error.
int calibrate_command(const CalibrateCommandOptions& options);

}  // namespace homeward::app
