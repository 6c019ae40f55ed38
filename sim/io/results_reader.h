// Reads summary.json, as results_writer.h writes it for `homeward run` and
// `homeward compare` (docs/outputs.md), back into typed values: the report and
// anything else that reads results use this, never the JSON itself.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/io/results_writer.h"
#include "sim/model/summary.h"

namespace homeward::io {

// summary.json is missing, not JSON, or not of the expected shape; the message
// names the file and the JSON pointer of what is wrong.
class SummaryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One scenario's part of summary.json. A statistic written as null (the
// sd, percentiles or interval of a ratio, docs/measures.md) reads as NaN.
struct ScenarioSummary {
  std::string name;
  std::string description;  // empty when the scenario has none, or in files written before 0.5.0
  std::uint64_t replications = 0;
  std::string start_date;  // ISO date of the measured period's first day
  int duration_days = 0;   // length of the measured period
  int warmup_days = 0;
  std::vector<model::MeasureSummary> measures;  // in the file's order
  std::vector<GrowingQueue> growing_queues;
  // compare, scenarios after the base: paired differences (this − base), in
  // the file's order. Empty for the base, a run, or an interrupted compare.
  std::vector<model::DifferenceSummary> differences;
};

struct Summary {
  bool compare = false;  // written by `compare` (else by `run`)
  bool partial = false;  // an interrupted run's: fewer replications than asked for, no differences
  std::uint64_t replications = 0;
  std::uint64_t seed = 0;
  std::vector<ScenarioSummary> scenarios;  // the base first; one for a run
  // partial only: the replications each scenario finished, by name.
  std::map<std::string, std::uint64_t> replications_completed;
};

// Parses the text of summary.json. Throws SummaryError naming `file`.
Summary parse_summary(const std::string& text, const std::string& file);
// Reads summary.json at `path`. Throws SummaryError naming it.
Summary read_summary(const std::string& path);

}  // namespace homeward::io
