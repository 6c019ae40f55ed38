// Every output of a run (summary.json, replications.csv, monthly.csv,
// run-info.json and the terminal table) is produced here from journals, so a
// run, a resumed run and merged shards give the same files byte for byte.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/journal.h"

namespace homeward::app {

struct FinishedRun {
  io::JournalHeader header;              // the whole run's: tasks [0, scenarios × replications)
  std::vector<std::string> journals;     // in task order, together covering the tasks done
  bool partial = false;                  // interrupted: fewer tasks than the whole run
};

// Reads the journals, writes the files into out_dir (empty: none) and prints
// the table on `table` (nullptr: nowhere, for callers that are not a
// terminal, such as `homeward serve`); true when files were written (none
// when no replication finished). Throws io::JournalError on a journal that
// fails its checks, io::OutputError on files the environment will not let it
// write.
bool write_outputs(const FinishedRun& run, const std::string& out_dir, nlohmann::ordered_json run_info,
                   std::FILE* table = stdout);

}  // namespace homeward::app
