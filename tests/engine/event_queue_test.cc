#include "sim/engine/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>
#include <vector>

#include "sim/engine/random.h"

namespace homeward::engine {
namespace {

TEST(EventQueue, TiesBreakByPriorityThenInsertionOrder) {
  EventQueue q;
  q.push({1.0, 2, 0, 10, 0, 0});
  q.push({1.0, 1, 0, 11, 0, 0});
  q.push({0.5, 9, 0, 12, 0, 0});
  q.push({1.0, 1, 0, 13, 0, 0});
  std::vector<std::uint32_t> order;
  while (!q.empty()) order.push_back(q.pop().subject);
  EXPECT_EQ(order, (std::vector<std::uint32_t>{12, 11, 13, 10}));
}

// Against a stable sort of the same events: the heap must give the same order.
TEST(EventQueue, MatchesStableSortOnRandomEvents) {
  RandomStream s(11, 0, 0, 0);
  EventQueue q;
  std::vector<Event> reference;
  for (std::uint32_t i = 0; i < 5000; ++i) {
    Event e{static_cast<double>(s() % 50), static_cast<std::uint32_t>(s() % 3), 0, i, 0, 0};
    q.push(e);
    reference.push_back(e);
  }
  std::stable_sort(reference.begin(), reference.end(), [](const Event& a, const Event& b) {
    return std::tie(a.time, a.priority) < std::tie(b.time, b.priority);
  });
  for (const Event& expected : reference) ASSERT_EQ(q.pop().subject, expected.subject);
  EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace homeward::engine
