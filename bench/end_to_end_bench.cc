// End-to-end benchmark: one replication of a large trust (about 400
// admissions a day) for a year after a warm-up, reporting events per second
// and simulated acute patient-days per second, and the process's peak
// resident memory (VmHWM) while it ran.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "bench/peak_memory.h"
#include "sim/io/scenario_reader.h"
#include "sim/model/simulation.h"

namespace {

std::unique_ptr<homeward::model::PreparedScenario> load(const std::string& name) {
  const std::string path = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/" + name;
  auto read = homeward::io::read_scenario_file(path);
  if (!read.scenario) {
    for (const auto& p : read.problems) std::fprintf(stderr, "%s\n", p.message().c_str());
    std::abort();
  }
  return std::move(read.prepared);
}

void run_replication(benchmark::State& state, const char* scenario) {
  const auto prepared = load(scenario);
  homeward::bench::reset_peak_memory();
  const double rss_at_start = homeward::bench::current_memory_kib();
  std::uint32_t replication = 0;
  double events = 0, patient_days = 0;
  for (auto _ : state) {
    auto result = homeward::model::simulate(*prepared, 1, replication++);
    events += static_cast<double>(result.events);
    patient_days += result.patient_days;
    benchmark::DoNotOptimize(result);
  }
  state.counters["events_per_second"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
  state.counters["patient_days_per_second"] = benchmark::Counter(patient_days, benchmark::Counter::kIsRate);
  state.counters["events_per_replication"] = events / static_cast<double>(state.iterations());
  const double peak = homeward::bench::peak_memory_kib();
  state.counters["peak_memory_KiB"] = peak;
  state.counters["memory_growth_KiB"] = peak - rss_at_start;
}

void BM_LargeTrustReplication(benchmark::State& state) { run_replication(state, "large_trust.json"); }
void BM_BaselineReplication(benchmark::State& state) { run_replication(state, "baseline.json"); }

BENCHMARK(BM_LargeTrustReplication)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_BaselineReplication)->Unit(benchmark::kMillisecond)->MinTime(1.0);

}  // namespace
