// EventQueue: events in order of (time, priority, insertion order), so that
// ties never depend on pointer values, hash order or the standard library's
// sort or heap implementation. Cancellation is lazy: callers store a
// generation in `tag` and ignore events whose generation is stale.
//
// Time is cut into buckets of `bucket_width`. Events wait unsorted in their
// bucket until it comes up; it is then sorted once into the current run,
// which is popped from its head. Events pushed into the current bucket after
// that (a service done within the bucket, a wake-up now) go to a small 4-ary
// heap, and pop takes the earlier of the run's head and the heap's top.
// Sorting a bucket of a few dozen events costs less than pushing each through
// a heap, and a simulation with long stays keeps thousands of far events
// pending without any of them costing a comparison until its bucket comes.
//
// The buckets form a ring covering the next kRingBuckets widths, so that
// their headers stay in cache; events further ahead wait in an overflow list
// that is filed into the ring every half turn.
#pragma once

#include <cstdint>
#include <vector>

namespace homeward::engine {

// 24 bytes: the queue moves events when it sorts a bucket and sifts its heap.
struct Event {
  double time = 0;            // days
  std::uint32_t subject = 0;  // e.g. an entity id
  std::uint32_t tag = 0;      // e.g. a generation for lazy cancellation
  // Priority in the top byte, then the insertion order (assigned by the
  // queue), then the kind in the low byte: one comparison orders equal times
  // by priority and insertion, and the kind, below a unique insertion order,
  // never decides.
  std::uint64_t order = 0;

  Event() = default;
  // priority: lower runs first at equal times; kind: meaning chosen by the caller. Both < 2^8.
  Event(double time_days, std::uint32_t priority, std::uint32_t kind, std::uint32_t subject_id, std::uint32_t tag_value)
      : time(time_days),
        subject(subject_id),
        tag(tag_value),
        order((static_cast<std::uint64_t>(priority & 0xffu) << 56) | (kind & 0xffu)) {}
  std::uint32_t priority() const { return static_cast<std::uint32_t>(order >> 56); }
  std::uint32_t kind() const { return static_cast<std::uint32_t>(order & 0xffu); }
};

class EventQueue {
 public:
  // REQUIRES: bucket_width > 0. Events before `start` are not allowed.
  explicit EventQueue(double start = 0, double bucket_width = 1.0);

  // REQUIRES: event.time >= the time of the last event popped; fewer than
  // 2^48 pushes in the queue's life.
  void push(const Event& event);
  // REQUIRES: !empty()
  Event pop() {
    while (run_done() && heap_.empty()) advance_horizon();
    ++popped_;
    if (run_first()) return run_[run_head_++];
    return heap_pop();
  }
  // The event pop() would return. REQUIRES: !empty()
  const Event& peek() {
    while (run_done() && heap_.empty()) advance_horizon();
    return run_first() ? run_[run_head_] : heap_.front();
  }
  // Pushes and pops are counted apart: one counter each keeps push and pop
  // from writing halves of the same word (a store-forwarding stall).
  bool empty() const { return pushed_ == popped_; }
  std::size_t size() const { return static_cast<std::size_t>(pushed_ - popped_); }
  std::uint64_t pushed() const { return pushed_; }
  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static constexpr std::size_t kArity = 4;  // shallower than binary, children share a cache line
  static constexpr std::size_t kRingBuckets = 4096;  // a power of two: 42 days of quarter hours
  static constexpr std::size_t kRingMask = kRingBuckets - 1;
  static bool before(const Event& a, const Event& b) {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }
  Event heap_pop();
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);
  // Where bucket k's interval begins; bucket k - 1's horizon. Filing and the
  // horizon use this one expression, so an event can never be filed in a
  // bucket that comes up after its time.
  double bucket_start(std::size_t k) const { return first_bucket_start_ + static_cast<double>(k) * bucket_width_; }
  // The bucket holding `time`. REQUIRES: time >= horizon_.
  std::size_t bucket_of(double time) const;
  // Files an event at or after the horizon into the ring or the overflow.
  void file(const Event& event, std::size_t bucket);
  // Sorts the next bucket into the run and moves the horizon past it.
  void advance_horizon();
  // Moves overflow events that now fall inside the ring into it.
  void refile_overflow();
  // Sorts the run: by insertion while that stays cheap, else std::sort.
  void sort_run();
  bool run_done() const { return run_head_ == run_.size(); }
  bool run_first() const { return !run_done() && (heap_.empty() || before(run_[run_head_], heap_.front())); }

  std::vector<Event> run_;   // the current bucket, sorted
  std::size_t run_head_ = 0;  // the run's next event
  std::vector<Event> heap_;  // events pushed before horizon_ since the bucket came up
  std::vector<std::vector<Event>> ring_;  // bucket k in ring_[k & kRingMask], k in [first_bucket_, + kRingBuckets)
  std::vector<Event> overflow_;           // events of buckets first_bucket_ + kRingBuckets and later
  std::size_t first_bucket_ = 0;          // the next bucket to come up
  double bucket_width_;
  double inverse_width_;
  double first_bucket_start_;
  double horizon_;  // bucket_start(first_bucket_): events before it are in the run or the heap
  std::uint64_t pushed_ = 0;
  std::uint64_t popped_ = 0;
};

}  // namespace homeward::engine
