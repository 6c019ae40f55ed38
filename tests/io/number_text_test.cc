// The terminal's numbers, checked by hand: separators every three digits,
// rounding before grouping, £ and % carried by the value.
#include "sim/io/number_text.h"

#include <gtest/gtest.h>

#include <limits>

namespace homeward::io {
namespace {

TEST(NumberText, GroupsThousandsAfterRounding) {
  EXPECT_EQ(grouped(0, 0), "0");
  EXPECT_EQ(grouped(999, 0), "999");
  EXPECT_EQ(grouped(1000, 0), "1,000");
  EXPECT_EQ(grouped(33480.4, 0), "33,480");
  EXPECT_EQ(grouped(999999.5, 0), "1,000,000");  // rounds up into a new group
  EXPECT_EQ(grouped(104800000, 0), "104,800,000");
  EXPECT_EQ(grouped(1234.5678, 2), "1,234.57");
  EXPECT_EQ(grouped(-1200, 0), "-1,200");
  EXPECT_EQ(grouped(-0.4, 0), "0");  // not "-0"
  EXPECT_EQ(grouped(std::numeric_limits<double>::quiet_NaN(), 0), "n/a");
}

TEST(NumberText, MoneySharesAndCountsInTheirUnits) {
  EXPECT_EQ(measure_text(1.048e8, "GBP"), "£104,800,000");
  EXPECT_EQ(measure_text(-541064.2, "GBP"), "-£541,064");
  EXPECT_EQ(measure_text(0.0652, "share"), "6.5%");
  EXPECT_EQ(measure_text(1, "share"), "100.0%");
  EXPECT_EQ(measure_text(33480, "days"), "33,480");
  EXPECT_EQ(measure_text(15.52, "days"), "15.5");
  EXPECT_EQ(measure_text(0.1234, "days"), "0.123");
  EXPECT_EQ(unit_text("GBP"), "");
  EXPECT_EQ(unit_text("share"), "");
  EXPECT_EQ(unit_text("days"), "days");
}

TEST(NumberText, CountsTakeTheSingularForOneAndTheirOwnPlural) {
  EXPECT_EQ(counted(0, "replication"), "0 replications");
  EXPECT_EQ(counted(1, "replication"), "1 replication");
  EXPECT_EQ(counted(2, "replication"), "2 replications");
  EXPECT_EQ(counted(1000, "replication"), "1,000 replications");
  EXPECT_EQ(counted(1234567, "point"), "1,234,567 points");
  EXPECT_EQ(counted(18446744073709551615u, "task"), "18,446,744,073,709,551,615 tasks");  // exact, no double
  EXPECT_EQ(counted(1, "series", "series"), "1 series");
  EXPECT_EQ(counted(2, "series", "series"), "2 series");
  EXPECT_EQ(counted(1, "entry", "entries"), "1 entry");
  EXPECT_EQ(counted(3, "entry", "entries"), "3 entries");
}

}  // namespace
}  // namespace homeward::io
