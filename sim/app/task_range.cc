#include "sim/app/task_range.h"

namespace homeward::app {

namespace {

__extension__ using Wide = unsigned __int128;  // GCC and Clang; __extension__ keeps -Wpedantic quiet

// floor(total * k / count) without overflowing 64 bits: total and count may
// each be up to 2^64 - 1 (a million replications of many scenarios, split
// very finely, must not wrap round).
std::uint64_t boundary(std::uint64_t total, std::uint64_t k, std::uint64_t count) {
  return static_cast<std::uint64_t>(static_cast<Wide>(total) * k / count);
}

}  // namespace

TaskRange share_of_tasks(std::uint64_t total, std::uint64_t index, std::uint64_t count) {
  return {boundary(total, index, count), boundary(total, index + 1, count)};
}

}  // namespace homeward::app
