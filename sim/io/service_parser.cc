#include "sim/io/service_parser.h"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/io/parser_common.h"
#include "sim/io/scenario_values.h"
#include "sim/io/service_costs_parser.h"

namespace homeward::io::parser {
namespace {

// "changes": [{"from": "YYYY-MM-DD", capacity keys of the kind...}, ...]. Each
// phase carries forward what it does not name; from_day holds the date as days
// since 1970 until resolve_service_phases knows the start date.
void read_changes(const json& value, const std::string& pointer, model::ServiceConfig& service, ProblemSink& sink) {
  if (!value.is_array() || value.empty()) {
    sink.add(pointer, "a non-empty array of {\"from\": \"YYYY-MM-DD\", ...}", describe_json(value));
    return;
  }
  model::ServicePhase current{0, service.schedule, service.beds, service.slots, service.visits_capacity_per_day};
  for (std::size_t i = 0; i < value.size(); ++i) {
    ObjectReader c(value[i], child_pointer(pointer, i), sink, "an object {\"from\": \"YYYY-MM-DD\", ...}");
    if (!c.valid()) continue;
    c.set_context("of a capacity change of this kind of service");
    if (const json* v = c.required("from", "a date \"YYYY-MM-DD\""))
      if (auto date = read_date(*v, c.at("from"), sink))
        current.from_day = static_cast<double>(date->time_since_epoch().count());
    if (const json* v = c.optional("schedule"))
      if (auto schedule = read_schedule(*v, c.at("schedule"), true, sink)) current.schedule = std::move(*schedule);
    switch (service.kind) {
      case model::ServiceKind::beds:
        if (auto beds = c.integer("beds", Bounds::at_least(0, kAbsurdBeds), false)) current.beds = static_cast<int>(*beds);
        break;
      case model::ServiceKind::bridge:
        if (auto slots = c.integer("slots", Bounds::at_least(0, kAbsurdBeds), false))
          current.slots = static_cast<int>(*slots);
        break;
      case model::ServiceKind::package:
        if (auto visits = c.number("visits_capacity_per_day", Bounds::above(0, kAbsurdVisitCapacity), false))
          current.visits_capacity_per_day = *visits;
        break;
      default: break;
    }
    c.finish();
    service.phases.push_back(current);
  }
}

std::optional<model::ServiceConfig> read_service(const std::string& name, const json& value,
                                                 const std::string& pointer, ProblemSink& sink) {
  ObjectReader r(value, pointer, sink, "an object (a service)");
  if (!r.valid()) return std::nullopt;
  const std::size_t before = sink.count();
  static const std::vector<std::string> kinds = {"assessment", "package", "beds", "delay", "bridge"};
  model::ServiceConfig service;
  service.name = name;
  std::optional<std::size_t> kind;
  if (const json* k = r.required("kind", fmt::format("a service kind (one of {})", fmt::join(kinds, ", "))))
    kind = check_choice(*k, r.at("kind"), "a service kind", kinds, sink);
  if (const json* v = r.required("reason", "a DToC reason"))
    if (auto reason = read_reason(*v, r.at("reason"), sink)) service.reason = *reason;
  if (const json* v = r.required("agency", "an agency"))
    if (auto agency = read_agency(*v, r.at("agency"), sink)) service.agency = *agency;
  if (!kind) {
    r.skip_unknown_keys();  // which keys belong depends on the kind
    return std::nullopt;
  }
  service.kind = static_cast<model::ServiceKind>(*kind);
  r.set_context(fmt::format("of a service of kind \"{}\"", kinds[*kind]));

  auto read_duration = [&](std::string_view key) {
    if (const json* v = r.required(key, "a distribution object {\"dist\": ...}"))
      if (auto d = read_distribution(*v, r.at(key), sink)) service.duration_days = std::move(*d);
  };
  auto read_schedule_key = [&] {
    if (const json* v = r.required("schedule", "an array of schedule rules"))
      if (auto s = read_schedule(*v, r.at("schedule"), true, sink)) service.schedule = std::move(*s);
  };
  auto read_cost = [&](std::string_view key, double& out) {
    r.number_or_default(key, Bounds::at_least(0, kAbsurdMoney), out);
  };
  auto read_complexity_scaling = [&] { r.boolean_or_default("scales_with_complexity", service.scales_with_complexity); };

  switch (service.kind) {
    case model::ServiceKind::assessment:
      read_schedule_key();
      read_duration("duration_days");
      read_complexity_scaling();
      read_cost("cost_per_episode", service.cost_per_episode);
      if (const json* v = r.optional("trusted_assessor")) {
        ObjectReader t(*v, r.at("trusted_assessor"), sink, "an object {\"service\", \"acceptance_probability\"}");
        if (t.valid()) {
          if (const json* team = t.required("service", "the name of an assessment service"))
            if (auto name = check_name(*team, t.at("service"), "a service name", sink)) service.trusted_assessor = *name;
          if (auto p = t.number("acceptance_probability", Bounds::closed(0, 1), true))
            service.acceptance_probability = *p;
          t.finish();
        }
      }
      break;
    case model::ServiceKind::package: {
      read_schedule_key();
      read_duration("length_of_care_days");
      read_complexity_scaling();
      const auto capacity = r.number_or_default("visits_capacity_per_day", Bounds::above(0, kAbsurdVisitCapacity),
                                                service.visits_capacity_per_day);
      const json* visits = capacity || r.has("visits_capacity_per_day")
                               ? r.required("visits_per_day", "{\"initial\", \"final\"} visits per day per client "
                                                              "(required with visits_capacity_per_day)")
                               : r.optional("visits_per_day");
      if (visits != nullptr) {
        ObjectReader v(*visits, r.at("visits_per_day"), sink, "an object {\"initial\", \"final\"}");
        const auto initial = v.number("initial", Bounds::at_least(0, kAbsurdVisitsPerClient), true);
        const auto final = v.number("final", Bounds::at_least(0, kAbsurdVisitsPerClient), true);
        if (initial && final && *final > *initial) {
          sink.add(v.at("final"), fmt::format("a number <= initial ({})", format_number(*initial)),
                   format_number(*final));
        }
        if (initial && capacity && *initial > *capacity) {
          // A package starts only when its initial visits fit; this one never would.
          sink.add(v.at("initial"),
                   fmt::format("a number <= visits_capacity_per_day ({})", format_number(*capacity)),
                   format_number(*initial));
        }
        if (initial) service.initial_visits_per_day = *initial;
        if (final) service.final_visits_per_day = *final;
      }
      read_cost("cost_per_visit", service.cost_per_visit);
      read_cost("cost_per_day", service.cost_per_day);
      read_cost("cost_per_episode", service.cost_per_episode);
      break;
    }
    case model::ServiceKind::beds:
      if (auto beds = r.integer("beds", Bounds::at_least(1, kAbsurdBeds), true))
        service.beds = static_cast<int>(*beds);
      if (auto occupied = r.integer_or_default("initial_occupied", Bounds::at_least(0, kAbsurdBeds),
                                               service.initial_occupied)) {
        if (service.beds > 0 && *occupied > service.beds)
          sink.add(r.at("initial_occupied"), fmt::format("at most beds ({})", service.beds), std::to_string(*occupied));
      }
      read_schedule_key();
      read_duration("length_of_stay_days");
      read_complexity_scaling();
      read_cost("cost_per_day", service.cost_per_day);
      read_cost("cost_per_episode", service.cost_per_episode);
      break;
    case model::ServiceKind::bridge: {
      if (auto slots = r.integer("slots", Bounds::at_least(0, kAbsurdBeds), true)) service.slots = static_cast<int>(*slots);
      r.number_or_default("eligible_share", Bounds::closed(0, 1), service.eligible_share);
      r.number_or_default("max_complexity", Bounds::above(0, 1e6), service.max_complexity);
      read_schedule_key();
      read_duration("response_days");
      if (auto max = r.number("max_days", Bounds::above(0, kAbsurdDays), true)) service.max_days = *max;
      if (const json* v = r.required("bridges", "an array of package service names")) {
        if (!v->is_array() || v->empty()) {
          sink.add(r.at("bridges"), "a non-empty array of package service names", describe_json(*v));
        } else {
          for (std::size_t i = 0; i < v->size(); ++i)
            if (auto name = check_name((*v)[i], child_pointer(r.at("bridges"), i), "a service name", sink))
              service.bridges.push_back(*name);
        }
      }
      static const std::vector<std::string> policies = {"extend", "readmit"};
      r.note_default("overrun", {{"policy", policies[static_cast<std::size_t>(service.overrun)]}});
      if (const json* v = r.optional("overrun")) {
        ObjectReader o(*v, r.at("overrun"), sink, "an object {\"policy\", \"readmission_probability\"}");
        if (o.valid()) {
          if (const json* policy = o.required("policy", "an overrun policy (extend or readmit)"))
            if (auto k = check_choice(*policy, o.at("policy"), "an overrun policy", policies, sink))
              service.overrun = static_cast<model::OverrunPolicy>(*k);
          if (service.overrun == model::OverrunPolicy::readmit) {
            if (auto p = o.number("readmission_probability", Bounds::closed(0, 1), true))
              service.readmission_probability = *p;
          }
          o.finish();
        }
      }
      read_cost("cost_per_day", service.cost_per_day);
      read_cost("cost_per_episode", service.cost_per_episode);
      break;
    }
    case model::ServiceKind::delay:
      r.number_or_default("probability", Bounds::closed(0, 1), service.probability);
      read_duration("duration_days");
      read_complexity_scaling();
      r.boolean_or_default("alongside", service.alongside);
      // Not a queue: it never waits for a window, so it is always open.
      service.schedule = engine::WeeklySchedule::always_open();
      break;
  }
  read_staffed_costs(r, service, sink);
  if (service.kind != model::ServiceKind::delay) {
    if (const json* v = r.optional("changes")) read_changes(*v, r.at("changes"), service, sink);
    check_staffed_starts(service, pointer, sink);
  }
  r.finish();
  if (sink.count() != before) return std::nullopt;
  return service;
}

}  // namespace

void read_services(const json& value, const std::set<std::string>& exits, model::Scenario& scenario,
                   ProblemSink& sink) {
  if (!value.is_object()) {
    sink.add("/services", "an object mapping service names to services", describe_json(value));
    return;
  }
  for (const auto& [name, body] : value.items()) {
    if (is_comment(name, body, "/services", sink)) continue;
    const std::string pointer = child_pointer("/services", name);
    if (is_pathway_name(name)) {
      sink.add(pointer, "a service name other than the pathways P0..P3", json_quoted(name));
    } else if (!is_valid_name(name)) {
      sink.add(pointer, "a service name matching ^[a-z][a-z0-9_]*$", json_quoted(name));
    } else if (exits.contains(name)) {
      sink.add(pointer, "a service name that is not also an exit", json_quoted(name));
    }
    if (auto service = read_service(name, body, pointer, sink)) scenario.services.push_back(std::move(*service));
  }
}

void resolve_service_phases(model::Scenario& scenario, ProblemSink& sink) {
  const double start = static_cast<double>(scenario.start_date.time_since_epoch().count());
  for (auto& service : scenario.services) {
    for (std::size_t i = 0; i < service.phases.size(); ++i) {
      service.phases[i].from_day -= start;
      if (i > 0 && !(service.phases[i].from_day > service.phases[i - 1].from_day))
        sink.add(child_pointer(child_pointer(child_pointer(child_pointer("/services", service.name), "changes"), i), "from"),
                 "a date after the previous change's", "the same date or an earlier one");
    }
  }
}

// References between services (bridges, trusted assessors, home first's later
// service) name services of the right kind.
void check_service_references(const model::Scenario& scenario, ProblemSink& sink) {
  auto kind_of = [&](const std::string& name) -> std::optional<model::ServiceKind> {
    for (const auto& s : scenario.services)
      if (s.name == name) return s.kind;
    return std::nullopt;
  };
  std::map<std::string, std::string> bridged_by;
  for (const auto& s : scenario.services) {
    const std::string pointer = child_pointer("/services", s.name);
    for (std::size_t i = 0; i < s.bridges.size(); ++i) {
      const auto kind = kind_of(s.bridges[i]);
      if (kind != model::ServiceKind::package)
        sink.add(child_pointer(child_pointer(pointer, "bridges"), i), "the name of a package service",
                 json_quoted(s.bridges[i]));
      else if (!bridged_by.emplace(s.bridges[i], s.name).second)
        sink.add(child_pointer(child_pointer(pointer, "bridges"), i), "a package bridged by one bridge only",
                 json_quoted(s.bridges[i]) + " is also bridged by " + json_quoted(bridged_by[s.bridges[i]]));
    }
    if (!s.trusted_assessor.empty()) {
      const auto kind = kind_of(s.trusted_assessor);
      if (kind != model::ServiceKind::assessment || s.trusted_assessor == s.name)
        sink.add(child_pointer(child_pointer(pointer, "trusted_assessor"), "service"),
                 "the name of another assessment service", json_quoted(s.trusted_assessor));
    }
  }
  for (std::size_t i = 0; i < scenario.discharge_window.exempt_exits.size(); ++i) {
    const std::string& name = scenario.discharge_window.exempt_exits[i];
    if (std::find(scenario.exits.begin(), scenario.exits.end(), name) == scenario.exits.end())
      sink.add(child_pointer("/discharge_window/exempt_exits", i), "the name of an exit", json_quoted(name));
  }
  const auto& later = scenario.home_first.later_service;
  if (!later.empty() && !kind_of(later))
    sink.add("/home_first/later_service", "the name of a service", json_quoted(later));
}

}  // namespace homeward::io::parser
