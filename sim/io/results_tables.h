// The two tables of a run's results that analysts load in one call
// (docs/outputs.md): replications.csv, one row per scenario × replication
// with a column per measure, and summary.csv, one row per scenario ×
// measure with its statistics. Both with a `scenario` column, a single run
// too, so pandas.read_csv and R's read.csv read either whole.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/results_writer.h"

namespace homeward::io {

// The unit of a measure as docs/measures.md gives it ("patients", "bed days",
// "days", "beds", "share 0–1", "clients", "slot days", "£"); empty when the
// name follows none of its patterns.
std::string measure_unit(std::string_view measure);

// scenario,replication,<every measure of any scenario, in first-seen order>;
// a measure a scenario does not have is an empty cell. The text goes to
// `write` in pieces of about kCsvPieceBytes, rows whole, so that a run of
// any number of replications writes it in the same memory.
inline constexpr std::size_t kCsvPieceBytes = 1 << 16;
void write_replications_csv(const std::vector<ScenarioResults>& results,
                            const std::function<void(std::string_view)>& write);

// scenario,measure,unit,mean,sd,ci95_low,ci95_high,n.
std::string summary_csv(const std::vector<ScenarioResults>& results);

}  // namespace homeward::io
