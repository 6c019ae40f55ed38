// Per-patient records (simulate's optional log): checked against the hand case
// and, on a scenario with every service kind, against the replication's own
// measures, which they must reproduce row by row.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "sim/model/simulation.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

using model::FixedAdmission;
using model::PatientRecord;
using model::Reason;

double sum_of_reasons(const PatientRecord& row) {
  return std::accumulate(row.delayed_days_by_reason.begin(), row.delayed_days_by_reason.end(), 0.0);
}

// The Friday-evening patient of the hand cases: fit 17:00, assessed Monday 09:00.
TEST(PatientRecords, HandCaseGivesOneRowWithItsDelayByReason) {
  Scenario s = weekday_assessment_scenario();
  s.fixed_admissions = {FixedAdmission{4 + 10 * kHour, 0, 7 * kHour}};
  model::PreparedScenario prepared(std::move(s));
  std::vector<PatientRecord> rows;
  model::simulate(prepared, 1, 0, &rows);

  ASSERT_EQ(rows.size(), 1u);
  const PatientRecord& row = rows[0];
  EXPECT_EQ(row.patient, 0u);
  EXPECT_EQ(row.cohort, 0u);
  EXPECT_EQ(row.pathway, model::Pathway::P1);
  EXPECT_DOUBLE_EQ(row.admitted, 4 + 10 * kHour);
  EXPECT_NEAR(row.mffd, 4 + 17 * kHour, 1e-12);
  EXPECT_NEAR(row.delay_days, 2 + 16 * kHour, 1e-9);
  EXPECT_NEAR(row.left_acute, 7 + 9 * kHour, 1e-9);  // Monday 09:00
  EXPECT_NEAR(row.delayed_days_by_reason[static_cast<int>(Reason::A)], 2 + 16 * kHour, 1e-9);
  EXPECT_NEAR(sum_of_reasons(row), row.delay_days, 1e-9);
}

// With a warm-up, sampled admissions and every service kind: the rows of
// discharges reproduce discharges, delay_days_mean and the discharges by
// pathway; each row's reasons add up to its delay; the rows of patients still
// in hospital number in_hospital_at_end; and logging changes no result.
TEST(PatientRecords, RowsReproduceTheMeasures) {
  const model::PreparedScenario prepared(mixed_scenario());
  for (std::uint32_t rep = 0; rep < 3; ++rep) {
    SCOPED_TRACE("replication " + std::to_string(rep));
    std::vector<PatientRecord> rows;
    const auto logged = model::simulate(prepared, 77, rep, &rows);
    const auto plain = model::simulate(prepared, 77, rep);
    ASSERT_EQ(logged.measures.size(), plain.measures.size());
    for (std::size_t m = 0; m < plain.measures.size(); ++m)
      EXPECT_EQ(logged.measures[m].value, plain.measures[m].value) << plain.measures[m].name;

    double discharged = 0, in_hospital = 0, delay_total = 0;
    std::array<double, model::kPathwayCount> by_pathway{};
    bool discharges_come_first = true;
    for (const PatientRecord& row : rows) {
      if (std::isnan(row.left_acute)) {
        ++in_hospital;
        EXPECT_TRUE(std::isnan(row.delay_days));
        continue;
      }
      discharges_come_first = discharges_come_first && in_hospital == 0;
      ++discharged;
      delay_total += row.delay_days;
      by_pathway[static_cast<int>(row.pathway)] += 1;
      EXPECT_GE(row.left_acute, 0);
      EXPECT_LE(row.admitted, row.left_acute);
      EXPECT_NEAR(row.delay_days, std::max(0.0, row.left_acute - row.mffd), 1e-12);
      EXPECT_NEAR(sum_of_reasons(row), row.delay_days, 1e-9) << "patient " << row.patient;
    }
    EXPECT_TRUE(discharges_come_first);
    EXPECT_EQ(discharged, measure(plain, "discharges"));
    EXPECT_EQ(in_hospital, measure(plain, "in_hospital_at_end"));
    EXPECT_NEAR(delay_total / discharged, measure(plain, "delay_days_mean"), 1e-9);
    for (int pw = 0; pw < model::kPathwayCount; ++pw)
      EXPECT_EQ(by_pathway[pw], measure(plain, std::string("discharges.pathway.") + model::pathway_code(static_cast<model::Pathway>(pw))));
  }
}

}  // namespace
}  // namespace homeward::testing
