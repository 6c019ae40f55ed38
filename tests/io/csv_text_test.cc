// Text in CSV cells (docs/outputs.md): read back by the RFC 4180 reader
// (csv_reader.h, written independently of the writer), every hostile string
// stays one cell, and formulas stay text.
#include "sim/io/csv_text.h"

#include <gtest/gtest.h>

#include "sim/io/csv_reader.h"

namespace homeward::io {
namespace {

TEST(CsvText, PlainNamesAreUnchanged) {
  for (const char* name : {"baseline", "seven_day", "Kent (calibrated) 2019-20", "service.step_down.queue_days"})
    EXPECT_EQ(csv_text(name), name);
}

TEST(CsvText, HostileTextStaysOneInertCell) {
  const std::vector<std::string> hostile = {"two,columns", "say \"hi\"", "first\nsecond", "a\r\nb",
                                            "=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)",
                                            std::string("nul\0inside", 10), "\x1b[31mred", "caf\xC3\xA9, ok"};
  std::string text = "first,text,last\n";
  for (const std::string& h : hostile) text += "1," + csv_text(h) + ",2\n";
  std::vector<Problem> problems;
  const auto table = parse_csv(text, "hostile.csv", problems);
  ASSERT_TRUE(problems.empty()) << format_problems(problems);
  ASSERT_TRUE(table);
  ASSERT_EQ(table->rows.size(), hostile.size());
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    const std::string& cell = table->rows[i].fields[1];
    EXPECT_EQ(table->rows[i].fields[2], "2") << hostile[i];
    // No control character survives, and no cell starts a formula.
    EXPECT_EQ(cell.find_first_of(std::string("\n\r\x1b\0", 4)), std::string::npos) << cell;
    EXPECT_TRUE(cell.empty() || std::string("=+-@").find(cell[0]) == std::string::npos) << cell;
  }
  EXPECT_EQ(table->rows[0].fields[1], "two,columns");
  EXPECT_EQ(table->rows[1].fields[1], "say \"hi\"");
  EXPECT_EQ(table->rows[4].fields[1], "'=HYPERLINK(\"http://x\",\"y\")");
  EXPECT_EQ(table->rows[10].fields[1], "caf\xC3\xA9, ok");
}

}  // namespace
}  // namespace homeward::io
