// Results files of `homeward run` and `homeward compare` (formats in
// docs/outputs.md). Nothing here varies between identical runs except
// run-info.json, which holds the wall-clock time, host and thread count.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/model/prepared_scenario.h"
#include "sim/model/replication_result.h"
#include "sim/model/summary.h"

namespace homeward::io {

struct ScenarioResults {
  const model::PreparedScenario* scenario;
  const std::vector<model::ReplicationResult>* replications;
  std::vector<model::MeasureSummary> summary;
};

nlohmann::ordered_json statistics_json(const model::Statistics& s);
nlohmann::ordered_json scenario_summary_json(const ScenarioResults& results, std::uint64_t seed);

// compare: {"base", "replications", "seed", "scenarios": [each as in run],
// "differences": {other: {measure: statistics + "relative"}}}.
// REQUIRES: differences[i] holds scenario i + 1 against scenario 0.
nlohmann::ordered_json compare_summary_json(const std::vector<ScenarioResults>& results,
                                            const std::vector<std::vector<model::DifferenceSummary>>& differences,
                                            std::uint64_t seed);

// replications.csv: one row per replication (first column `scenario` when
// more than one scenario), one column per measure.
std::string replications_csv(const std::vector<ScenarioResults>& results);
// monthly.csv, tidy: scenario, replication, month, measure, reason, agency, value.
std::string monthly_csv(const std::vector<ScenarioResults>& results);

// Writes summary.json (from `summary`), replications.csv, monthly.csv and
// run-info.json into `directory`, creating it. Throws std::runtime_error.
void write_outputs(const std::string& directory, const nlohmann::ordered_json& summary,
                   const std::vector<ScenarioResults>& results, const nlohmann::ordered_json& run_info);

}  // namespace homeward::io
