#include "sim/engine/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

#include "sim/engine/random.h"

namespace homeward::engine {
namespace {

// A reference for interleaved pushes and pops: a plain list of the pending
// events, searched for its minimum (time, then priority and insertion order).
class ReferenceQueue {
 public:
  ReferenceQueue(EventQueue& queue, RandomStream& stream) : queue_(queue), stream_(stream) {}
  // Pushes an event of random priority into both.
  void push(double time) {
    Event e(time, static_cast<std::uint32_t>(stream_() % 3), 0, next_id_++, 0);
    queue_.push(e);
    e.order |= static_cast<std::uint64_t>(e.subject) << 8;  // the insertion order, as the queue assigns it
    pending_.push_back(e);
  }
  // Pops from the queue and checks it gave the reference's earliest event.
  ::testing::AssertionResult pop_matches(double& now) {
    auto best = std::min_element(pending_.begin(), pending_.end(), [](const Event& a, const Event& b) {
      return a.time < b.time || (a.time == b.time && a.order < b.order);
    });
    if (queue_.peek().subject != best->subject) return ::testing::AssertionFailure() << "peek differs";
    const Event got = queue_.pop();
    if (got.subject != best->subject)
      return ::testing::AssertionFailure() << "popped " << got.subject << ", expected " << best->subject;
    now = got.time;
    pending_.erase(best);
    if (queue_.size() != pending_.size()) return ::testing::AssertionFailure() << "size differs";
    return ::testing::AssertionSuccess();
  }
  bool empty() const { return pending_.empty(); }
  std::uint32_t pushed() const { return next_id_; }

 private:
  EventQueue& queue_;
  RandomStream& stream_;
  std::vector<Event> pending_;
  std::uint32_t next_id_ = 0;
};

TEST(EventQueue, TiesBreakByPriorityThenInsertionOrder) {
  EventQueue q;
  // Kinds run against insertion order (13 has a lower kind than 11): they must not decide.
  q.push(Event(1.0, 2, 7, 10, 0));
  q.push(Event(1.0, 1, 200, 11, 0));
  q.push(Event(0.5, 9, 3, 12, 0));
  q.push(Event(1.0, 1, 4, 13, 0));
  std::vector<std::uint32_t> order, kinds, priorities;
  while (!q.empty()) {
    const Event e = q.pop();
    order.push_back(e.subject);
    kinds.push_back(e.kind());
    priorities.push_back(e.priority());
  }
  EXPECT_EQ(order, (std::vector<std::uint32_t>{12, 11, 13, 10}));
  EXPECT_EQ(kinds, (std::vector<std::uint32_t>{3, 200, 4, 7}));
  EXPECT_EQ(priorities, (std::vector<std::uint32_t>{9, 1, 1, 2}));
}

// Pushes `events` (subject = insertion index) and pops them all: the order must
// be a stable sort by (time, priority).
void expect_stable_sort_order(EventQueue& q, std::vector<Event> events) {
  for (const Event& e : events) q.push(e);
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.time < b.time || (a.time == b.time && a.priority() < b.priority());
  });
  for (const Event& expected : events) ASSERT_EQ(q.pop().subject, expected.subject);
  EXPECT_TRUE(q.empty());
}

// Many ties in time and priority across 50 buckets.
TEST(EventQueue, MatchesStableSortOnRandomEvents) {
  RandomStream s(11, 0, 0, 0);
  EventQueue q;
  std::vector<Event> events;
  for (std::uint32_t i = 0; i < 5000; ++i)
    events.emplace_back(static_cast<double>(s() % 50), static_cast<std::uint32_t>(s() % 3), 0, i, 0);
  expect_stable_sort_order(q, events);
}

