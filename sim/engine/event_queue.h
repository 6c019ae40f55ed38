// EventQueue: events in order of (time, priority, insertion order), so that
// ties never depend on pointer values, hash order or the standard library's
// heap implementation. Cancellation is lazy: callers store a generation in
// `tag` and ignore events whose generation is stale.
//
// Near events (before the end of the current time bucket) live in a 4-ary
// heap in a contiguous vector; later ones wait unsorted in one bucket per
// `bucket_width` of time and join the heap when their bucket comes up. A
// simulation with long stays (care homes, packages) keeps thousands of far
// events pending; this keeps the heap, and each pop, small.
#pragma once

#include <cstdint>
#include <vector>

namespace homeward::engine {

struct Event {
  double time = 0;             // days
  std::uint32_t priority = 0;  // lower runs first at equal times; < 2^8
  std::uint32_t kind = 0;      // meaning chosen by the caller
  std::uint32_t subject = 0;   // e.g. an entity id
  std::uint32_t tag = 0;       // e.g. a generation for lazy cancellation
  std::uint64_t order = 0;     // priority and insertion order, assigned by the queue
};

class EventQueue {
 public:
  // REQUIRES: bucket_width > 0. Events before `start` are not allowed.
  explicit EventQueue(double start = 0, double bucket_width = 1.0)
      : bucket_width_(bucket_width), horizon_(start + bucket_width), first_bucket_start_(start + bucket_width) {}

  // REQUIRES: event.time >= the time of the last event popped.
  void push(const Event& event);
  // REQUIRES: !empty()
  Event pop();
  // The event pop() would return. REQUIRES: !empty()
  const Event& peek();
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  std::uint64_t pushed() const { return next_sequence_; }
  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static constexpr std::size_t kArity = 4;  // shallower than binary, children share a cache line
  static bool before(const Event& a, const Event& b) {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);
  void heap_push(const Event& event);
  // Where bucket k's interval begins; bucket k - 1's horizon.
  double bucket_start(std::size_t k) const { return first_bucket_start_ + static_cast<double>(k) * bucket_width_; }
  // Moves the next bucket into the heap and extends the horizon past it.
  void advance_horizon();

  std::vector<Event> heap_;  // events before horizon_
  std::vector<std::vector<Event>> buckets_;  // bucket k holds [first_bucket_start_ + k·width, + width)
  std::size_t first_bucket_ = 0;             // buckets before it are spent
  std::vector<std::vector<Event>> spare_;    // spent buckets' memory, for reuse
  double bucket_width_;
  double horizon_;
  double first_bucket_start_;
  std::size_t size_ = 0;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace homeward::engine
