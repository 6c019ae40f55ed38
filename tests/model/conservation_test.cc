// Conservation laws that every replication must satisfy, on a scenario that
// uses every service kind, weekday capacity, a warm-up and sampled admissions.
#include <gtest/gtest.h>

#include "sim/model/simulation.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

TEST(Conservation, PatientsAndDelayedDaysAddUp) {
  model::PreparedScenario prepared(mixed_scenario());
  for (std::uint32_t rep = 0; rep < 5; ++rep) {
    const auto r = model::simulate(prepared, 77, rep);
    SCOPED_TRACE("replication " + std::to_string(rep));
    EXPECT_EQ(measure(r, "in_hospital_at_start") + measure(r, "admissions") + measure(r, "readmissions"),
              measure(r, "discharges") + measure(r, "in_hospital_at_end"));
    EXPECT_GT(measure(r, "in_hospital_at_start"), 0);  // the warm-up filled the hospital

    const double delayed = measure(r, "delayed_bed_days");
    EXPECT_GT(delayed, 0);
    double by_reason = 0, by_agency = 0, by_pathway = 0, by_month = 0, acute_by_month = 0;
    for (const char* code : {"A", "C", "D_i", "E", "G", "O"}) by_reason += measure(r, std::string("delayed_bed_days.reason.") + code);
    for (const char* code : {"nhs", "social_care", "both"}) by_agency += measure(r, std::string("delayed_bed_days.agency.") + code);
    for (const char* code : {"P0", "P1", "P2", "P3"}) by_pathway += measure(r, std::string("delayed_bed_days.pathway.") + code);
    for (const auto& m : r.months) {
      by_month += m.delayed_bed_days;
      acute_by_month += m.acute_bed_days;
    }
    EXPECT_NEAR(by_reason, delayed, 1e-6 * delayed);
    EXPECT_NEAR(by_agency, delayed, 1e-6 * delayed);
    EXPECT_NEAR(by_pathway, delayed, 1e-6 * delayed);
    EXPECT_NEAR(by_month, delayed, 1e-6 * delayed);
    EXPECT_NEAR(measure(r, "delayed_bed_days.waiting.capacity") + measure(r, "delayed_bed_days.waiting.process"),
                delayed, 1e-6 * delayed);
    EXPECT_NEAR(acute_by_month, measure(r, "acute_bed_days"), 1e-6 * measure(r, "acute_bed_days"));
    // Each service's queue days, month by month, add up to its time-averaged queue over the period.
    const model::Scenario& scenario = prepared.scenario();
    double all_queue_days = 0;
    for (std::size_t s = 0; s < scenario.services.size(); ++s) {
      const std::string name = "service." + scenario.services[s].name + ".queue_mean";
      if (!has_measure(r, name)) continue;
      double queue_days = 0;
      for (const auto& m : r.months) queue_days += m.queue_days.at(s);
      EXPECT_NEAR(queue_days, measure(r, name) * 120, 1e-6 * std::max(1.0, queue_days)) << name;
      all_queue_days += queue_days;
    }
    EXPECT_GT(all_queue_days, 0);  // someone queued, so the check above checked something
    EXPECT_NEAR(measure(r, "acute_occupancy_mean") * 120, measure(r, "acute_bed_days"), 1e-6);
    EXPECT_LE(delayed, measure(r, "acute_bed_days"));

    double by_pathway_discharges = 0;
    for (const char* code : {"P0", "P1", "P2", "P3"}) by_pathway_discharges += measure(r, std::string("discharges.pathway.") + code);
    EXPECT_EQ(by_pathway_discharges, measure(r, "discharges"));
    EXPECT_LE(measure(r, "service.home_care.utilisation"), 1.0 + 1e-9);
    EXPECT_LE(measure(r, "service.step_down.utilisation"), 1.0 + 1e-9);
    EXPECT_LE(measure(r, "service.assessment.utilisation"), 1.0 + 1e-9);
    EXPECT_GE(measure(r, "discharged_within_1_day_share"), 0.0);
    EXPECT_LE(measure(r, "delay_days_p50"), measure(r, "delay_days_p90"));
    EXPECT_LE(measure(r, "delay_days_p90"), measure(r, "delay_days_p95"));
  }
}

TEST(Determinism, SameSeedSameBitsOtherReplicationOtherBits) {
  Scenario s = empty_scenario(60);
  s.admissions.mean_per_weekday.fill(20);
  s.cohorts[0].pathway = model::Pathway::P0;
  s.cohorts[0].time_to_mffd_days = engine::Distribution::exponential(4);
  s.transitions = {{"P0", "home", 1}};
  model::PreparedScenario prepared(std::move(s));
  const auto a = model::simulate(prepared, 5, 3);
  const auto b = model::simulate(prepared, 5, 3);
  const auto c = model::simulate(prepared, 5, 4);
  ASSERT_EQ(a.measures.size(), b.measures.size());
  for (std::size_t i = 0; i < a.measures.size(); ++i) EXPECT_EQ(a.measures[i].value, b.measures[i].value);
  EXPECT_NE(measure(a, "acute_bed_days"), measure(c, "acute_bed_days"));
}

}  // namespace
}  // namespace homeward::testing
