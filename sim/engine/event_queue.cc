#include "sim/engine/event_queue.h"

#include <algorithm>
#include <cmath>

namespace homeward::engine {

void EventQueue::push(const Event& incoming) {
  Event event = incoming;
  // Priority in the top byte, insertion order below: one comparison breaks ties.
  event.order = (static_cast<std::uint64_t>(event.priority) << 56) | next_sequence_++;
  ++size_;
  if (event.time < horizon_) {
    heap_push(event);
    return;
  }
  // The index by division can be off by one near a boundary; correct it with
  // the very expression that sets the horizon (bucket_start), so that an
  // event is never filed after a bucket whose events are later than it, nor
  // into a spent bucket.
  auto k = std::max(first_bucket_,
                    static_cast<std::size_t>(std::floor((event.time - first_bucket_start_) / bucket_width_)));
  while (k > first_bucket_ && event.time < bucket_start(k)) --k;
  while (event.time >= bucket_start(k + 1)) ++k;
  if (k >= buckets_.size()) buckets_.resize(k + 1);
  std::vector<Event>& bucket = buckets_[k];
  if (bucket.capacity() == 0 && !spare_.empty()) {
    bucket = std::move(spare_.back());  // reuse a spent bucket's memory
    spare_.pop_back();
  }
  bucket.push_back(event);
}

void EventQueue::heap_push(const Event& event) {
  heap_.push_back(event);
  sift_up(heap_.size() - 1);
}

void EventQueue::advance_horizon() {
  // Bucket k's events fall before first_bucket_start_ + (k + 1)·width, the new horizon.
  std::vector<Event>& bucket = buckets_[first_bucket_];
  for (const Event& e : bucket) heap_push(e);
  bucket.clear();
  if (bucket.capacity() > 0) spare_.push_back(std::move(bucket));
  bucket = std::vector<Event>();
  ++first_bucket_;
  horizon_ = bucket_start(first_bucket_);
}

const Event& EventQueue::peek() {
  while (heap_.empty()) advance_horizon();
  return heap_.front();
}

Event EventQueue::pop() {
  while (heap_.empty()) advance_horizon();
  --size_;
  Event top = heap_.front();
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
  return top;
}

void EventQueue::sift_up(std::size_t i) {
  Event moving = heap_[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / kArity;
    if (!before(moving, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void EventQueue::sift_down(std::size_t i) {
  Event moving = heap_[i];
  const std::size_t n = heap_.size();
  for (;;) {
    const std::size_t first = kArity * i + 1;
    if (first >= n) break;
    const std::size_t last = first + kArity < n ? first + kArity : n;
    std::size_t best = first;
    for (std::size_t c = first + 1; c < last; ++c)
      if (before(heap_[c], heap_[best])) best = c;
    if (!before(heap_[best], moving)) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = moving;
}

}  // namespace homeward::engine
