// The readers on the real files of data/dtoc (SOURCES.md): row counts and
// hand-checked values. Skipped when the data folder is not beside the tree.
#include "calib/observed_data.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace homeward::calib {
namespace {

const std::string kData = std::string(HOMEWARD_SOURCE_DIR) + "/../shared/data/dtoc/";

DataReadResult read(DataLayout layout, const std::string& file, CareType care, std::string la = "",
                    std::string provider = "") {
  DataRequest request;
  request.file = kData + file;
  request.layout = layout;
  request.care_type = care;
  request.local_authority = std::move(la);
  request.provider = std::move(provider);
  return read_observed_data(request);
}

double value(const ObservedData& data, const std::string& atom, const char* month) {
  const ObservedValue* v = data.find(atom, *parse_month(month));
  return v == nullptr ? -1 : v->value;
}

class RealFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kData)) GTEST_SKIP() << "no " << kData;
  }
};

TEST_F(RealFiles, LocalAuthorityWideFile) {
  const auto all = read(DataLayout::local_authority, "england_la_dtoc_monthly_2011-04_2019-12.csv", CareType::all, "820");
  ASSERT_TRUE(all.problems.empty()) << io::format_problems(all.problems);
  EXPECT_EQ(all.data.rows, 105u);  // 2011-04 .. 2019-12
  EXPECT_EQ(all.data.months.begin()->first, *parse_month("2011-04"));
  EXPECT_EQ(value(all.data, "total", "2016-05"), 5040);
  EXPECT_EQ(value(all.data, "agency.social_care", "2016-05"), 1464);
  EXPECT_EQ(value(all.data, "reason.D_ii", "2016-05"), 1086);
  EXPECT_EQ(value(all.data, "reason.C", "2018-04"), 1362);
  EXPECT_EQ(all.data.find("reason.O", *parse_month("2016-05")), nullptr);  // blank before 2017-04
  EXPECT_EQ(value(all.data, "reason.O", "2018-04"), 2);
  // The ONS code selects the same rows; acute care has only the total.
  const auto acute = read(DataLayout::local_authority, "england_la_dtoc_monthly_2011-04_2019-12.csv", CareType::acute,
                          "E10000016");
  ASSERT_TRUE(acute.problems.empty()) << io::format_problems(acute.problems);
  EXPECT_EQ(value(acute.data, "total", "2018-04"), 3590);
  EXPECT_FALSE(acute.data.has_series("reason.C"));
}

TEST_F(RealFiles, ProviderWideFile) {
  const char* file = "england_provider_dtoc_monthly_by_reason_2018-04_2019-11.csv";
  const auto acute = read(DataLayout::provider, file, CareType::acute, "", "RVV");
  ASSERT_TRUE(acute.problems.empty()) << io::format_problems(acute.problems);
  EXPECT_EQ(acute.data.rows, 20u);
  EXPECT_EQ(value(acute.data, "total", "2018-04"), 1962);
  EXPECT_EQ(value(acute.data, "reason.C", "2018-04"), 1032);
  EXPECT_EQ(value(acute.data, "agency.nhs", "2018-04"), 1818);
  const auto all = read(DataLayout::provider, file, CareType::all, "", "RVV");
  EXPECT_EQ(all.data.rows, 40u);  // acute and non-acute rows, summed
  EXPECT_EQ(value(all.data, "total", "2018-05"), 1978);
}

TEST_F(RealFiles, NationalFiles) {
  const auto wide = read(DataLayout::national, "england_national_dtoc_monthly_2010-08_2020-02.csv", CareType::all);
  ASSERT_TRUE(wide.problems.empty()) << io::format_problems(wide.problems);
  EXPECT_EQ(wide.data.rows, 115u);
  EXPECT_EQ(value(wide.data, "total", "2010-08"), 109918);
  EXPECT_EQ(value(wide.data, "total", "2020-02"), 155782);
  EXPECT_EQ(value(wide.data, "reason.D_ii", "2020-02"), 20438);
  const auto acute = read(DataLayout::national, "england_national_dtoc_monthly_2010-08_2020-02.csv", CareType::acute);
  EXPECT_EQ(value(acute.data, "total", "2020-02"), 103017);

  const char* file = "england_national_dtoc_by_caretype_reason_agency_2010-08_2020-02.csv";
  const auto cells = read(DataLayout::national_by_reason_agency, file, CareType::acute);
  ASSERT_TRUE(cells.problems.empty()) << io::format_problems(cells.problems);
  EXPECT_EQ(cells.data.rows, 115u * 30);  // acute: 10 reasons x 3 agencies
  EXPECT_EQ(value(cells.data, "total", "2020-02"), 103017);  // agrees with the wide file
  EXPECT_EQ(value(cells.data, "reason.A.agency.nhs", "2010-08"), 5958);
  const auto both = read(DataLayout::national_by_reason_agency, file, CareType::all);
  EXPECT_EQ(value(both.data, "reason.D_ii.agency.nhs", "2020-02"), 10183);
}

TEST_F(RealFiles, ProviderByLocalAuthorityFile) {
  const char* file = "england_provider_la_dtoc_granular_2018-04_2019-11.csv";
  const auto kent = read(DataLayout::provider_local_authority, file, CareType::acute, "820");
  ASSERT_TRUE(kent.problems.empty()) << io::format_problems(kent.problems);
  EXPECT_EQ(kent.data.rows, 788u);
  EXPECT_EQ(kent.data.months.size(), 20u);
  EXPECT_EQ(value(kent.data, "total", "2018-04"), 3590);  // = acute_days of the LA file
  EXPECT_EQ(value(kent.data, "reason.C", "2018-04"), 1334);
  EXPECT_EQ(value(kent.data, "reason.D_ii.agency.nhs", "2018-04"), 437);
  EXPECT_EQ(value(kent.data, "reason.E.agency.social_care", "2019-11"), 109);
  EXPECT_EQ(value(kent.data, "reason.O", "2018-04"), 0);  // rows of zeros were left out of the file
  const auto trust = read(DataLayout::provider_local_authority, file, CareType::acute, "", "RVV");
  EXPECT_EQ(value(trust.data, "total", "2018-04"), 1962);  // = the provider file
}

TEST_F(RealFiles, UnknownOrganisationIsAProblem) {
  const auto none = read(DataLayout::local_authority, "england_la_dtoc_monthly_2011-04_2019-12.csv", CareType::all, "999");
  ASSERT_EQ(none.problems.size(), 1u);
  EXPECT_NE(none.problems[0].message().find("expected rows for local authority 999, all care, found none"),
            std::string::npos)
      << none.problems[0].message();
}

}  // namespace
}  // namespace homeward::calib
