// Lincolnshire's replay (calib/examples/lincolnshire_replay.calibration.json,
// docs/validation.md section 5, "Replayed from a fit before December 2015"),
// prepared against the shipped returns without running the fit: its months
// are the ones the docs state, its one series holds Lincolnshire's acute
// delayed days as a plain split of the CSV's lines gives them, and its
// scenario is the template scenario scaled to 744,000 people, with HART's
// slots and seven-day social work switched on at their dates.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "calib/calibration_setup.h"
#include "calib/council_template.h"
#include "sim/io/scenario_reader.h"

namespace homeward::calib {
namespace {

using nlohmann::json;

const std::string kSource = HOMEWARD_SOURCE_DIR;
const std::string kDataDir = kSource + "/../shared/data/dtoc";
const std::string kFile = kDataDir + "/england_la_dtoc_monthly_2011-04_2019-12.csv";
const std::string kExample = kSource + "/calib/examples/lincolnshire_replay.calibration.json";

// Lincolnshire's (DH 503) acute_days by month, by splitting lines on commas
// (its name has no comma).
std::map<std::string, double> lincolnshire_acute_days() {
  std::ifstream in(kFile);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream h(line);
  for (std::string f; std::getline(h, f, ',');) header.push_back(f);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t month = column("month"), code = column("la_code_dh"), acute = column("acute_days");
  std::map<std::string, double> out;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream l(line);
    for (std::string f; std::getline(l, f, ',');) fields.push_back(f);
    if (fields.size() > acute && fields[code] == "503" && !fields[acute].empty())
      out[fields[month]] = std::stod(fields[acute]);
  }
  return out;
}

class ReplayExample : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kFile)) GTEST_SKIP() << "no " << kFile;
    result_ = prepare_calibration(CalibrationRequest{kExample, "", std::nullopt, kDataDir, std::nullopt});
    ASSERT_TRUE(result_.setup) << io::format_problems(result_.problems);
  }
  const CalibrationSetup& setup() const { return *result_.setup; }
  const json& scenario() const { return setup().space->base(); }

 private:
  SetupResult result_;
};

TEST_F(ReplayExample, TrainsOnTheYearBeforeHartAndTestsOnTheThirtyTwoMonthsAfter) {
  const CalibrationConfig& config = setup().config;
  EXPECT_EQ(config.data.layout, DataLayout::local_authority);
  EXPECT_EQ(config.data.local_authority, "503");  // from the instance's council, not the template
  EXPECT_EQ(config.train.first, *parse_month("2014-12"));
  EXPECT_EQ(config.train.last, *parse_month("2015-11"));
  EXPECT_EQ(config.test.first, *parse_month("2015-12"));
  EXPECT_EQ(config.test.last, *parse_month("2018-07"));
  const ObservedTarget& target = setup().target;
  ASSERT_EQ(target.month_count(), 44u);
  int train = 0, test = 0;
  for (Split s : target.split) (s == Split::train ? train : test) += 1;
  EXPECT_EQ(train, 12);
  EXPECT_EQ(test, 32);
}

TEST_F(ReplayExample, ItsSeriesIsLincolnshiresAcuteDelayedDays) {
  const auto csv = lincolnshire_acute_days();
  const ObservedTarget& target = setup().target;
  ASSERT_EQ(target.series_count(), 1u);
  for (std::size_t j = 0; j < target.month_count(); ++j)
    EXPECT_EQ(target.observed[0][j], csv.at(month_iso(target.months[j]))) << month_iso(target.months[j]);
  // Two months by hand from the file: HART's first whole month and the one after.
  ASSERT_EQ(month_iso(target.months[12]), "2015-12");
  EXPECT_EQ(target.observed[0][12], 2082);
  EXPECT_EQ(target.observed[0][13], 2388);
}

// 744,000 / 332,000 = 2.241: HART's 4 slots become 9 (8.96), the assessment
// teams' 13 and 5 daily starts 29 (29.1) and 11 (11.2), in the dated changes
// as in the schedules they replace.
TEST_F(ReplayExample, TheInterventionsStartAtTheirDatesSizedForLincolnshire) {
  const json& s = scenario();
  const io::ScenarioReadResult read = io::read_scenario_json(s, "lincolnshire_replay (resolved)");
  ASSERT_TRUE(read.problems.empty()) << io::format_problems(read.problems);
  EXPECT_EQ(s["start_date"], "2014-12-01");
  EXPECT_EQ(s["warmup_days"], 365);
  const MonthRange months = whole_months(s);
  EXPECT_EQ(months.first, *parse_month("2014-12"));
  EXPECT_EQ(months.last, *parse_month("2018-07"));

  const json& hart = s["services"]["hart"];
  EXPECT_EQ(hart["slots"], 0);
  ASSERT_EQ(hart["changes"].size(), 1u);
  EXPECT_EQ(hart["changes"][0]["from"], "2015-12-15");
  EXPECT_EQ(hart["changes"][0]["slots"], 9);

  for (const auto& [service, starts] : {std::pair{"home_assessment", 29}, std::pair{"placement_assessment", 11}}) {
    const json& team = s["services"][service];
    ASSERT_EQ(team["schedule"].size(), 1u) << service;
    EXPECT_EQ(team["schedule"][0]["starts"], starts) << service;
    EXPECT_EQ(team["schedule"][0]["from_hour"], 9) << service;  // weekdays 09-17 before July 2017
    ASSERT_EQ(team["changes"].size(), 1u) << service;
    const json& change = team["changes"][0];
    EXPECT_EQ(change["from"], "2017-07-01") << service;
    EXPECT_EQ(change["schedule"][0]["starts"], starts) << service;  // the same quota, every day 08-20
    EXPECT_EQ(change["schedule"][0]["from_hour"], 8) << service;
    EXPECT_EQ(change["schedule"][0]["to_hour"], 20) << service;
  }
  ASSERT_EQ(setup().space->size(), 1u);
  EXPECT_EQ(setup().space->spec(0).name, "delay_level_factor");
}

}  // namespace
}  // namespace homeward::calib
