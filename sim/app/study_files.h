// What `sweep`, `sensitivity` and `optimise` share in writing their files:
// an output directory that is not another run's, numbers written so that they
// read back as the same doubles, CSV fields quoted when they need it, and a
// run-info.json.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace homeward::app {

// An exclusive lock on a directory (flock on the directory itself, so no
// file is left behind), held while alive: two studies never write into one
// directory at once, and a lock dies with its process.
class DirectoryLock {
 public:
  DirectoryLock() = default;
  ~DirectoryLock();
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  // False when another process holds it (or the directory cannot be opened).
  bool acquire(const std::string& dir);

 private:
  int fd_ = -1;
};

// Creates `dir`, locks it in `lock`, and checks that it holds no results of
// another kind (a run's summary.json or journal.jsonl, a calibration's
// fit.csv, another study's file) than `own_file` (e.g. "sweep.json"); with
// `force` they are left in place and may be overwritten. Prints the reason on
// stderr and returns false when the directory cannot be used.
bool claim_out_dir(const std::string& dir, std::string_view own_file, bool force, DirectoryLock& lock);

// Shortest text that reads back as the same double; empty for NaN or infinity.
std::string csv_number(double value);
// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);
// A scenario value as a cell: a string as it is, anything else as JSON text.
std::string value_text(const nlohmann::json& value);

// The run-info.json of a study: version, host, threads, wall time, files.
nlohmann::ordered_json study_run_info(std::string_view command, int threads, double wall_seconds);

// `document` as a file's text: two-space indented, invalid UTF-8 replaced.
std::string json_text(const nlohmann::ordered_json& document);

// Writes every (name, contents) into `dir` as one result: each goes to a
// temporary first, and only when all are written are they renamed into
// place, so a failed write (a full disk) leaves the directory's earlier files
// as they were, never a mix of old and new. Throws std::runtime_error naming
// the file that could not be written.
void write_files_together(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace homeward::app
