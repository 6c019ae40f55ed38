#include "sim/io/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>

namespace homeward::io {
namespace {

TEST(Csv, ReadsQuotedFieldsCrLfAndByteOrderMark) {
  std::vector<Problem> problems;
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
  std::vector<Problem> problems;
  const auto table = parse_csv("a,b\n1,\"two\nlines\"\n3,4\n", "f.csv", problems);
  ASSERT_TRUE(table);
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].fields[1], "two\nlines");
  EXPECT_EQ(table->rows[1].line, 4u);
}

TEST(Csv, ReportsWrongFieldCountsAndUnterminatedQuotes) {
  std::vector<Problem> problems;
  const auto table = parse_csv("a,b\n1,2,3\n4\n5,6\n\"7,8\n", "f.csv", problems);
  ASSERT_TRUE(table);
  EXPECT_EQ(table->rows.size(), 1u);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].message(), "f.csv:2: expected 2 fields as in the header, found 3");
  EXPECT_EQ(problems[1].message(), "f.csv:3: expected 2 fields as in the header, found 1");
  EXPECT_EQ(problems[2].message(), "f.csv:5: expected a closing quote, found the end of the file inside a quoted field");
}

TEST(Csv, EmptyTextAndMissingFileAreProblems) {
  std::vector<Problem> problems;
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

TEST(Csv, RecordsComeOneAtATimeWithTheirLines) {
  CsvRecords records("\xEF\xBB\xBF" "a,b\r\n\r\n1,\"x\ny\"\n  \n2,3");
  CsvRow row;
  ASSERT_TRUE(records.next(row));
  EXPECT_EQ(row.line, 1u);
  EXPECT_EQ(row.fields, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(records.next(row));
  EXPECT_EQ(row.line, 3u);
  EXPECT_EQ(row.fields, (std::vector<std::string>{"1", "x\ny"}));
  ASSERT_TRUE(records.next(row));  // the last line needs no line end
  EXPECT_EQ(row.line, 6u);
  EXPECT_EQ(row.fields, (std::vector<std::string>{"2", "3"}));
  EXPECT_FALSE(records.next(row));
  EXPECT_FALSE(records.unterminated());
}

TEST(Csv, AnOpenQuoteStopsTheRecordsWhereItsRecordStarted) {
  CsvRecords records("a,b\n1,\"x\n2,3\n");
  CsvRow row;
  ASSERT_TRUE(records.next(row));
  EXPECT_FALSE(records.next(row));
  EXPECT_TRUE(records.unterminated());
  EXPECT_EQ(row.line, 2u);
  EXPECT_FALSE(records.next(row));  // and stays stopped
}

TEST(Csv, AStreamReadsAsItsTextDoes) {
  // Longer than one chunk (64 KiB), so records and quoted fields cross chunk
  // boundaries; the same records as from the whole text.
  std::string text = "\xEF\xBB\xBF" "name,value\r\n";
  for (int i = 0; i < 5000; ++i) text += "\"row " + std::to_string(i) + ", \"\"quoted\"\"\nnext\"," + std::to_string(i) + "\r\n";
  std::istringstream in(text);
  CsvRecords from_stream(in), from_text(text);
  CsvRow a, b;
  std::size_t rows = 0;
  while (from_text.next(a)) {
    ASSERT_TRUE(from_stream.next(b)) << rows;
    ASSERT_EQ(a.fields, b.fields) << rows;
    ASSERT_EQ(a.line, b.line) << rows;
    ++rows;
  }
  EXPECT_FALSE(from_stream.next(b));
  EXPECT_EQ(rows, 5001u);
  EXPECT_EQ(a.fields, (std::vector<std::string>{"row 4999, \"quoted\"\nnext", "4999"}));
  EXPECT_EQ(a.line, 2u + 2 * 4999);
}

}  // namespace
}  // namespace homeward::calib
