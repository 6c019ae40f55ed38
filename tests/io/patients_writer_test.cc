#include "sim/io/patients_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace homeward::io {
namespace {

using namespace std::chrono;

// Day 0 is Monday 1 April 2019; negative times are the warm-up before it.
TEST(PatientsCsv, TimesAreLocalDateTimesToTheSecond) {
  const engine::Calendar calendar(sys_days(year(2019) / April / 1), {});
  EXPECT_EQ(iso_date_time(calendar, 0), "2019-04-01T00:00:00");
  EXPECT_EQ(iso_date_time(calendar, 4 + 17.0 / 24), "2019-04-05T17:00:00");
  EXPECT_EQ(iso_date_time(calendar, 1.5 + 30.0 / 86400), "2019-04-02T12:00:30");
  // 0.4 s before midnight rounds to the next day's midnight, not to 24:00:00.
  EXPECT_EQ(iso_date_time(calendar, 3 - 0.4 / 86400), "2019-04-04T00:00:00");
  EXPECT_EQ(iso_date_time(calendar, -0.25), "2019-03-31T18:00:00");
  EXPECT_EQ(iso_date_time(calendar, -1), "2019-03-31T00:00:00");
  EXPECT_EQ(iso_date_time(calendar, -90 + 1.0 / 86400), "2019-01-01T00:00:01");
  EXPECT_EQ(iso_date_time(calendar, std::numeric_limits<double>::quiet_NaN()), "");
}

}  // namespace
}  // namespace homeward::io
