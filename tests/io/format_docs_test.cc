// docs/scenario-format.md describes every key a scenario may hold where a
// reader looks for it: each property the shipped schema declares appears, as
// a code span (`name`) or as a JSON key in an example ("name"), in the section
// of the docs for the object that holds it (kSections below; a service's cost
// keys may be in *Costs*). "comment", allowed in every object, is described
// once at the top. A key added to the parser and the schema but not to the
// docs, or documented only under another object, fails here.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/scenario_schema.h"
#include "tests/io/schema_walker.h"

namespace homeward {
namespace {

using nlohmann::json;

// The docs section(s) ("## " headings) that describe each object of the schema's $defs.
const std::map<std::string, std::vector<std::string>>& sections_of_defs() {
  static const std::map<std::string, std::vector<std::string>> sections = {
      {"scenario", {"Top level"}},
      {"variant", {"Scenario variants"}},
      {"distribution", {"Distributions (`..._days` values)"}},
      {"simple_distribution", {"Distributions (`..._days` values)"}},
      {"schedule_rule", {"Schedules"}},
      {"window_rule", {"Schedules", "`discharge_window`"}},
      {"ward_round_rule", {"Schedules", "`cohorts`"}},
      {"admissions", {"`admissions`"}},
      {"fixed_admission", {"`fixed_admissions`"}},
      {"census", {"`census`"}},
      {"census_entry", {"`census`"}},
      {"cohort", {"`cohorts`"}},
      {"assessment", {"`services`", "Costs"}},
      {"package", {"`services`", "Costs"}},
      {"beds", {"`services`", "Costs"}},
      {"delay", {"`services`", "Costs"}},
      {"bridge", {"`services`", "Costs"}},
      {"staffed_hour_multipliers", {"Costs"}},
      {"other_cost", {"Costs"}},
      {"route", {"`routes`"}},
      {"discharge_window", {"`discharge_window`"}},
      {"waiting_harms", {"`waiting_harms`"}},
      {"readmission", {"`readmission`"}},
      {"home_first", {"`home_first`"}},
      {"early_discharge_planning", {"`early_discharge_planning`"}},
  };
  return sections;
}

// The docs split at "## " headings; the text before the first is "".
std::map<std::string, std::string> read_sections() {
  std::ifstream file(std::string(HOMEWARD_SOURCE_DIR) + "/docs/scenario-format.md");
  EXPECT_TRUE(file) << "docs/scenario-format.md";
  std::map<std::string, std::string> sections;
  std::string heading, line;
  while (std::getline(file, line)) {
    if (line.starts_with("## ")) {
      heading = line.substr(3);
      EXPECT_FALSE(sections.contains(heading)) << "two sections named " << heading;
    }
    sections[heading] += line + "\n";
  }
  return sections;
}

bool names(const std::string& text, const std::string& key) {
  return text.find('`' + key + '`') != std::string::npos || text.find('"' + key + '"') != std::string::npos;
}

TEST(ScenarioFormatDocs, NameEveryPropertyOfTheSchemaInTheSectionOfItsObject) {
  const json schema = json::parse(io::scenario_schema());
  const auto docs = read_sections();
  for (const auto& [def, titles] : sections_of_defs())
    for (const std::string& title : titles) EXPECT_TRUE(docs.contains(title)) << "no section \"## " << title << "\"";

  std::vector<std::string> missing;
  std::size_t properties = 0;
  testing::for_each_schema_node(schema, "#", [&](const json& node, const std::string& location) {
    // Schemas under "if" only test a condition; their keys are declared elsewhere too.
    if (!node.contains("properties") || location.find("/if") != std::string::npos) return;
    const std::string prefix = "#/$defs/";
    ASSERT_TRUE(location.starts_with(prefix)) << location << ": properties outside $defs";
    const std::string def = location.substr(prefix.size(), location.find('/', prefix.size()) - prefix.size());
    const auto titles = sections_of_defs().find(def);
    ASSERT_NE(titles, sections_of_defs().end())
        << "$defs/" << def << " has properties but no docs section in kSections of this test";
    for (const auto& [key, sub] : node["properties"].items()) {
      (void)sub;
      ++properties;
      bool found = key == "comment" && names(docs.at(""), key);
      for (const std::string& title : titles->second)
        found = found || (docs.contains(title) && names(docs.at(title), key));
      if (!found) missing.push_back(location + "/properties/" + key + " (in " + titles->second.front() + ")");
    }
  });
  EXPECT_GT(properties, 200u);  // the walk reached the schema's properties
  std::string list;
  for (const auto& m : missing) list += "  " + m + "\n";
  EXPECT_TRUE(missing.empty()) << "schema properties docs/scenario-format.md does not name in their section:\n" << list;
}

}  // namespace
}  // namespace homeward
