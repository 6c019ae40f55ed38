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
// their counts stay in cache; events further ahead wait in an overflow list
// that is filed into the ring every half turn. The ring takes events directly
// only up to where the last filing reached (between half a turn and a whole turn
// ahead), so that each bucket holds its events in push order: those filed
// from the overflow were all pushed before any pushed directly. Sorting a
// bucket then has only its few events at other times to move.
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
  // 2^48 pushes in the queue's life. Inline for its usual case, an event
  // filed into the ring; the heap and the overflow are out of line.
  void push(const Event& incoming) {
    const double time = incoming.time;
    const std::uint64_t order = (incoming.order & 0xff000000000000ffULL) | (pushed_++ << 8);
    if (time >= horizon_) {
      const std::size_t bucket = bucket_of(time);
      if (bucket < ring_limit_) {
        // Field by field into its place: a copy of an event built on the
        // stack would load it in 16-byte moves just after the 8- and 4-byte
        // stores that built it, and wait for them (a store-forwarding stall).
        Event& event = ring_slot(bucket & kRingMask);
        event.time = time;
        event.subject = incoming.subject;
        event.tag = incoming.tag;
        event.order = order;
        return;
      }
    }
    Event event = incoming;
    event.order = order;
    push_elsewhere(event);
  }
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
  // The event `ahead` places after the head of the sorted run, or nullptr: a
  // hint of what is coming soon (the heap may hold earlier events), so that a
  // caller can prefetch what that event will touch while it handles others.
  const Event* upcoming(std::size_t ahead = 0) const {
    return run_head_ + ahead < run_.size() ? &run_[run_head_ + ahead] : nullptr;
  }
  // How many buckets have come up: it changes when a new run begins.
  std::uint64_t runs() const { return first_bucket_; }
  // Pushes and pops are counted apart: one counter each keeps push and pop
  // from writing halves of the same word (a store-forwarding stall).
  bool empty() const { return pushed_ == popped_; }
  std::size_t size() const { return static_cast<std::size_t>(pushed_ - popped_); }
  std::uint64_t pushed() const { return pushed_; }
  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static constexpr std::size_t kArity = 4;  // shallower than binary, children share a cache line
  static constexpr std::size_t kRingBuckets = 2048;  // a power of two: 21 days of quarter hours
  static constexpr std::size_t kRingMask = kRingBuckets - 1;
  static constexpr std::size_t kBucketSlots = 4;  // most buckets hold fewer when they come up
  static bool before(const Event& a, const Event& b) {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }
  Event heap_pop();
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);
  // Where bucket k's interval begins; bucket k - 1's horizon. Filing and the
  // horizon use this one expression, so an event can never be filed in a
  // bucket that comes up after its time.
  double bucket_start(std::size_t k) const {
    return first_bucket_start_ + static_cast<double>(static_cast<std::int64_t>(k)) * bucket_width_;
  }
  // The bucket holding `time`; for times beyond the ring, an index of
  // ring_limit_ or more. REQUIRES: time >= horizon_.
  std::size_t bucket_of(double time) const {
    // Only buckets inside the ring need their exact index; further ones are
    // filed again, exactly, when the ring comes near them.
    const double estimate = (time - first_bucket_start_) * inverse_width_;
    if (!(estimate < ring_end_)) return ring_limit_;
    // Multiplying by the reciprocal can be off by one near a boundary: correct
    // it against bucket_start, the expression that sets the horizon. Signed,
    // so that the conversions are single instructions.
    const auto first = static_cast<std::int64_t>(first_bucket_);
    auto k = static_cast<std::int64_t>(estimate);
    if (k < first) k = first;
    while (k > first && time < bucket_start(static_cast<std::size_t>(k))) --k;
    while (time >= bucket_start(static_cast<std::size_t>(k + 1))) ++k;
    return static_cast<std::size_t>(k);
  }
  // A new place at the end of ring slot k's events. The first
  // kBucketSlots live in a block of their own in one array, so that filing
  // an event reads only the slot's count (all counts fit in the L1 cache)
  // before it stores; the rest go to the slot's spill vector.
  Event& ring_slot(std::size_t k) {
    const std::uint32_t n = filed_[k]++;
    return n < kBucketSlots ? blocks_[k * kBucketSlots + n] : spill_[k].emplace_back();
  }
  // Events the ring does not take: those before the horizon (to the heap) and beyond the ring.
  void push_elsewhere(const Event& event);
  // Files an event at or after the horizon into the ring or the overflow.
  void file(const Event& event, std::size_t bucket);
  // Sorts the next bucket into the run and moves the horizon past it.
  void advance_horizon();
  // Moves overflow events that now fall inside the ring into it.
  void refile_overflow();
  // Sorts the run: by insertion while that stays cheap, else std::sort;
  // runs of more than kLargeRun events by sort_large_run.
  void sort_run();
  static constexpr std::size_t kLargeRun = 32;
  // Keeps the run's longest stretch in order where it is, sorts the events
  // out of order aside and merges them in.
  void sort_large_run();
  bool run_done() const { return run_head_ == run_.size(); }
  bool run_first() const { return !run_done() && (heap_.empty() || before(run_[run_head_], heap_.front())); }

  std::vector<Event> run_;   // the current bucket, sorted
  std::size_t run_head_ = 0;  // the run's next event
  std::vector<Event> heap_;  // events pushed before horizon_ since the bucket came up
  std::vector<Event> aside_;  // scratch for sort_large_run
  // Bucket k, for k in [first_bucket_, ring_limit_), is ring slot k & kRingMask:
  // filed_[slot] events, the first kBucketSlots in blocks_ from slot * kBucketSlots, the rest in spill_[slot].
  std::vector<std::uint32_t> filed_;
  std::vector<Event> blocks_;
  std::vector<std::vector<Event>> spill_;
  std::vector<Event> overflow_;           // events of buckets ring_limit_ and later
  std::size_t first_bucket_ = 0;          // the next bucket to come up
  double bucket_width_;
  double inverse_width_;
  double first_bucket_start_;
  double horizon_;  // bucket_start(first_bucket_): events before it are in the run or the heap
  // The first bucket the ring does not take: first_bucket_ + kRingBuckets at
  // the last half turn, at most a turn ahead of first_bucket_.
  std::size_t ring_limit_ = kRingBuckets;
  double ring_end_;  // ring_limit_ as a double, for bucket_of
  std::uint64_t pushed_ = 0;
  std::uint64_t popped_ = 0;
};

}  // namespace homeward::engine
