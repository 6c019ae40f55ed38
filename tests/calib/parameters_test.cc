#include "calib/parameters.h"

#include <gtest/gtest.h>

#include "calib_test_support.h"

namespace homeward::calib {
namespace {

using nlohmann::json;
using testing::parameter;

const json kScenario = json::parse(R"({"services": {"care": {"beds": 40, "duration_days": {"median": 2, "mean": 3}}},
                                       "name": "x"})");

TEST(Parameters, MapsTheUnitCubeLinearlyOrOnALogScale) {
  std::vector<io::Problem> problems;
  const auto space = ParameterSpace::make(
      {parameter("beds", {"/services/care/beds"}, 20, 60, {.log_scale = false, .integer = true, .multiply = false, .start = std::nullopt}),
       parameter("median", {"/services/care/duration_days/median"}, 0.5, 8, {.log_scale = true, .integer = false, .multiply = false, .start = 1.0})},
      kScenario, "c.json", problems);
  ASSERT_TRUE(space) << io::format_problems(problems);
  EXPECT_EQ(space->value(0, 0.5), 40);
  EXPECT_EQ(space->value(0, 0.51), 40);  // integer: rounded
  EXPECT_DOUBLE_EQ(space->value(1, 0.5), 2.0);  // geometric middle of 0.5 and 8
  EXPECT_DOUBLE_EQ(space->value(1, 1.5), 8.0);  // clamped
  EXPECT_NEAR(space->unit(1, 2.0), 0.5, 1e-12);
  EXPECT_NEAR(space->start_unit()[0], 0.5, 1e-12);  // the scenario's 40
  EXPECT_NEAR(space->start_unit()[1], 0.25, 1e-12);  // the given start 1
  const json applied = space->apply(Eigen::Vector2d(33, 4.5));
  EXPECT_TRUE(applied["services"]["care"]["beds"].is_number_integer());
  EXPECT_EQ(applied["services"]["care"]["beds"], 33);
  EXPECT_EQ(applied["services"]["care"]["duration_days"]["median"], 4.5);
  EXPECT_EQ(applied["services"]["care"]["duration_days"]["mean"], 3);  // untouched
}

TEST(Parameters, MultiplyScalesEveryPointersOwnValue) {
  std::vector<io::Problem> problems;
  const auto space = ParameterSpace::make(
      {parameter("time", {"/services/care/duration_days/median", "/services/care/duration_days/mean"}, 0.5, 2,
                 {.log_scale = true, .integer = false, .multiply = true, .start = std::nullopt})},
      kScenario, "c.json", problems);
  ASSERT_TRUE(space) << io::format_problems(problems);
  EXPECT_NEAR(space->start_unit()[0], 0.5, 1e-12);  // the factor starts at 1
  const json applied = space->apply(Eigen::VectorXd::Constant(1, 1.5));
  EXPECT_EQ(applied["services"]["care"]["duration_days"]["median"], 3.0);
  EXPECT_EQ(applied["services"]["care"]["duration_days"]["mean"], 4.5);
}

TEST(Parameters, PointersMustNameNumbersAndStartsLieWithinBounds) {
  std::vector<io::Problem> problems;
  EXPECT_FALSE(ParameterSpace::make({parameter("a", {"/services/care/bed"}, 1, 2), parameter("b", {"/name"}, 1, 2),
                                     parameter("c", {"services"}, 1, 2), parameter("d", {"/services/care/beds"}, 1, 2)},
                                    kScenario, "c.json", problems));
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].message(), "c.json: /parameters/0/pointer: expected a pointer to a number in the scenario (after "
                                   "resolving any base), found \"/services/care/bed\", which the scenario does not have");
  EXPECT_EQ(problems[1].message(), "c.json: /parameters/1/pointer: expected a pointer to a number in the scenario (after "
                                   "resolving any base), found \"/name\", which holds \"x\"");
  EXPECT_EQ(problems[2].message(), "c.json: /parameters/2/pointer: expected a JSON pointer such as "
                                   "\"/services/home_care/visits_capacity_per_day\", found \"services\"");
  EXPECT_EQ(problems[3].message(), "c.json: /parameters/3: expected a start within [1, 2] (the scenario's value, as "
                                   "\"start\" is not given), found 40");
}

}  // namespace
}  // namespace homeward::calib
