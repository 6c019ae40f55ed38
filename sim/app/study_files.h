// What `sweep`, `sensitivity` and `optimise` share in writing their files:
// an output directory that is not another run's, numbers written so that they
// read back as the same doubles, CSV fields quoted when they need it, and a
// run-info.json.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace homeward::app {

// Creates `dir` and checks that it holds no results of another kind (a run's
// summary.json or journal.jsonl, a calibration's fit.csv, another study's
// file) than `own_file` (e.g. "sweep.json"); with `force` they are left in
// place and may be overwritten. Prints the reason on stderr and returns false
// when the directory cannot be used.
bool claim_out_dir(const std::string& dir, std::string_view own_file, bool force);

// Shortest text that reads back as the same double; empty for NaN or infinity.
std::string csv_number(double value);
// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);
// A scenario value as a cell: a string as it is, anything else as JSON text.
std::string value_text(const nlohmann::json& value);

// The run-info.json of a study: version, host, threads, wall time, files.
nlohmann::ordered_json study_run_info(std::string_view command, int threads, double wall_seconds);

// Writes `document` (two-space indented) to dir/name atomically.
void write_json_file(const std::string& dir, std::string_view name, const nlohmann::ordered_json& document);

}  // namespace homeward::app
