// The measure catalogue against docs/measures.md, the definitions people
// read: every measure of the catalogue is defined there, in the section its
// docs link points to and with the same unit, and every measure the page
// defines is in the catalogue. The page is parsed as a person reads it: the
// `| name | unit | definition |` tables, one measure or a few per row.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/model/measure_catalogue.h"

namespace homeward::model {
namespace {

// "service.<name>.starts" and "service.<bridge>.starts" are the same family.
std::string normalised(const std::string& pattern) { return std::regex_replace(pattern, std::regex("<[^>]*>"), "<>"); }

// GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.
std::string slug(const std::string& heading) {
  std::string out;
  for (unsigned char c : heading) {
    if (std::isalnum(c) || c == '_' || c == '-') out += static_cast<char>(std::tolower(c));
    else if (c == ' ') out += '-';
  }
  return out;
}

// A table row's cells; "\|" inside a cell is a literal bar.
std::vector<std::string> cells(std::string row) {
  row = std::regex_replace(row, std::regex(R"(\\\|)"), "\x1f");
  std::vector<std::string> out;
  std::stringstream in(row);
  std::string cell;
  std::getline(in, cell, '|');  // before the first bar
  while (std::getline(in, cell, '|')) {
    cell = std::regex_replace(cell, std::regex("\x1f"), "|");
    const auto first = cell.find_first_not_of(' '), last = cell.find_last_not_of(' ');
    out.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
  }
  if (!out.empty() && out.back().empty()) out.pop_back();  // after the last bar
  return out;
}

// The names of a row's first cell. The page abbreviates siblings:
// "`delay_days_p50`, `_p90`" is delay_days_p90, "`cost_services.staffed`,
// `.use`" is cost_services.use (a suffix replaces the first name's last part
// that starts as it does), and "`other_cost.<name>` (and `.staffed`)" is
// other_cost.<name>.staffed (appended after a placeholder).
std::vector<std::string> names_in(const std::string& cell) {
  std::vector<std::string> names;
  static const std::regex code("`([^`]+)`");
  for (auto it = std::sregex_iterator(cell.begin(), cell.end(), code); it != std::sregex_iterator(); ++it) {
    const std::string token = (*it)[1];
    if (names.empty() || (token[0] != '.' && token[0] != '_')) {
      names.push_back(token);
      continue;
    }
    const std::string& first = names.front();
    const std::size_t cut = first.rfind(token[0]);
    const bool after_placeholder = first.back() == '>';
    names.push_back(after_placeholder || cut == std::string::npos ? first + token : first.substr(0, cut) + token);
  }
  return names;
}

struct Documented {
  std::string unit, anchor;
};

// Every measure the page defines, by normalised name.
std::map<std::string, Documented> documented_measures() {
  std::ifstream page(std::string(HOMEWARD_SOURCE_DIR) + "/docs/measures.md");
  EXPECT_TRUE(page) << "docs/measures.md is missing";
  std::map<std::string, Documented> out;
  std::string line, anchor;
  bool in_measure_table = false;
  static const std::regex heading("^#{2,3} +(.*)$");
  std::smatch m;
  while (std::getline(page, line)) {
    if (std::regex_match(line, m, heading)) {
      anchor = slug(m[1]);
      continue;
    }
    if (line.rfind('|', 0) != 0) {
      in_measure_table = false;
      continue;
    }
    const std::vector<std::string> row = cells(line);
    if (row.size() == 3 && row[0] == "name" && row[1] == "unit") {
      in_measure_table = true;
      continue;
    }
    if (!in_measure_table || row.empty() || row[0].rfind("---", 0) == 0) continue;
    EXPECT_EQ(row.size(), 3u) << "docs/measures.md, a measure row without 3 cells: " << line;
    for (const std::string& name : names_in(row[0])) {
      const std::string key = normalised(name);
      if (const auto seen = out.find(key); seen != out.end())
        EXPECT_EQ(seen->second.unit, row[1]) << name << " is given two units in docs/measures.md";
      else out[key] = {row.size() > 1 ? row[1] : "", anchor};
    }
  }
  return out;
}

TEST(MeasureCatalogue, EveryMeasureIsDefinedInTheDocsWithItsUnitAndSection) {
  const std::map<std::string, Documented> docs = documented_measures();
  ASSERT_GT(docs.size(), 40u) << "docs/measures.md's tables were not found: has their header changed?";
  for (const MeasureInfo* info : measure_catalogue()) {
    const auto it = docs.find(normalised(std::string(info->pattern)));
    if (it == docs.end()) {
      ADD_FAILURE() << info->pattern << " is in the catalogue but not defined in docs/measures.md";
      continue;
    }
    EXPECT_EQ(it->second.unit, docs_unit(info->unit)) << info->pattern;
    EXPECT_EQ("docs/measures.md#" + it->second.anchor, info->docs_link()) << info->pattern;
  }
}

TEST(MeasureCatalogue, EveryMeasureTheDocsDefineIsInTheCatalogue) {
  std::set<std::string> catalogue;
  for (const MeasureInfo* info : measure_catalogue()) catalogue.insert(normalised(std::string(info->pattern)));
  for (const auto& [name, documented] : documented_measures())
    EXPECT_TRUE(catalogue.contains(name)) << name << " is defined in docs/measures.md (#" << documented.anchor
                                          << ") but is not in the measure catalogue (sim/model/measure_catalogue.h)";
}

TEST(MeasureCatalogue, EachPatternIsSpelledOnce) {
  std::set<std::string> seen;
  for (const MeasureInfo* info : measure_catalogue())
    EXPECT_TRUE(seen.insert(normalised(std::string(info->pattern))).second) << info->pattern << " twice";
}

TEST(MeasureCatalogue, FindsAFamilysMemberByTheLongestPatternThatFits) {
  std::string member;
  EXPECT_EQ(find_measure_info("admissions"), &measure::kAdmissions);
  EXPECT_EQ(find_measure_info("service.home_care.cost.use"), &measure::kServiceCostUse);
  // A service whose name ends in ".cost" keeps its whole name as the member.
  EXPECT_EQ(find_measure_info("service.x.cost.starts"), &measure::kServiceStarts);
  ASSERT_TRUE(measure::kServiceStarts.matches("service.x.cost.starts", &member));
  EXPECT_EQ(member, "x.cost");
  EXPECT_EQ(find_measure_info("other_cost.it.setup"), &measure::kOtherCostSetup);
  EXPECT_EQ(find_measure_info("other_cost.it"), &measure::kOtherCost);
  // No member is no measure; nor is an unknown name.
  EXPECT_EQ(find_measure_info("service..starts"), nullptr);
  EXPECT_EQ(find_measure_info("exits."), nullptr);
  EXPECT_EQ(find_measure_info("delayed_bed_day"), nullptr);
  EXPECT_EQ(measure::kExits.name_for("care home"), "exits.care home");
  EXPECT_EQ(measure::kServiceUtilisation.label_for("Reablement"), "Reablement: utilisation");
}

}  // namespace
}  // namespace homeward::model
