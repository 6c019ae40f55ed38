// The JSON Schema (scenarios/scenario.schema.json, printed by `homeward
// schema`) kept in step with the parser:
//  - the shipped file is exactly what the binary embeds and prints;
//  - it is a closed schema: every object rejects unknown keys
//    (additionalProperties false), every property has a description;
//  - every document the parser accepts (the shipped scenarios, raw and
//    resolved, and a maximal synthetic scenario and variant that use every key)
//    is valid against it, and every key the parser reads there (seen through
//    io::KeyObserver) is a property the schema declares at that place;
//  - conversely, every property the schema declares is used by one of those
//    parser-accepted documents, and a misspelt key anywhere is rejected by both.
// The validator is tests/io/schema_walker.h (no JSON Schema library for C++ is
// packaged in Debian).
#include <gtest/gtest.h>
#include <unistd.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sim/io/json_checker.h"
#include "sim/io/scenario_parser.h"
#include "sim/io/scenario_reader.h"
#include "sim/io/scenario_schema.h"
#include "tests/io/schema_walker.h"

namespace homeward::io {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::SchemaTrace;
using testing::validate_against_schema;

const fs::path kSource = HOMEWARD_SOURCE_DIR;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const json& schema() {
  static const json parsed = json::parse(scenario_schema());
  return parsed;
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += "  " + l + "\n";
  return text;
}

// Every key of every ObjectReader, with its object's pointer.
class KeyRecorder : public KeyObserver {
 public:
  KeyRecorder() : previous_(set_key_observer(this)) {}
  ~KeyRecorder() override { set_key_observer(previous_); }
  void known_key(std::string_view pointer, std::string_view key) override { keys.emplace(pointer, key); }
  std::set<std::pair<std::string, std::string>> keys;

