#include "sim/engine/random.h"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace homeward::engine {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::string format_number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", x);
  return buffer;
}

}  // namespace

RandomStream::Prefix RandomStream::prefix(std::uint64_t seed, std::uint64_t replication, std::uint64_t purpose) {
  // Mix each coordinate in turn so that nearby tuples give unrelated states.
  std::uint64_t x = seed;
  x = splitmix64(x) ^ replication;
  x = splitmix64(x) ^ purpose;
  return {x};
}

RandomStream::RandomStream(Prefix prefix, std::uint64_t index) {
  std::uint64_t x = prefix.mixed;
  x = splitmix64(x) ^ index;
  for (auto& word : state_) word = splitmix64(x);
}

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t purpose,
                           std::uint64_t index)
    : RandomStream(prefix(seed, replication, purpose), index) {}

double RandomStream::exponential(double mean) {
  return boost::random::exponential_distribution<double>(1.0 / mean)(*this);
}

std::uint32_t RandomStream::poisson(double mean) {
  if (mean <= 0) return 0;
  return static_cast<std::uint32_t>(boost::random::poisson_distribution<int, double>(mean)(*this));
}

double RandomStream::normal(double mean, double sd) {
  return boost::random::normal_distribution<double>(mean, sd)(*this);
}

double RandomStream::gamma(double shape, double scale) {
  // Marsaglia & Tsang, "A simple method for generating gamma variables", ACM
  // TOMS 26(3), 2000. Boost's gamma_distribution (a tangent-based rejection
  // method) costs about 530 instructions a draw with tan, exp and log; this
  // takes one normal, one uniform and, in 98% of draws for shape >= 1, no
  // logarithm. Exact, like Boost's: a test checks it against the gamma CDF.
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) · U^(1/a) (their section 6); 1 - U in (0, 1].
    const double g = gamma(shape + 1, scale);
    return g * std::pow(1.0 - uniform01(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  boost::random::normal_distribution<double> standard_normal;
  for (;;) {
    double x, v;
    do {
      x = standard_normal(*this);
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = 1.0 - uniform01();  // (0, 1]: log(u) is finite
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return scale * d * v;  // the squeeze
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return scale * d * v;
  }
}

double RandomStream::weibull(double shape, double scale) {
  return boost::random::weibull_distribution<double>(shape, scale)(*this);
}

std::size_t RandomStream::pick(const std::vector<double>& cumulative) {
  // The first index whose cumulative weight exceeds u (zero weights are never
  // picked): the count of entries <= u, branch-free, clamped to the last index.
  const double u = uniform01() * cumulative.back();
  std::size_t i = 0;
  for (double c : cumulative) i += c <= u;
  return i < cumulative.size() ? i : cumulative.size() - 1;
}

Distribution Distribution::constant(double value) { return {Kind::constant, value, 0, {}, {}, {}}; }
Distribution Distribution::exponential(double mean) { return {Kind::exponential, mean, 0, {}, {}, {}}; }

Distribution Distribution::lognormal_from_mean_sd(double mean, double sd) {
  const double sigma2 = std::log1p((sd * sd) / (mean * mean));
  return {Kind::lognormal, std::log(mean) - sigma2 / 2, std::sqrt(sigma2), {}, {}, {}};
}

Distribution Distribution::lognormal_from_median_mean(double median, double mean) {
  // median = e^mu, mean = e^(mu + sigma^2/2)
  const double mu = std::log(median);
  return {Kind::lognormal, mu, std::sqrt(2 * (std::log(mean) - mu)), {}, {}, {}};
}

Distribution Distribution::gamma_from_shape_scale(double shape, double scale) {
  return {Kind::gamma, shape, scale, {}, {}, {}};
}

Distribution Distribution::gamma_from_mean_sd(double mean, double sd) {
  const double shape = (mean * mean) / (sd * sd);
  return {Kind::gamma, shape, mean / shape, {}, {}, {}};
}

Distribution Distribution::weibull(double shape, double scale) {
  return {Kind::weibull, shape, scale, {}, {}, {}};
}

Distribution Distribution::uniform(double min, double max) { return {Kind::uniform, min, max, {}, {}, {}}; }

Distribution Distribution::empirical(std::vector<double> values, const std::vector<double>& weights) {
  Distribution d{Kind::empirical, 0, 0, std::move(values), {}, {}};
  double total = 0;
  for (double w : weights) d.cumulative.push_back(total += w);
  return d;
}

Distribution Distribution::mixture(std::vector<Distribution> parts, const std::vector<double>& weights) {
  Distribution d{Kind::mixture, 0, 0, {}, {}, std::move(parts)};
  double total = 0;
  for (double w : weights) d.cumulative.push_back(total += w);
  return d;
}

double Distribution::sample(RandomStream& stream) const {
  switch (kind) {
    case Kind::constant: return a;
    case Kind::exponential: return stream.exponential(a);
    case Kind::lognormal: return std::exp(stream.normal(a, b));
    case Kind::gamma: return stream.gamma(a, b);
    case Kind::weibull: return stream.weibull(a, b);
    case Kind::uniform: return a + (b - a) * stream.uniform01();
    case Kind::empirical: return values[stream.pick(cumulative)];
    case Kind::mixture: return components[stream.pick(cumulative)].sample(stream);
  }
  return a;
}

double Distribution::sample_length_biased(RandomStream& stream) const {
  switch (kind) {
    case Kind::constant: return a;
    case Kind::exponential: return stream.gamma(2, a);                     // x·e^(-x/m) is Gamma(2, m)
    case Kind::lognormal: return std::exp(stream.normal(a + b * b, b));    // LN(mu + sigma², sigma)
    case Kind::gamma: return stream.gamma(a + 1, b);                       // x·x^(k-1) is Gamma(k + 1, θ)
    case Kind::weibull: return b * std::pow(stream.gamma(1 + 1 / a, 1), 1 / a);  // (x/λ)^k is Gamma(1 + 1/k)
    case Kind::uniform: return std::sqrt(a * a + stream.uniform01() * (b * b - a * a));  // inverse of the x² CDF
    case Kind::empirical: {
      std::vector<double> biased;  // weight × value, cumulated
      double total = 0, previous = 0;
      for (std::size_t i = 0; i < values.size(); ++i) {
        biased.push_back(total += values[i] * (cumulative[i] - previous));
        previous = cumulative[i];
      }
      return values[stream.pick(biased)];
    }
    case Kind::mixture: {
      // The length-biased mixture picks component i with weight w_i · mean_i,
      // then draws that component length-biased.
      std::vector<double> biased;
      double total = 0, previous = 0;
      for (std::size_t i = 0; i < components.size(); ++i) {
        biased.push_back(total += components[i].mean() * (cumulative[i] - previous));
        previous = cumulative[i];
      }
      return components[stream.pick(biased)].sample_length_biased(stream);
    }
  }
  return a;
}

double Distribution::sample_remaining(RandomStream& stream) const {
  const double length = sample_length_biased(stream);
  return length * stream.uniform01();
}

double Distribution::mean() const {
  switch (kind) {
    case Kind::constant: return a;
    case Kind::exponential: return a;
    case Kind::lognormal: return std::exp(a + b * b / 2);
    case Kind::gamma: return a * b;
    case Kind::weibull: return b * std::tgamma(1 + 1 / a);
    case Kind::uniform: return (a + b) / 2;
    case Kind::empirical: {
      double sum = 0, previous = 0;
      for (std::size_t i = 0; i < values.size(); ++i) {
        sum += values[i] * (cumulative[i] - previous);
        previous = cumulative[i];
      }
      return sum / cumulative.back();
    }
    case Kind::mixture: {
      double sum = 0, previous = 0;
      for (std::size_t i = 0; i < components.size(); ++i) {
        sum += components[i].mean() * (cumulative[i] - previous);
        previous = cumulative[i];
      }
      return sum / cumulative.back();
    }
  }
  return a;
}

std::string Distribution::describe() const {
  switch (kind) {
    case Kind::constant: return "constant(" + format_number(a) + ")";
    case Kind::exponential: return "exponential(mean=" + format_number(a) + ")";
    case Kind::lognormal:
      return "lognormal(mu=" + format_number(a) + ", sigma=" + format_number(b) +
             "; mean=" + format_number(mean()) + ")";
    case Kind::gamma:
      return "gamma(shape=" + format_number(a) + ", scale=" + format_number(b) + ")";
    case Kind::weibull:
      return "weibull(shape=" + format_number(a) + ", scale=" + format_number(b) + ")";
    case Kind::uniform: return "uniform(" + format_number(a) + ", " + format_number(b) + ")";
    case Kind::empirical:
      return "empirical(" + std::to_string(values.size()) + " values; mean=" + format_number(mean()) + ")";
    case Kind::mixture: {
      std::string text = "mixture(";
      double previous = 0;
      for (std::size_t i = 0; i < components.size(); ++i) {
        if (i > 0) text += " + ";
        text += format_number((cumulative[i] - previous) / cumulative.back()) + " x " + components[i].describe();
        previous = cumulative[i];
      }
      return text + "; mean=" + format_number(mean()) + ")";
    }
  }
  return "";
}

}  // namespace homeward::engine
