// The measures a scenario has, known without simulating (model::measure_names,
// which --precision uses to find its measure), against what a replication of
// every shipped scenario really reports; and every reported name is one of
// the catalogue's (sim/model/measure_catalogue.h), which a model test holds
// to docs/measures.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/io/problems.h"
#include "sim/io/scenario_reader.h"
#include "sim/model/measure_catalogue.h"
#include "sim/model/prepared_scenario.h"
#include "sim/model/replication_tallies.h"
#include "sim/model/simulation.h"

namespace homeward {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(HOMEWARD_SOURCE_DIR) / "scenarios"))
    if (entry.path().extension() == ".json" && entry.path().filename() != "scenario.schema.json")
      paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  return paths;
}

TEST(MeasureNames, AreWhatAReplicationOfEachShippedScenarioReports) {
  const std::vector<fs::path> paths = shipped_scenarios();
  ASSERT_GE(paths.size(), 5u);
  for (const fs::path& path : paths) {
    SCOPED_TRACE(path.filename().string());
    const io::ScenarioReadResult read = io::read_scenario_file(path.string());
    ASSERT_TRUE(read.scenario) << io::format_problems(read.problems);
    model::Scenario scenario = *read.scenario;
    scenario.duration_days = std::min(scenario.duration_days, 60);  // the names do not depend on the length
    scenario.warmup_days = std::min(scenario.warmup_days, 30);
    const model::PreparedScenario prepared(scenario);
    const model::ReplicationResult result = model::simulate(prepared, 7, 0);
    const std::vector<std::string> names = model::measure_names(prepared);
    ASSERT_EQ(names.size(), result.measures.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      EXPECT_EQ(names[i], result.measures[i].name) << "at " << i;
      const model::MeasureInfo* info = model::find_measure_info(result.measures[i].name);
      ASSERT_NE(info, nullptr) << result.measures[i].name << " is not in the measure catalogue";
      EXPECT_EQ(info->scope, model::MeasureScope::replication) << result.measures[i].name;
    }
  }
}

}  // namespace
}  // namespace homeward