 private:
  KeyObserver* previous_;
};

// A scenario that uses every key of the format: every service kind, every
// distribution form, both overrun policies, every optional section, and (added
// by with_comments) a comment in every object.
constexpr const char* kMaximal = R"({
  "name": "maximal", "description": "every key the parser knows",
  "start_date": "2024-01-01", "warmup_days": 7, "duration_days": 28,
  "bank_holidays": ["2024-01-01", "2024-03-29"],
  "cost_per_bed_day": 400,
  "other_costs": {"discharge_coordinators": {"schedule": [{"days": ["weekdays"], "from_hour": 8, "to_hour": 18}],
    "cost_per_staffed_hour": 70, "staffed_hour_multipliers": {"Sat": 1.3}, "setup_cost": 1000,
    "setup_spread_over_days": 365}},
  "early_discharge_planning": {"lead_days": 1, "edd_set_within_days": 2, "edd_error_mean_days": 0.5,
                               "edd_error_sd_days": 1.5},
  "home_first": {"p3_to_p1": 0.3, "p3_to_p2": 0.2, "p2_to_p1": 0.3, "later_share": 0.25, "later_service": "placement"},
  "admissions": {
    "per_day": {"Mon": 52, "Tue": 50, "Wed": 49, "Thu": 49, "Fri": 48, "Sat": 38, "Sun": 36},
    "bank_holiday_per_day": 30,
    "monthly_factor": [1.05, 1, 1, 0.97, 0.98, 0.96, 0.98, 0.95, 0.98, 1.0, 1.02, 1.06],
    "hour_profile": [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1]},
  "fixed_admissions": [{"time_days": -1.5, "cohort": "p1_patients", "time_to_mffd_days": 2}],
  "census": {"in_hospital": [{"cohort": "p2_patients", "patients": 12},
                             {"cohort": "p1_patients", "patients": 3, "waiting_for": "home_care"}]},
  "cohorts": [
    {"name": "p0_patients", "share": 0.4, "pathway": "P0", "time_to_mffd_days": {"dist": "constant", "value": 2},
     "mffd_declared": [{"days": ["all", "BankHoliday"], "from_hour": 8, "to_hour": 14}]},
    {"name": "p1_patients", "share": 0.3, "pathway": "P1", "time_to_mffd_days": {"dist": "exponential", "mean": 3},
     "mffd_declared": [{"days": ["weekdays", "BankHoliday"], "from_hour": 8, "to_hour": 14},
                       {"days": ["weekend"], "from_hour": 9, "to_hour": 12, "share": 0.5}],
     "complexity": {"dist": "mixture", "components": [
       {"weight": 0.8, "distribution": {"dist": "constant", "value": 1}},
       {"weight": 0.2, "distribution": {"dist": "lognormal", "median": 3, "mean": 4}}]}},
    {"name": "p2_patients", "share": 0.2, "pathway": "P2", "time_to_mffd_days": {"dist": "lognormal", "mean": 5, "sd": 4}},
    {"name": "p3_patients", "share": 0.1, "pathway": "P3",
     "time_to_mffd_days": {"dist": "lognormal", "median": 3, "mean": 5}}],
  "services": {
    "social_work": {"kind": "assessment", "reason": "A", "agency": "social_care",
      "schedule": [{"days": ["weekdays"], "from_hour": 9, "to_hour": 17, "starts": 6},
                   {"days": ["weekend"], "from_hour": 10, "to_hour": 12}],
      "duration_days": {"dist": "gamma", "shape": 2, "scale": 0.5}, "cost_per_episode": 150,
      "cost_per_staffed_hour": 141, "setup_cost": 5000, "setup_spread_over_days": 730,
      "staffed_hour_multipliers": {"Mon": 1, "Tue": 1, "Wed": 1, "Thu": 1, "Fri": 1, "Sat": 1.5, "Sun": 1.5,
                                   "BankHoliday": 2},
      "trusted_assessor": {"service": "trusted_team", "acceptance_probability": 0.7}, "scales_with_complexity": true,
      "changes": [{"from": "2024-01-15", "schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20, "starts": 8}]}]},
    "trusted_team": {"kind": "assessment", "reason": "A", "agency": "nhs",
      "schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20}],
      "duration_days": {"dist": "gamma", "mean": 0.5, "sd": 0.3}},
    "home_care": {"kind": "package", "reason": "E", "agency": "social_care",
      "schedule": [{"days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "from_hour": 9, "to_hour": 17, "starts": 10},
                   {"days": ["Sat", "Sun"], "from_hour": 9, "to_hour": 13, "starts": 2}],
      "length_of_care_days": {"dist": "weibull", "shape": 1.5, "scale": 40},
      "visits_capacity_per_day": 400, "visits_per_day": {"initial": 4, "final": 2},
      "cost_per_visit": 20, "cost_per_day": 5, "cost_per_episode": 100, "cost_per_staffed_visit": 9,
      "cost_per_staffed_hour": 30, "staffed_hour_multipliers": {"Sat": 1.5}, "setup_cost": 1000,
      "setup_spread_over_days": 365, "scales_with_complexity": false,
      "changes": [{"from": "2024-01-08", "visits_capacity_per_day": 450,
                   "schedule": [{"days": ["all"], "from_hour": 9, "to_hour": 17, "starts": 8}]}]},
    "reablement": {"kind": "package", "reason": "E", "agency": "both",
      "schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 18}],
      "length_of_care_days": {"dist": "uniform", "min": 14, "max": 42}},
    "step_down": {"kind": "beds", "reason": "C", "agency": "nhs", "beds": 12,
      "schedule": [{"days": ["weekdays"], "from_hour": 9, "to_hour": 16, "starts": 3}],
      "length_of_stay_days": {"dist": "empirical", "values": [7, 14, 21], "weights": [0.5, 0.3, 0.2]},
      "cost_per_day": 200, "cost_per_episode": 50, "cost_per_staffed_bed_day": 160, "cost_per_staffed_hour": 50,
      "staffed_hour_multipliers": {"Sun": 1.6}, "setup_cost": 2000, "setup_spread_over_days": 365,
      "scales_with_complexity": true,
      "changes": [{"from": "2024-01-10", "beds": 14}, {"from": "2024-01-20", "beds": 10,
                   "schedule": [{"days": ["all"], "from_hour": 9, "to_hour": 16, "starts": 2}]}]},
    "placement": {"kind": "beds", "reason": "D_ii", "agency": "social_care", "beds": 20, "initial_occupied": 15,
      "schedule": [{"days": ["weekdays"], "from_hour": 10, "to_hour": 15}],
      "length_of_stay_days": {"dist": "empirical", "values": [30, 60]}},
    "choice": {"kind": "delay", "reason": "G", "agency": "both", "probability": 0.4,
      "duration_days": {"dist": "uniform", "min": 0, "max": 3}, "scales_with_complexity": true},
    "equipment": {"kind": "delay", "reason": "F", "agency": "nhs", "probability": 0.2, "alongside": true,
      "duration_days": {"dist": "gamma", "mean": 2, "sd": 1}},
    "hart": {"kind": "bridge", "reason": "E", "agency": "nhs", "slots": 5, "bridges": ["home_care"],
      "schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20, "starts": 4}],
      "response_days": {"dist": "constant", "value": 0.5}, "max_days": 3,
      "overrun": {"policy": "readmit", "readmission_probability": 0.1}, "cost_per_day": 120, "cost_per_episode": 30,
      "cost_per_staffed_slot_day": 62, "cost_per_staffed_hour": 20, "staffed_hour_multipliers": {"BankHoliday": 2},
      "setup_cost": 30000, "setup_spread_over_days": 1095,
      "eligible_share": 0.6, "max_complexity": 2.5, "changes": [{"from": "2024-01-05", "slots": 0},
                  {"from": "2024-01-12", "slots": 6, "schedule": [{"days": ["all"], "from_hour": 0, "to_hour": 24}]}]},
    "rapid_response": {"kind": "bridge", "reason": "E", "agency": "both", "slots": 2, "bridges": ["reablement"],
      "schedule": [{"days": ["weekdays"], "from_hour": 9, "to_hour": 17}],
      "response_days": {"dist": "exponential", "mean": 0.5}, "max_days": 2, "overrun": {"policy": "extend"}}},
  "exits": ["home", "care_home", "died"],
  "routes": {
    "P0": [{"to": "home", "probability": 0.95}, {"to": "died", "probability": 0.05}],
    "P1": [{"to": "social_work", "probability": 1}],
    "P2": [{"to": "step_down", "probability": 1}],
    "P3": [{"to": "choice", "probability": 1}],
    "social_work": [{"to": "equipment", "probability": 1}],
    "equipment": [{"to": "home_care", "probability": 0.7}, {"to": "reablement", "probability": 0.3}],
    "home_care": [{"to": "home", "probability": 1}],
    "reablement": [{"to": "home", "probability": 1}],
    "step_down": [{"to": "home", "probability": 1}],
    "choice": [{"to": "placement", "probability": 1}],
    "placement": [{"to": "care_home", "probability": 1}]},
  "discharge_window": {"schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20}], "reason": "O", "agency": "nhs",
                       "exempt_exits": ["died"]},
  "waiting_harms": {
    "deconditioning": [{"from": "P0", "time_days": {"dist": "weibull", "shape": 1.5, "scale": 60}, "to": {"P1": 1}},
                       {"from": "P1", "time_days": {"dist": "weibull", "shape": 1.5, "scale": 30},
                        "to": {"P2": 0.7, "P3": 0.3}}],
    "deaths_while_waiting": {"per_day": {"P0": 0.0001, "P1": 0.0005, "P2": 0.001, "P3": 0.002}, "exit": "died"}},
  "readmission": {"probability": {"P0": 0.1, "P1": 0.15, "P2": 0.12, "P3": 0.1},
                  "time_days": {"dist": "uniform", "min": 0, "max": 30},
                  "cohort": "p0_patients"}
})";

// Adds "comment" to every object of `value` (every object may have one).
void with_comments(json& value) {
  if (value.is_object() && !value.contains("comment")) value["comment"] = "where the numbers come from";
  if (value.is_structured())
    for (json& child : value) with_comments(child);
}

json maximal() {
  json doc = json::parse(kMaximal);
  with_comments(doc);
  return doc;
}

json maximal_variant(const std::string& base) {
  json doc = {{"base", base},
              {"name", "maximal_variant"},
              {"description", "a variant using every variant key"},
              {"patch", {{"duration_days", 14},
                         {"admissions", {{"monthly_factor", nullptr},
                                         {"monthly_series", {{"2023-12", 40}, {"2024-01", 45}}}}},
                         {"services", {{"choice", nullptr}}},
                         {"routes", {{"choice", nullptr}}}}},
              {"overrides", json::array({{{"pointer", "/services/step_down/beds"}, {"value", 10}}})}};
  // The patch deletes "choice"; route P3 around it.
  doc["overrides"].push_back({{"pointer", "/routes/P3"}, {"value", json::array({{{"to", "placement"}, {"probability", 1}}})}});
  with_comments(doc);
  doc["patch"].erase("comment");  // a comment in the patch would replace the base's
  return doc;
}

fs::path scratch() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = fs::path(::testing::TempDir()) / ("homeward_schema_" + std::to_string(getpid())) / info->name();
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path write(const fs::path& path, const json& doc) {
  std::ofstream(path, std::ios::binary) << doc.dump(2) << "\n";
  return path;
}

// One parser-accepted file: its raw document, resolved document, and the keys
// the parser read in each.
struct Accepted {
  std::string label;
  json raw;
  json resolved;
  std::set<std::pair<std::string, std::string>> scenario_keys;  // parse_scenario on the resolved document
  std::set<std::pair<std::string, std::string>> variant_keys;   // read beyond that: the variant's own keys
};

Accepted accept(const fs::path& file) {
  Accepted a;
  a.label = file.string();
  std::vector<Problem> problems;
  a.raw = *read_json_file(file.string(), problems);
  KeyRecorder all;
  const ScenarioReadResult read = read_scenario_file(file.string());
  EXPECT_TRUE(read.problems.empty()) << file << ":\n" << format_problems(read.problems);
  a.resolved = read.resolved;
  {
    KeyRecorder scenario_only;
    ProblemSink sink(a.label);
    EXPECT_TRUE(parse_scenario(a.resolved, sink).has_value()) << format_problems(sink.problems());
    a.scenario_keys = scenario_only.keys;
  }
  for (const auto& key : all.keys)
    if (!a.scenario_keys.contains(key)) a.variant_keys.insert(key);
  return a;
}

std::vector<Accepted> accepted_documents() {
  std::vector<Accepted> documents;
  for (const auto& entry : fs::directory_iterator(kSource / "scenarios")) {
    const fs::path& p = entry.path();
    if (p.extension() == ".json" && p.filename() != "scenario.schema.json") documents.push_back(accept(p));
  }
  const fs::path dir = fs::path(::testing::TempDir()) / ("homeward_schema_" + std::to_string(getpid())) / "maximal";
  fs::create_directories(dir);
  documents.push_back(accept(write(dir / "maximal.json", maximal())));
  documents.push_back(accept(write(dir / "maximal_variant.json", maximal_variant("maximal.json"))));
  return documents;
}

// Every schema node, with its location ("#/$defs/cohort/properties/share").
void each_node(const json& node, const std::string& location,
               const std::function<void(const json&, const std::string&)>& visit) {
  if (!node.is_object()) return;
  visit(node, location);
  for (const char* k : {"properties", "patternProperties", "$defs", "dependentRequired"}) {
    if (!node.contains(k) || std::string(k) == "dependentRequired") continue;
    for (const auto& [name, sub] : node[k].items()) each_node(sub, location + "/" + k + "/" + name, visit);
  }
  for (const char* k : {"items", "additionalProperties", "propertyNames", "not", "if", "then", "else"})
    if (node.contains(k)) each_node(node[k], location + "/" + k, visit);
  for (const char* k : {"allOf", "anyOf", "oneOf"})
    if (node.contains(k))
      for (std::size_t i = 0; i < node[k].size(); ++i) each_node(node[k][i], location + "/" + k + "/" + std::to_string(i), visit);
}

// ---------------------------------------------------------------------------

TEST(Schema, ShippedFileIsWhatTheBinaryEmbedsAndPrints) {
  const std::string file = slurp(kSource / "scenarios" / "scenario.schema.json");
  ASSERT_FALSE(file.empty());
  EXPECT_EQ(std::string(scenario_schema()), file) << "rebuild: the embedded schema is stale";

  const fs::path dir = scratch();
  const std::string command =
      std::string(HOMEWARD_BINARY) + " schema >" + (dir / "out").string() + " 2>" + (dir / "err").string();
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << slurp(dir / "err");
  EXPECT_EQ(slurp(dir / "out"), file);
}

TEST(Schema, IsDraft202012WithOnlyKeywordsTheWalkerKnows) {
  EXPECT_EQ(schema().at("$schema"), "https://json-schema.org/draft/2020-12/schema");
  std::vector<std::string> problems;
  each_node(schema(), "#", [&](const json& node, const std::string& location) {
    for (const auto& [keyword, value] : node.items()) {
      (void)value;
      if (!testing::supported_schema_keywords().contains(keyword)) problems.push_back(location + ": " + keyword);
    }
  });
  EXPECT_TRUE(problems.empty()) << "keywords tests/io/schema_walker.cc does not check:\n" << join(problems);
}

TEST(Schema, EveryObjectIsClosedAndEveryPropertyDescribed) {
  std::vector<std::string> problems;
  each_node(schema(), "#", [&](const json& node, const std::string& location) {
    const bool declares = node.contains("properties");
    const bool object = node.value("type", "") == "object" || declares;
    static const std::regex property(R"(/properties/[^/]+$)"), definition(R"(^#/\$defs/[^/]+$)");
    const bool described = node.contains("description");
    if ((std::regex_search(location, property) || std::regex_search(location, definition)) && !described &&
        location.find("/if/") == std::string::npos)
      problems.push_back(location + ": no description");
    // Schemas under "if" only test a condition; they describe no place of a document.
    if (!object || location.find("/if") != std::string::npos) return;
    const bool dispatches = node.contains("oneOf") || node.contains("anyOf") || node.contains("then") ||
                            node.contains("$ref");
    if (!node.contains("additionalProperties")) {
      if (declares || !dispatches) problems.push_back(location + ": an object without additionalProperties");
      return;
    }
    const json& extra = node["additionalProperties"];
    if (extra == json(false)) return;
    if (extra == json(true)) {
      // Only a merge patch is free-form: it is checked after merging, as a scenario.
      if (location != "#/$defs/variant/properties/patch") problems.push_back(location + ": an open object");
      return;
    }
    if (!node.contains("propertyNames")) problems.push_back(location + ": a map without propertyNames");
  });
  EXPECT_TRUE(problems.empty()) << join(problems);
}

TEST(Schema, AcceptsEveryDocumentTheParserAcceptsAndDescribesEveryKeyItReads) {
  const std::vector<Accepted> documents = accepted_documents();
  ASSERT_GE(documents.size(), 4u);
  for (const Accepted& a : documents) {
    SCOPED_TRACE(a.label);
    SchemaTrace raw_trace, resolved_trace;
    const auto raw_errors = validate_against_schema(schema(), a.raw, &raw_trace);
    EXPECT_TRUE(raw_errors.empty()) << "the file as written:\n" << join(raw_errors);
    const auto resolved_errors = validate_against_schema(schema(), a.resolved, &resolved_trace);
    EXPECT_TRUE(resolved_errors.empty()) << "the resolved scenario:\n" << join(resolved_errors);

    auto check_keys = [](const std::set<std::pair<std::string, std::string>>& keys, const SchemaTrace& trace,
                         const char* what) {
      std::vector<std::string> missing;
      for (const auto& [pointer, key] : keys) {
        const auto it = trace.allowed.find(pointer);
        if (it == trace.allowed.end() || (!it->second.names.contains(key) && !it->second.open))
          missing.push_back((pointer.empty() ? "(top)" : pointer) + " key \"" + key + "\"");
      }
      EXPECT_TRUE(missing.empty()) << "keys the parser reads in a " << what
                                   << " that the schema does not declare there:\n"
                                   << join(missing);
    };
    EXPECT_FALSE(a.scenario_keys.empty());
    check_keys(a.scenario_keys, resolved_trace, "scenario");
    check_keys(a.variant_keys, raw_trace, "variant");
  }
}

TEST(Schema, EveryPropertyItDeclaresIsUsedByADocumentTheParserAccepts) {
  std::set<std::string> used;
  for (const Accepted& a : accepted_documents()) {
    SchemaTrace trace;
    validate_against_schema(schema(), a.raw, &trace);
    validate_against_schema(schema(), a.resolved, &trace);
    used.insert(trace.used.begin(), trace.used.end());
  }
  std::vector<std::string> unused;
  each_node(schema(), "#", [&](const json& node, const std::string& location) {
    if (!node.contains("properties")) return;
    for (const auto& [name, sub] : node["properties"].items()) {
      (void)sub;
      const std::string property = location + "/properties/" + name;
      // Schemas under "if" only test; they are not places a document's keys live.
      if (property.find("/if/") == std::string::npos && !used.contains(property)) unused.push_back(property);
    }
  });
  EXPECT_TRUE(unused.empty()) << "schema properties no parser-accepted document uses (add them to kMaximal, "
                                 "or drop them from the schema if the parser does not read them):\n"
                              << join(unused);
}

TEST(Schema, AMisspeltKeyInAnyObjectIsRejectedByTheSchemaAndTheParser) {
  const json doc = maximal();
  SchemaTrace trace;
  ASSERT_TRUE(validate_against_schema(schema(), doc, &trace).empty());
  std::size_t objects = 0;
  for (const auto& [pointer, allowed] : trace.allowed) {
    if (allowed.open) continue;  // a map of names (services, routes): a new name is a new entry
    json typo = doc;
    typo[json::json_pointer(pointer)]["zz_typo"] = 1;
    EXPECT_FALSE(validate_against_schema(schema(), typo).empty()) << "schema accepts a typo at " << pointer;
    ProblemSink sink("typo.json");
    EXPECT_FALSE(parse_scenario(typo, sink).has_value()) << "parser accepts a typo at " << pointer;
    ++objects;
  }
  EXPECT_GE(objects, 40u);
}

TEST(Schema, EveryEnumValueIsAcceptedByTheParser) {
  const json base = maximal();
  auto accepts = [&](const std::string& pointer, const json& value) {
    json doc = base;
    doc[json::json_pointer(pointer)] = value;
    ProblemSink sink("enum.json");
    const bool ok = parse_scenario(doc, sink).has_value();
    EXPECT_TRUE(ok) << pointer << " = " << value.dump() << ":\n" << format_problems(sink.problems());
    EXPECT_TRUE(validate_against_schema(schema(), doc).empty()) << pointer << " = " << value.dump();
  };
  for (const json& reason : schema()["$defs"]["reason"]["enum"]) accepts("/services/choice/reason", reason);
  for (const json& agency : schema()["$defs"]["agency"]["enum"]) accepts("/discharge_window/agency", agency);
  for (const json& day : schema()["$defs"]["day"]["enum"])
    accepts("/services/placement/schedule/0/days", json::array({day}));
  // Every pathway has routes in kMaximal.
  for (const json& pathway : schema()["$defs"]["pathway"]["enum"]) accepts("/cohorts/0/pathway", pathway);
}

}  // namespace
}  // namespace homeward::io
