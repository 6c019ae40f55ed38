// End-to-end: `run`/`compare --xlsx` writes summary.xlsx beside summary.json,
// with summary.json's numbers and monthly.csv's months (the mean and the
// 5th-95th percentile band, recomputed here from the CSV by hand).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "support/e2e_support.h"
#include "support/xlsx_cells.h"

namespace {

namespace fs = std::filesystem;
using homeward::testing::e2e::homeward;
using homeward::testing::e2e::kScenarioDir;
using homeward::testing::e2e::slurp;
using nlohmann::json;

double cell(const homeward::testing::Cells& cells, const std::string& ref) {
  const auto it = cells.find(ref);
  return it == cells.end() ? std::nan("") : std::stod(it->second);
}

// Type 7 (Hyndman-Fan), as summary.json's percentiles.
double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double h = (static_cast<double>(v.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  return lo + 1 < v.size() ? v[lo] + (h - static_cast<double>(lo)) * (v[lo + 1] - v[lo]) : v[lo];
}

TEST(Xlsx, CompareWritesTheWorkbookWithTheSummarysNumbersAndTheMonths) {
  const fs::path dir = homeward::testing::e2e::scratch("homeward_xlsx", "compare");
  const auto run = homeward("compare " + kScenarioDir + "baseline.json " + kScenarioDir +
                                "hart.json -n 4 --seed 2 --quiet --xlsx --out " + (dir / "out").string(),
                            dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ASSERT_TRUE(fs::exists(dir / "out" / "summary.xlsx"));
  EXPECT_FALSE(fs::exists(dir / "out" / "summary.xlsx.tmp"));
  const auto book = homeward::testing::workbook_cells(slurp(dir / "out" / "summary.xlsx"));
  const json summary = json::parse(slurp(dir / "out" / "summary.json"));

  const auto& headline = book.at("Headline");
  EXPECT_EQ(headline.at("A7"), "hart");
  const json& hart = summary["scenarios"][1];
  const double year = 365.0 / hart["duration_days"].get<double>();
  const double delayed = hart["measures"]["delayed_bed_days"]["mean"].get<double>() * year;
  EXPECT_NEAR(cell(headline, "H7"), delayed, 1e-9 * delayed);
  const double net = -summary["differences"]["hart"]["cost_total"]["mean"].get<double>() * year;
  EXPECT_NEAR(cell(headline, "Q7"), net, 1e-9 * std::fabs(net));

  // The first month of the base: delayed days summed over reasons and agencies, per replication.
  std::map<int, double> april;
  std::istringstream csv(slurp(dir / "out" / "monthly.csv"));
  std::string line;
  std::getline(csv, line);
  while (std::getline(csv, line)) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    if (f[0] == "baseline" && f[2] == "2018-04" && f[3] == "delayed_days") april[std::stoi(f[1])] += std::stod(f[6]);
  }
  ASSERT_EQ(april.size(), 4u);
  std::vector<double> values;
  for (const auto& [r, v] : april) values.push_back(v);
  const double mean = (values[0] + values[1] + values[2] + values[3]) / 4;
  const auto& monthly = book.at("Monthly");
  EXPECT_EQ(monthly.at("A5"), "baseline");
  EXPECT_DOUBLE_EQ(cell(monthly, "B5"), 43191);  // 1 April 2018
  EXPECT_DOUBLE_EQ(cell(monthly, "C5"), 30);
  EXPECT_NEAR(cell(monthly, "D5"), mean, 1e-9 * mean);
  EXPECT_NEAR(cell(monthly, "E5"), percentile(values, 0.05), 1e-9 * mean);
  EXPECT_NEAR(cell(monthly, "F5"), percentile(values, 0.95), 1e-9 * mean);
  EXPECT_EQ(monthly.at("A17"), "hart");  // twelve months of the base first
}

TEST(Xlsx, NeedsAnOutputFolder) {
  const fs::path dir = homeward::testing::e2e::scratch("homeward_xlsx", "no_out");
  const auto run = homeward("run " + kScenarioDir + "baseline.json -n 1 --quiet --xlsx", dir);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--out"), std::string::npos) << run.err;
}

}  // namespace
