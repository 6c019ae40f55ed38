#include "calib/csv.h"

#include <gtest/gtest.h>

namespace homeward::calib {
namespace {

TEST(Csv, ReadsQuotedFieldsCrLfAndByteOrderMark) {
  std::vector<io::Problem> problems;
  const auto table = parse_csv("\xEF\xBB\xBF\"month\",\"name\"\r\n2018-04,\"Kent, \"\"East\"\"\"\r\n\r\n2018-05,x\r\n",
                               "f.csv", problems);
  ASSERT_TRUE(table);
  EXPECT_TRUE(problems.empty()) << io::format_problems(problems);
  EXPECT_EQ(table->header, (std::vector<std::string>{"month", "name"}));
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].fields[1], "Kent, \"East\"");
  EXPECT_EQ(table->rows[0].line, 2u);
  EXPECT_EQ(table->rows[1].line, 4u);  // the blank line is counted, not kept
  EXPECT_EQ(table->column("name"), 1u);
  EXPECT_FALSE(table->column("value"));
}

TEST(Csv, QuotedNewlineKeepsTheRowsStartingLine) {
  std::vector<io::Problem> problems;
  const auto table = parse_csv("a,b\n1,\"two\nlines\"\n3,4\n", "f.csv", problems);
  ASSERT_TRUE(table);
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].fields[1], "two\nlines");
  EXPECT_EQ(table->rows[1].line, 4u);
}

TEST(Csv, ReportsWrongFieldCountsAndUnterminatedQuotes) {
  std::vector<io::Problem> problems;
  const auto table = parse_csv("a,b\n1,2,3\n4\n5,6\n\"7,8\n", "f.csv", problems);
  ASSERT_TRUE(table);
  EXPECT_EQ(table->rows.size(), 1u);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].message(), "f.csv:2: expected 2 fields as in the header, found 3");
  EXPECT_EQ(problems[1].message(), "f.csv:3: expected 2 fields as in the header, found 1");
  EXPECT_EQ(problems[2].message(), "f.csv:5: expected a closing quote, found the end of the file inside a quoted field");
}

TEST(Csv, EmptyTextAndMissingFileAreProblems) {
  std::vector<io::Problem> problems;
  EXPECT_FALSE(parse_csv("", "empty.csv", problems));
  EXPECT_FALSE(read_csv_file("/nonexistent/x.csv", problems));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].message(), "empty.csv: expected a header line and data rows, found an empty file");
  EXPECT_EQ(problems[1].message(), "/nonexistent/x.csv: expected a readable CSV file, found no such file");
}

TEST(Csv, ParsesOnlyPlainFiniteNumbers) {
  EXPECT_EQ(parse_number("12"), 12.0);
  EXPECT_EQ(parse_number(" 3.5 "), 3.5);
  EXPECT_EQ(parse_number("1e3"), 1000.0);
  EXPECT_EQ(parse_number("-2"), -2.0);  // negative is the caller's to refuse
  for (const char* bad : {"", "-", "NA", "1,234", "12x", "inf", "nan", "0x10"}) EXPECT_FALSE(parse_number(bad)) << bad;
}

}  // namespace
}  // namespace homeward::calib
