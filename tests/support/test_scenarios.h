// Small scenarios built in C++ for tests whose answers can be computed by hand
// or from queueing theory.
#pragma once

#include <chrono>
#include <string>

#include "sim/model/measure_recorder.h"
#include "sim/model/prepared_scenario.h"
#include "sim/model/replication_result.h"
#include "sim/model/scenario.h"
#include "sim/model/simulation.h"

namespace homeward::testing {

using namespace std::chrono;
using engine::ScheduleWindow;
using engine::WeeklySchedule;
using model::Scenario;
using model::ServiceConfig;
using model::ServiceKind;

constexpr double kHour = 1.0 / 24.0;

// One replication (seed 1, replication 0) of a small scenario.
inline model::ReplicationResult run_once(Scenario s) {
  model::PreparedScenario prepared(std::move(s));
  return model::simulate(prepared, 1, 0);
}

// 2019-04-01 was a Monday; day d of the scenario is 2019-04-01 + d.
inline Scenario empty_scenario(int duration_days = 28) {
  Scenario s;
  s.name = "test";
  s.start_date = sys_days(year{2019} / April / 1);
  s.duration_days = duration_days;
  s.exits = {"home"};
  s.cohorts = {model::Cohort{"everyone", 1.0, model::Pathway::P1, engine::Distribution::constant(1)}};
  return s;
}

inline WeeklySchedule weekday_hours(double from_hour, double to_hour, std::int64_t quota) {
  WeeklySchedule schedule;
  for (int d = 0; d < 5; ++d) schedule.set_day(d, {ScheduleWindow{from_hour, to_hour, quota}});
  return schedule;
}

inline ServiceConfig service(std::string name, ServiceKind kind, model::Reason reason, model::Agency agency) {
  ServiceConfig c;
  c.name = std::move(name);
  c.kind = kind;
  c.reason = reason;
  c.agency = agency;
  c.schedule = WeeklySchedule::always_open();
  return c;
}

// Two weeks of P1 patients who need one social work assessment (reason A,
// Monday to Friday 9-17, ten a day, taking no time) and then go home.
inline Scenario weekday_assessment_scenario() {
  Scenario s = empty_scenario(14);
  ServiceConfig assessment = service("social_work", ServiceKind::assessment, model::Reason::A, model::Agency::social_care);
  assessment.schedule = weekday_hours(9, 17, 10);
  s.services = {assessment};
  s.transitions = {{"P1", "social_work", 1}, {"social_work", "home", 1}};
  return s;
}

inline double measure(const model::ReplicationResult& r, const std::string& name) {
  for (const auto& m : r.measures)
    if (m.name == name) return m.value;
  throw std::runtime_error("no measure " + name);
}

inline bool has_measure(const model::ReplicationResult& r, const std::string& name) {
  for (const auto& m : r.measures)
    if (m.name == name) return true;
  return false;
}

// A small system with every service kind, weekday capacity and sampled
// admissions (about 25 a day), for conservation and lever tests.
inline Scenario mixed_scenario() {
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
  ServiceConfig assess = service("assessment", ServiceKind::assessment, model::Reason::A, model::Agency::social_care);
  assess.schedule = weekday_hours(9, 17, 9);
  assess.duration_days = engine::Distribution::constant(0.1);
  ServiceConfig care = service("home_care", ServiceKind::package, model::Reason::E, model::Agency::social_care);
  care.schedule = weekday_hours(8, 18, 10);
  care.duration_days = engine::Distribution::gamma_from_mean_sd(30, 15);
  care.visits_capacity_per_day = 500;
  care.initial_visits_per_day = 3;
  care.final_visits_per_day = 2;
  care.cost_per_visit = 20;
  ServiceConfig step = service("step_down", ServiceKind::beds, model::Reason::C, model::Agency::nhs);
  step.beds = 45;
  step.duration_days = engine::Distribution::lognormal_from_mean_sd(14, 8);
  step.cost_per_day = 150;
  ServiceConfig home = service("residential_home", ServiceKind::beds, model::Reason::D_i, model::Agency::social_care);
  home.beds = 40;
  home.schedule = weekday_hours(10, 16, 3);
  home.duration_days = engine::Distribution::exponential(20);
  ServiceConfig choice = service("choice", ServiceKind::delay, model::Reason::G, model::Agency::both);
  choice.probability = 0.4;
  choice.duration_days = engine::Distribution::exponential(3);
  s.services = {assess, care, step, home, choice};
  s.exits = {"home", "care_home", "died"};
  s.transitions = {{"P0", "home", 1},
                   {"P1", "assessment", 1},
                   {"P2", "step_down", 1},
                   {"P3", "choice", 1},
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

}  // namespace homeward::testing
