// One source for the format's facts: the defaults and limits the parser
// applies (seen through io::KeyObserver while it reads the shipped scenarios,
// a scenario using every key and one omitting every optional key) are the
// schema's `default`, `minimum`, `maximum`, `exclusiveMinimum`,
// `exclusiveMaximum` and integer `type` at the same place, and every property
// the schema declares is one the parser reads there. The schema location a
// document's value answers to comes from tests/io/schema_walker.h's trace;
// mismatches are reported once per schema location.
#include <gtest/gtest.h>
#include "support/scratch_dirs.h"
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "sim/io/json_checker.h"
#include "sim/io/scenario_parser.h"
#include "sim/io/scenario_reader.h"
#include "sim/io/scenario_schema.h"
#include "tests/io/scenario_documents.h"
#include "tests/io/schema_walker.h"

namespace homeward::io {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::SchemaTrace;

constexpr double kInf = std::numeric_limits<double>::infinity();

const json& schema() {
  static const json parsed = json::parse(scenario_schema());
  return parsed;
}

const json& node_at(const std::string& location) { return schema().at(json::json_pointer(location.substr(1))); }

// A number's allowed range, as the parser's Bounds or the schema's keywords give it.
struct Range {
  double lo = -kInf;
  bool lo_open = false;
  double hi = kInf;
  bool hi_open = false;
  bool integer = false;

