// docs/scenario-format.md describes every key a scenario may hold: each
// property the shipped schema declares (at any depth) appears in it as a code
// span (`name`) or as a JSON key in an example ("name"). A key added to the
// parser and the schema but not to the docs fails here.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/io/scenario_schema.h"

namespace homeward {
namespace {

void collect_properties(const nlohmann::json& node, std::set<std::string>& names) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "properties" && value.is_object())
        for (const auto& [name, ignored] : value.items()) names.insert(name);
      collect_properties(value, names);
    }
  } else if (node.is_array()) {
    for (const auto& value : node) collect_properties(value, names);
  }
}

TEST(ScenarioFormatDocs, NameEveryPropertyOfTheSchema) {
  std::set<std::string> names;
  collect_properties(nlohmann::json::parse(io::scenario_schema()), names);
  ASSERT_GT(names.size(), 100u);  // the schema declares about 120: the walk reached them
  std::ifstream file(std::string(HOMEWARD_SOURCE_DIR) + "/docs/scenario-format.md");
  ASSERT_TRUE(file);
  std::stringstream text;
  text << file.rdbuf();
  const std::string docs = text.str();
  std::string missing;
  for (const std::string& name : names)
    if (docs.find('`' + name + '`') == std::string::npos && docs.find('"' + name + '"') == std::string::npos)
      missing += " " + name;
  EXPECT_TRUE(missing.empty()) << "schema properties docs/scenario-format.md never names:" << missing;
}

}  // namespace
}  // namespace homeward
