// `homeward calibrate CALIBRATION.json [--out DIR] [--threads T] [--quiet]`:
// fits a scenario's parameters to observed DToC data (docs/calibration.md).
#pragma once

#include <string>

namespace homeward::app {

struct CalibrateCommandOptions {
  std::string calibration_file;
  std::string out_dir;  // empty: no files, only the terminal summary
  int threads = 0;      // 0: every core
  bool quiet = false;   // no progress lines
};

// Exit codes as the other commands: 0 ok, 2 bad input (every problem listed
// on stderr), 1 internal error.
int calibrate_command(const CalibrateCommandOptions& options);

}  // namespace homeward::app
