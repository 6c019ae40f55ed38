// `homeward report OUT_DIR [--title T]`: writes OUT_DIR/report.html, one
// self-contained page (styles, scripts and data inlined; nothing fetched)
// with the headline table, the charts and the run's provenance, from the
// files a run, compare or calibrate left in OUT_DIR (docs/report.md).
#pragma once

#include <string>

namespace homeward::app {

struct ReportOptions {
  std::string out_dir;  // holds summary.json; run-info.json, monthly.csv and fit.csv are optional
  std::string title;    // empty: "Homeward: " and the scenarios' names
  bool quiet = false;   // no "wrote ..." line on stderr
};

// Returns 0 when report.html is written; 2 when OUT_DIR's files are missing or
// malformed (each problem on stderr, naming the file); 1 when this homeward
// was built without the chart libraries (report/node_modules) or the file
// cannot be written.
int report_command(const ReportOptions& options);

}  // namespace homeward::app
