// The staffed and set-up cost keys of services (sim/io/service_costs_parser.h):
// read into the model for the kinds that have them, refused with a pointer
// and an expectation where they do not belong or hold bad values.
#include "sim/io/service_costs_parser.h"

#include <gtest/gtest.h>

#include "sim/io/scenario_reader.h"

namespace homeward::io {
namespace {

using nlohmann::json;

constexpr const char* kLabel = "scenarios/costs.json";

json scenario() {
  return json::parse(R"({
  "name": "costs", "start_date": "2019-04-01", "duration_days": 28,
  "admissions": {"per_day": {"Mon": 5, "Tue": 5, "Wed": 5, "Thu": 5, "Fri": 5, "Sat": 5, "Sun": 5}},
  "cohorts": [{"name": "everyone", "share": 1, "pathway": "P1", "time_to_mffd_days": {"dist": "constant", "value": 1}}],
  "services": {
    "social_work": {"kind": "assessment", "reason": "A", "agency": "social_care",
      "schedule": [{"days": ["all"], "from_hour": 9, "to_hour": 17, "starts": 6}],
      "duration_days": {"dist": "constant", "value": 0.1},
      "cost_per_staffed_hour": 141, "staffed_hour_multipliers": {"Sat": 1.5, "Sun": 1.75},
      "setup_cost": 15000, "setup_spread_over_days": 1095},
    "home_care": {"kind": "package", "reason": "E", "agency": "social_care",
      "schedule": [{"days": ["weekdays"], "from_hour": 8, "to_hour": 18, "starts": 7}],
      "length_of_care_days": {"dist": "constant", "value": 10},
      "visits_capacity_per_day": 200, "visits_per_day": {"initial": 4, "final": 3},
      "cost_per_staffed_visit": 9, "cost_per_visit": 2},
    "step_down": {"kind": "beds", "reason": "C", "agency": "nhs", "beds": 10,
      "schedule": [{"days": ["weekdays"], "from_hour": 10, "to_hour": 18, "starts": 4}],
      "length_of_stay_days": {"dist": "constant", "value": 5},
      "cost_per_staffed_bed_day": 160, "cost_per_day": 20},
    "hart": {"kind": "bridge", "reason": "E", "agency": "social_care", "slots": 0, "bridges": ["home_care"],
      "schedule": [{"days": ["all", "BankHoliday"], "from_hour": 0, "to_hour": 24}],
      "response_days": {"dist": "constant", "value": 0.1}, "max_days": 3, "cost_per_staffed_slot_day": 62},
    "choice": {"kind": "delay", "reason": "G", "agency": "nhs", "duration_days": {"dist": "constant", "value": 1}}},
  "exits": ["home"],
  "routes": {"P1": [{"to": "social_work", "probability": 1}],
             "social_work": [{"to": "step_down", "probability": 0.5}, {"to": "choice", "probability": 0.5}],
             "choice": [{"to": "home_care", "probability": 1}],
             "step_down": [{"to": "home_care", "probability": 1}],
             "home_care": [{"to": "home", "probability": 1}]}
})");
}

const model::ServiceConfig& service(const model::Scenario& s, const std::string& name) {
  for (const auto& c : s.services)
    if (c.name == name) return c;
  throw std::runtime_error("no service " + name);
}

::testing::AssertionResult HasProblem(const ScenarioReadResult& r, const std::string& pointer, const std::string& text) {
  for (const Problem& p : r.problems)
    if (p.pointer == pointer && (p.expected + " | " + p.found).find(text) != std::string::npos)
      return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no problem at " << pointer << " mentioning \"" << text << "\":\n"
                                       << format_problems(r.problems);
}

ScenarioReadResult read_with(const std::string& pointer, const json& value) {
  json doc = scenario();
  doc[json::json_pointer(pointer)] = value;
  return read_scenario_json(doc, kLabel);
}

TEST(ServiceCostsParser, ReadsEveryCostKeyOfEachKind) {
  const ScenarioReadResult r = read_scenario_json(scenario(), kLabel);
  ASSERT_TRUE(r.scenario) << format_problems(r.problems);
  const model::ServiceConfig& team = service(*r.scenario, "social_work");
  EXPECT_EQ(team.cost_per_staffed_hour, 141);
  // Weekdays default to 1; the bank holiday, not given, is Sunday's.
  EXPECT_EQ(team.staffed_hour_multiplier, (std::array<double, 8>{1, 1, 1, 1, 1, 1.5, 1.75, 1.75}));
  EXPECT_EQ(team.setup_cost, 15000);
  EXPECT_EQ(team.setup_spread_over_days, 1095);
  EXPECT_EQ(service(*r.scenario, "home_care").cost_per_staffed_visit, 9);
  EXPECT_EQ(service(*r.scenario, "step_down").cost_per_staffed_bed_day, 160);
  EXPECT_EQ(service(*r.scenario, "hart").cost_per_staffed_slot_day, 62);
  EXPECT_EQ(service(*r.scenario, "hart").slots, 0);
  EXPECT_EQ(service(*r.scenario, "choice").cost_per_staffed_hour, 0);
}

TEST(ServiceCostsParser, AGivenBankHolidayMultiplierIsKept) {
  const ScenarioReadResult r = read_with("/services/social_work/staffed_hour_multipliers",
                                         json{{"Sun", 1.5}, {"BankHoliday", 2}, {"comment", "NJC"}});
  ASSERT_TRUE(r.scenario) << format_problems(r.problems);
  EXPECT_EQ(service(*r.scenario, "social_work").staffed_hour_multiplier, (std::array<double, 8>{1, 1, 1, 1, 1, 1, 1.5, 2}));
}

TEST(ServiceCostsParser, CapacityCostsBelongToTheirKindOnly) {
  EXPECT_TRUE(HasProblem(read_with("/services/social_work/cost_per_staffed_bed_day", 10),
                         "/services/social_work/cost_per_staffed_bed_day", "unknown key"));
  EXPECT_TRUE(HasProblem(read_with("/services/step_down/cost_per_staffed_slot_day", 10),
                         "/services/step_down/cost_per_staffed_slot_day", "unknown key"));
  EXPECT_TRUE(HasProblem(read_with("/services/hart/cost_per_staffed_visit", 10), "/services/hart/cost_per_staffed_visit",
                         "unknown key"));
  // A delay is not staffed: none of the keys.
  EXPECT_TRUE(HasProblem(read_with("/services/choice/cost_per_staffed_hour", 10), "/services/choice/cost_per_staffed_hour",
                         "unknown key"));
  EXPECT_TRUE(HasProblem(read_with("/services/choice/setup_cost", 10), "/services/choice/setup_cost", "unknown key"));
}

TEST(ServiceCostsParser, StaffedVisitsNeedAFiniteCapacity) {
  json doc = scenario();
  doc["services"]["home_care"].erase("visits_capacity_per_day");
  const ScenarioReadResult r = read_scenario_json(doc, kLabel);
  EXPECT_TRUE(HasProblem(r, "/services/home_care/cost_per_staffed_visit", "visits_capacity_per_day beside it"));
}

TEST(ServiceCostsParser, OtherCostsOfALever) {
  json doc = scenario();
  doc["other_costs"] = json::parse(R"({"comment": "early discharge planning",
    "discharge_coordinators": {"schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 18}],
      "cost_per_staffed_hour": 70, "staffed_hour_multipliers": {"Sun": 1.6}, "setup_cost": 5000}})");
  const ScenarioReadResult r = read_scenario_json(doc, kLabel);
  ASSERT_TRUE(r.scenario) << format_problems(r.problems);
  ASSERT_EQ(r.scenario->other_costs.size(), 1u);
  const model::ServiceConfig& c = r.scenario->other_costs[0];
  EXPECT_EQ(c.name, "discharge_coordinators");
  EXPECT_EQ(c.cost_per_staffed_hour, 70);
  EXPECT_EQ(c.staffed_hour_multiplier[engine::kBankHoliday], 1.6);
  EXPECT_EQ(c.setup_cost, 5000);
  EXPECT_EQ(c.schedule.day(0).size(), 1u);

