// The JSON Schema (scenarios/scenario.schema.json, printed by `homeward
// schema`) kept in step with the parser:
//  - the shipped file is exactly what the binary embeds and prints;
//  - it is a closed schema: every object rejects unknown keys
//    (additionalProperties false), every property has a description;
//  - every document the parser accepts (the shipped scenarios, raw and
//    resolved, a maximal synthetic scenario and variant that use every key,
//    and a minimal one that omits every optional key)
//    is valid against it, and every key the parser reads there (seen through
//    io::KeyObserver) is a property the schema declares at that place;
//  - conversely, every property the schema declares is used by one of those
//    parser-accepted documents, and a misspelt key anywhere is rejected by both.
// The validator is tests/io/schema_walker.h (no JSON Schema library for C++ is
// packaged in Debian).
#include <gtest/gtest.h>
#include "support/scratch_dirs.h"
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
#include "tests/io/scenario_documents.h"
#include "tests/io/schema_walker.h"

namespace homeward::io {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::maximal;
using testing::maximal_variant;
using testing::minimal;
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

fs::path scratch() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = homeward::testing::scratch_dir("homeward_schema", info->name());
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
  const fs::path dir = homeward::testing::scratch_dir("homeward_schema", "maximal");
  fs::create_directories(dir);
  documents.push_back(accept(write(dir / "maximal.json", maximal())));
  documents.push_back(accept(write(dir / "maximal_variant.json", maximal_variant("maximal.json"))));
  documents.push_back(accept(write(dir / "minimal.json", minimal())));
  return documents;
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
  testing::for_each_schema_node(schema(), "#", [&](const json& node, const std::string& location) {
    for (const auto& [keyword, value] : node.items()) {
      (void)value;
      if (!testing::supported_schema_keywords().contains(keyword)) problems.push_back(location + ": " + keyword);
    }
  });
  EXPECT_TRUE(problems.empty()) << "keywords tests/io/schema_walker.cc does not check:\n" << join(problems);
}

TEST(Schema, EveryObjectIsClosedAndEveryPropertyDescribed) {
  std::vector<std::string> problems;
  testing::for_each_schema_node(schema(), "#", [&](const json& node, const std::string& location) {
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
  testing::for_each_schema_node(schema(), "#", [&](const json& node, const std::string& location) {
    if (!node.contains("properties")) return;
    for (const auto& [name, sub] : node["properties"].items()) {
      (void)sub;
      const std::string property = location + "/properties/" + name;
      // Schemas under "if" only test; they are not places a document's keys live.
      if (property.find("/if/") == std::string::npos && !used.contains(property)) unused.push_back(property);
    }
  });
  EXPECT_TRUE(unused.empty()) << "schema properties no parser-accepted document uses (add them to kMaximal in tests/io/scenario_documents.cc, "
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
