#include "sim/io/service_costs_parser.h"

#include <cmath>
#include <string_view>

#include "sim/io/parser_common.h"
#include "sim/io/scenario_values.h"

namespace homeward::io::parser {
namespace {

// A day's pay at more than ten times the weekday rate is surely a typo.
constexpr double kAbsurdMultiplier = 10;
// A set-up cost is paid once, so it may be far larger than a day's cost.
constexpr double kAbsurdSetupCost = 1e10;
constexpr const char* kMultiplierDays[engine::kDayTypes] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "BankHoliday"};

void read_multipliers(ObjectReader& r, model::ServiceConfig& service, ProblemSink& sink) {
  const json* value = r.optional("staffed_hour_multipliers");
  if (value == nullptr) return;
  ObjectReader m(*value, r.at("staffed_hour_multipliers"), sink,
                 "an object of multipliers by day {\"Sat\": 1.5, \"Sun\": 1.5, \"BankHoliday\": 2}");
  if (!m.valid()) return;
  bool bank_holiday_given = false;
  const Bounds bounds = Bounds::at_least(0, kAbsurdMultiplier);
  for (int d = 0; d < engine::kDayTypes; ++d) {
    if (d == engine::kBankHoliday) {  // no fixed default: Sunday's
      if (auto x = m.number(kMultiplierDays[d], bounds, false)) {
        service.staffed_hour_multiplier[d] = *x;
        bank_holiday_given = true;
      }
    } else {
      m.number_or_default(kMultiplierDays[d], bounds, service.staffed_hour_multiplier[d]);
    }
  }
  // As in schedules, a bank holiday without a rule of its own is a Sunday.
  if (!bank_holiday_given) service.staffed_hour_multiplier[engine::kBankHoliday] = service.staffed_hour_multiplier[6];
  m.finish();
}

}  // namespace

void read_staffed_costs(ObjectReader& r, model::ServiceConfig& service, ProblemSink& sink, bool per_start) {
  if (service.kind == model::ServiceKind::delay) return;
  const auto money = [&](std::string_view key, double& out) {
    r.number_or_default(key, Bounds::at_least(0, kAbsurdMoney), out);
  };
  money("cost_per_staffed_hour", service.cost_per_staffed_hour);
  // A bridge's capacity is its slots, paid by the slot day.
  if (per_start && service.kind != model::ServiceKind::bridge)
    money("cost_per_staffed_start", service.cost_per_staffed_start);
  read_multipliers(r, service, sink);
  switch (service.kind) {
    case model::ServiceKind::beds: money("cost_per_staffed_bed_day", service.cost_per_staffed_bed_day); break;
    case model::ServiceKind::bridge: money("cost_per_staffed_slot_day", service.cost_per_staffed_slot_day); break;
    case model::ServiceKind::package:
      money("cost_per_staffed_visit", service.cost_per_staffed_visit);
      if (r.has("cost_per_staffed_visit") && !r.has("visits_capacity_per_day"))
        sink.add(r.at("cost_per_staffed_visit"),
                 "visits_capacity_per_day beside it (an unlimited capacity cannot be paid for by the visit)",
                 "no visits_capacity_per_day");
      break;
    case model::ServiceKind::assessment:
    case model::ServiceKind::delay: break;
  }
  r.number_or_default("setup_cost", Bounds::at_least(0, kAbsurdSetupCost), service.setup_cost);
  if (auto x = r.number("setup_spread_over_days", Bounds::above(0, kAbsurdDays), false))
    service.setup_spread_over_days = *x;
}

void check_staffed_starts(const model::ServiceConfig& service, const std::string& pointer, ProblemSink& sink) {
  if (!(service.cost_per_staffed_start > 0)) return;
  const auto unlimited = [](const engine::WeeklySchedule& schedule) {
    for (int d = 0; d < engine::kDayTypes; ++d)
      for (const engine::ScheduleWindow& w : schedule.day(d))
        if (w.quota == engine::WeeklySchedule::kUnlimited) return true;
    return false;
  };
  bool any = unlimited(service.schedule);
  for (const model::ServicePhase& phase : service.phases) any = any || unlimited(phase.schedule);
  if (any)
    sink.add(child_pointer(pointer, "cost_per_staffed_start"),
             "schedules whose every window gives starts (an unlimited window cannot be paid for by the start)",
             "a window without starts");
}

void read_other_costs(const json& value, model::Scenario& scenario, ProblemSink& sink) {
  if (!value.is_object()) {
    sink.add("/other_costs", "an object mapping names to costs {\"schedule\", \"cost_per_staffed_hour\", ...}",
             describe_json(value));
    return;
  }
  for (const auto& [name, body] : value.items()) {
    if (is_comment(name, body, "/other_costs", sink)) continue;
    const std::string pointer = child_pointer("/other_costs", name);
    if (!is_valid_name(name)) sink.add(pointer, "a name matching ^[a-z][a-z0-9_]*$", json_quoted(name));
    ObjectReader r(body, pointer, sink, "an object {\"schedule\", \"cost_per_staffed_hour\", ...}");
    if (!r.valid()) continue;
    r.set_context("of an other cost");
    model::ServiceConfig cost;
    cost.name = name;
    cost.kind = model::ServiceKind::assessment;  // staffed hours and set-up only
    if (const json* v = r.required("schedule", "an array of schedule rules (the staffed hours)"))
      if (auto s = read_schedule(*v, r.at("schedule"), true, sink)) cost.schedule = std::move(*s);
    read_staffed_costs(r, cost, sink, false);
    r.finish();
    scenario.other_costs.push_back(std::move(cost));
  }
}

}  // namespace homeward::io::parser
