#include "sim/engine/calendar.h"

#include <gtest/gtest.h>

#include <cmath>

namespace homeward::engine {
namespace {

using namespace std::chrono;

Calendar april_2019() {
  return Calendar(sys_days(year{2019} / April / 1), {sys_days(year{2019} / April / 19), sys_days(year{2019} / April / 22)});
}

TEST(Calendar, WeekdaysOfKnownDates) {
  const Calendar c = april_2019();
  EXPECT_EQ(c.weekday(0), 0);   // Monday 1 April 2019
  EXPECT_EQ(c.weekday(4), 4);   // Friday 5 April
  EXPECT_EQ(c.weekday(6), 6);   // Sunday 7 April
  EXPECT_EQ(c.weekday(-1), 6);  // Sunday 31 March, in the warm-up
  EXPECT_EQ(c.iso_date(-1), "2019-03-31");
  EXPECT_EQ(c.iso_date(30), "2019-05-01");
}

TEST(Calendar, DayOfUsesFloor) {
  EXPECT_EQ(Calendar::day_of(0.0), 0);
  EXPECT_EQ(Calendar::day_of(0.999), 0);
  EXPECT_EQ(Calendar::day_of(-0.25), -1);
  // Whole negative days, and the nearest doubles either side of midnights.
  EXPECT_EQ(Calendar::day_of(-1.0), -1);
  EXPECT_EQ(Calendar::day_of(-90.0), -90);
  EXPECT_EQ(Calendar::day_of(std::nextafter(-3.0, 0.0)), -3);
  EXPECT_EQ(Calendar::day_of(std::nextafter(-3.0, -4.0)), -4);
  EXPECT_EQ(Calendar::day_of(std::nextafter(365.0, 0.0)), 364);
  EXPECT_EQ(Calendar::day_of(-0.0), 0);
  for (double t = -100.0; t < 100.0; t += 0.37) EXPECT_EQ(Calendar::day_of(t), std::floor(t)) << t;
}

TEST(Calendar, BankHolidaysAreAnEighthDayType) {
  const Calendar c = april_2019();
  EXPECT_EQ(c.day_type(18), kBankHoliday);  // Good Friday 19 April 2019
  EXPECT_EQ(c.day_type(21), kBankHoliday);  // Easter Monday 22 April 2019
  EXPECT_EQ(c.day_type(17), 3);             // Thursday 18 April
}

TEST(Calendar, MonthsAndLastThursdays) {
  const Calendar c = april_2019();
  EXPECT_EQ(c.month_of_day(29).iso(), "2019-04");
  EXPECT_EQ(c.month_of_day(30).iso(), "2019-05");
  EXPECT_EQ(c.month_of_day(-1).iso(), "2019-03");
  int last_thursdays = 0;
  for (std::int64_t d = 0; d < 30; ++d) last_thursdays += c.is_last_thursday(d);
  EXPECT_EQ(last_thursdays, 1);
  EXPECT_TRUE(c.is_last_thursday(24));  // 25 April 2019
  EXPECT_TRUE(c.is_last_thursday(59));  // 30 May 2019, the month's last day
}

TEST(Calendar, ParsesIsoDatesStrictly) {
  sys_days d;
  EXPECT_TRUE(parse_iso_date("2020-02-29", d));
  EXPECT_EQ(d, sys_days(year{2020} / February / 29));
  EXPECT_FALSE(parse_iso_date("2019-02-29", d));
  EXPECT_FALSE(parse_iso_date("2019-4-1", d));
  EXPECT_FALSE(parse_iso_date("2019-04-01x", d));
}

}  // namespace
}  // namespace homeward::engine
