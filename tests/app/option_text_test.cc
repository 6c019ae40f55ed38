// The option texts main refuses: whole numbers that would wrap round, shards
// out of range, shares outside (0, 1), measures without a name.
#include "sim/app/option_text.h"

#include <gtest/gtest.h>

namespace homeward::app {
namespace {

TEST(OptionText, WholeNumbersAreDigitsWithin64Bits) {
  EXPECT_EQ(parse_whole_number("0"), 0u);
  EXPECT_EQ(parse_whole_number("18446744073709551615"), UINT64_MAX);
  EXPECT_FALSE(parse_whole_number("18446744073709551616"));  // 2^64
  EXPECT_FALSE(parse_whole_number("-1"));                    // would wrap to 2^64 - 1 with strtoull
  EXPECT_FALSE(parse_whole_number(" 7"));
  EXPECT_FALSE(parse_whole_number("7 "));
  EXPECT_FALSE(parse_whole_number("+7"));
  EXPECT_FALSE(parse_whole_number(""));
  EXPECT_FALSE(parse_whole_number("1e3"));
}

TEST(OptionText, ShardsAreIOfNWithIBelowN) {
  const auto shard = parse_shard("2/5");
  ASSERT_TRUE(shard);
  EXPECT_EQ(shard->index, 2u);
  EXPECT_EQ(shard->count, 5u);
  EXPECT_TRUE(parse_shard("0/1"));
  EXPECT_FALSE(parse_shard("5/5"));
  EXPECT_FALSE(parse_shard("0/0"));
  EXPECT_FALSE(parse_shard("1"));
  EXPECT_FALSE(parse_shard("/3"));
  EXPECT_FALSE(parse_shard("1/"));
  EXPECT_FALSE(parse_shard("-1/3"));
  EXPECT_FALSE(parse_shard("1/3/4"));
}

TEST(OptionText, SharesAreFractionsOrPercentagesStrictlyBetweenZeroAndOne) {
  EXPECT_DOUBLE_EQ(*parse_share("0.2"), 0.2);
  EXPECT_DOUBLE_EQ(*parse_share("20%"), 0.2);
  EXPECT_DOUBLE_EQ(*parse_share("1e-2"), 0.01);
  EXPECT_DOUBLE_EQ(*parse_share("99.5%"), 0.995);
  EXPECT_FALSE(parse_share("0"));
  EXPECT_FALSE(parse_share("1"));
  EXPECT_FALSE(parse_share("100%"));
  EXPECT_FALSE(parse_share("-0.1"));
  EXPECT_FALSE(parse_share("nan"));
  EXPECT_FALSE(parse_share("inf"));
  EXPECT_FALSE(parse_share("0x1p-2"));
  EXPECT_FALSE(parse_share(" 0.2"));
  EXPECT_FALSE(parse_share("0.2 "));
  EXPECT_FALSE(parse_share("%"));
  EXPECT_FALSE(parse_share(""));
}

TEST(OptionText, PrecisionIsAMeasureNameAndAShare) {
  const auto precision = parse_precision("delayed_bed_days=1%");
  ASSERT_TRUE(precision);
  EXPECT_EQ(precision->measure, "delayed_bed_days");
  EXPECT_DOUBLE_EQ(precision->relative_half_width, 0.01);
  // The name is what comes before the last '=': names never hold one, values never do.
  EXPECT_EQ(parse_precision("a=b=0.05")->measure, "a=b");
  EXPECT_FALSE(parse_precision("=0.01"));
  EXPECT_FALSE(parse_precision("delayed_bed_days"));
  EXPECT_FALSE(parse_precision("delayed_bed_days="));
  EXPECT_FALSE(parse_precision("delayed_bed_days=2"));
}

}  // namespace
}  // namespace homeward::app
