#include "sim/model/service_costs.h"

#include <algorithm>
#include <cmath>

#include "sim/model/service_capacity.h"

namespace homeward::model {

ServiceCost& ServiceCost::operator+=(const ServiceCost& other) {
  staffed += other.staffed;
  use += other.use;
  setup += other.setup;
  return *this;
}

namespace {

// Σ over the days of the measured period of (the day type's sum of
// `per_window` over the windows of the schedule in force) × the day's
// staffed-hour multiplier: staffed hours and offered starts are paid alike.
template <typename PerWindow>
double weighted_by_day(const ServiceConfig& config, const engine::Calendar& calendar, int duration_days,
                       PerWindow per_window) {
  double total = 0;
  // Each schedule in force (capacity changes from dates) over its own days.
  for_each_schedule(config, duration_days, [&](const engine::WeeklySchedule& schedule, std::int64_t first,
                                               std::int64_t end) {
    // Sums by day type first, so the calendar is walked once with no inner loop.
    std::array<double, engine::kDayTypes> by_type{};
    for (int d = 0; d < engine::kDayTypes; ++d)
      for (const engine::ScheduleWindow& w : schedule.day(d)) by_type[d] += per_window(w);
    for (std::int64_t day = first; day < end; ++day) {
      const int type = calendar.day_type(day);
      total += by_type[type] * config.staffed_hour_multiplier[type];
    }
  });
  return total;
}

}  // namespace

double weighted_open_hours(const ServiceConfig& config, const engine::Calendar& calendar, int duration_days) {
  return weighted_by_day(config, calendar, duration_days, [](const engine::ScheduleWindow& w) {
    return w.quota > 0 ? w.to_hour - w.from_hour : 0.0;
  });
}

double weighted_offered_starts(const ServiceConfig& config, const engine::Calendar& calendar, int duration_days) {
  return weighted_by_day(config, calendar, duration_days, [](const engine::ScheduleWindow& w) {
    return w.quota > 0 && w.quota != engine::WeeklySchedule::kUnlimited ? static_cast<double>(w.quota) : 0.0;
  });
}

ServiceCost service_cost(const ServiceConfig& c, const ServiceUse& use, const engine::Calendar& calendar,
                         int duration_days) {
  ServiceCost cost;
  if (c.kind == ServiceKind::delay) return cost;
  const double days = duration_days;
  if (c.cost_per_staffed_hour > 0) cost.staffed += c.cost_per_staffed_hour * weighted_open_hours(c, calendar, duration_days);
  if (c.cost_per_staffed_start > 0)
    cost.staffed += c.cost_per_staffed_start * weighted_offered_starts(c, calendar, duration_days);
  cost.use = c.cost_per_episode * use.starts;
  switch (c.kind) {
    case ServiceKind::beds:
      cost.staffed += c.cost_per_staffed_bed_day * capacity_days(c, days);
      cost.use += c.cost_per_day * use.occupied_days;
      break;
    case ServiceKind::bridge:
      cost.staffed += c.cost_per_staffed_slot_day * capacity_days(c, days);
      cost.use += c.cost_per_day * use.occupied_days;
      break;
    case ServiceKind::package:
      // An unlimited capacity has no staffed cost (the parser refuses the pair).
      if (c.cost_per_staffed_visit > 0 && std::isfinite(capacity_days(c, days)))
        cost.staffed += c.cost_per_staffed_visit * capacity_days(c, days);
      cost.use += c.cost_per_day * use.client_days + c.cost_per_visit * use.visit_days;
      break;
    case ServiceKind::assessment:
    case ServiceKind::delay: break;
  }
  if (c.setup_cost > 0) {
    const double spread = c.setup_spread_over_days > 0 ? c.setup_spread_over_days : days;
    cost.setup = c.setup_cost * std::min(1.0, days / spread);
  }
  return cost;
}

ServiceCost record_other_costs(MeasureRecorder& recorder, const Scenario& scenario, const engine::Calendar& calendar) {
  ServiceCost total;
  for (const ServiceConfig& c : scenario.other_costs) {
    const ServiceCost cost = service_cost(c, {}, calendar, scenario.duration_days);
    record_cost(recorder, measure::kOtherCostFamily, c.name, cost);
    total += cost;
  }
  return total;
}

void record_cost(MeasureRecorder& recorder, const measure::CostFamily& family, std::string_view member,
                 const ServiceCost& cost) {
  recorder.add(*family[0], member, cost.total());
  recorder.add(*family[1], member, cost.staffed);
  recorder.add(*family[2], member, cost.use);
  recorder.add(*family[3], member, cost.setup);
}

}  // namespace homeward::model
