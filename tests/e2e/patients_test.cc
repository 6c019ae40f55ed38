// End-to-end: `--patients N` writes patients.csv, whose rows reproduce the
// replications they belong to (replications.csv) and whose dates read back.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/e2e_support.h"

namespace {

namespace fs = std::filesystem;
using homeward::testing::e2e::homeward;
using homeward::testing::e2e::Outcome;
using homeward::testing::e2e::slurp;

fs::path scratch(const std::string& name) { return homeward::testing::e2e::scratch("homeward_patients", name); }

const std::string& kScenarios = homeward::testing::e2e::kScenarioDir;

std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  ADD_FAILURE() << "no column " << name;
  return 0;
}

// Two scenarios, the first two of three replications each: every replication's
// rows give its discharges, in_hospital_at_end and delay_days_mean as
// replications.csv has them.
TEST(Patients, RowsReproduceEachReplicationsMeasures) {
  const fs::path dir = scratch("compare");
  const Outcome run = homeward("compare " + kScenarios + "baseline.json " + kScenarios +
                                   "seven_day.json --replications 3 --patients 2 --quiet --out " + dir.string(),
                               dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto patients = read_csv(slurp(dir / "patients.csv"));
  ASSERT_GT(patients.size(), 1u);
  const auto& header = patients[0];
  const std::size_t scenario = column(header, "scenario"), replication = column(header, "replication"),
                    left = column(header, "left_acute"), delay = column(header, "delay_days"),
                    admitted = column(header, "admitted");
  EXPECT_EQ(header.size(), 20u);  // 9 columns and 11 reasons
  struct Tally {
    double discharges = 0, in_hospital = 0, delay = 0;
  };
  std::map<std::pair<std::string, std::string>, Tally> tallies;
  for (std::size_t i = 1; i < patients.size(); ++i) {
    const auto& row = patients[i];
    ASSERT_EQ(row.size(), header.size()) << "row " << i;
    ASSERT_EQ(row[admitted].size(), 19u) << row[admitted];  // YYYY-MM-DDTHH:MM:SS
    Tally& t = tallies[{row[scenario], row[replication]}];
    if (row[left].empty()) {
      ++t.in_hospital;
      EXPECT_TRUE(row[delay].empty());
    } else {
      ++t.discharges;
      t.delay += std::stod(row[delay]);
    }
  }
  EXPECT_EQ(tallies.size(), 4u);  // two scenarios × replications 0 and 1

  // replications.csv: one table, its first column the scenario.
  const auto replications = read_csv(slurp(dir / "replications.csv"));
  std::vector<std::string> block_header;
  std::size_t checked = 0;
  for (const auto& row : replications) {
    if (row[0] == "scenario") {
      block_header = row;
      continue;
    }
    const auto found = tallies.find({row[0], row[1]});
    if (found == tallies.end()) continue;
    const Tally& t = found->second;
    SCOPED_TRACE(row[0] + " replication " + row[1]);
    EXPECT_EQ(t.discharges, std::stod(row[column(block_header, "discharges")]));
    EXPECT_EQ(t.in_hospital, std::stod(row[column(block_header, "in_hospital_at_end")]));
    const double mean = std::stod(row[column(block_header, "delay_days_mean")]);
    EXPECT_NEAR(t.delay / t.discharges, mean, 1e-9 * std::max(1.0, mean));
    ++checked;
  }
  EXPECT_EQ(checked, 4u);
}

TEST(Patients, NeedsOutAndAWholeRun) {
  const fs::path dir = scratch("usage");
  EXPECT_EQ(homeward("run " + kScenarios + "baseline.json -n 2 --patients 1", dir).exit_code, 2);
  const Outcome shard = homeward("run " + kScenarios + "baseline.json -n 2 --patients 1 --shard 0/2 --out " +
                                     (dir / "s").string(), dir);
  EXPECT_EQ(shard.exit_code, 2);
  EXPECT_NE(shard.err.find("--patients"), std::string::npos) << shard.err;
  EXPECT_EQ(homeward("run " + kScenarios + "baseline.json -n 2 --patients 0 --out " + (dir / "z").string(), dir)
                .exit_code,
            2);
}

}  // namespace
