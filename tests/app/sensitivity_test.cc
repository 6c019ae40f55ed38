// One-at-a-time sensitivity (sim/app/sensitivity.h): the walk finds every
// capacity and process time of the shipped baseline; scaling a distribution
// scales the time it draws (its mean, checked through the parser's
// distribution); counts move by at least one and never below one; and a run
// ranks a binding capacity first.
#include "sim/app/sensitivity.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sim/app/sensitivity_files.h"
#include "sim/io/scenario_reader.h"

namespace homeward::app {
namespace {

using nlohmann::json;

json shipped(const char* file) {
  std::vector<io::Problem> problems;
  auto base = read_family_base(std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/" + file, problems);
  EXPECT_TRUE(base) << io::format_problems(problems);
  return base->document;
}

json baseline() { return shipped("baseline.json"); }

std::vector<std::string> names(const std::vector<SensitivityParameter>& parameters) {
  std::vector<std::string> out;
  for (const auto& p : parameters) out.push_back(p.name);
  return out;
}

TEST(Sensitivity, WalksEveryCapacityAndProcessTimeOfTheBaseline) {
  const auto found = names(find_sensitivity_parameters(baseline()));
  for (const char* expected :
       {"step_down.beds", "step_down.starts", "step_down.length_of_stay_days", "home_care.visits_capacity_per_day",
        "home_care.starts", "home_care.length_of_care_days", "home_assessment.starts", "home_assessment.duration_days",
        "choice.duration_days", "funding_panel.duration_days", "nursing_home.beds", "reablement.visits_capacity_per_day"})
    EXPECT_NE(std::find(found.begin(), found.end(), expected), found.end()) << expected;
  // Not capacities or process times: probabilities, admissions, cohorts' time to MFFD.
  for (const std::string& name : found) {
    EXPECT_EQ(name.find("probability"), std::string::npos) << name;
    EXPECT_EQ(name.find("time_to_mffd"), std::string::npos) << name;
  }
  // funding_panel's schedule has no starts: no starts parameter for it.
  EXPECT_EQ(std::find(found.begin(), found.end(), "funding_panel.starts"), found.end());
}

const SensitivityParameter& parameter(const std::vector<SensitivityParameter>& all, const std::string& name) {
  for (const auto& p : all)
    if (p.name == name) return p;
  throw std::runtime_error("no parameter " + name);
}

TEST(Sensitivity, CountsMoveAtLeastOneStepAndStayAtLeastOne) {
  const json doc = baseline();
  const auto all = find_sensitivity_parameters(doc);
  std::string written;
  EXPECT_EQ(scale_parameter(doc, parameter(all, "step_down.beds"), 0.8, written)["services"]["step_down"]["beds"], 46);
  EXPECT_EQ(written, "58 \u2192 46");
  EXPECT_EQ(scale_parameter(doc, parameter(all, "step_down.beds"), 1.2, written)["services"]["step_down"]["beds"], 70);
  // 1 start a weekday: ×1.2 rounds back to 1, so it moves to 2; ×0.8 would be 0, so it stays 1.
  const auto& starts = parameter(all, "nursing_home_assessment.starts");
  EXPECT_EQ(scale_parameter(doc, starts, 1.2, written)["services"]["nursing_home_assessment"]["schedule"][0]["starts"], 2);
  EXPECT_EQ(scale_parameter(doc, starts, 0.8, written), doc);
  // A bridge with no slots: down stays at 0, up moves to 1.
  json idle = shipped("hart.json");
  idle["services"]["hart"]["slots"] = 0;
  const auto idle_parameters = find_sensitivity_parameters(idle);
  const auto& slots = parameter(idle_parameters, "hart.slots");
  EXPECT_EQ(scale_parameter(idle, slots, 0.8, written), idle);
  EXPECT_EQ(scale_parameter(idle, slots, 1.2, written)["services"]["hart"]["slots"], 1);
  // A number that is not a count is scaled as it is.
  const json hart = shipped("hart.json");
  const auto hart_parameters = find_sensitivity_parameters(hart);
  EXPECT_DOUBLE_EQ(scale_parameter(hart, parameter(hart_parameters, "hart.max_days"), 0.8, written)
                       ["services"]["hart"]["max_days"].get<double>(),
                   2.4);
}

TEST(Sensitivity, ScalingADistributionScalesItsMean) {
  const json doc = baseline();
  const auto all = find_sensitivity_parameters(doc);
  for (const char* name : {"choice.duration_days", "step_down.length_of_stay_days", "funding_panel.duration_days",
                           "residential_home_assessment.duration_days", "home_care.length_of_care_days"}) {
    std::string written;
    const json scaled = scale_parameter(doc, parameter(all, name), 1.2, written);
    const auto before = io::read_scenario_json(doc, "base");
    const auto after = io::read_scenario_json(scaled, "scaled");
    ASSERT_TRUE(after.scenario) << io::format_problems(after.problems);
    const std::string service = std::string(name).substr(0, std::string(name).find('.'));
    const auto mean_of = [&](const model::Scenario& s) {
      for (const auto& c : s.services)
        if (c.name == service) return c.duration_days.mean();
      return 0.0;
    };
    EXPECT_NEAR(mean_of(*after.scenario), 1.2 * mean_of(*before.scenario), 1e-9 * mean_of(*before.scenario)) << name;
  }
}

}  // namespace
}  // namespace homeward::app
