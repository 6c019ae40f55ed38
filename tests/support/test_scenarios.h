// Small scenarios built in C++ for tests whose answers can be computed by hand
// or from queueing theory.
#pragma once

#include <chrono>
#include <string>

#include "sim/model/measure_recorder.h"
#include "sim/model/prepared_scenario.h"
#include "sim/model/replication_result.h"
#include "sim/model/scenario.h"

namespace homeward::testing {

using namespace std::chrono;
using engine::ScheduleWindow;
using engine::WeeklySchedule;
using model::Scenario;
using model::ServiceConfig;
using model::ServiceKind;

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

}  // namespace homeward::testing
