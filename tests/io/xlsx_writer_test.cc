// summary.xlsx against the summary it is written from: every headline cell is
// summary.json's number scaled as docs/report.md defines it (computed here by
// hand), the differences and measures are copied unrounded, the monthly rows
// are the bands given, and the same inputs give the same bytes.
#include "sim/io/xlsx_writer.h"

#include <gtest/gtest.h>
#include "support/scratch_dirs.h"
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/xlsx_cells.h"

namespace homeward::io {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

fs::path scratch(const std::string& name) {
  const fs::path dir = homeward::testing::scratch_dir("homeward_xlsx", name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json statistics(double mean, double low, double high) {
  return {{"mean", mean}, {"sd", 1.5}, {"ci95", {low, high}}, {"p5", low - 1}, {"p50", mean}, {"p95", high + 1}};
}

// A compare of two scenarios over half a year (year scale 2), with hand-picked numbers.
json compare_summary(const std::string& other = "hart") {
  json base = {{"scenario", "baseline"},
               {"replications", 4},
               {"seed", 7},
               {"start_date", "2018-04-01"},
               {"duration_days", 182.5},
               {"warmup_days", 30},
               {"measures",
                {{"delay_days_mean", statistics(0.44, 0.40, 0.48)},
                 {"discharged_within_1_day_share", statistics(0.9, 0.88, 0.92)},
                 {"delayed_bed_days", statistics(7000, 6800, 7200)},
                 {"acute_bed_days", statistics(100000, 99000, 101000)},
                 {"cost_acute", statistics(40000000, 39600000, 40400000)},
                 {"cost_total", statistics(41000000, 40000000, 42000000)}}}};
  json hart = base;
  hart["scenario"] = other;
  hart["measures"]["delayed_bed_days"] = statistics(6000, 5900, 6100);
  json differences = {{"acute_bed_days", statistics(-1000, -1200, -800)},
                      {"cost_total", statistics(-300000, -350000, -250000)}};
  differences["acute_bed_days"]["relative"] = -0.01;
  differences["cost_total"]["relative"] = -0.0073;
  return {{"base", "baseline"},
          {"replications", 4},
          {"seed", 7},
          {"scenarios", {base, hart}},
          {"differences", {{other, differences}}}};
}

std::vector<MonthlyBand> months() {
  return {{"baseline", "2018-04", 30, {600, 550, 650}, {300.5, 290, 310}},
          {"baseline", "2018-05", 31, {620, 560, 700}, {301.5, 291, 311}},
          {"hart", "2018-04", 30, {500, 450, 550}, {298.5, 288, 308}},
          {"hart", "2018-05", 31, {510, 460, 560}, {299.5, 289, 309}}};
}

double number(const testing::Cells& cells, const std::string& ref) {
  const auto it = cells.find(ref);
  if (it == cells.end()) return std::nan("");
  return std::stod(it->second);
}

TEST(XlsxWriter, HeadlineCellsAreTheSummaryScaledAsTheReportDefinesThem) {
  const fs::path dir = scratch("headline");
  write_summary_xlsx((dir / "summary.xlsx").string(), compare_summary(), months(), "9.9.9");
  EXPECT_FALSE(fs::exists(dir / "summary.xlsx.tmp"));
  const auto book = testing::workbook_cells(slurp(dir / "summary.xlsx"));
  ASSERT_EQ(book.size(), 5u);
  const testing::Cells& h = book.at("Headline");
  EXPECT_EQ(h.at("A1"), "Homeward: baseline compared with hart");
  EXPECT_EQ(h.at("A6"), "baseline");
  EXPECT_EQ(h.at("A7"), "hart");
  // Mean delay, share within a day (a fraction, shown as a percentage), delayed bed days a year (× 365 / 182.5).
  EXPECT_DOUBLE_EQ(number(h, "B7"), 0.44);
  EXPECT_DOUBLE_EQ(number(h, "C7"), 0.40);
  EXPECT_DOUBLE_EQ(number(h, "E6"), 0.9);
  EXPECT_DOUBLE_EQ(number(h, "H6"), 14000);
  EXPECT_DOUBLE_EQ(number(h, "H7"), 12000);
  EXPECT_DOUBLE_EQ(number(h, "J7"), 12200);
  // Savings are minus the paired differences, their interval's ends swapped: 1000 bed days less in half a year
  // is 2000 a year (95% CI 1600 to 2400), worth £400 each (cost_acute / acute_bed_days); net £600,000 a year.
  EXPECT_DOUBLE_EQ(number(h, "K7"), 2000);
  EXPECT_DOUBLE_EQ(number(h, "L7"), 1600);
  EXPECT_DOUBLE_EQ(number(h, "M7"), 2400);
  EXPECT_DOUBLE_EQ(number(h, "N7"), 800000);
  EXPECT_DOUBLE_EQ(number(h, "Q7"), 600000);
  EXPECT_DOUBLE_EQ(number(h, "R7"), 500000);
  EXPECT_DOUBLE_EQ(number(h, "S7"), 700000);
  EXPECT_EQ(h.at("K6"), "the base of the comparison");  // it saves nothing against itself
  EXPECT_EQ(h.count("N6"), 0u);

  const testing::Cells& d = book.at("Differences");
  EXPECT_EQ(d.at("A5"), "hart");
  EXPECT_EQ(d.at("B5"), "acute_bed_days");
  EXPECT_DOUBLE_EQ(number(d, "C5"), -1000);
  EXPECT_DOUBLE_EQ(number(d, "G5"), -0.01);
  EXPECT_EQ(d.at("B6"), "cost_total");

  const testing::Cells& m = book.at("Measures");
  EXPECT_EQ(m.at("B5"), "delay_days_mean");
  EXPECT_DOUBLE_EQ(number(m, "C5"), 0.44);
  EXPECT_DOUBLE_EQ(number(m, "I5"), 1.48);  // p95
  EXPECT_EQ(m.at("A11"), "hart");           // six measures of the base, then the other's

  const testing::Cells& mo = book.at("Monthly");
  EXPECT_EQ(mo.at("A5"), "baseline");
  EXPECT_DOUBLE_EQ(number(mo, "B5"), 43191);  // 1 April 2018 as an Excel date
  EXPECT_DOUBLE_EQ(number(mo, "C6"), 31);
  EXPECT_DOUBLE_EQ(number(mo, "D7"), 500);
  EXPECT_DOUBLE_EQ(number(mo, "I8"), 309);

  const testing::Cells& about = book.at("About");
  EXPECT_EQ(about.at("B6"), "7");
  EXPECT_EQ(about.at("B8"), "Homeward 9.9.9");
}

TEST(XlsxWriter, SameInputsGiveTheSameBytes) {
  const fs::path dir = scratch("same");
  write_summary_xlsx((dir / "a.xlsx").string(), compare_summary(), months(), "1");
  write_summary_xlsx((dir / "b.xlsx").string(), compare_summary(), months(), "1");
  EXPECT_EQ(slurp(dir / "a.xlsx"), slurp(dir / "b.xlsx"));
}

TEST(XlsxWriter, ARunHasNoSavingsAndNoDifferencesSheet) {
  const fs::path dir = scratch("run");
  json run = compare_summary()["scenarios"][0];
  write_summary_xlsx((dir / "summary.xlsx").string(), run, {}, "1");
  const auto book = testing::workbook_cells(slurp(dir / "summary.xlsx"));
  EXPECT_EQ(book.count("Differences"), 0u);
  EXPECT_EQ(book.at("Headline").at("A1"), "Homeward: baseline");
  EXPECT_DOUBLE_EQ(number(book.at("Headline"), "H6"), 14000);
  EXPECT_EQ(book.at("Headline").count("K6"), 0u);
}

TEST(XlsxWriter, NamesAreTextNeverFormulasAndMissingNumbersStayBlank) {
  const fs::path dir = scratch("hostile");
  const std::string hostile = "=HYPERLINK(\"http://example.com\",\"x\") <&>";
  json summary = compare_summary(hostile);
  summary["scenarios"][1]["measures"]["delay_days_mean"]["mean"] = nullptr;  // NaN in summary.json
  write_summary_xlsx((dir / "summary.xlsx").string(), summary, {}, "1");
  const std::string bytes = slurp(dir / "summary.xlsx");
  const auto book = testing::workbook_cells(bytes);
  EXPECT_EQ(book.at("Headline").at("A7"), hostile);
  EXPECT_EQ(book.at("Headline").count("B7"), 0u);
  for (const auto& [name, xml] : testing::unzip(bytes)) EXPECT_EQ(xml.find("<f>"), std::string::npos) << name;
}

TEST(XlsxWriter, ASummaryWithoutItsKeysIsRefusedAndLeavesNoFile) {
  const fs::path dir = scratch("bad");
  json summary = compare_summary();
  summary["scenarios"][1].erase("duration_days");
  try {
    write_summary_xlsx((dir / "summary.xlsx").string(), summary, months(), "1");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("summary.xlsx"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::is_empty(dir));
  EXPECT_THROW(write_summary_xlsx((dir / "no" / "such" / "dir.xlsx").string(), compare_summary(), {}, "1"),
               std::runtime_error);
}

}  // namespace
}  // namespace homeward::io
