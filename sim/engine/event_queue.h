// EventQueue: a binary heap in a contiguous vector, ordered by
// (time, priority, insertion order) so that ties never depend on pointer
// values, hash order or the standard library's heap implementation.
// Cancellation is lazy: callers store a generation in `tag` and ignore
// events whose generation is stale.
#pragma once

#include <cstdint>
#include <vector>

namespace homeward::engine {

struct Event {
  double time = 0;          // days
  std::uint32_t priority = 0;  // lower runs first at equal times
  std::uint32_t kind = 0;      // meaning chosen by the caller
  std::uint32_t subject = 0;   // e.g. an entity id
  std::uint32_t tag = 0;       // e.g. a generation for lazy cancellation
  std::uint64_t sequence = 0;  // insertion order, assigned by the queue
};

class EventQueue {
 public:
  void push(Event event);
  // REQUIRES: !empty()
  Event pop();
  const Event& top() const { return heap_.front(); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  std::uint64_t pushed() const { return next_sequence_; }

 private:
  static bool before(const Event& a, const Event& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.priority != b.priority) return a.priority < b.priority;
    return a.sequence < b.sequence;
  }
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);

  std::vector<Event> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace homeward::engine