  bool operator==(const Range&) const = default;
  std::string text() const {
    return fmt::format("{} {}{}, {}{}", integer ? "integer" : "number", lo_open ? "(" : "[", format_number(lo),
                       format_number(hi), hi_open ? ")" : "]");
  }
};

// The parser's range: the absurd limit is a closed maximum where it is below hi.
Range parser_range(const Bounds& b, bool integer) {
  Range r{b.lo, b.lo_open, b.hi, b.hi_open, integer};
  if (b.absurd < b.hi) {
    r.hi = b.absurd;
    r.hi_open = false;
  }
  return r;
}

// Narrows `r` by one schema node's numeric keywords (several schemas may apply
// to one value: a property and the $defs it refers to).
void narrow(const json& node, Range& r) {
  auto lower = [&](double v, bool open) {
    if (v > r.lo || (v == r.lo && open)) r.lo = v, r.lo_open = open;
  };
  auto upper = [&](double v, bool open) {
    if (v < r.hi || (v == r.hi && open)) r.hi = v, r.hi_open = open;
  };
  if (node.contains("minimum")) lower(node["minimum"].get<double>(), false);
  if (node.contains("exclusiveMinimum")) lower(node["exclusiveMinimum"].get<double>(), true);
  if (node.contains("maximum")) upper(node["maximum"].get<double>(), false);
  if (node.contains("exclusiveMaximum")) upper(node["exclusiveMaximum"].get<double>(), true);
  if (node.value("type", json()) == "integer") r.integer = true;
}

bool has_limits(const json& node) {
  for (const char* k : {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
    if (node.contains(k)) return true;
  return false;
}

// Numbers compare by value (0 == 0.0).
bool same_value(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return a == b;
}

// What the parser applied while reading, by instance pointer.
class FactRecorder : public KeyObserver {
 public:

  void known_key(std::string_view pointer, std::string_view key) override { keys.emplace(pointer, key); }
  void default_value(std::string_view pointer, std::string_view key, const json& value) override {
    defaults[{std::string(pointer), std::string(key)}].push_back(value);
  }
  void limits(std::string_view pointer, const Bounds& bounds, bool integer) override {
    ranges[std::string(pointer)].push_back(parser_range(bounds, integer));
  }

  std::set<std::pair<std::string, std::string>> keys;
  std::map<std::pair<std::string, std::string>, std::vector<json>> defaults;
  std::map<std::string, std::vector<Range>> ranges;
};

// One document the parser accepts, the facts it applied and the schema's trace of it.
struct Reading {
  std::string label;
  FactRecorder* facts = nullptr;  // owned by the caller's list
  SchemaTrace trace;
};

// Mismatches, keyed by schema location (one line per place of the format,
// however many documents and services meet it), with the first instance seen.
class Findings {
 public:
  void add(const std::string& location, const std::string& what, const std::string& where) {
    lines_.try_emplace(location + ": " + what, where);
  }
  bool empty() const { return lines_.empty(); }
  std::string text() const {
    std::string out;
    for (const auto& [line, where] : lines_) out += "  " + line + "  (e.g. " + where + ")\n";
    return out;
  }

 private:
  std::map<std::string, std::string> lines_;
};

// Reads every shipped scenario (resolved), the maximal and the minimal
// scenario, each under a FactRecorder, with the schema's trace of it.
class FormatFacts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::vector<std::pair<std::string, json>> documents;
    for (const auto& entry : fs::directory_iterator(fs::path(HOMEWARD_SOURCE_DIR) / "scenarios")) {
      const fs::path& p = entry.path();
      if (p.extension() != ".json" || p.filename() == "scenario.schema.json") continue;
      const ScenarioReadResult read = read_scenario_file(p.string());
      ASSERT_TRUE(read.problems.empty()) << format_problems(read.problems);
      documents.emplace_back(p.filename().string(), read.resolved);
    }
    documents.emplace_back("maximal", testing::maximal());
    documents.emplace_back("minimal", testing::minimal());
    // The variant's resolved scenario holds a dated admissions series.
    const fs::path dir = homeward::testing::scratch_dir("homeward_format_facts", "variant");
    fs::create_directories(dir);
    std::ofstream(dir / "maximal.json") << testing::maximal().dump();
    std::ofstream(dir / "maximal_variant.json") << testing::maximal_variant("maximal.json").dump();
    const ScenarioReadResult variant = read_scenario_file((dir / "maximal_variant.json").string());
    ASSERT_TRUE(variant.problems.empty()) << format_problems(variant.problems);
    documents.emplace_back("maximal_variant", variant.resolved);
    fs::remove_all(dir);
    for (const auto& [label, doc] : documents) {
      auto& facts = recorders().emplace_back(std::make_unique<FactRecorder>());
      ProblemSink sink(label);
      KeyObserver* previous = set_key_observer(facts.get());
      const bool accepted = parse_scenario(doc, sink).has_value();
      set_key_observer(previous);
      ASSERT_TRUE(accepted) << label << "\n" << format_problems(sink.problems());
      Reading reading{label, facts.get(), {}};
      const auto errors = testing::validate_against_schema(schema(), doc, &reading.trace);
      ASSERT_TRUE(errors.empty()) << label << ": " << errors.front();
      readings().push_back(std::move(reading));
    }
  }
  static void TearDownTestSuite() {
    readings().clear();
    recorders().clear();
  }
  static std::vector<std::unique_ptr<FactRecorder>>& recorders() {
    static std::vector<std::unique_ptr<FactRecorder>> list;
    return list;
  }
  static std::vector<Reading>& readings() {
    static std::vector<Reading> list;
    return list;
  }
};

// Limits that depend on other values of the scenario, which a schema cannot state.
const std::set<std::string>& limits_beyond_the_schema() {
  static const std::set<std::string> locations = {
      "#/$defs/fixed_admission/properties/time_days",  // from -warmup_days to duration_days
  };
  return locations;
}

TEST_F(FormatFacts, EveryLimitTheParserEnforcesIsTheSchemas) {
  Findings findings;
  std::set<std::string> checked;  // schema locations with limits that some parser check met
  std::size_t compared = 0;
  for (const Reading& reading : readings()) {
    for (const auto& [pointer, ranges] : reading.facts->ranges) {
      const auto it = reading.trace.applied.find(pointer);
      const std::string where = reading.label + " " + pointer;
      if (it == reading.trace.applied.end()) {
        findings.add("(no schema)", "the parser checks a number where no schema applies", where);
        continue;
      }
      if (std::any_of(it->second.begin(), it->second.end(),
                      [](const std::string& l) { return limits_beyond_the_schema().contains(l); }))
        continue;
      Range schema_range;
      std::string location = *it->second.begin();
      for (const std::string& l : it->second) {
        narrow(node_at(l), schema_range);
        if (has_limits(node_at(l))) {
          checked.insert(l);
          location = l;
        }
      }
      for (const Range& parser : ranges) {
        ++compared;
        if (!(parser == schema_range))
          findings.add(location, "parser " + parser.text() + ", schema " + schema_range.text(), where);
      }
    }
  }
  EXPECT_GT(compared, 500u);  // the walk met the numbers of every document
  testing::for_each_schema_node(schema(), "#", [&](const json& node, const std::string& location) {
    // Schemas under "if" only test a condition (later_service needed when later_share > 0).
    if (has_limits(node) && location.find("/if/") == std::string::npos && !checked.contains(location))
      findings.add(location, "limits no number the parser checks answers to", "the schema");
  });
  EXPECT_TRUE(findings.empty()) << "limits of the parser and the schema disagree:\n" << findings.text();
}

TEST_F(FormatFacts, EveryDefaultTheParserAppliesIsTheSchemas) {
  Findings findings;
  std::set<std::string> matched;  // schema locations of `default`s that some parser default met
  std::size_t compared = 0;
  for (const Reading& reading : readings()) {
    for (const auto& [place, values] : reading.facts->defaults) {
      const auto& [pointer, key] = place;
      const std::string where = reading.label + " " + (pointer.empty() ? "(top)" : pointer) + " key " + key;
      const auto object = reading.trace.declared.find(pointer);
      if (object == reading.trace.declared.end() || !object->second.contains(key)) {
        findings.add(pointer + "/" + key, "the parser has a default for a key the schema does not declare", where);
        continue;
      }
      // The default sits on the property, or on the $defs it refers to.
      std::map<std::string, json> schema_defaults;  // location -> default
      std::string property;
      for (std::string location : object->second.at(key)) {
        property = location;
        for (int hops = 0; hops < 8; ++hops) {
          const json& node = node_at(location);
          if (node.contains("default")) {
            schema_defaults.emplace(location, node["default"]);
            break;
          }
          if (!node.contains("$ref")) break;
          location = node["$ref"].get<std::string>();
        }
      }
      for (const json& value : values) {
        ++compared;
        const bool unlimited = value.is_number_float() && !std::isfinite(value.get<double>());
        if (schema_defaults.empty()) {
          if (!unlimited)
            findings.add(property, "no default in the schema; the parser's is " + value.dump(), where);
          continue;
        }
        for (const auto& [location, schema_value] : schema_defaults) {
          matched.insert(location);
          if (unlimited)
            findings.add(location, "schema default " + schema_value.dump() + "; the parser's is unlimited", where);
          else if (!same_value(value, schema_value))
            findings.add(location, "schema default " + schema_value.dump() + ", parser's " + value.dump(), where);
        }
      }
    }
  }
  EXPECT_GT(compared, 200u);
  testing::for_each_schema_node(schema(), "#", [&](const json& node, const std::string& location) {
    if (node.contains("default") && !matched.contains(location))
      findings.add(location, "a default the parser does not apply (or does not report)", "the schema");
  });
  EXPECT_TRUE(findings.empty()) << "defaults of the parser and the schema disagree:\n" << findings.text();
}

TEST_F(FormatFacts, EveryPropertyTheSchemaDeclaresIsOneTheParserReadsThere) {
  std::set<std::string> read;
  Findings findings;
  for (const Reading& reading : readings()) {
    auto mark = [&](const std::string& pointer, const std::string& key) {
      const auto object = reading.trace.declared.find(pointer);
      if (object == reading.trace.declared.end() || !object->second.contains(key)) {
        findings.add(pointer + "/" + key, "the parser reads a key the schema does not declare there", reading.label);
        return;
      }
      read.insert(object->second.at(key).begin(), object->second.at(key).end());
    };
    for (const auto& [pointer, key] : reading.facts->keys) mark(pointer, key);
    for (const auto& [place, values] : reading.facts->defaults) mark(place.first, place.second);
  }
  testing::for_each_schema_node(schema(), "#", [&](const json& node, const std::string& location) {
    if (!node.contains("properties") || location.find("/if") != std::string::npos) return;
    // A variant's keys are read by the variant reader (tests/io/schema_test.cc checks them).
    if (location == "#/$defs/variant" || location.starts_with("#/$defs/variant/")) return;
    for (const auto& [name, sub] : node["properties"].items()) {
      (void)sub;
      if (!read.contains(location + "/properties/" + name))
        findings.add(location + "/properties/" + name, "a property the parser never reads there", "the schema");
    }
  });
  EXPECT_TRUE(findings.empty()) << findings.text();
}

}  // namespace
}  // namespace homeward::io
