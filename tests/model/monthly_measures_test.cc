// monthly.csv's measures (sim/model/monthly_measures.h) against the page that
// defines them, docs/measures.md "Monthly series": every measure the writer
// writes is defined there, and every one defined there is written.
#include "sim/model/monthly_measures.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <string>

namespace homeward::model::monthly {
namespace {

TEST(MonthlyMeasures, FamiliesNameAndRecogniseTheirMembers) {
  EXPECT_EQ(kServiceQueueDays.name_for("home_care"), "service.home_care.queue_days");
  EXPECT_EQ(kDischargesByDelayBin.name_for("21plus"), "discharges.delay_bin.21plus");
  EXPECT_EQ(kAdmissions.name_for("ignored"), "admissions");
  std::string member;
  EXPECT_TRUE(kServiceQueueDays.matches("service.step_down.queue_days", &member));
  EXPECT_EQ(member, "step_down");
  EXPECT_TRUE(kServiceQueueDays.matches("service.a.b.queue_days", &member));  // names may hold dots
  EXPECT_EQ(member, "a.b");
  for (const char* other : {"service..queue_days", "service.x.queue_mean", "x.queue_days", "service.x.queue_days.y"})
    EXPECT_FALSE(kServiceQueueDays.matches(other)) << other;
  EXPECT_TRUE(kDelayedDays.matches("delayed_days"));
  EXPECT_FALSE(kDelayedDays.matches("delayed_days_x"));
  EXPECT_FALSE(kDelayedDays.matches("delayed_bed_days"));
}

// The measures a bullet of the "Monthly series" section opens with: the
// backticked names before its first other word ("`admissions`, `discharges`
// and `x` (continuous ..." gives three).
std::set<std::string> documented_monthly_measures() {
  std::ifstream page(std::string(HOMEWARD_SOURCE_DIR) + "/docs/measures.md");
  EXPECT_TRUE(page) << "docs/measures.md is missing";
  std::set<std::string> names;
  std::string line;
  bool in_section = false;
  static const std::regex opening("^- ((`[^`]+`(, | and |,? and )?)+)");
  static const std::regex name("`([^`]+)`");
  while (std::getline(page, line)) {
    if (line.starts_with("## ")) in_section = line.starts_with("## Monthly series");
    std::smatch m;
    if (!in_section || !std::regex_search(line, m, opening)) continue;
    const std::string head = m[1];
    for (auto it = std::sregex_iterator(head.begin(), head.end(), name); it != std::sregex_iterator(); ++it)
      names.insert((*it)[1]);
  }
  return names;
}

TEST(MonthlyMeasures, AreTheOnesDocsMeasuresDefines) {
  std::set<std::string> written;
  for (const MonthlyMeasure* m : monthly_measures()) written.insert(std::string(m->pattern));
  EXPECT_EQ(written.size(), 9u);
  EXPECT_EQ(documented_monthly_measures(), written);
}

}  // namespace
}  // namespace homeward::model::monthly
