// EventQueue micro-benchmark: the classic hold model. The queue holds N
// pending events; each item pops the earliest and pushes one at a random
// later time (now + an exponential increment with a mean of one day), so the
// size stays N. N = 1k, 10k, 100k spans the simulator's queues (a large trust
// keeps a few thousand events pending). items_per_second counts hold steps
// (one pop plus one push).
//
// Two configurations of the queue: `heap_only:0`, the simulation's (quarter-hour
// buckets, each sorted when it comes up, and a 4-ary heap for events pushed
// into the current bucket; kEventBucketDays in sim/model/replication.h), and
// `heap_only:1` (a bucket so wide that every event is in the heap), which
// isolates the heap.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "sim/engine/event_queue.h"
#include "sim/engine/random.h"

namespace {

using homeward::engine::Event;
using homeward::engine::EventQueue;
using homeward::engine::RandomStream;

constexpr double kSimulationBucketDays = 1.0 / 96;
constexpr double kHeapOnlyBucketDays = 1e12;

// Increments are drawn up front and replayed from a ring so the timed loop
// measures the queue, not the random number generator.
constexpr std::size_t kIncrements = 1 << 16;

void BM_EventQueueHold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const double bucket_days = state.range(1) == 0 ? kSimulationBucketDays : kHeapOnlyBucketDays;
  RandomStream stream(1, 0, 99, 0);
  std::vector<double> increments(kIncrements);
  for (double& x : increments) x = stream.exponential(1.0);

  EventQueue queue(0, bucket_days);
  queue.reserve(n + 1);
  // Kinds vary so that ties in time would be broken by priority too.
  for (std::size_t i = 0; i < n; ++i) {
    const auto kind = static_cast<std::uint32_t>(i % 7);
    queue.push(Event(stream.exponential(1.0), kind, kind, static_cast<std::uint32_t>(i), 0));
  }
  std::size_t k = 0;
  const auto hold = [&] {
    const Event e = queue.pop();
    queue.push(Event(e.time + increments[k++ & (kIncrements - 1)], e.priority(), e.kind(), e.subject, e.tag));
    return e;
  };
  // Untimed warm-up: two rounds of the queue bring the hold model to its steady state.
  for (std::size_t i = 0; i < 2 * n; ++i) hold();
  for (auto _ : state) benchmark::DoNotOptimize(hold());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["pending"] = static_cast<double>(queue.size());
}

BENCHMARK(BM_EventQueueHold)
    ->ArgNames({"pending", "heap_only"})
    ->ArgsProduct({{1000, 10000, 100000}, {0, 1}});

}  // namespace
