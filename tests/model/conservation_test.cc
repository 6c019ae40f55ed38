// Conservation laws that every replication must satisfy, on a scenario that
// uses every service kind, weekday capacity, a warm-up and sampled admissions.
#include <gtest/gtest.h>

#include "sim/model/simulation.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

using model::Agency;
using model::Reason;

Scenario mixed_scenario() {
  Scenario s = empty_scenario(120);
  s.warmup_days = 30;
  s.admissions.mean_per_weekday = {30, 28, 28, 27, 26, 18, 16};
  s.discharge_window.schedule = WeeklySchedule::always_open();
  s.discharge_window.schedule.set_day(5, {engine::ScheduleWindow{10, 16, WeeklySchedule::kUnlimited}});
  s.discharge_window.schedule.set_day(6, {});
  s.cohorts = {
      {"minor", 0.7, model::Pathway::P0, engine::Distribution::lognormal_from_mean_sd(3, 3)},
      {"home_care", 0.15, model::Pathway::P1, engine::Distribution::lognormal_from_mean_sd(8, 6)},
      {"step_down", 0.1, model::Pathway::P2, engine::Distribution::lognormal_from_mean_sd(10, 7)},
      {"care_home", 0.05, model::Pathway::P3, engine::Distribution::lognormal_from_mean_sd(12, 8)},
  };
  ServiceConfig assess = service("assessment", ServiceKind::assessment, Reason::A, Agency::social_care);
  assess.schedule = weekday_hours(9, 17, 5);
  assess.duration_days = engine::Distribution::constant(0.1);
  ServiceConfig care = service("home_care", ServiceKind::package, Reason::E, Agency::social_care);
  care.schedule = weekday_hours(8, 18, 4);
  care.duration_days = engine::Distribution::gamma_from_mean_sd(30, 15);
  care.visits_capacity_per_day = 300;
  care.initial_visits_per_day = 3;
  care.final_visits_per_day = 2;
  care.cost_per_visit = 20;
  ServiceConfig step = service("step_down", ServiceKind::beds, Reason::C, Agency::nhs);
  step.beds = 20;
  step.duration_days = engine::Distribution::lognormal_from_mean_sd(14, 8);
  step.cost_per_day = 150;
  ServiceConfig home = service("residential_home", ServiceKind::beds, Reason::D_i, Agency::social_care);
  home.beds = 40;
  home.schedule = weekday_hours(10, 16, 2);
  home.duration_days = engine::Distribution::exponential(200);
  ServiceConfig choice = service("choice", ServiceKind::delay, Reason::G, Agency::both);
  choice.probability = 0.4;
  choice.duration_days = engine::Distribution::exponential(3);
  s.services = {assess, care, step, home, choice};
  s.exits = {"home", "care_home", "died"};
  s.transitions = {{"P0", "home", 1},
                   {"P1", "assessment", 1},
                   {"P2", "step_down", 1},
                   {"P3", "assessment", 1},
                   {"assessment", "home_care", 0.75},
                   {"assessment", "choice", 0.25},
                   {"choice", "residential_home", 1},
                   {"home_care", "home", 1},
                   {"step_down", "home_care", 0.5},
                   {"step_down", "home", 0.45},
                   {"step_down", "died", 0.05},
                   {"residential_home", "care_home", 1}};
  return s;
}

TEST(Conservation, PatientsAndDelayedDaysAddUp) {
  model::PreparedScenario prepared(mixed_scenario());
  for (std::uint32_t rep = 0; rep < 5; ++rep) {
    const auto r = model::simulate(prepared, 77, rep);
    SCOPED_TRACE("replication " + std::to_string(rep));
    EXPECT_EQ(measure(r, "in_hospital_at_start") + measure(r, "admissions"),
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
