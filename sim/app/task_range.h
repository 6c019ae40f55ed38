// The (scenario × replication) tasks of a run are numbered 0 .. total - 1;
// a shard (--shard I/N) or an MPI rank takes one contiguous share of them.
// One rule for both, so a run split either way covers every task once and in
// order, and the shares' journals concatenate into the whole run's.
#pragma once

#include <cstdint>

namespace homeward::app {

struct TaskRange {
  std::uint64_t first = 0;  // the first task of the share
  std::uint64_t end = 0;    // one past its last
  std::uint64_t size() const { return end - first; }
};

// The index-th of count shares of total tasks (0 <= index < count): share
// sizes differ by at most one, and the larger ones come last.
TaskRange share_of_tasks(std::uint64_t total, std::uint64_t index, std::uint64_t count);

}  // namespace homeward::app
