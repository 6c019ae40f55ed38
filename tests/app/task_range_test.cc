// Shards and MPI ranks share a run's tasks by one rule: checked on a case
// worked by hand, on every split of small runs (each task once, in order,
// shares within one of each other), and where 64-bit arithmetic would wrap.
#include "sim/app/task_range.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace homeward::app {
namespace {

TEST(TaskRange, TenTasksInThreeSharesByHand) {
  // floor(10 k / 3) for k = 0..3: 0, 3, 6, 10.
  EXPECT_EQ(share_of_tasks(10, 0, 3).first, 0u);
  EXPECT_EQ(share_of_tasks(10, 0, 3).end, 3u);
  EXPECT_EQ(share_of_tasks(10, 1, 3).first, 3u);
  EXPECT_EQ(share_of_tasks(10, 1, 3).end, 6u);
  EXPECT_EQ(share_of_tasks(10, 2, 3).first, 6u);
  EXPECT_EQ(share_of_tasks(10, 2, 3).end, 10u);
}

TEST(TaskRange, EverySplitCoversEachTaskOnceInOrder) {
  for (std::uint64_t total = 0; total <= 40; ++total) {
    for (std::uint64_t count = 1; count <= 45; ++count) {
      std::uint64_t next = 0, smallest = UINT64_MAX, largest = 0;
      for (std::uint64_t index = 0; index < count; ++index) {
        const TaskRange share = share_of_tasks(total, index, count);
        ASSERT_EQ(share.first, next) << total << " tasks, share " << index << " of " << count;
        ASSERT_LE(share.first, share.end);
        next = share.end;
        smallest = std::min(smallest, share.size());
        largest = std::max(largest, share.size());
      }
      EXPECT_EQ(next, total) << total << " tasks in " << count << " shares";
      EXPECT_LE(largest - smallest, 1u) << total << " tasks in " << count << " shares";
    }
  }
}

TEST(TaskRange, FineSplitsOfLargeRunsDoNotWrapRound) {
  // 100 scenarios of a million replications in 2^40 shards: total × index
  // is about 1.1e20, beyond 64 bits, so total * index / count would wrap.
  const std::uint64_t total = 100'000'000, count = std::uint64_t{1} << 40;
  const TaskRange last = share_of_tasks(total, count - 1, count);
  EXPECT_EQ(last.end, total);
  EXPECT_EQ(last.first, total - 1);  // floor(1e8 (1 - 2^-40)) = 1e8 - 1
  const TaskRange middle = share_of_tasks(total, count / 2, count);
  EXPECT_EQ(middle.first, total / 2);
  EXPECT_LE(middle.size(), 1u);
}

}  // namespace
}  // namespace homeward::app
