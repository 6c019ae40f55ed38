// Monte Carlo batch benchmark: app::run_batches on scenarios/baseline.json,
// 32 replications per iteration, on 1, 2 and all threads (threads 0 = every
// core, TBB's default arena). Wall-clock time (UseRealTime), so
// replications_per_second is what a user waits for; parallel efficiency on
// two threads is t(1) / (2 t(2)). peak_memory_KiB is VmHWM while the batch ran.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bench/peak_memory.h"
#include "sim/app/batch.h"
#include "sim/io/scenario_reader.h"

namespace {

constexpr std::uint32_t kReplications = 32;

const homeward::model::PreparedScenario& baseline() {
  static const auto prepared = [] {
    const std::string path = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/baseline.json";
    auto read = homeward::io::read_scenario_file(path);
    if (!read.scenario) {
      for (const auto& p : read.problems) std::fprintf(stderr, "%s\n", p.message().c_str());
      std::abort();
    }
    return std::move(read.prepared);
  }();
  return *prepared;
}

void BM_BaselineBatch(benchmark::State& state) {
  const std::vector<const homeward::model::PreparedScenario*> scenarios{&baseline()};
  homeward::app::BatchOptions options;
  options.replications = kReplications;
  options.seed = 1;
  options.threads = static_cast<int>(state.range(0));
  homeward::bench::reset_peak_memory();
  const double rss_at_start = homeward::bench::current_memory_kib();
  double replications = 0;
  for (auto _ : state) {
    auto results = homeward::app::run_batches(scenarios, options);
    replications += static_cast<double>(results[0].size());
    benchmark::DoNotOptimize(results);
  }
  state.counters["replications_per_second"] = benchmark::Counter(replications, benchmark::Counter::kIsRate);
  const double peak = homeward::bench::peak_memory_kib();
  state.counters["peak_memory_KiB"] = peak;
  state.counters["memory_growth_KiB"] = peak - rss_at_start;
}

// About half a second per iteration on one thread; a fixed three iterations keeps the
// whole benchmark to a few seconds.
BENCHMARK(BM_BaselineBatch)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Arg(0)
    ->Iterations(3)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
