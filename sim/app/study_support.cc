#include "sim/app/study_support.h"

#include <csignal>
#include <cstdio>

namespace homeward::app {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void set_stop(int) { g_stop.store(true); }

}  // namespace

StopOnSignal::StopOnSignal() {
  g_stop.store(false);
  std::signal(SIGINT, set_stop);
  std::signal(SIGTERM, set_stop);
}

StopOnSignal::~StopOnSignal() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

const std::atomic<bool>* StopOnSignal::flag() const { return &g_stop; }
bool StopOnSignal::stopped() const { return g_stop.load(); }

void StudyProgress::operator()(std::size_t done, std::size_t total) {
  const std::size_t percent = total > 0 ? done * 100 / total : 100;
  if (!enabled_ || (percent == last_percent_ && done != total)) return;
  last_percent_ = percent;
  std::fprintf(stderr, "\r%s %zu/%zu (%zu%%)%s", label_.c_str(), done, total, percent, done == total ? "\n" : "");
  std::fflush(stderr);
}

void print_problems(const std::vector<io::Problem>& problems) {
  for (const io::Problem& p : problems) std::fprintf(stderr, "error: %s\n", p.message().c_str());
}

}  // namespace homeward::app
