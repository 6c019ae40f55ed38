#include "sim/engine/event_queue.h"

#include <algorithm>
#include <utility>

namespace homeward::engine {

EventQueue::EventQueue(double start, double bucket_width)
    : filed_(kRingBuckets, 0),
      blocks_(kRingBuckets * kBucketSlots),
      spill_(kRingBuckets),
      bucket_width_(bucket_width),
      inverse_width_(1.0 / bucket_width),
      first_bucket_start_(start + bucket_width),
      horizon_(start + bucket_width),
      ring_end_(static_cast<double>(kRingBuckets)) {}

void EventQueue::push_elsewhere(const Event& event) {
  if (event.time < horizon_) {
    heap_.push_back(event);
    sift_up(heap_.size() - 1);
    return;
  }
  file(event, bucket_of(event.time));
}

void EventQueue::file(const Event& event, std::size_t bucket) {
  if (bucket < first_bucket_ + kRingBuckets)
    ring_slot(bucket & kRingMask) = event;
  else
    overflow_.push_back(event);
}

void EventQueue::refile_overflow() {
  std::size_t kept = 0;
  for (const Event& e : overflow_) {
    const std::size_t k = bucket_of(e.time);
    if (k < first_bucket_ + kRingBuckets)
      ring_slot(k & kRingMask) = e;
    else
      overflow_[kept++] = e;
  }
  overflow_.resize(kept);
}

void EventQueue::advance_horizon() {
  // The run is empty: it takes the bucket's events in the order they were filed.
  const std::size_t slot = first_bucket_ & kRingMask;
  const std::uint32_t n = filed_[slot];
  const Event* block = blocks_.data() + slot * kBucketSlots;
  run_.assign(block, block + std::min<std::size_t>(n, kBucketSlots));
  if (n > kBucketSlots) {
    run_.insert(run_.end(), spill_[slot].begin(), spill_[slot].end());
    spill_[slot].clear();
  }
  filed_[slot] = 0;
  run_head_ = 0;
  sort_run();
  ++first_bucket_;
  horizon_ = bucket_start(first_bucket_);
  ring_end_ = static_cast<double>(first_bucket_ + kRingBuckets);
  // Every half turn the ring reaches half a turn of buckets it did not cover
  // at the last refiling; none of them has come up yet.
  if ((first_bucket_ & (kRingBuckets / 2 - 1)) == 0 && !overflow_.empty()) {
    // With the ring empty, skip whole half turns to the overflow's first event
    // rather than bringing up every empty bucket on the way.
    if (size() == overflow_.size() + run_.size() - run_head_) {
      const double earliest =
          std::min_element(overflow_.begin(), overflow_.end(), before)->time;
      while (bucket_start(first_bucket_ + kRingBuckets / 2) <= earliest) first_bucket_ += kRingBuckets / 2;
      horizon_ = bucket_start(first_bucket_);
      ring_end_ = static_cast<double>(first_bucket_ + kRingBuckets);
    }
    refile_overflow();
  }
}

void EventQueue::sort_run() {
  // A bucket is filed in push order, so it is often nearly sorted: a ward
  // round or a discharge window opening at 08:00 puts hundreds of events at
  // exactly the same time, pushed in the order they must come out. Insertion
  // sort costs one comparison per event there. Its moves are capped at a few
  // per event; past that the bucket is badly out of order and std::sort
  // takes it (the comparison is a total order, so both give the same result).
  const std::size_t n = run_.size();
  std::size_t moves_left = 4 * n + 32;
  for (std::size_t i = 1; i < n; ++i) {
    const Event event = run_[i];
    std::size_t j = i;
    while (j > 0 && before(event, run_[j - 1])) {
      run_[j] = run_[j - 1];
      --j;
      if (--moves_left == 0) {
        run_[j] = event;
        std::sort(run_.begin(), run_.end(), before);
        return;
      }
    }
    run_[j] = event;
  }
}

Event EventQueue::heap_pop() {
  const Event top = heap_.front();
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
  return top;
}

void EventQueue::sift_up(std::size_t i) {
  const Event moving = heap_[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / kArity;
    if (!before(moving, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void EventQueue::sift_down(std::size_t i) {
  const Event moving = heap_[i];
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
