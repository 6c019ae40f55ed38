// The --out folder of `run` and `compare` (docs/outputs.md): locked for the
// whole run, checked against the run about to start, cleared of a previous
// run's files, and its journal opened, resumed or started.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/app/commands.h"
#include "sim/io/folder_lock.h"
#include "sim/io/journal.h"

namespace homeward::app {

struct RunFolder {
  io::FolderLock lock;                     // held until the outputs are written
  std::optional<io::JournalWriter> writer;  // with start_journal
  std::uint64_t first_task = 0;            // where this run starts (after resumed records)
};

// Locks options.out_dir and checks it: refuses another scenario's results
// without --force, a journal that cannot be resumed with --resume, a journal
// that is a link. Then makes room: --resume removes the files made from the
// journal and continues it; a fresh run moves the previous run's files into
// previous/ and (with start_journal) starts the journal. On refusal returns
// nullopt and sets `refusal` (exit 2 bad input, 4 environment).
std::optional<RunFolder> prepare_run_folder(const RunOptions& options, const io::JournalHeader& header,
                                            bool start_journal, Status& refusal);

}  // namespace homeward::app
