// What `sweep`, `sensitivity` and `optimise` share in writing their files:
// an output directory locked and not another run's, numbers written so that
// they read back as the same doubles, text cells quoted and made inert as in
// every CSV Homeward writes (io::csv_text), files written atomically, and a
// run-info.json.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/app/study_commands.h"
#include "sim/io/folder_lock.h"

namespace homeward::app {

// Locks study.out_dir (creating it) for `command` with the folder lock of
// `run` and `compare` (io::FolderLock: one writer per folder, the holder's
// process id in the refusal), refuses results of another kind (a run's
// summary.json or journal.jsonl, a calibration's fit.csv, another study's
// file) than `own_file` (e.g. "sweep.json") without study.force, and moves
// the folder's previous results into previous/, so that files of an earlier
// study are never taken for this one's should it stop. On refusal prints the
// reason, sets exit_code (2 refused, 4 the environment) and returns nullopt.
std::optional<io::FolderLock> claim_out_dir(const StudyOptions& study, std::string_view own_file,
                                            const std::string& command, int& exit_code);

// Shortest text that reads back as the same double; empty for NaN or infinity.
std::string csv_number(double value);
// A scenario value as text: a string as it is, anything else as JSON text.
std::string value_text(const nlohmann::json& value);
// A scenario value as a CSV cell: a number or a boolean as it is, anything
// else as io::csv_text (quoted, a leading =, +, -, @ made inert).
std::string csv_value(const nlohmann::json& value);

// The run-info.json of a study: version, host, threads, wall time, files.
nlohmann::ordered_json study_run_info(std::string_view command, int threads, double wall_seconds);

// `document` as a file's text: two-space indented, invalid UTF-8 replaced.
std::string json_text(const nlohmann::ordered_json& document);

// Writes every (name, contents) into `dir` as one result: each goes to a
// temporary of its own (io::TemporaryFile: a unique name, never a planted
// link followed), and only when all are written and flushed to the disk are
// they renamed into place, so a failed write (a full disk) leaves the
// directory's earlier files as they were, never a mix of old and new. Throws
// io::OutputError naming the file that could not be written.
void write_files_together(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace homeward::app
