#include "calib/target.h"

#include <gtest/gtest.h>

#include "calib_test_support.h"

namespace homeward::calib {
namespace {

using model::Agency;
using model::Reason;
using testing::series;

ObservedData data_with(const std::vector<std::pair<std::string, std::vector<double>>>& series, Month first) {
  ObservedData data;
  data.file = "data.csv";
  for (const auto& [name, values] : series) {
    for (std::size_t j = 0; j < values.size(); ++j) {
      data.series[name][first + static_cast<int>(j)] = {values[j], j + 2};
      data.months[first + static_cast<int>(j)] = j + 2;
    }
  }
  return data;
}

TEST(Target, SeriesSumTheirAtomsAndAttributions) {
  const SeriesSpec total = series("total");
  EXPECT_EQ(series_atoms(total), std::vector<std::string>{"total"});
  EXPECT_EQ(series_attributions(total).size(), 10u * 3);  // every reason but O, every agency
  const SeriesSpec care_home = series("care_home", {Reason::D_i, Reason::D_ii});
  EXPECT_EQ(series_atoms(care_home), (std::vector<std::string>{"reason.D_i", "reason.D_ii"}));
  EXPECT_EQ(series_attributions(care_home).size(), 6u);
  const SeriesSpec social = series("social", {}, {Agency::social_care});
  EXPECT_EQ(series_atoms(social), std::vector<std::string>{"agency.social_care"});
  const SeriesSpec cell = series("cell", {Reason::E}, {Agency::nhs});
  EXPECT_EQ(series_atoms(cell), std::vector<std::string>{"reason.E.agency.nhs"});
  EXPECT_EQ(series_attributions(cell), std::vector<int>{model::attribution_of(Reason::E, Agency::nhs)});
  const SeriesSpec named = series("mine", {}, {}, "my_series");
  EXPECT_EQ(series_atoms(named), std::vector<std::string>{"my_series"});
}

TEST(Target, BuildsTrainAndTestMonthsFromTheData) {
  const Month jan = *parse_month("2018-01");
  const ObservedData data =
      data_with({{"total", {10, 20, 30, 40, 50}}, {"reason.D_i", {1, 2, 3, 4, 5}}, {"reason.D_ii", {5, 5, 5, 5, 5}}}, jan);
  std::vector<io::Problem> problems;
  const auto target = build_observed_target({series("total"), series("care_home", {Reason::D_i, Reason::D_ii})}, data,
                                            {jan, jan + 2}, {jan + 3, jan + 4}, "c.json", problems);
  ASSERT_TRUE(target) << io::format_problems(problems);
  EXPECT_EQ(target->months, (std::vector<Month>{jan, jan + 1, jan + 2, jan + 3, jan + 4}));
  EXPECT_EQ(target->split[2], Split::train);
  EXPECT_EQ(target->split[3], Split::test);
  EXPECT_EQ(target->observed[0], (std::vector<double>{10, 20, 30, 40, 50}));
  EXPECT_EQ(target->observed[1], (std::vector<double>{6, 7, 8, 9, 10}));
}

TEST(Target, MissingSeriesAndBlankValuesAreProblems) {
  const Month jan = *parse_month("2018-01");
  ObservedData data = data_with({{"total", {10, 20, 30}}}, jan);
  data.series["total"].erase(jan + 1);  // a blank cell
  std::vector<io::Problem> problems;
  EXPECT_FALSE(build_observed_target({series("total"), series("C", {Reason::C})}, data, {jan, jan + 2}, {}, "c.json", problems));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].message(),
            "data.csv:3: expected a value of total in 2018-02 for series \"total\" (c.json /series/0), found none (a "
            "blank in the file)");
  EXPECT_EQ(problems[1].message(),
            "c.json: /series/1: expected series the data file has for this selection (total), found reason.C needed "
            "for series \"C\"");
}

TEST(Target, SimulatedValuesSumTheMonthResults) {
  ObservedTarget target;
  target.series = {series("total"), series("E_nhs", {Reason::E}, {Agency::nhs})};
  const Month apr = *parse_month("2019-04");
  target.months = {apr + 1, apr + 2};
  target.split = {Split::train, Split::test};
  model::ReplicationResult result;
  for (int m = 0; m < 4; ++m) {
    model::MonthResult mr;
    mr.month = year_month(apr + m);
    mr.delayed_days[model::attribution_of(Reason::E, Agency::nhs)] = 10 * m;
    mr.delayed_days[model::attribution_of(Reason::E, Agency::social_care)] = 1;
    mr.delayed_days[model::attribution_of(Reason::O, Agency::nhs)] = 1000;  // the discharge window: not in "total"
    result.months.push_back(mr);
  }
  std::vector<double> out(4);
  ASSERT_TRUE(simulated_values(target, result, out));
  EXPECT_EQ(out, (std::vector<double>{11, 21, 10, 20}));
  target.months = {apr + 4};
  EXPECT_FALSE(simulated_values(target, result, out));
}

}  // namespace
}  // namespace homeward::calib