  EXPECT_TRUE(HasProblem(read_with("/other_costs", json{{"x", {{"cost_per_staffed_hour", 1}}}}),
                         "/other_costs/x/schedule", "the staffed hours) | no such key"));
  EXPECT_TRUE(HasProblem(read_with("/other_costs", json{{"Bad Name", {{"schedule", json::parse(R"([{"days": ["all"], "from_hour": 8, "to_hour": 9}])")}}}}),
                         "/other_costs/Bad Name", "a name matching"));
  EXPECT_TRUE(HasProblem(read_with("/other_costs", json{{"x", {{"schedule", json::parse(R"([{"days": ["all"], "from_hour": 8, "to_hour": 9}])")}, {"beds", 3}}}}),
                         "/other_costs/x/beds", "unknown key"));
  EXPECT_TRUE(HasProblem(read_with("/other_costs", 3), "/other_costs", "an object mapping names to costs"));
}

TEST(ServiceCostsParser, BadValuesNameTheirPlace) {
  EXPECT_TRUE(HasProblem(read_with("/services/social_work/cost_per_staffed_hour", -1),
                         "/services/social_work/cost_per_staffed_hour", "a number >= 0 | -1"));
  EXPECT_TRUE(HasProblem(read_with("/services/social_work/staffed_hour_multipliers/Sat", 25),
                         "/services/social_work/staffed_hour_multipliers/Sat", "mistake"));
  EXPECT_TRUE(HasProblem(read_with("/services/social_work/staffed_hour_multipliers/Saturday", 1.5),
                         "/services/social_work/staffed_hour_multipliers/Saturday", "unknown key"));
  EXPECT_TRUE(HasProblem(read_with("/services/social_work/staffed_hour_multipliers", 1.5),
                         "/services/social_work/staffed_hour_multipliers", "an object of multipliers by day"));
  EXPECT_TRUE(HasProblem(read_with("/services/social_work/setup_spread_over_days", 0),
                         "/services/social_work/setup_spread_over_days", "a number > 0"));
  EXPECT_TRUE(HasProblem(read_with("/services/hart/slots", -1), "/services/hart/slots", "an integer >= 0"));
}

}  // namespace
}  // namespace homeward::io
