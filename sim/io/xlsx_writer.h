// summary.xlsx: a run's or compare's results as an Excel workbook for a board
// pack (docs/api.md and the README say where it is written). Sheets:
//   Headline     the report's headline table: each scenario's mean delay,
//                share discharged within a day and delayed bed days a year,
//                and for a compare the bed days saved, their value and the net
//                saving a year against the base, each with its 95% interval;
//   Differences  (compare) every measure's paired difference from the base;
//   Measures     every measure of every scenario: mean, sd, 95% CI, p5, p50, p95;
//   Monthly      each month's delayed days and acute occupancy (mean and the
//                5th-95th percentile band across replications), with a chart;
//   About        seed, replications, version and where the definitions are.
// The numbers are summary.json's, unrounded; only their display is formatted.
// The same inputs give the same bytes (the workbook's creation time is fixed).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace homeward::io {

// A value across replications: its mean and its 5th and 95th percentiles.
struct Band {
  double mean = 0, p5 = 0, p95 = 0;
};

// One scenario's calendar month of the measured period.
struct MonthlyBand {
  std::string scenario;
  std::string month;       // "YYYY-MM"
  int days_in_period = 0;  // days of the month inside the measured period
  Band delayed_days;       // DToC delayed days in the month (midnight counts)
  Band acute_occupancy;    // acute bed days in the month / days_in_period
};

// Writes the workbook to `path` through a temporary file in its directory, so
// an interrupted write leaves no complete-looking file. `summary` is the
// document of summary.json (a run's or a compare's, in its order); `months` may be empty.
// Throws std::runtime_error naming the path on an unwritable file or a summary
// without the expected keys.
void write_summary_xlsx(const std::string& path, const nlohmann::ordered_json& summary,
                        const std::vector<MonthlyBand>& months, const std::string& version);

}  // namespace homeward::io
