// The readers on a corpus of malformed files (tests/calib/corpus): every bad
// row is reported with file, line and column, and nothing else is.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "calib/observed_data.h"

namespace homeward::calib {
namespace {

const std::string kCorpus = std::string(HOMEWARD_SOURCE_DIR) + "/tests/calib/corpus/";

struct Case {
  const char* file;
  DataLayout layout;
  const char* local_authority;
  std::vector<std::string> expected;  // messages, with the corpus directory left out
};

std::vector<std::string> messages(const Case& c) {
  DataRequest request;
  request.file = kCorpus + c.file;
  request.layout = c.layout;
  request.local_authority = c.local_authority;
  if (c.layout == DataLayout::provider) request.provider = "RXX";
  std::vector<std::string> out;
  for (const io::Problem& p : read_observed_data(request).problems) {
    std::string m = p.message();
    if (m.rfind(kCorpus, 0) == 0) m = m.substr(kCorpus.size());
    out.push_back(m);
  }
  return out;
}

TEST(MalformedData, EveryBadRowIsReportedWithFileLineAndColumn) {
  const std::vector<Case> cases = {
      {"tidy_negative.csv", DataLayout::tidy, "",
       {"tidy_negative.csv:3: column value: expected a number of days >= 0, found \"-3\""}},
      {"tidy_non_numeric.csv", DataLayout::tidy, "",
       {"tidy_non_numeric.csv:3: column value: expected a number of days >= 0, found \"12x\""}},
      {"tidy_duplicate_month.csv", DataLayout::tidy, "",
       {"tidy_duplicate_month.csv:4: column month: expected each month once per series, found 2018-02 again for "
        "series \"total\" (first at line 3): a duplicate month"}},
      {"tidy_missing_month.csv", DataLayout::tidy, "",
       {"tidy_missing_month.csv:4: expected a row for month 2018-03, found none: the month is missing"}},
      {"tidy_bad_month.csv", DataLayout::tidy, "",
       {"tidy_bad_month.csv:3: column month: expected a month written YYYY-MM, found \"2018-13\"",
        "tidy_bad_month.csv:4: column month: expected a month written YYYY-MM, found \"2018/03\""}},
      {"tidy_blank_cells.csv", DataLayout::tidy, "",
       {"tidy_blank_cells.csv:3: column value: expected a number of days >= 0, found an empty value",
        "tidy_blank_cells.csv:4: column series: expected a series name, found an empty value"}},
      {"tidy_missing_column.csv", DataLayout::tidy, "",
       {"tidy_missing_column.csv:1: expected a column \"value\" (the tidy layout), found the columns month, series, "
        "days"}},
      {"tidy_field_count.csv", DataLayout::tidy, "",
       {"tidy_field_count.csv:2: expected 3 fields as in the header, found 4",
        "tidy_field_count.csv:3: expected 3 fields as in the header, found 2"}},
      {"tidy_unterminated_quote.csv", DataLayout::tidy, "",
       {"tidy_unterminated_quote.csv:2: expected a closing quote, found the end of the file inside a quoted field",
        "tidy_unterminated_quote.csv: expected data rows, found none"}},
      {"empty.csv", DataLayout::tidy, "", {"empty.csv: expected a header line and data rows, found an empty file"}},
      // A number no month ever held (a unit or column mistake) would swamp the fit.
      {"tidy_absurd_value.csv", DataLayout::tidy, "",
       {"tidy_absurd_value.csv:3: column value: expected a number of days >= 0 and <= 1e+07 (England's monthly total "
        "never reached 250,000), found \"1e308\""}},
      // Kent's rows only: the bad row of another authority (line 5) is not Kent's business.
      {"la_bad_rows.csv", DataLayout::local_authority, "820",
       {"la_bad_rows.csv:3: column reason_C_days: expected a number of days >= 0, found \"-1\"",
        "la_bad_rows.csv:4: column month: expected each month once, found 2018-02 again (first at line 3): a "
        "duplicate month"}},
      {"provider_bad_care_type.csv", DataLayout::provider, "",
       {"provider_bad_care_type.csv:3: column care_type: expected \"acute\" or \"non_acute\", found \"community\""}},
      {"granular_bad_rows.csv", DataLayout::provider_local_authority, "820",
       {"granular_bad_rows.csv:2: column reason_code: expected a reason A B C D1 D2 E F G H I O, found \"Q\"",
        "granular_bad_rows.csv:3: column both_days: expected a number of days >= 0, found \"NA\"",
        "granular_bad_rows.csv:5: column month: expected each month once per organisation, care type and reason, "
        "found 2018-05 again (first at line 4): a duplicate month"}},
      {"national_long_bad_agency.csv", DataLayout::national_by_reason_agency, "",
       {"national_long_bad_agency.csv:3: column agency: expected NHS, social_care or both, found \"council\""}},
  };
  for (const Case& c : cases) EXPECT_EQ(messages(c), c.expected) << c.file;
}

TEST(MalformedData, MissingMonthsAreCheckedOverTheRequestedRange) {
  DataRequest request;
  request.file = kCorpus + "tidy_negative.csv";  // 2018-01 .. 2018-03
  request.layout = DataLayout::tidy;
  request.months = {*parse_month("2017-12"), *parse_month("2018-04")};
  const auto result = read_observed_data(request);
  ASSERT_EQ(result.problems.size(), 3u);
  EXPECT_NE(result.problems[1].message().find("tidy_negative.csv:2: expected a row for month 2017-12"), std::string::npos);
  EXPECT_NE(result.problems[2].message().find("tidy_negative.csv: expected a row for month 2018-04"), std::string::npos);
}

}  // namespace
}  // namespace homeward::calib
