// The worked Discharge Ready Date example (calib/examples/drd_rgr.calibration.json,
// docs/calibration.md "A trust fitted to its Discharge Ready Date returns"),
// prepared against the shipped returns without running the fit: its months
// are the ones the docs state, every series holds RGR's numbers as a plain
// split of the CSV's lines gives them, and its scenario is the baseline scaled
// by the population rule and valid.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "calib/calibration_setup.h"
#include "calib/council_template.h"
#include "calib/population_scaling.h"
#include "sim/io/scenario_reader.h"

namespace homeward::calib {
namespace {

using nlohmann::json;

const std::string kSource = HOMEWARD_SOURCE_DIR;
const std::string kDataDir = kSource + "/../shared/data/dtoc";
const std::string kFile = kDataDir + "/england_drd_7trusts_monthly_2024-04_2025-09.csv";
const std::string kExample = kSource + "/calib/examples/drd_rgr.calibration.json";

json read_json(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// RGR's rows: column name -> (month -> value), by splitting lines on commas.
std::map<std::string, std::map<std::string, double>> rgr_columns() {
  std::ifstream in(kFile);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream h(line);
  for (std::string f; std::getline(h, f, ',');) header.push_back(f);
  std::map<std::string, std::map<std::string, double>> out;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream l(line);
    for (std::string f; std::getline(l, f, ',');) fields.push_back(f);
    if (fields.size() < 2 || fields[1] != "RGR") continue;
    for (std::size_t c = 2; c < fields.size() && c < header.size(); ++c)
      if (!fields[c].empty()) out[header[c]][fields[0]] = std::stod(fields[c]);
  }
  return out;
}

class DrdExample : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kFile)) GTEST_SKIP() << "no " << kFile;
    result_ = prepare_calibration(CalibrationRequest{kExample, "", std::nullopt, kDataDir, std::nullopt});
    ASSERT_TRUE(result_.setup) << io::format_problems(result_.problems);
  }
  const CalibrationSetup& setup() const { return *result_.setup; }

 private:
  SetupResult result_;
};

TEST_F(DrdExample, TrainsOnAprilToDecember2024AndTestsOnJanuaryToSeptember2025) {
  const CalibrationConfig& config = setup().config;
  EXPECT_EQ(config.train.first, *parse_month("2024-04"));
  EXPECT_EQ(config.train.last, *parse_month("2024-12"));
  EXPECT_EQ(config.test.first, *parse_month("2025-01"));
  EXPECT_EQ(config.test.last, *parse_month("2025-09"));
  EXPECT_EQ(config.data.layout, DataLayout::drd);
  const ObservedTarget& target = setup().target;
  ASSERT_EQ(target.month_count(), 18u);
  int train = 0, test = 0;
  for (Split s : target.split) (s == Split::train ? train : test) += 1;
  EXPECT_EQ(train, 9);
  EXPECT_EQ(test, 9);
}

// Each series against the CSV's own columns, in every month (a bin series is
// the sum of its bins' columns).
TEST_F(DrdExample, EverySeriesHoldsRgrsReturns) {
  const auto csv = rgr_columns();
  const std::map<std::string, std::vector<std::string>> columns = {
      {"delay_days", {"dd_bed_days"}},
      {"delay_days_1_6", {"1_day_delay_beddays", "2_3_day_delay_beddays", "4_6_day_delay_beddays"}},
      {"delay_days_7_20", {"7_13_day_delay_beddays", "14_20_day_delay_beddays"}},
      {"delay_days_21plus", {"21plus_day_delay_beddays"}},
      {"discharges", {"patients_discharged_volume"}},
      {"discharges_delayed", {"total_delay_volume"}},
      {"discharges_21plus", {"21plus_day_delay_volume"}}};
  const ObservedTarget& target = setup().target;
  ASSERT_EQ(target.series_count(), columns.size());
  for (std::size_t s = 0; s < target.series_count(); ++s) {
    const std::string& name = target.series[s].name;
    ASSERT_TRUE(columns.contains(name)) << name;
    for (std::size_t j = 0; j < target.month_count(); ++j) {
      const std::string iso = month_iso(target.months[j]);
      double expected = 0;
      for (const std::string& column : columns.at(name)) expected += csv.at(column).at(iso);
      EXPECT_EQ(target.observed[s][j], expected) << name << " " << iso;
    }
  }
  // One month by hand from the file: October 2024, the training months' peak.
  const std::size_t october = 6;
  ASSERT_EQ(month_iso(target.months[october]), "2024-10");
  EXPECT_EQ(target.observed[0][october], 3601);  // dd_bed_days
  EXPECT_EQ(target.observed[3][october], 1744);  // 21plus_day_delay_beddays
}

// The scenario is the baseline with every number the schema marks as scaling
// multiplied by 0.68 (rounded by the templates' rule), over April 2024 to
// September 2025, and valid.
TEST_F(DrdExample, ScenarioIsTheBaselineScaledAndValid) {
  const json& scenario = setup().space->base();
  const io::ScenarioReadResult read = io::read_scenario_json(scenario, "drd_rgr (resolved)");
  ASSERT_TRUE(read.problems.empty()) << io::format_problems(read.problems);
  EXPECT_EQ(scenario["start_date"], "2024-04-01");
  const MonthRange months = whole_months(scenario);
  EXPECT_EQ(months.first, *parse_month("2024-04"));
  EXPECT_EQ(months.last, *parse_month("2025-09"));

  json baseline = read_json(kSource + "/scenarios/baseline.json");
  const std::vector<ScaleSite> sites = population_sites(embedded_scenario_schema(), baseline);
  ASSERT_GT(sites.size(), 30u);
  json scaled = baseline;
  scale_document(scaled, sites, 0.68);
  for (const ScaleSite& site : sites) {
    const json::json_pointer at(site.pointer);
    EXPECT_NEAR(scenario.at(at).get<double>(), scaled.at(at).get<double>(), 0.0005) << site.pointer;
  }
  EXPECT_NEAR(scenario["admissions"]["per_day"]["Mon"].get<double>(), 93.3 * 0.68, 0.0005);  // by hand
  EXPECT_EQ(scenario["services"]["step_down"]["beds"], 39);                                    // 57 × 0.68 = 38.76
  // The P0 patients' NHS-internal wait the example adds, and the five parameters.
  EXPECT_EQ(scenario["routes"]["P0"][0]["to"], "nhs_discharge_wait");
  ASSERT_EQ(setup().space->size(), 5u);
  EXPECT_EQ(setup().space->spec(0).name, "internal_wait_probability");
}

}  // namespace
}  // namespace homeward::calib
