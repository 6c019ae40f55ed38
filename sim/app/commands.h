// The subcommands of `homeward`. Each returns the process exit code:
// 0 ok, 1 internal error, 2 bad input (every problem printed on stderr),
// 3 interrupted (SIGINT or SIGTERM; the replications finished so far are
// kept and summarised as partial, and `--resume` continues), 4 the
// environment would not let an output be written (disk full, read-only file
// system, no permission: docs/outputs.md, "Exit codes").
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "sim/app/batch.h"
#include "sim/app/status.h"
#include "sim/io/folder_lock.h"

namespace homeward::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 3;
inline constexpr int kExitEnvironment = 4;

// What an exception means for the exit code: io::OutputError 4,
// io::JournalError and io::FolderInTheWay 2, else 1 ("internal error").
Status status_of(const std::exception& e);
// Why a folder could not be locked: 4 when the environment would not let it
// be, else 2 (in use, something in the way).
Status status_of(const io::LockRefusal& refusal);

// print_status(status_of(...)): for a command's last line of defence.
int exit_code_for(const std::exception& e);
int exit_code_for(const io::LockRefusal& refusal);

// `--shard I/N`: the I-th of N contiguous ranges of the (scenario ×
// replication) tasks, counted from 0.
struct Shard {
  std::uint64_t index = 0;
  std::uint64_t count = 1;
};

struct RunOptions {
  std::vector<std::string> scenario_files;  // run: one; compare: base first
  BatchOptions batch;
  std::string out_dir;  // empty: no files
  bool quiet = false;   // no progress line
  bool resume = false;  // continue the journal in out_dir
  bool force = false;   // replace another scenario's results in out_dir (moved to previous/)
  std::optional<Shard> shard;
  // Also write patients.csv: every acute stay of replications 0 .. patients - 1.
  std::uint32_t patients = 0;
  // Run the base scenario's replications in stages until the 95% interval of
  // this measure's mean is within ± relative_half_width of it (or
  // batch.replications, then a cap, is reached); the other scenarios get as many.
  struct Precision {
    std::string measure;
    double relative_half_width = 0;
  };
  std::optional<Precision> precision;
};

int run_command(const RunOptions& options);
// Combines the journals of shards into the outputs of the whole run.
int merge_command(const std::vector<std::string>& shard_dirs, const std::string& out_dir);
int validate_command(const std::vector<std::string>& scenario_files);
// Prints the JSON Schema of scenario files (scenarios/scenario.schema.json).
int schema_command();

}  // namespace homeward::app