// Far events wait in buckets; interleaved pushes and pops must still come out
// in (time, priority, insertion) order, also across many buckets and with
// events pushed into the current bucket while it is being drained.
TEST(EventQueue, BucketsKeepExactOrderUnderInterleavedPushAndPop) {
  RandomStream s(12, 0, 0, 0);
  EventQueue q(-10, 1.0);
  ReferenceQueue reference(q, s);
  double now = -10;
  for (int i = 0; i < 200; ++i) reference.push(now + s.uniform01() * 400);
  for (int step = 0; step < 3000; ++step) {
    if (reference.empty() || s() % 3 != 0) {
      // Near, same-time and far events alike.
      const std::uint64_t r = s() % 4;
      reference.push(now + (r == 0 ? 0.0 : r == 1 ? s.uniform01() * 0.5 : s.uniform01() * 300));
      continue;
    }
    ASSERT_TRUE(reference.pop_matches(now)) << "step " << step;
  }
}

// A ward round at 08:00: hundreds of events at exactly one time, of mixed
// priorities, with a few slightly later ones among them, all in one bucket
// (the case the queue sorts by insertion). Against a stable sort.
TEST(EventQueue, ManyEventsAtOneTimeComeOutByPriorityThenInsertion) {
  RandomStream s(14, 0, 0, 0);
  EventQueue q(0, 1.0 / 96);
  std::vector<Event> events;
  for (std::uint32_t i = 0; i < 600; ++i) {
    const double t = s() % 25 == 0 ? 8.0 / 24 + s.uniform01() * 0.01 : 8.0 / 24;
    events.emplace_back(t, static_cast<std::uint32_t>(s() % 3), 0, i, 0);
  }
  expect_stable_sort_order(q, events);
}

// Hour-wide buckets with events up to 300 days ahead: most are beyond the
// ring of buckets and wait in its overflow, which is filed into the ring as it
// turns. The order must still be exact, against a plain list.
TEST(EventQueue, EventsBeyondTheRingKeepExactOrder) {
  RandomStream s(13, 0, 0, 0);
  EventQueue q(0, 1.0 / 24);
  ReferenceQueue reference(q, s);
  double now = 0;
  for (int i = 0; i < 300; ++i) reference.push(s.uniform01() * 300);
  std::size_t popped = 0;
  while (!reference.empty()) {
    if (reference.pushed() < 6000 && s() % 2 == 0) {
      const std::uint64_t r = s() % 4;
      reference.push(now + (r == 0 ? 0.0 : r == 1 ? s.uniform01() * 0.1 : s.uniform01() * 300));
      continue;
    }
    ASSERT_TRUE(reference.pop_matches(now)) << "pop " << popped;
    ++popped;
  }
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(popped, 6000u);
}

// Events years apart with nothing between them, in hour-wide buckets.
TEST(EventQueue, SparseEventsYearsApartComeOutInOrder) {
  EventQueue q(0, 1.0 / 24);
  for (double t : {3650.0, 0.5, 20000.0, 3650.0 + 1e-9, 20000.0})
    q.push(Event(t, 0, 0, static_cast<std::uint32_t>(t * 10), 0));
  std::vector<double> times;
  while (!q.empty()) {
    const Event e = q.pop();
    times.push_back(e.time);
    if (e.time == 3650.0) q.push(Event(3650.25, 0, 0, 0, 0));  // pushed while the overflow waits
  }
  EXPECT_EQ(times, (std::vector<double>{0.5, 3650.0, 3650.0 + 1e-9, 3650.25, 20000.0, 20000.0}));
}

// Times at and a hair either side of bucket boundaries (an hour wide, which
// is not exact in binary) must still come out in time order.
TEST(EventQueue, EventsAtBucketBoundariesComeOutInOrder) {
  const double width = 1.0 / 24, start = -3;
  EventQueue q(start, width);
  for (int k = 200; k >= 1; --k) {
    const double boundary = start + width + static_cast<double>(k) * width;
    for (double t : {std::nextafter(boundary, -1e9), boundary, std::nextafter(boundary, 1e9)})
      q.push(Event(t, 0, 0, static_cast<std::uint32_t>(k), 0));
  }
  double last = start;
  while (!q.empty()) {
    const Event e = q.pop();
    ASSERT_GE(e.time, last);
    last = e.time;
    // Pushing at the current time while draining must keep the order too.
    if (e.subject % 7 == 0 && e.tag == 0) q.push(Event(e.time, 0, 0, e.subject, 1));
  }
}

}  // namespace
}  // namespace homeward::engine
