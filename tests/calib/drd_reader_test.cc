// The Discharge Ready Date layout on the shipped file, against sums computed
// here independently with a plain split of its lines; RBK's unreported
// months are missing; malformed rows are reported with file, line, column.
#include <gtest/gtest.h>
#include "support/scratch_dirs.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "calib/observed_data.h"

namespace homeward::calib {
namespace {

const std::string kFile = std::string(HOMEWARD_SOURCE_DIR) + "/../shared/data/dtoc/england_drd_7trusts_monthly_2024-04_2025-09.csv";

// Column name -> (month -> value) for one trust, by splitting lines on commas.
std::map<std::string, std::map<std::string, double>> independent(const std::string& trust) {
  std::ifstream in(kFile);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream h(line);
  for (std::string f; std::getline(h, f, ',');) header.push_back(f);
  std::map<std::string, std::map<std::string, double>> out;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream l(line);
    for (std::string f; std::getline(l, f, ',');) fields.push_back(f);
    if (fields.size() < 2 || fields[1] != trust) continue;
    for (std::size_t c = 2; c < fields.size() && c < header.size(); ++c)
      if (!fields[c].empty() && fields[c] != "#NUM!") out[header[c]][fields[0]] = std::stod(fields[c]);
  }
  return out;
}

DataReadResult read_trust(const std::string& file, const std::string& trust) {
  DataRequest request;
  request.file = file;
  request.layout = DataLayout::drd;
  request.provider = trust;
  return read_observed_data(request);
}

class DrdFile : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kFile)) GTEST_SKIP() << "no " << kFile;
  }
};

TEST_F(DrdFile, EveryTrustMatchesTheIndependentSums) {
  const char* bins[] = {"0", "1", "2_3", "4_6", "7_13", "14_20", "21plus"};
  const char* volume[] = {"no_delay_volume", "1_day_delay_volume", "2_3_day_delay_volume", "4_6_day_delay_volume",
                          "7_13_day_delay_volume", "14_20_day_delay_volume", "21plus_day_delay_volume"};
  const char* bed_days[] = {nullptr, "1_day_delay_beddays", "2_3_day_delay_beddays", "4_6_day_delay_beddays",
                            "7_13_day_delay_beddays", "14_20_day_delay_beddays", "21plus_day_delay_beddays"};
  for (const char* trust : {"RBK", "RCF", "REM", "RGR", "RJC", "RLT", "RTE"}) {
    const auto truth = independent(trust);
    const DataReadResult read = read_trust(kFile, trust);
    ASSERT_TRUE(read.problems.empty()) << trust << io::format_problems(read.problems);
    EXPECT_EQ(read.data.rows, 18u) << trust;  // 2024-04 .. 2025-09
    double discharges = 0, delay_days = 0, truth_discharges = 0, truth_days = 0;
    for (const auto& [iso, value] : truth.at("patients_discharged_volume")) {
      const Month m = *parse_month(iso);
      const double read_discharges = read.data.find("discharges", m)->value;
      if (value == 0) {  // not reported: missing
        EXPECT_TRUE(std::isnan(read_discharges)) << trust << " " << iso;
        EXPECT_TRUE(std::isnan(read.data.find("drd_delay_days.delay_bin.21plus", m)->value));
        continue;
      }
      EXPECT_EQ(read_discharges, value);
      discharges += read_discharges;
      truth_discharges += value;
      delay_days += read.data.find("drd_delay_days", m)->value;
      truth_days += truth.at("dd_bed_days").at(iso);
      double bins_discharges = 0, bins_days = 0;
      for (int b = 0; b < 7; ++b) {
        const double n = read.data.find(std::string("discharges.delay_bin.") + bins[b], m)->value;
        const double d = read.data.find(std::string("drd_delay_days.delay_bin.") + bins[b], m)->value;
        EXPECT_EQ(n, truth.at(volume[b]).at(iso)) << trust << " " << iso << " " << bins[b];
        EXPECT_EQ(d, bed_days[b] ? truth.at(bed_days[b]).at(iso) : 0.0) << trust << " " << iso << " " << bins[b];
        bins_discharges += n;
        bins_days += d;
      }
      // The bins add up to the totals, as the returns say they should.
      EXPECT_EQ(bins_discharges, read_discharges) << trust << " " << iso;
      EXPECT_EQ(bins_days, read.data.find("drd_delay_days", m)->value) << trust << " " << iso;
    }
    EXPECT_EQ(discharges, truth_discharges);
    EXPECT_EQ(delay_days, truth_days);
    EXPECT_GT(discharges, 10000) << trust;
  }
}

// RBK reported nothing in April and May 2024: zeros and #NUM! in the file.
TEST_F(DrdFile, RbkFirstMonthsAreMissing) {
  const DataReadResult read = read_trust(kFile, "RBK");
  ASSERT_TRUE(read.problems.empty());
  EXPECT_TRUE(std::isnan(read.data.find("discharges", *parse_month("2024-04"))->value));
  EXPECT_TRUE(std::isnan(read.data.find("discharges.delay_bin.0", *parse_month("2024-05"))->value));
  EXPECT_EQ(read.data.find("discharges", *parse_month("2024-06"))->value, 1835);
  EXPECT_EQ(read.data.find("drd_delay_days.delay_bin.21plus", *parse_month("2024-06"))->value, 75);
}

TEST(DrdLayout, UnknownTrustAndBadValuesAreProblems) {
  const std::filesystem::path dir = homeward::testing::scratch_dir("homeward_drd_reader", "bad_values");
  std::filesystem::create_directories(dir);
  const std::string header =
      "month,org_code,patients_discharged_volume,dd_bed_days,no_delay_volume,1_day_delay_volume,2_3_day_delay_volume,"
      "4_6_day_delay_volume,7_13_day_delay_volume,14_20_day_delay_volume,21plus_day_delay_volume,1_day_delay_beddays,"
      "2_3_day_delay_beddays,4_6_day_delay_beddays,7_13_day_delay_beddays,14_20_day_delay_beddays,21plus_day_delay_beddays\n";
  std::ofstream(dir / "drd.csv") << header << "2024-04,XYZ,10,5,8,1,1,0,0,0,0,1,4,0,0,0,0\n"
                                 << "2024-05,XYZ,10,-5,8,1,1,0,0,0,0,1,4,0,0,0,0\n"
                                 << "2024-06,XYZ,10,5,8,1,x,0,0,0,0,1,4,0,0,0,0\n";
  const DataReadResult bad = read_trust((dir / "drd.csv").string(), "XYZ");
  ASSERT_EQ(bad.problems.size(), 2u) << io::format_problems(bad.problems);
  EXPECT_EQ(bad.problems[0].message(), (dir / "drd.csv").string() + ":3: column dd_bed_days: expected a number of days >= 0, found \"-5\"");
  EXPECT_EQ(bad.problems[1].message(),
            (dir / "drd.csv").string() + ":4: column 2_3_day_delay_volume: expected a number of days >= 0, found \"x\"");
  const DataReadResult none = read_trust((dir / "drd.csv").string(), "ABC");
  ASSERT_EQ(none.problems.size(), 1u);
  EXPECT_NE(none.problems[0].message().find("expected rows for provider ABC, found none"), std::string::npos)
      << none.problems[0].message();
}

}  // namespace
}  // namespace homeward::calib
