// Costs as services are really paid (sim/model/service_costs.h): a service
// with known hours and rates costs exactly what a hand calculation over the
// calendar gives, used or not; per-use costs follow the measured use; set-up
// is the run's share; and the totals add up.
#include "sim/model/service_costs.h"

#include <gtest/gtest.h>

#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

// 2019-04-01 is a Monday; with these bank holidays (Good Friday 19 April,
// Easter Monday 22 April) the 28 days from it hold 18 ordinary weekdays,
// 8 weekend days and 2 bank holidays.
engine::Calendar easter_2019() {
  return engine::Calendar(sys_days(year{2019} / April / 1),
                          {sys_days(year{2019} / April / 19), sys_days(year{2019} / April / 22)});
}

WeeklySchedule every_day(double from_hour, double to_hour, std::int64_t quota) {
  WeeklySchedule s;
  for (int d = 0; d < 7; ++d) s.set_day(d, {ScheduleWindow{from_hour, to_hour, quota}});
  s.set_day(engine::kBankHoliday, {ScheduleWindow{from_hour, to_hour, quota}});
  return s;
}

ServiceConfig team(WeeklySchedule schedule, double per_hour) {
  ServiceConfig c = service("team", ServiceKind::assessment, model::Reason::A, model::Agency::social_care);
  c.schedule = std::move(schedule);
  c.cost_per_staffed_hour = per_hour;
  c.staffed_hour_multiplier = {1, 1, 1, 1, 1, 1.5, 1.5, 2};
  return c;
}

TEST(ServiceCosts, FiveDayTeamPaysItsWeekdayHoursOnly) {
  // Mon-Fri 9-17: 18 ordinary weekdays x 8 h x £100; bank holidays follow
  // Sunday (closed), so Good Friday and Easter Monday cost nothing.
  const auto cost = model::service_cost(team(weekday_hours(9, 17, 5), 100), {}, easter_2019(), 28);
  EXPECT_DOUBLE_EQ(cost.staffed, 18 * 8 * 100.0);
  EXPECT_DOUBLE_EQ(cost.use, 0);
  EXPECT_DOUBLE_EQ(cost.total(), 14400);
}

TEST(ServiceCosts, SevenDayTeamPaysWeekendAndBankHolidayPremiums) {
  // 18 weekdays x 8 h x £100 + 8 weekend days x 8 h x £150 + 2 bank holidays x 8 h x £200.
  const auto cost = model::service_cost(team(every_day(9, 17, 5), 100), {}, easter_2019(), 28);
  EXPECT_DOUBLE_EQ(cost.staffed, 14400 + 9600 + 3200.0);
}

TEST(ServiceCosts, OnlyWindowsThatCanStartSomethingAreStaffed) {
  WeeklySchedule s = weekday_hours(9, 17, 4);
  s.set_day(5, {ScheduleWindow{10, 12, 0}, ScheduleWindow{12, 14, WeeklySchedule::kUnlimited}});
  // Saturdays: the 10-12 window has no starts; 12-14 (unlimited) is staffed at x1.5.
  const auto cost = model::service_cost(team(s, 10), {}, easter_2019(), 28);
  EXPECT_DOUBLE_EQ(cost.staffed, 18 * 8 * 10.0 + 4 * 2 * 15.0);
}

// A cost per start offered pays for capacity that comes in starts: 5 starts
// a day every day, £40 each, with the premiums: 18 weekdays x 5 x £40 +
// 8 weekend days x 5 x £60 + 2 bank holidays x 5 x £80 = 3600 + 2400 + 800.
// Twice the starts cost twice as much; the hours' cost does not move.
TEST(ServiceCosts, EachStartOfferedIsPaidWithItsDaysPremium) {
  ServiceConfig c = team(every_day(9, 17, 5), 0);
  c.cost_per_staffed_start = 40;
  EXPECT_DOUBLE_EQ(model::service_cost(c, {}, easter_2019(), 28).staffed, 3600 + 2400 + 800.0);
  c.schedule = every_day(9, 17, 10);
  EXPECT_DOUBLE_EQ(model::service_cost(c, {}, easter_2019(), 28).staffed, 2 * 6800.0);
  c.cost_per_staffed_hour = 100;  // the hours on top: 27,200 as in the seven-day team above
  EXPECT_DOUBLE_EQ(model::service_cost(c, {}, easter_2019(), 28).staffed, 13600 + 27200.0);
}

TEST(ServiceCosts, CapacityIsPaidPerBedSlotOrVisitEveryDay) {
  const engine::Calendar calendar = easter_2019();
  ServiceConfig beds = service("beds", ServiceKind::beds, model::Reason::C, model::Agency::nhs);
  beds.beds = 12;
  beds.cost_per_staffed_bed_day = 150;
  beds.cost_per_day = 20;
  beds.cost_per_episode = 35;
  const auto b = model::service_cost(beds, {7, 100, 0, 0}, calendar, 28);
  EXPECT_DOUBLE_EQ(b.staffed, 12 * 150 * 28.0);
  EXPECT_DOUBLE_EQ(b.use, 7 * 35 + 100 * 20.0);

  ServiceConfig bridge = service("hart", ServiceKind::bridge, model::Reason::E, model::Agency::social_care);
  bridge.slots = 10;
  bridge.cost_per_staffed_slot_day = 62;
  bridge.cost_per_day = 5;
  EXPECT_DOUBLE_EQ(model::service_cost(bridge, {3, 40, 0, 0}, calendar, 28).total(), 10 * 62 * 28.0 + 40 * 5);

  ServiceConfig package = service("home_care", ServiceKind::package, model::Reason::E, model::Agency::social_care);
  package.visits_capacity_per_day = 660;
  package.cost_per_staffed_visit = 9;
  package.cost_per_visit = 2;
  package.cost_per_day = 1;
  const auto p = model::service_cost(package, {5, 0, 300, 1200}, calendar, 28);
  EXPECT_DOUBLE_EQ(p.staffed, 660 * 9 * 28.0);
  EXPECT_DOUBLE_EQ(p.use, 300 + 1200 * 2.0);
  // An unlimited capacity cannot be paid for by the visit (the parser refuses the pair).
  package.visits_capacity_per_day = std::numeric_limits<double>::infinity();
  EXPECT_DOUBLE_EQ(model::service_cost(package, {}, calendar, 28).staffed, 0);
}

