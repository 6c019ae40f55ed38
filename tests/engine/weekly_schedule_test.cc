#include "sim/engine/weekly_schedule.h"

#include <gtest/gtest.h>

namespace homeward::engine {
namespace {

using namespace std::chrono;

const Calendar kCalendar(sys_days(year{2019} / April / 1), {sys_days(year{2019} / April / 19)});

WeeklySchedule office_hours() {
  WeeklySchedule s;
  for (int d = 0; d < 5; ++d) s.set_day(d, {ScheduleWindow{9, 17, 4}});
  return s;
}

TEST(WeeklySchedule, FridayEveningNextOpensMonday) {
  const WeeklySchedule s = office_hours();
  const double friday_17 = 4 + 17.0 / 24;
  EXPECT_FALSE(s.window_at(kCalendar, friday_17).open);  // 17:00 is outside [9, 17)
  const OpenWindow next = s.next_window(kCalendar, friday_17);
  EXPECT_DOUBLE_EQ(next.opens, 7 + 9.0 / 24);  // Monday 8 April 09:00
  EXPECT_EQ(next.quota, 4);
}

TEST(WeeklySchedule, OpenWindowStartsNow) {
  const WeeklySchedule s = office_hours();
  const OpenWindow w = s.window_at(kCalendar, 0.5);
  EXPECT_TRUE(w.open);
  EXPECT_DOUBLE_EQ(w.closes, 17.0 / 24);
  EXPECT_DOUBLE_EQ(s.next_window(kCalendar, 0.5).opens, 0.5);
}

TEST(WeeklySchedule, BankHolidayWithoutRulesIsClosed) {
  const WeeklySchedule s = office_hours();
  // Thursday 18 April 17:00 → Good Friday closed → Monday 22 April 09:00.
  EXPECT_DOUBLE_EQ(s.next_window(kCalendar, 17 + 17.0 / 24).opens, 21 + 9.0 / 24);
}

TEST(WeeklySchedule, ZeroQuotaWindowsAreSkipped) {
  WeeklySchedule s = office_hours();
  s.set_day(0, {ScheduleWindow{9, 17, 0}});
  EXPECT_DOUBLE_EQ(s.next_window(kCalendar, 0.0).opens, 1 + 9.0 / 24);  // Tuesday
}

TEST(WeeklySchedule, TotalQuotaCountsDays) {
  EXPECT_EQ(office_hours().total_quota(kCalendar, 0, 7), 20);
  EXPECT_EQ(office_hours().total_quota(kCalendar, 14, 21), 16);  // with Good Friday
  EXPECT_TRUE(WeeklySchedule().never_open());
  EXPECT_FALSE(office_hours().never_open());
}

}  // namespace
}  // namespace homeward::engine

namespace homeward::engine {
namespace {
// Warm-up days are negative; their windows must open like any other day's.
TEST(WeeklySchedule, WindowsOpenOnWarmUpDays) {
  const WeeklySchedule s = WeeklySchedule::always_open();
  EXPECT_TRUE(s.window_at(kCalendar, -10.5).open);
  EXPECT_NE(s.window_at(kCalendar, -10.5).key, s.window_at(kCalendar, -9.5).key);
  EXPECT_DOUBLE_EQ(office_hours().next_window(kCalendar, -3.0).opens, -3 + 9.0 / 24);  // Friday 29 March
}
}  // namespace
}  // namespace homeward::engine
