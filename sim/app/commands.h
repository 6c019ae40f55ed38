// The subcommands of `homeward`. Each returns the process exit code:
// 0 ok, 1 internal error, 2 bad input (every problem printed on stderr).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/app/batch.h"

namespace homeward::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

struct RunOptions {
  std::vector<std::string> scenario_files;  // run: one; compare: base first
  BatchOptions batch;
  std::string out_dir;  // empty: no files
  bool quiet = false;   // no progress line
};

int run_command(const RunOptions& options);
int validate_command(const std::vector<std::string>& scenario_files);
// Prints the JSON Schema of scenario files (scenarios/scenario.schema.json).
int schema_command();

}  // namespace homeward::app