TEST(ServiceCosts, SetUpIsTheRunsShareOfItsSpread) {
  ServiceConfig c = team(weekday_hours(9, 17, 1), 0);
  c.setup_cost = 30000;
  const engine::Calendar calendar = easter_2019();
  EXPECT_DOUBLE_EQ(model::service_cost(c, {}, calendar, 365).setup, 30000);  // no spread: the run pays it all
  c.setup_spread_over_days = 1095;
  EXPECT_DOUBLE_EQ(model::service_cost(c, {}, calendar, 365).setup, 10000);
  c.setup_spread_over_days = 100;  // paid off within the run
  EXPECT_DOUBLE_EQ(model::service_cost(c, {}, calendar, 365).setup, 30000);
}

TEST(ServiceCosts, DelayServicesCostNothing) {
  ServiceConfig c = service("choice", ServiceKind::delay, model::Reason::G, model::Agency::nhs);
  c.cost_per_staffed_hour = 100;
  EXPECT_DOUBLE_EQ(model::service_cost(c, {10, 10, 10, 10}, easter_2019(), 28).total(), 0);
}

// Through a replication: the measures carry the hand-computed staffed cost
// (the warm-up is not paid for), the use measured, and the totals.
TEST(ServiceCosts, ReplicationMeasuresAddUp) {
  Scenario s = weekday_assessment_scenario();  // 14 days from Monday 1 April 2019, Mon-Fri 9-17
  s.warmup_days = 7;
  s.bank_holidays = {};
  s.admissions.mean_per_weekday.fill(3);
  s.services[0].cost_per_staffed_hour = 40;
  s.services[0].cost_per_episode = 25;
  s.services[0].setup_cost = 1400;
  s.services[0].setup_spread_over_days = 28;
  // Discharge coordinators every day 8-18 at £70 an hour, Saturdays x1.3, Sundays x1.6:
  // 10 weekdays x 10 h x 70 + 2 Saturdays x 10 h x 91 + 2 Sundays x 10 h x 112 = 11,060.
  ServiceConfig coordinators = service("discharge_coordinators", ServiceKind::assessment, model::Reason::A,
                                       model::Agency::nhs);
  coordinators.schedule = every_day(8, 18, WeeklySchedule::kUnlimited);
  coordinators.cost_per_staffed_hour = 70;
  coordinators.staffed_hour_multiplier = {1, 1, 1, 1, 1, 1.3, 1.6, 1.6};
  s.other_costs = {coordinators};
  const model::ReplicationResult r = run_once(s);
  EXPECT_DOUBLE_EQ(measure(r, "other_cost.discharge_coordinators"), 11060);
  EXPECT_DOUBLE_EQ(measure(r, "other_cost.discharge_coordinators.use"), 0);
  EXPECT_DOUBLE_EQ(measure(r, "service.social_work.cost.staffed"), 10 * 8 * 40.0);
  EXPECT_DOUBLE_EQ(measure(r, "service.social_work.cost.use"), 25 * measure(r, "service.social_work.starts"));
  EXPECT_DOUBLE_EQ(measure(r, "service.social_work.cost.setup"), 700);
  EXPECT_DOUBLE_EQ(measure(r, "service.social_work.cost"),
                   3200 + 700 + 25 * measure(r, "service.social_work.starts"));
  EXPECT_DOUBLE_EQ(measure(r, "cost_services"), measure(r, "service.social_work.cost") + 11060);
  EXPECT_DOUBLE_EQ(measure(r, "cost_services.staffed"), 3200 + 11060);
  EXPECT_DOUBLE_EQ(measure(r, "cost_services.setup"), 700);
  EXPECT_DOUBLE_EQ(measure(r, "cost_total"), measure(r, "cost_acute") + measure(r, "cost_services"));
  EXPECT_GT(measure(r, "service.social_work.starts"), 0);
}

TEST(ServiceCosts, ABridgeWithNoSlotsBridgesNobodyAndCostsNothing) {
  const Scenario without = mixed_scenario();
  Scenario with = without;
  ServiceConfig hart = service("hart", ServiceKind::bridge, model::Reason::E, model::Agency::social_care);
  hart.bridges = {"home_care"};
  hart.duration_days = engine::Distribution::constant(0.1);
  hart.slots = 0;
  hart.cost_per_staffed_slot_day = 50;
  with.services.push_back(hart);
  const model::ReplicationResult r = run_once(with);
  EXPECT_DOUBLE_EQ(measure(r, "service.hart.cost"), 0);
  EXPECT_DOUBLE_EQ(measure(r, "service.hart.starts"), 0);
  EXPECT_DOUBLE_EQ(measure(r, "service.hart.utilisation"), 0);
  // No slot, no bridging: the same patients wait exactly as without the team.
  EXPECT_DOUBLE_EQ(measure(r, "delayed_bed_days"), measure(run_once(without), "delayed_bed_days"));
}

}  // namespace
}  // namespace homeward::testing
