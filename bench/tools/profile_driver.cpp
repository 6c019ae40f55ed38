// Profiling driver: runs replications of one scenario with nothing else in
// the way, for valgrind --tool=callgrind or perf. Not part of the CMake build
// (the bench glob is *.cc); see bench/README.md, "Where the time goes".
//
//   profile_driver SCENARIO.json [REPLICATIONS=1] [SEED=1]
//
// Under callgrind, run with --instr-atstart=no: instrumentation is switched on
// only around model::simulate, so reading and preparing the scenario is not
// counted.
//
// It also prints a fingerprint (FNV-1a over every measure's name and the bits
// of its value, and the monthly series) so that an optimisation of sim/ can be
// checked to give bit-identical results: same scenario, replications and seed
// must print the same fingerprint before and after.
#include <valgrind/callgrind.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <string>

#include "sim/io/scenario_reader.h"
#include "sim/model/simulation.h"

namespace {

struct Fingerprint {
  std::uint64_t h = 14695981039346656037ULL;
  void bytes(const void* p, std::size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ c[i]) * 1099511628211ULL;
  }
  void number(double x) {
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    bytes(&bits, sizeof bits);
  }
  void add(const homeward::model::ReplicationResult& r) {
    for (const auto& m : r.measures) {
      bytes(m.name.data(), m.name.size());
      number(m.value);
    }
    for (const auto& m : r.months) {
      for (double v : m.delayed_days) number(v);
      for (double v : m.snapshot) number(v);
      number(m.admissions);
      number(m.discharges);
      number(m.delayed_bed_days);
      number(m.acute_bed_days);
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SCENARIO.json [REPLICATIONS] [SEED]\n", argv[0]);
    return 2;
  }
  const int replications = argc > 2 ? std::atoi(argv[2]) : 1;
  const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  auto read = homeward::io::read_scenario_file(argv[1]);
  if (!read.scenario) {
    for (const auto& p : read.problems) std::fprintf(stderr, "%s\n", p.message().c_str());
    return 2;
  }
  const homeward::model::PreparedScenario prepared(std::move(*read.scenario));

  double events = 0, patient_days = 0;
  Fingerprint fingerprint;
  const auto t0 = std::chrono::steady_clock::now();
  CALLGRIND_START_INSTRUMENTATION;
  for (int r = 0; r < replications; ++r) {
    const auto result = homeward::model::simulate(prepared, seed, static_cast<std::uint32_t>(r));
    events += static_cast<double>(result.events);
    patient_days += result.patient_days;
    CALLGRIND_STOP_INSTRUMENTATION;
    fingerprint.add(result);
    CALLGRIND_START_INSTRUMENTATION;
  }
  CALLGRIND_STOP_INSTRUMENTATION;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%d replication(s): %.0f events, %.0f patient-days, %.3f s (%.1f ms each), fingerprint %016llx\n",
              replications, events, patient_days, seconds, 1000 * seconds / replications,
              static_cast<unsigned long long>(fingerprint.h));
  return 0;
}
