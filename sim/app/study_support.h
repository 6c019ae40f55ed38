// What the study commands (sweep, sensitivity, optimise) share while they run:
// a stop flag set by SIGINT or SIGTERM, a progress line on stderr, and
// problems printed as `homeward validate` prints them.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "sim/io/problems.h"

namespace homeward::app {

// While alive, SIGINT and SIGTERM set stop() instead of killing the process;
// the default handlers come back when it is destroyed. One at a time.
class StopOnSignal {
 public:
  StopOnSignal();
  ~StopOnSignal();
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;
  const std::atomic<bool>* flag() const;
  bool stopped() const;
};

// "label 12/40 (30%)" on stderr, rewritten in place, at most once a percent.
class StudyProgress {
 public:
  StudyProgress(std::string label, bool enabled) : label_(std::move(label)), enabled_(enabled) {}
  void operator()(std::size_t done, std::size_t total);

 private:
  std::string label_;
  bool enabled_;
  std::size_t last_percent_ = 101;
};

// Each problem on its own line of stderr, as "error: FILE: POINTER: expected ..., found ...".
void print_problems(const std::vector<io::Problem>& problems);

}  // namespace homeward::app
