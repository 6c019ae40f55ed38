// The report's readers of monthly.csv and fit.csv (sim/report/inputs.h), on
// files small enough to sum by hand, written as a spreadsheet might save them
// (CRLF, quoted cells) and broken in the ways a person breaks them.
#include "sim/report/inputs.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>

#include "support/scratch_dirs.h"

namespace homeward::report {
namespace {

namespace fs = std::filesystem;

// A file `name` holding `text`, in a folder of its own (the folder is named by
// the test and the file, so a test's earlier files stay).
std::string write(const std::string& name, const std::string& text) {
  const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  const fs::path path = testing::scratch_dir("homeward_report_inputs", test + "_" + name) / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

TEST(ReportInputs, MonthlyTotalsSumEveryReasonAndAgencyOfAReplication) {
  // Replication 1 of January: 3 + 4.5 delayed days over two reasons; 100 bed
  // days; 2 patient-days in reablement's queue. Replication 0 comes second in
  // the file but first in the result (replication order).
  const std::string path = write("monthly.csv",
                                 "scenario,replication,month,measure,reason,agency,value\r\n"
                                 "base,1,2024-01,delayed_days,A,NHS,3\r\n"
                                 "\"base\",1,2024-01,delayed_days,\"G\",\"social care\",4.5\r\n"
                                 "base,1,2024-01,acute_bed_days,,,100\r\n"
                                 "base,1,2024-01,service.reablement.queue_days,,,2\r\n"
                                 "base,1,2024-01,discharges,,,40\r\n"
                                 "\r\n"
                                 "base,0,2024-01,delayed_days,A,NHS,1\r\n"
                                 "base,0,2024-01,acute_bed_days,,,90\r\n"
                                 "base,0,2024-02,delayed_days,A,NHS,2\r\n");
  const auto monthly = read_monthly(path);
  ASSERT_EQ(monthly.size(), 1u);
  const std::vector<MonthValues>& months = monthly.at("base");
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0].month, "2024-01");
  EXPECT_EQ(months[0].delayed_days, (std::vector<double>{1, 7.5}));
  EXPECT_EQ(months[0].acute_bed_days, (std::vector<double>{90, 100}));
  EXPECT_EQ(months[0].queue_days.at("reablement"), (std::vector<double>{0, 2}));
  EXPECT_EQ(months[1].month, "2024-02");
  EXPECT_EQ(months[1].delayed_days, (std::vector<double>{2}));
}

TEST(ReportInputs, BrokenMonthlyFilesNameTheFileAndLine) {
  const auto message = [](const std::string& path) {
    try {
      read_monthly(path);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string header = "scenario,replication,month,measure,reason,agency,value\n";
  const std::string wrong_header = write("a.csv", "scenario,month,value\nbase,2024-01,3\n");
  EXPECT_EQ(message(wrong_header),
            wrong_header + ":1: expected the header scenario,replication,month,measure,reason,agency,value");
  const std::string short_row = write("b.csv", header + "base,0,2024-01,delayed_days,A,NHS,1\nbase,0,2024-01\n");
  EXPECT_EQ(message(short_row), short_row + ":3: expected 7 fields, found 3");
  const std::string bad_number = write("c.csv", header + "base,first,2024-01,delayed_days,A,NHS,1\n");
  EXPECT_EQ(message(bad_number), bad_number + ":2: expected a replication number and a value");
  const std::string open_quote = write("d.csv", header + "base,0,2024-01,delayed_days,\"A,NHS,1\n");
  EXPECT_EQ(message(open_quote),
            open_quote + ":2: expected a closing quote, found the end of the file inside a quoted field");
  EXPECT_EQ(message("/nonexistent/monthly.csv"), "/nonexistent/monthly.csv: cannot read");
}

TEST(ReportInputs, FitRowsTakeTheirColumnsByName) {
  std::string note;
  const std::string path = write("fit.csv",
                                 "split,month,observed,series,simulated_mean,simulated_p2_5,simulated_p97_5\n"
                                 "train,2019-04-01,120,\"delayed days, all reasons\",118.5,110,127\n"
                                 "test,2019-05,130,\"delayed days, all reasons\",,,\n");
  const std::vector<FitRow> rows = read_fit(path, note);
  EXPECT_EQ(note, "");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].series, "delayed days, all reasons");
  EXPECT_EQ(rows[0].month, "2019-04");
  EXPECT_EQ(rows[0].split, "train");
  EXPECT_EQ(rows[0].observed, 120);
  EXPECT_EQ(rows[0].mean, 118.5);
  EXPECT_EQ(rows[0].low, 110);
  EXPECT_EQ(rows[0].high, 127);
  EXPECT_TRUE(std::isnan(rows[1].mean));  // an empty cell is unknown, not zero
}

TEST(ReportInputs, AnUnusableFitIsANoteNotAnError) {
  std::string note;
  EXPECT_TRUE(read_fit(write("a.csv", "month,observed\n2019-04,3\n"), note).empty());
  EXPECT_EQ(note, "fit.csv has no columns month, observed and mean (or simulated_mean), so the calibration's fit is not shown");
  const std::string short_row = write("b.csv", "month,observed,mean\n2019-04,3,3\n2019-05,4\n");
  EXPECT_TRUE(read_fit(short_row, note).empty());
  EXPECT_EQ(note, short_row + ":3: expected 3 fields as in the header, found 2; the calibration is not shown");
  EXPECT_TRUE(read_fit(write("c.csv", "month,observed,mean\nApril,3,3\n"), note).empty());
  EXPECT_EQ(note, "fit.csv line 2: expected a month YYYY-MM and numbers; the calibration is not shown");
}

}  // namespace
}  // namespace homeward::report
