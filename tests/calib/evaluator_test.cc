// The evaluator's training-only runs: the search, the ratio start and the
// curvature simulate up to the end of the last training month, which must
// give the training months' values bit for bit as the whole run does.
#include "calib/evaluator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "calib_test_support.h"

namespace homeward::calib {
namespace {

using nlohmann::json;

const std::string kTiny = std::string(HOMEWARD_SOURCE_DIR) + "/tests/calib/data/tiny_scenario.json";

json tiny_scenario() {
  std::ifstream in(kTiny);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// Months `from`..`to` of `split`, appended to `target`, with observed values
// of 1 (the evaluator never reads them).
void add_months(ObservedTarget& target, const char* from, const char* to, Split split) {
  for (Month m = *parse_month(from); m <= *parse_month(to); ++m) {
    target.months.push_back(m);
    target.split.push_back(split);
    for (auto& row : target.observed) row.push_back(1);
  }
}

// Every kind of series a calibration fits: DToC counts (all, one reason),
// discharges and whole-day delays by delay bin.
ObservedTarget every_kind_of_series() {
  ObservedTarget target;
  target.series = {testing::series("total"), testing::series("A", {model::Reason::A})};
  SeriesSpec discharges = testing::series("discharges_21plus");
  discharges.measure = SeriesMeasure::discharges;
  discharges.delay_bins = {model::kDelayBinCount - 1};
  SeriesSpec drd = testing::series("drd_delay_days");
  drd.measure = SeriesMeasure::drd_delay_days;
  target.series.push_back(discharges);
  target.series.push_back(drd);
  target.observed.resize(target.series.size());
  return target;
}

// The tiny scenario runs from 1 April 2019 for 366 days. Training to
// December 2019 ends it on 31 December: 30 + 31 + 30 + 31 + 31 + 30 + 31 +
// 30 + 31 = 275 days.
TEST(EndAfterTraining, EndsTheRunWithTheLastTrainingMonth) {
  ObservedTarget target;
  add_months(target, "2019-04", "2019-12", Split::train);
  add_months(target, "2020-01", "2020-03", Split::test);
  json scenario = tiny_scenario();
  end_after_training(scenario, target);
  EXPECT_EQ(scenario["duration_days"], 275);
  EXPECT_EQ(scenario["start_date"], "2019-04-01");
}

TEST(EndAfterTraining, LeavesARunThatEndsSoonerOrHasNoTrainingMonthsAlone) {
  ObservedTarget test_first;  // test months before the training months
  add_months(test_first, "2019-04", "2019-06", Split::test);
  add_months(test_first, "2019-07", "2020-03", Split::train);
  json scenario = tiny_scenario();
  end_after_training(scenario, test_first);
  EXPECT_EQ(scenario["duration_days"], 366);  // 2020-04-01 is after its end (2020-03-31 + 1 day)

  ObservedTarget none;
  add_months(none, "2019-04", "2019-06", Split::test);
  end_after_training(scenario, none);
  EXPECT_EQ(scenario["duration_days"], 366);

  // Fixed admissions may be dated after the training months; the run stays whole.
  ObservedTarget train_first;
  add_months(train_first, "2019-04", "2019-12", Split::train);
  add_months(train_first, "2020-01", "2020-03", Split::test);
  scenario["fixed_admissions"] = json::array({{{"time_days", 300}, {"cohort", "any"}, {"time_to_mffd_days", 1}}});
  end_after_training(scenario, train_first);
  EXPECT_EQ(scenario["duration_days"], 366);
}

TEST(Evaluator, TrainingOnlyRunsGiveTheTrainingMonthsBitForBit) {
  ObservedTarget target = every_kind_of_series();
  add_months(target, "2019-04", "2019-12", Split::train);
  add_months(target, "2020-01", "2020-03", Split::test);
  std::vector<io::Problem> problems;
  const std::optional<ParameterSpace> space = ParameterSpace::make(
      {testing::parameter("assessment_days", {"/services/assessment/duration_days/mean"}, 0.2, 3)}, tiny_scenario(),
      "calibration.json", problems);
  ASSERT_TRUE(space) << io::format_problems(problems);
  const Evaluator evaluator(*space, target, "tiny", 11, 2);
  // A quick assessment and a slow one: the slow one's queue carries delays
  // from each month into the next.
  const std::vector<Eigen::VectorXd> candidates = {Eigen::VectorXd::Constant(1, 0.3), Eigen::VectorXd::Constant(1, 2.8)};
  const int replications = 3;
  const std::vector<CandidateRun> whole = evaluator.run(candidates, replications);
  const std::vector<CandidateRun> training = evaluator.run(candidates, replications, {}, SimulatedMonths::training);
  const std::size_t months = target.month_count();
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    ASSERT_TRUE(whole[c].valid) << whole[c].problem;
    ASSERT_TRUE(training[c].valid) << training[c].problem;
    ASSERT_EQ(training[c].simulated.size(), whole[c].simulated.size());
    double december = 0;
    for (int r = 0; r < replications; ++r)
      for (std::size_t s = 0; s < target.series_count(); ++s)
        for (std::size_t j = 0; j < months; ++j) {
          const std::size_t cell = static_cast<std::size_t>(r) * target.series_count() * months + s * months + j;
          if (target.split[j] == Split::train) {
            EXPECT_EQ(training[c].simulated[cell], whole[c].simulated[cell]) << c << " " << r << " " << s << " " << j;
            if (s == 0 && j == 8) december += whole[c].simulated[cell];
          } else {
            EXPECT_TRUE(std::isnan(training[c].simulated[cell]));
            EXPECT_FALSE(std::isnan(whole[c].simulated[cell]));
          }
        }
    EXPECT_GT(december, 0) << "a month with delays, so the comparison means something";
  }
}

}  // namespace
}  // namespace homeward::calib
