// A run or compare written into one directory exactly as `homeward run` and
// `homeward compare --out DIR` write it (summary.json, replications.csv,
// monthly.csv, run-info.json, journal.jsonl), for callers other than the
// command line, such as `homeward serve`. Without shards, MPI, --precision or
// --resume, and printing nothing: progress and cancellation go through the
// arguments. The same scenarios, seed and replications give the same
// summary.json, replications.csv and monthly.csv, byte for byte, as the CLI.
#pragma once

#include <string>
#include <vector>

#include "sim/app/batch.h"
#include "sim/app/scenario_loading.h"

namespace homeward::app {

struct DirectoryBatch {
  const LoadedScenarios* scenarios = nullptr;  // one: a run; several: a compare against the first
  std::vector<std::string> scenario_labels;    // what run-info.json lists as scenario_files
  BatchOptions batch;                          // batch.stop cancels; the task range is ignored
  std::string out_dir;                         // created when missing
};

enum class DirectoryBatchOutcome { done, cancelled };

// Runs every replication of every scenario, appending each to OUT/journal.jsonl
// as it finishes, then writes the outputs from the journal. When batch.stop is
// raised before the last task, no output is written and the journal is removed,
// so nothing in the directory looks like a result: the outcome is `cancelled`.
// Throws std::runtime_error (naming the path) when a file cannot be written.
// REQUIRES: scenarios non-null and non-empty; batch.replications >= 1.
DirectoryBatchOutcome run_batch_into_directory(const DirectoryBatch& request, const ProgressFn& progress = {});

}  // namespace homeward::app
