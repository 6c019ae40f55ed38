// summary.xlsx beside summary.json (`run`/`compare --xlsx`, and every run of
// `homeward serve`): the board-pack workbook of sim/io/xlsx_writer.h, made
// from the files a run left in its output directory.
#pragma once

#include <string>

namespace homeward::app {

// Writes OUT_DIR/summary.xlsx from OUT_DIR/summary.json and, when present,
// monthly.csv. Returns "" on success, else the problem (naming the file).
std::string write_summary_workbook(const std::string& out_dir);

// The command-line face of it: 0 when written (a line on stderr unless quiet);
// 2 when the directory's files are missing or malformed, 1 when the workbook
// cannot be written, each with the problem on stderr.
int xlsx_command(const std::string& out_dir, bool quiet);

}  // namespace homeward::app
