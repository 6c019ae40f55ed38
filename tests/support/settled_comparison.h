// Settled stays against the event path they replace (sim/model/replication_settled.cc):
// one replication run both ways on the same patients, and the check that the two
// tell the same story. Used by tests/model/settled_stays_test.cc (hand-made
// scenarios) and tests/io/settled_shipped_scenarios_test.cc (the shipped ones).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "sim/model/prepared_scenario.h"
#include "sim/model/replication.h"

namespace homeward::testing {

using model::PatientRecord;

struct Outcome {
  model::ReplicationResult result;
  std::vector<PatientRecord> records;
  std::uint64_t settled = 0;  // stays settled at admission
};

inline Outcome run_with(const model::PreparedScenario& prepared, std::uint32_t replication, bool settle) {
  Outcome run;
  model::detail::Replication r(prepared, 11, replication, &run.records);
  r.settle_at_admission(settle);
  run.result = r.run();
  run.settled = r.settled_stays();
  std::sort(run.records.begin(), run.records.end(), [](const PatientRecord& a, const PatientRecord& b) {
    return std::tie(a.patient, a.admitted) < std::tie(b.patient, b.admitted);
  });
  return run;
}

inline bool same_time(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// Sums of many delays added in another order differ in the last bits only.
inline void expect_close(double a, double b, const std::string& what) {
  EXPECT_NEAR(a, b, 1e-9 * std::max(1.0, std::abs(b))) << what;
}

inline void expect_same_story(const Outcome& settled, const Outcome& events) {
  ASSERT_EQ(settled.result.measures.size(), events.result.measures.size());
  for (std::size_t i = 0; i < events.result.measures.size(); ++i) {
    ASSERT_EQ(settled.result.measures[i].name, events.result.measures[i].name);
    expect_close(settled.result.measures[i].value, events.result.measures[i].value, events.result.measures[i].name);
  }
  ASSERT_EQ(settled.result.months.size(), events.result.months.size());
  for (std::size_t m = 0; m < events.result.months.size(); ++m) {
    const model::MonthResult& a = settled.result.months[m];
    const model::MonthResult& b = events.result.months[m];
    SCOPED_TRACE("month " + std::to_string(m));
    // Counts of patients at midnights and of admissions and discharges: exact.
    for (std::size_t k = 0; k < b.delayed_days.size(); ++k) {
      EXPECT_EQ(a.delayed_days[k], b.delayed_days[k]) << "attribution " << k;
      EXPECT_EQ(a.snapshot[k], b.snapshot[k]) << "attribution " << k;
    }
    EXPECT_EQ(a.admissions, b.admissions);
    EXPECT_EQ(a.discharges, b.discharges);
    EXPECT_EQ(a.discharges_by_delay, b.discharges_by_delay);
    EXPECT_EQ(a.delay_days_by_delay, b.delay_days_by_delay);
    expect_close(a.delayed_bed_days, b.delayed_bed_days, "delayed bed days");
    expect_close(a.acute_bed_days, b.acute_bed_days, "acute bed days");
  }
  ASSERT_EQ(settled.records.size(), events.records.size());
  for (std::size_t i = 0; i < events.records.size(); ++i) {
    const PatientRecord& a = settled.records[i];
    const PatientRecord& b = events.records[i];
    SCOPED_TRACE("patient " + std::to_string(b.patient));
    ASSERT_EQ(a.patient, b.patient);
    EXPECT_EQ(a.cohort, b.cohort);
    EXPECT_EQ(a.pathway, b.pathway);
    EXPECT_EQ(a.admitted, b.admitted);
    EXPECT_EQ(a.mffd, b.mffd);
    EXPECT_TRUE(same_time(a.left_acute, b.left_acute)) << a.left_acute << " against " << b.left_acute;
    EXPECT_TRUE(same_time(a.delay_days, b.delay_days)) << a.delay_days << " against " << b.delay_days;
    for (std::size_t k = 0; k < b.delayed_days_by_reason.size(); ++k)
      EXPECT_EQ(a.delayed_days_by_reason[k], b.delayed_days_by_reason[k]) << "reason " << k;
  }
}

}  // namespace homeward::testing
