// Random streams that give the same numbers on every compiler and platform.
//
// Each stream is a xoshiro256** generator whose state is derived by SplitMix64
// from (seed, replication, purpose, index): streams never share a generator,
// so results do not depend on thread count or on the order in which other
// streams are used (which is also what makes common random numbers work).
// Distributions come from Boost.Random, whose algorithms are fixed in its
// headers, unlike libstdc++'s std::*_distribution; the gamma is Marsaglia and
// Tsang's method in random.cc, six times as fast as Boost's.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace homeward::engine {

class RandomStream {
 public:
  using result_type = std::uint64_t;
  // An unseeded placeholder (all-zero state), to be assigned a seeded stream.
  RandomStream() = default;
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t purpose,
               std::uint64_t index);

  // The same streams, cheaper when many share (seed, replication, purpose):
  // prefix(seed, replication, purpose) is mixed once, then each index costs
  // only the last step. RandomStream(prefix(s, r, p), i) == RandomStream(s, r, p, i).
  struct Prefix {
    std::uint64_t mixed;
  };
  static Prefix prefix(std::uint64_t seed, std::uint64_t replication, std::uint64_t purpose);
  // Inline: a replication seeds a few streams per patient, and a call keeps
  // the state in memory where the first draws would find it in registers.
  RandomStream(Prefix prefix, std::uint64_t index) { seed(prefix, index); }
  // Makes this stream RandomStream(prefix, index) in place. Assigning a new
  // stream instead builds it on the stack and copies it in 16-byte moves,
  // which wait for the 8-byte stores that built it (a store-forwarding stall).
  void seed(Prefix prefix, std::uint64_t index) {
    std::uint64_t x = prefix.mixed;
    x = splitmix64(x) ^ index;
    for (auto& word : state_) word = splitmix64(x);
  }
  // The first uniform01() of RandomStream(prefix, index), for streams of
  // which most uses need one draw (a yes-or-no decision): xoshiro256**'s
  // first output depends on the second word of its state only, so the other
  // three are not worked out. Equal to RandomStream(prefix, index).uniform01().
  static double first_uniform01(Prefix prefix, std::uint64_t index) {
    std::uint64_t x = prefix.mixed;
    x = splitmix64(x) ^ index;
    x += 0x9E3779B97F4A7C15ULL;  // the first word's step, whose value is not needed
    const std::uint64_t second = splitmix64(x);
    return static_cast<double>((rotl(second * 5, 7) * 9) >> 11) * 0x1.0p-53;
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  // xoshiro256** (Blackman & Vigna). Inline: every draw of every distribution goes through it.
  result_type operator()() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  double uniform01() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }  // in [0, 1), 53 random bits
  double exponential(double mean);
  std::uint32_t poisson(double mean);
  double normal(double mean, double sd);
  double gamma(double shape, double scale);
  double weibull(double shape, double scale);
  // Index drawn with probability proportional to `cumulative` increments.
  // REQUIRES: cumulative is non-decreasing with a positive last element.
  // Inline: every admission picks a cohort and every step of a route an edge.
  std::size_t pick(const std::vector<double>& cumulative) { return pick(uniform01(), cumulative); }
  // The same pick for a uniform01() drawn already (such as first_uniform01).
  static std::size_t pick(double uniform, const std::vector<double>& cumulative) {
    // The first index whose cumulative weight exceeds u (zero weights are never
    // picked): the count of entries <= u, branch-free, clamped to the last index.
    const double u = uniform * cumulative.back();
    std::size_t i = 0;
    for (double c : cumulative) i += c <= u;
    return i < cumulative.size() ? i : cumulative.size() - 1;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  // SplitMix64 (Steele, Lea & Flood 2014), which seeds the state: advances x, returns its mix.
  static std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_[4] = {0, 0, 0, 0};
};

// A named distribution with explicit parameters, sampled from a RandomStream.
// Parameters are stored in the form the sampler needs; `describe()` states
// the parameterisation so reports can show what was really used.
struct Distribution {
  enum class Kind { constant, exponential, lognormal, gamma, weibull, uniform, empirical, mixture };
  Kind kind = Kind::constant;
  double a = 0;  // constant: value; exponential: mean; lognormal: mu; gamma/weibull: shape; uniform: min
  double b = 0;  // lognormal: sigma; gamma/weibull: scale; uniform: max
  std::vector<double> values;      // empirical
  std::vector<double> cumulative;  // empirical and mixture, cumulative weights
  // mixture: a component is picked with probability proportional to its
  // weight, then sampled. For a share of complex patients, or a delay that is
  // usually short but sometimes very long. REQUIRES: no component is a mixture.
  std::vector<Distribution> components;

  static Distribution constant(double value);
  static Distribution exponential(double mean);
  static Distribution lognormal_from_mean_sd(double mean, double sd);
  static Distribution lognormal_from_median_mean(double median, double mean);
  static Distribution gamma_from_shape_scale(double shape, double scale);
  static Distribution gamma_from_mean_sd(double mean, double sd);
  static Distribution weibull(double shape, double scale);
  static Distribution uniform(double min, double max);
  static Distribution empirical(std::vector<double> values, const std::vector<double>& weights);
  static Distribution mixture(std::vector<Distribution> components, const std::vector<double>& weights);

  double sample(RandomStream& stream) const;
  // A stay in progress seen at a random moment is longer than a typical one
  // (the inspection paradox): its length has density x·f(x) / mean. For a
  // census of who is in a bed today, the length-biased length and, uniform
  // within it, the time still to go (the renewal equilibrium residual, mean
  // E[X²] / (2 E[X])). REQUIRES: values >= 0 and a positive mean.
  double sample_length_biased(RandomStream& stream) const;
  double sample_remaining(RandomStream& stream) const;
  double mean() const;
  std::string describe() const;
};

}  // namespace homeward::engine
