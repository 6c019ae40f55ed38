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
  if (bucket < ring_limit_)
    ring_slot(bucket & kRingMask) = event;
  else
    overflow_.push_back(event);
}

void EventQueue::refile_overflow() {
  std::size_t kept = 0;
  for (const Event& e : overflow_) {
    const std::size_t k = bucket_of(e.time);
    if (k < ring_limit_)
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
  // Every half turn the ring reaches half a turn of buckets it did not cover
  // at the last refiling; none of them has come up yet.
  if ((first_bucket_ & (kRingBuckets / 2 - 1)) != 0) return;
  if (overflow_.empty()) {
    ring_limit_ = first_bucket_ + kRingBuckets;
    ring_end_ = static_cast<double>(ring_limit_);
  } else {
    // With the ring empty, skip whole half turns to the overflow's first event
    // rather than bringing up every empty bucket on the way.
    if (size() == overflow_.size() + run_.size() - run_head_) {
      const double earliest =
          std::min_element(overflow_.begin(), overflow_.end(), before)->time;
      while (bucket_start(first_bucket_ + kRingBuckets / 2) <= earliest) first_bucket_ += kRingBuckets / 2;
      horizon_ = bucket_start(first_bucket_);
    }
    ring_limit_ = first_bucket_ + kRingBuckets;
    ring_end_ = static_cast<double>(ring_limit_);
    refile_overflow();
  }
}

void EventQueue::sort_run() {
  // A bucket is filed in push order, so it is often nearly sorted: a ward
  // round or a discharge window opening at 08:00 puts hundreds of events at
  // exactly the same time, pushed in the order they must come out. The
  // comparison is a total order (the insertion order is unique), so every
  // correct sort gives the same run; which one is a matter of speed.
  const std::size_t n = run_.size();
  if (n > kLargeRun) {
    sort_large_run();
    return;
  }
  // A few events: insertion sort, one comparison each when in order. Its
  // moves are capped at a few per event; past that std::sort takes it.
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

void EventQueue::sort_large_run() {
  // A large bucket is mostly one sorted sequence (the events at a window's
  // opening, in push order) with a few events at other times filed among
  // them, each of which insertion sort would have to move past every event
  // pushed after it (hundreds of moves; past the cap, std::sort). Instead,
  // one pass keeps the sorted sequence in place and sets the stragglers
  // aside: an event that comes before the last few kept ones (at most
  // kMaxSetAside) sets those aside and takes their place; one that comes
  // before more of them is set aside itself. The events set aside are then
  // sorted and merged in.
  constexpr std::size_t kMaxSetAside = 8;
  const std::size_t n = run_.size();
  aside_.clear();
  std::size_t kept = 1;  // run_[0, kept) is sorted
  for (std::size_t i = 1; i < n; ++i) {
    const Event event = run_[i];
    if (!before(event, run_[kept - 1])) {
      run_[kept++] = event;
      continue;
    }
    std::size_t j = kept - 1;  // event comes before run_[j, kept)
    while (j > 0 && kept - j < kMaxSetAside && before(event, run_[j - 1])) --j;
    if (j > 0 && before(event, run_[j - 1])) {
      aside_.push_back(event);
      continue;
    }
    aside_.insert(aside_.end(), run_.begin() + static_cast<std::ptrdiff_t>(j),
                  run_.begin() + static_cast<std::ptrdiff_t>(kept));
    run_[j] = event;
    kept = j + 1;
  }
  if (aside_.empty()) return;
  std::sort(aside_.begin(), aside_.end(), before);
  // Merged from the back into the run's own places: the kept events before
  // the first one set aside do not move.
  std::size_t out = n, a = aside_.size();
  while (a > 0) {
    if (kept > 0 && before(aside_[a - 1], run_[kept - 1]))
      run_[--out] = run_[--kept];
    else
      run_[--out] = aside_[--a];
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
