// Scaling a scenario to a population: which keys scale is said once, by the
// schema's "x-homeward-scale" annotations; the values of a scaled scenario
// checked by hand; the one rounding rule.
#include "calib/population_scaling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/io/scenario_reader.h"

namespace homeward::calib {
namespace {

using nlohmann::json;

json read_json(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

const std::string kSource = HOMEWARD_SOURCE_DIR;

// "def.property" for every property of every definition (oneOf branches
// included) whose value is a number, a $ref to a number, or an object or
// array of numbers; with whether it is annotated.
void numeric_properties(const json& schema, const json& node, const std::string& def,
                        std::map<std::string, bool>& out) {
  if (node.is_array()) {
    for (const json& item : node) numeric_properties(schema, item, def, out);
    return;
  }
  if (!node.is_object()) return;
  auto numeric = [&](const json& p) {
    const json* at = &p;
    if (at->contains("$ref")) at = &schema.at(json::json_pointer(at->at("$ref").get<std::string>().substr(1)));
    const std::string type = at->value("type", "");
    if (type == "number" || type == "integer") return true;
    if (type == "array" && at->contains("items")) return at->at("items").value("type", "") == "number";
    // An inline object of numbers (admissions.per_day) is one key; a $ref'd
    // definition is classified where it is defined.
    // An inline map of numbers keyed by a pattern (admissions.monthly_series) is one key.
    if (type == "object" && !p.contains("$ref") && at->contains("patternProperties")) {
      for (const auto& [k, v] : at->at("patternProperties").items())
        if (v.value("type", "") != "number") return false;
      return true;
    }
    if (type == "object" && !p.contains("$ref") && at->contains("properties")) {
      int numbers = 0;
      for (const auto& [k, v] : at->at("properties").items()) {
        if (k == "comment") continue;
        if (v.value("type", "") != "number") return false;
        ++numbers;
      }
      return numbers > 0;
    }
    return false;
  };
  if (node.contains("properties"))
    for (const auto& [key, property] : node["properties"].items())
      if (numeric(property)) out[def + "." + key] = property.value("x-homeward-scale", "") == "population";
  for (const char* keyword : {"oneOf", "anyOf", "allOf", "items", "then", "else", "additionalProperties"})
    if (node.contains(keyword)) numeric_properties(schema, node[keyword], def, out);
  if (node.contains("properties"))
    for (const auto& [key, property] : node["properties"].items()) {
      if (property.is_object() && !property.contains("$ref") && property.value("type", "") == "object" &&
          !numeric(property))  // an object of numbers is classified whole
        numeric_properties(schema, property, def + "." + key, out);
      // An array of inline objects (a service's capacity changes) is classified key by key.
      if (property.is_object() && property.value("type", "") == "array" && property.contains("items") &&
          property["items"].is_object() && !property["items"].contains("$ref") &&
          property["items"].value("type", "") == "object")
        numeric_properties(schema, property["items"], def + "." + key, out);
    }
}

// Every number a scenario can hold is either annotated to scale with the
// population or listed here as not scaling, with the reason. A new key
// fails this test until it is classified.
TEST(PopulationScaling, EveryNumericKeyOfTheSchemaIsClassified) {
  const json schema = read_json(kSource + "/scenarios/scenario.schema.json");
  std::map<std::string, bool> properties;
  for (const auto& [def, node] : schema["$defs"].items()) numeric_properties(schema, node, def, properties);

  const std::set<std::string> scales = {
      "schedule_rule.starts",             // quota of starts per window: staff and providers grow with the population
      "package.visits_capacity_per_day",  // the providers' visits
      "beds.beds",                        // beds of a service
      "beds.initial_occupied",            // occupied beds at the start
      "bridge.slots",                     // concurrent bridged patients
      "census_entry.patients",            // patients in hospital at the start
      "admissions.per_day",               // mean admissions on each weekday
      "admissions.bank_holiday_per_day",  // ... and on bank holidays
      "admissions.monthly_series",        // ... and each month's mean of a dated series
      "beds.changes.beds",                // beds, slots and visits from a date, as the service's own
      "bridge.changes.slots",
      "package.changes.visits_capacity_per_day",
      // a team on duty: its cost an hour grows with the team
      "assessment.cost_per_staffed_hour", "package.cost_per_staffed_hour", "beds.cost_per_staffed_hour",
      "bridge.cost_per_staffed_hour", "other_cost.cost_per_staffed_hour",
  };
  const std::set<std::string> does_not_scale = {
      // hours of the day
      "schedule_rule.from_hour", "schedule_rule.to_hour", "window_rule.from_hour", "window_rule.to_hour",
      // times in days: the parameters of distributions, and other durations
      "distribution.value", "distribution.mean", "distribution.sd", "distribution.median", "distribution.shape",
      "distribution.scale", "distribution.min", "distribution.max", "distribution.values", "bridge.max_days", "scenario.warmup_days",
      "scenario.duration_days", "fixed_admission.time_days", "fixed_admission.time_to_mffd_days",
      "early_discharge_planning.lead_days", "early_discharge_planning.edd_set_within_days",
      "early_discharge_planning.edd_error_mean_days", "early_discharge_planning.edd_error_sd_days",
      // per patient, not per population: visits a client receives
      "package.visits_per_day",
      // probabilities and shares
      "route.probability", "cohort.share", "delay.probability", "home_first.p3_to_p1", "home_first.p3_to_p2",
      "home_first.p2_to_p1", "home_first.later_share", "assessment.trusted_assessor.acceptance_probability",
      "bridge.overrun.readmission_probability",
      // relative profiles and weights: seasonality, the hour of admission, an empirical distribution's weights
      "admissions.monthly_factor", "admissions.hour_profile", "distribution.weights",
      // money per unit
      "scenario.cost_per_bed_day", "assessment.cost_per_episode", "package.cost_per_visit", "package.cost_per_day",
      "package.cost_per_episode", "beds.cost_per_day", "beds.cost_per_episode", "bridge.cost_per_day",
      "bridge.cost_per_episode", "delay.cost_per_episode", "beds.cost_per_staffed_bed_day",
      "bridge.cost_per_staffed_slot_day", "package.cost_per_staffed_visit", "assessment.cost_per_staffed_start",
      "package.cost_per_staffed_start", "beds.cost_per_staffed_start",
      // a day's multiplier of staffed-hour costs (weekend enhancements)
      "staffed_hour_multipliers.Mon", "staffed_hour_multipliers.Tue", "staffed_hour_multipliers.Wed",
      "staffed_hour_multipliers.Thu", "staffed_hour_multipliers.Fri", "staffed_hour_multipliers.Sat",
      "staffed_hour_multipliers.Sun", "staffed_hour_multipliers.BankHoliday",
      // a one-off set-up (an IT system, recruitment) is a fixed sum, paid over a span of days
      "assessment.setup_cost", "package.setup_cost", "beds.setup_cost", "bridge.setup_cost", "other_cost.setup_cost",
      "assessment.setup_spread_over_days", "package.setup_spread_over_days", "beds.setup_spread_over_days",
      "bridge.setup_spread_over_days", "other_cost.setup_spread_over_days",
      // the same distribution parameters, as the components of a mixture
      "simple_distribution.value", "simple_distribution.mean", "simple_distribution.sd", "simple_distribution.median",
      "simple_distribution.shape", "simple_distribution.scale", "simple_distribution.min", "simple_distribution.max",
      "simple_distribution.values", "simple_distribution.weights", "distribution.components.weight",
      // ward rounds: hours, and the share of fit patients a round declares
      "ward_round_rule.from_hour", "ward_round_rule.to_hour", "ward_round_rule.share",
      // a bridge's referral criteria: a share of patients, and a complexity
      "bridge.eligible_share", "bridge.max_complexity",
      // per patient: probabilities and hazards of harms and readmission
      "waiting_harms.deaths_while_waiting.per_day.P0", "waiting_harms.deaths_while_waiting.per_day.P1",
      "waiting_harms.deaths_while_waiting.per_day.P2", "waiting_harms.deaths_while_waiting.per_day.P3",
      "waiting_harms.deconditioning.to.P1", "waiting_harms.deconditioning.to.P2", "waiting_harms.deconditioning.to.P3",
      "readmission.probability.P0", "readmission.probability.P1", "readmission.probability.P2",
      "readmission.probability.P3",
  };
  std::set<std::string> annotated, unclassified;
  for (const auto& [name, is_annotated] : properties) {
    if (is_annotated) annotated.insert(name);
    else if (!does_not_scale.contains(name)) unclassified.insert(name);
  }
  EXPECT_EQ(annotated, scales);
  for (const std::string& name : unclassified)
    ADD_FAILURE() << name << " is a number of scenario files that is neither annotated \"x-homeward-scale\": "
                  << "\"population\" in scenarios/scenario.schema.json nor listed here as not scaling";
}

TEST(PopulationScaling, RoundsToTheNearestIntegerButAtLeastOne) {
  EXPECT_EQ(round_scaled_count(0.3), 1);
  EXPECT_EQ(round_scaled_count(0), 0);
  EXPECT_EQ(round_scaled_count(1.49), 1);
  EXPECT_EQ(round_scaled_count(2.5), 3);
  EXPECT_EQ(round_scaled_count(83.1), 83);
}

// scenarios/kent.json at 0.3 of its population, checked by hand.
TEST(PopulationScaling, KentAtThreeTenthsByHand) {
  const io::ScenarioReadResult read = io::read_scenario_file(kSource + "/scenarios/kent.json");
  ASSERT_TRUE(read.scenario);
  json doc = read.resolved;
  const std::vector<ScaleSite> sites = population_sites(embedded_scenario_schema(), doc);
  const std::vector<RoundingNote> notes = scale_document(doc, sites, 0.3);
  // Admissions: 506 on Mondays -> 151.8 (not rounded: a mean), bank holidays 343 -> 102.9.
  EXPECT_DOUBLE_EQ(doc["admissions"]["per_day"]["Mon"].get<double>(), 506 * 0.3);
  EXPECT_DOUBLE_EQ(doc["admissions"]["bank_holiday_per_day"].get<double>(), 343 * 0.3);
  // Beds 277 -> 83.1 -> 83; a quota of 19 -> 5.7 -> 6; 5 -> 1.5 -> 2; visits 453 -> 135.9.
  EXPECT_EQ(doc["services"]["step_down"]["beds"], 83);
  EXPECT_EQ(doc["services"]["step_down"]["schedule"][0]["starts"], 6);
  EXPECT_EQ(doc["services"]["nursing_home_assessment"]["schedule"][0]["starts"], 2);
  EXPECT_DOUBLE_EQ(doc["services"]["reablement"]["visits_capacity_per_day"].get<double>(), 453 * 0.3);
  // Times, probabilities, shares, costs and profiles keep their values.
  EXPECT_EQ(doc["services"]["step_down"]["length_of_stay_days"], read.resolved["services"]["step_down"]["length_of_stay_days"]);
  EXPECT_EQ(doc["services"]["choice"], read.resolved["services"]["choice"]);
  EXPECT_EQ(doc["services"]["step_down"]["schedule"][0]["from_hour"], 10);
  EXPECT_EQ(doc["cohorts"], read.resolved["cohorts"]);
  EXPECT_EQ(doc["routes"], read.resolved["routes"]);
  EXPECT_EQ(doc["admissions"]["monthly_factor"], read.resolved["admissions"]["monthly_factor"]);
  EXPECT_EQ(doc["services"]["home_care"]["cost_per_visit"], 11);
  // Everything else is unchanged: only the sites differ.
  json back = doc;
  for (const ScaleSite& s : sites) back[json::json_pointer(s.pointer)] = read.resolved[json::json_pointer(s.pointer)];
  EXPECT_EQ(back, read.resolved);
  // Roundings by more than 10%: 5 -> 1.5 written 2 (33%), and any others, each checked.
  bool nursing = false;
  for (const RoundingNote& n : notes) {
    EXPECT_GT(std::fabs(n.written - n.exact), 0.1 * n.exact) << n.pointer;
    EXPECT_DOUBLE_EQ(n.exact, 0.3 * n.original);
    nursing = nursing || n.pointer == "/services/nursing_home_assessment/schedule/0/starts";
  }
  EXPECT_TRUE(nursing);
  for (const ScaleSite& s : sites) {
    const double exact = 0.3 * read.resolved[json::json_pointer(s.pointer)].get<double>();
    const double written = doc[json::json_pointer(s.pointer)].get<double>();
    const bool noted = std::any_of(notes.begin(), notes.end(), [&](const RoundingNote& n) { return n.pointer == s.pointer; });
    EXPECT_EQ(noted, s.integer && std::fabs(written - exact) > 0.1 * exact) << s.pointer;
  }
  // The scaled scenario is valid.
  EXPECT_TRUE(io::read_scenario_json(doc, "scaled").scenario);
}

// Bridge slots (a variant's service) and a census scale too; a quota of 1
// becomes 1 at 0.3 (the minimum), and is noted.
TEST(PopulationScaling, BridgeSlotsCensusAndTheMinimumOfOne) {
  const io::ScenarioReadResult read = io::read_scenario_file(kSource + "/scenarios/hart.json");
  ASSERT_TRUE(read.scenario);
  json doc = read.resolved;
  doc["census"] = {{"in_hospital", {{{"cohort", doc["cohorts"][0]["name"]}, {"patients", 10}}}}};
  std::string bridge;
  for (const auto& [name, service] : doc["services"].items())
    if (service["kind"] == "bridge") bridge = name;
  ASSERT_FALSE(bridge.empty());
  const int slots = doc["services"][bridge]["slots"].get<int>();
  doc["services"][bridge]["schedule"][0]["starts"] = 1;
  const std::vector<ScaleSite> sites = population_sites(embedded_scenario_schema(), doc);
  const std::vector<RoundingNote> notes = scale_document(doc, sites, 0.3);
  EXPECT_EQ(doc["services"][bridge]["slots"].get<double>(), round_scaled_count(0.3 * slots));
  EXPECT_EQ(doc["census"]["in_hospital"][0]["patients"], 3);
  EXPECT_EQ(doc["services"][bridge]["schedule"][0]["starts"], 1);
  EXPECT_TRUE(std::any_of(notes.begin(), notes.end(), [&](const RoundingNote& n) {
    return n.pointer == "/services/" + bridge + "/schedule/0/starts" && n.written == 1 && std::fabs(n.exact - 0.3) < 1e-12;
  }));
}

// Capacity that changes from a date scales as the service's own, and so does
// each month of a dated admissions series; the dates and the comment do not.
TEST(PopulationScaling, CapacityChangesAndMonthlySeries) {
  const io::ScenarioReadResult read = io::read_scenario_file(kSource + "/scenarios/hart.json");
  ASSERT_TRUE(read.scenario);
  json doc = read.resolved;
  doc["services"]["hart"]["changes"] = {{{"from", "2018-06-01"}, {"slots", 10}},
                                        {{"from", "2018-09-01"}, {"slots", 0}}};
  doc["services"]["step_down"]["changes"] = {
      {{"from", "2018-07-01"}, {"beds", 40}, {"schedule", {{{"days", {"all"}}, {"from_hour", 9}, {"to_hour", 17}, {"starts", 3}}}}}};
  doc["services"]["home_care"]["changes"] = {{{"from", "2018-05-01"}, {"visits_capacity_per_day", 700}}};
  doc["admissions"].erase("monthly_factor");
  doc["admissions"]["monthly_series"] = {{"comment", "a month"}, {"2018-01", 80}, {"2018-02", 90.5}};
  const std::vector<ScaleSite> sites = population_sites(embedded_scenario_schema(), doc);
  scale_document(doc, sites, 0.5);
  EXPECT_EQ(doc["services"]["hart"]["changes"][0]["slots"], 5);
  EXPECT_EQ(doc["services"]["hart"]["changes"][1]["slots"], 0);  // no team stays no team
  EXPECT_EQ(doc["services"]["hart"]["changes"][0]["from"], "2018-06-01");
  EXPECT_EQ(doc["services"]["step_down"]["changes"][0]["beds"], 20);
  EXPECT_EQ(doc["services"]["step_down"]["changes"][0]["schedule"][0]["starts"], 2);  // 1.5 -> 2
  EXPECT_EQ(doc["services"]["step_down"]["changes"][0]["schedule"][0]["from_hour"], 9);
  EXPECT_DOUBLE_EQ(doc["services"]["home_care"]["changes"][0]["visits_capacity_per_day"].get<double>(), 350);
  EXPECT_DOUBLE_EQ(doc["admissions"]["monthly_series"]["2018-01"].get<double>(), 40);
  EXPECT_DOUBLE_EQ(doc["admissions"]["monthly_series"]["2018-02"].get<double>(), 45.25);
  EXPECT_EQ(doc["admissions"]["monthly_series"]["comment"], "a month");
}

}  // namespace
}  // namespace homeward::calib
