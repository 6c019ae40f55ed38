// RandomStream micro-benchmarks: raw xoshiro256** draws and the samplers the
// simulator uses, with parameters taken from scenarios/large_trust.json.
// Each iteration draws kBlock values; items_per_second counts draws.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "sim/engine/random.h"

namespace {

using homeward::engine::Distribution;
using homeward::engine::RandomStream;

constexpr int kBlock = 256;

template <typename Draw>
void run(benchmark::State& state, Draw draw) {
  RandomStream stream(1, 0, 98, 0);
  for (auto _ : state) {
    double sum = 0;
    for (int i = 0; i < kBlock; ++i) sum += static_cast<double>(draw(stream));
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kBlock);
}

void BM_RandomRaw64(benchmark::State& state) {
  // Raw 64-bit words, accumulated with xor rather than summed as doubles.
  RandomStream stream(1, 0, 98, 0);
  for (auto _ : state) {
    std::uint64_t x = 0;
    for (int i = 0; i < kBlock; ++i) x ^= stream();
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kBlock);
}

void BM_RandomUniform01(benchmark::State& state) {
  run(state, [](RandomStream& s) { return s.uniform01(); });
}

void BM_RandomExponential(benchmark::State& state) {
  run(state, [](RandomStream& s) { return s.exponential(2.0); });
}

void BM_RandomLognormal(benchmark::State& state) {
  // emergency_short_stay's time to MFFD: lognormal with mean 4.0, sd 4.5.
  const Distribution d = Distribution::lognormal_from_mean_sd(4.0, 4.5);
  run(state, [&d](RandomStream& s) { return d.sample(s); });
}

void BM_RandomGamma(benchmark::State& state) {
  // An assessment duration: gamma with mean 0.5, sd 0.3 (shape 2.78).
  const Distribution d = Distribution::gamma_from_mean_sd(0.5, 0.3);
  run(state, [&d](RandomStream& s) { return d.sample(s); });
}

void BM_RandomPoisson45(benchmark::State& state) {
  // Boost's PTRD algorithm (used for means of 10 and more).
  run(state, [](RandomStream& s) { return s.poisson(45.0); });
}

void BM_RandomPick24(benchmark::State& state) {
  // An index from a 24-entry cumulative table (the simulation picks cohorts and routes this way).
  std::vector<double> cumulative;
  double total = 0;
  for (int h = 0; h < 24; ++h) cumulative.push_back(total += 1.0 + (h % 12));
  run(state, [&cumulative](RandomStream& s) { return s.pick(cumulative); });
}

void BM_RandomStreamConstruct(benchmark::State& state) {
  // A stream seeded from all of (seed, replication, purpose, index), plus one draw.
  std::uint64_t id = 0;
  run(state, [&id](RandomStream&) {
    RandomStream journey(1, 0, 3, id++);
    return journey();
  });
}

void BM_RandomStreamFromPrefix(benchmark::State& state) {
  // The per-patient journey stream as the simulation seeds it: (seed, replication,
  // purpose) mixed once, then only the index per patient; plus one draw.
  const RandomStream::Prefix prefix = RandomStream::prefix(1, 0, 3);
  std::uint64_t id = 0;
  run(state, [&](RandomStream&) {
    RandomStream journey(prefix, id++);
    return journey();
  });
}

BENCHMARK(BM_RandomRaw64);
BENCHMARK(BM_RandomUniform01);
BENCHMARK(BM_RandomExponential);
BENCHMARK(BM_RandomLognormal);
BENCHMARK(BM_RandomGamma);
BENCHMARK(BM_RandomPoisson45);
BENCHMARK(BM_RandomPick24);
BENCHMARK(BM_RandomStreamConstruct);
BENCHMARK(BM_RandomStreamFromPrefix);

}  // namespace
