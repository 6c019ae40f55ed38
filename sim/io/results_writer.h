// Results files of `homeward run` and `homeward compare` (formats in
// docs/outputs.md). Nothing here varies between identical runs except
// run-info.json, which holds the wall-clock time, host and thread count.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/atomic_file.h"
#include "sim/io/journal.h"
#include "sim/model/replication_result.h"
#include "sim/model/summary.h"

namespace homeward::io {

// A service whose queue grew through the measured period (docs/measures.md,
// "Growing queues"; detected by app/queue_growth.h).
struct GrowingQueue {
  std::string service;
  double first_quarter = 0;  // mean number waiting in the period's first quarter, averaged over replications
  double last_quarter = 0;   // the same in its last quarter
};

struct ScenarioResults {
  const ScenarioInfo* scenario;
  const model::ScalarTable* replications;
  std::vector<model::MeasureSummary> summary;
  std::vector<GrowingQueue> growing_queues;
};

nlohmann::ordered_json statistics_json(const model::Statistics& s);
nlohmann::ordered_json scenario_summary_json(const ScenarioResults& results, std::uint64_t seed);

// compare: {"base", "replications", "seed", "scenarios": [each as in run],
// "differences": {other: {measure: statistics + "relative"}}}.
// differences[i] holds scenario i + 1 against scenario 0; when there are
// fewer (an interrupted run), "differences" is left out.
nlohmann::ordered_json compare_summary_json(const std::vector<ScenarioResults>& results,
                                            const std::vector<std::vector<model::DifferenceSummary>>& differences,
                                            std::uint64_t seed);

// Writes monthly.csv (tidy: scenario, replication, month, measure, reason,
// agency, value) row by row as replications arrive, so nothing but the rows
// in a buffer is held, and at commit() replications.csv and summary.csv
// (results_tables.h) from the scenarios' tables. Files go to temporaries in
// `directory` that commit() renames into place with summary.json and
// run-info.json; a run that stops early leaves no complete-looking file.
class ResultsStream {
 public:
  // Creates the directory. Throws OutputError naming the path.
  ResultsStream(const std::string& directory, std::vector<ScenarioInfo> scenarios);
  ~ResultsStream();
  ResultsStream(const ResultsStream&) = delete;
  ResultsStream& operator=(const ResultsStream&) = delete;

  // REQUIRES: called in (scenario, replication) order.
  void add(std::size_t scenario, std::uint32_t replication, const model::ReplicationResult& result);
  void commit(const std::vector<ScenarioResults>& results, const nlohmann::ordered_json& summary,
              const nlohmann::ordered_json& run_info);

 private:
  void flush_buffers();

  std::string directory_;
  std::vector<ScenarioInfo> scenarios_;
  std::unique_ptr<TemporaryFile> monthly_;
  std::string monthly_buffer_;
};

}  // namespace homeward::io
