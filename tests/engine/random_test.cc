#include "sim/engine/random.h"

#include <gtest/gtest.h>

#include <boost/math/special_functions/gamma.hpp>
#include <algorithm>
#include <cmath>
#include <vector>

namespace homeward::engine {
namespace {

// Reference values from an independent Python implementation of SplitMix64
// seeding and xoshiro256** (Blackman & Vigna): the stream must give these bits
// on every compiler and platform.
TEST(RandomStream, MatchesReferenceImplementation) {
  RandomStream s(42, 7, 3, 11);
  EXPECT_EQ(s(), 0xe8613f8fa9bed611ULL);
  EXPECT_EQ(s(), 0x6efc95dc7caecc90ULL);
  EXPECT_EQ(s(), 0xe2744e77f27e4674ULL);
}

TEST(RandomStream, DistinctCoordinatesGiveDistinctStreams) {
  const std::uint64_t base = RandomStream(1, 0, 0, 0)();
  EXPECT_NE(base, RandomStream(2, 0, 0, 0)());
  EXPECT_NE(base, RandomStream(1, 1, 0, 0)());
  EXPECT_NE(base, RandomStream(1, 0, 1, 0)());
  EXPECT_NE(base, RandomStream(1, 0, 0, 1)());
  EXPECT_EQ(base, RandomStream(1, 0, 0, 0)());
}

// Sample mean within 5 standard errors of the distribution's stated mean.
void expect_mean(const Distribution& d, double expected_mean, double expected_sd) {
  RandomStream s(9, 0, 0, 0);
  const int n = 200000;
  double sum = 0, squares = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(s);
    sum += x;
    squares += x * x;
  }
  const double mean = sum / n;
  const double sd = std::sqrt(squares / n - mean * mean);
  EXPECT_NEAR(d.mean(), expected_mean, 1e-9 * expected_mean) << d.describe();
  EXPECT_NEAR(mean, expected_mean, 5 * expected_sd / std::sqrt(n)) << d.describe();
  EXPECT_NEAR(sd, expected_sd, 0.03 * expected_sd) << d.describe();
}

TEST(Distribution, ParameterisationsGiveStatedMoments) {
  expect_mean(Distribution::exponential(3), 3, 3);
  expect_mean(Distribution::lognormal_from_mean_sd(5, 4), 5, 4);
  expect_mean(Distribution::gamma_from_mean_sd(3, 2), 3, 2);
  expect_mean(Distribution::gamma_from_shape_scale(2, 1.5), 3, std::sqrt(2) * 1.5);
  expect_mean(Distribution::uniform(1, 3), 2, 2 / std::sqrt(12));
  // Weibull(k=2, λ=4): mean λΓ(1.5), variance λ²(Γ(2) − Γ(1.5)²).
  const double g = std::tgamma(1.5);
  expect_mean(Distribution::weibull(2, 4), 4 * g, 4 * std::sqrt(1 - g * g));
  // Empirical {1, 2, 5} with weights {0.5, 0.3, 0.2}: mean 2.1, E[x²] = 6.7.
  expect_mean(Distribution::empirical({1, 2, 5}, {0.5, 0.3, 0.2}), 2.1, std::sqrt(6.7 - 2.1 * 2.1));
}

// Kolmogorov-Smirnov against the gamma CDF P(shape, x / scale) (Boost.Math's
// regularised incomplete gamma, independent of the sampler), for shapes below
// one (sampled through shape + 1), at one, and above. With n = 20,000 the 0.1%
// critical value of D is 1.949 / sqrt(n) = 0.0138.
TEST(RandomStream, GammaFollowsItsDistribution) {
  const int n = 20000;
  for (double shape : {0.3, 1.0, 2.78, 40.0}) {
    const double scale = 1.7;
    RandomStream s(21, 0, 0, 0);
    std::vector<double> x(n);
    for (double& v : x) v = s.gamma(shape, scale);
    std::sort(x.begin(), x.end());
    ASSERT_GE(x.front(), 0.0);
    double d = 0;
    for (int i = 0; i < n; ++i) {
      const double f = boost::math::gamma_p(shape, x[i] / scale);
      d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
    }
    EXPECT_LT(d, 1.949 / std::sqrt(n)) << "shape " << shape;
  }
}

// Length-biased lengths have mean E[X²] / E[X] and the remaining time of a
// stay in progress E[X²] / (2 E[X]), for every kind (E[X²] = variance + mean²).
TEST(Distribution, LengthBiasedAndRemainingMeans) {
  const double g2 = std::tgamma(2.0);
  const struct {
    Distribution d;
    double second_moment;
  } cases[] = {
      {Distribution::constant(4), 16},
      {Distribution::exponential(3), 18},
      {Distribution::lognormal_from_mean_sd(5, 4), 41},
      {Distribution::gamma_from_mean_sd(24, 12), 720},
      {Distribution::weibull(2, 4), 16 * g2},  // λ²Γ(1 + 2/k)
      {Distribution::uniform(1, 3), (1 + 3 + 9) / 3.0},
      {Distribution::empirical({1, 2, 5}, {0.5, 0.3, 0.2}), 6.7},
  };
  for (const auto& c : cases) {
    RandomStream s(31, 0, 0, 0);
    const int n = 200000;
    double biased = 0, biased_squares = 0, remaining = 0;
    for (int i = 0; i < n; ++i) {
      const double x = c.d.sample_length_biased(s);
      biased += x;
      biased_squares += x * x;
      remaining += c.d.sample_remaining(s);
    }
    const double expected = c.second_moment / c.d.mean();
    const double sd = std::sqrt(std::max(0.0, biased_squares / n - (biased / n) * (biased / n)));
    EXPECT_NEAR(biased / n, expected, 5 * sd / std::sqrt(n) + 1e-12) << c.d.describe();
    // The remaining time is uniform within a length-biased length: its sd is below that length's root mean square.
    EXPECT_NEAR(remaining / n, expected / 2, 5 * std::sqrt(biased_squares / n) / std::sqrt(n)) << c.d.describe();
  }
}

TEST(Distribution, LognormalFromMedianAndMean) {
  const Distribution d = Distribution::lognormal_from_median_mean(3, 5);
  EXPECT_NEAR(std::exp(d.a), 3, 1e-12);
  EXPECT_NEAR(d.mean(), 5, 1e-12);
}

TEST(RandomStream, PoissonMeanAndVariance) {
  RandomStream s(5, 0, 1, 0);
  const int n = 100000;
  for (double mean : {0.7, 45.0, 400.0}) {
    double sum = 0, squares = 0;
    for (int i = 0; i < n; ++i) {
      const double x = s.poisson(mean);
      sum += x;
      squares += x * x;
    }
    const double m = sum / n;
    EXPECT_NEAR(m, mean, 5 * std::sqrt(mean / n));
    EXPECT_NEAR(squares / n - m * m, mean, 0.03 * mean);
  }
}

TEST(RandomStream, PickFollowsWeights) {
  RandomStream s(3, 0, 0, 0);
  const std::vector<double> cumulative = {0.2, 0.2, 1.0};  // the middle entry has weight 0
  std::vector<int> counts(3, 0);
  const int n = 100000;
  for (int i = 0; i < n; ++i) ++counts[s.pick(cumulative)];
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[0] / double(n), 0.2, 5 * std::sqrt(0.16 / n));
}

// A mixture picks a component in proportion to its weight: with constants 1
// (weight 3) and 5 (weight 1), a quarter of the draws are 5 and the mean is 2.
// Length-biased, a stay of 5 is seen five times as often per occurrence:
// P(5) = 5·1 / (1·3 + 5·1) = 5/8, and the length-biased mean is E[X²]/E[X] = (3 + 25) / 8 = 3.5.
TEST(Distribution, MixtureFollowsItsWeights) {
  const Distribution d =
      Distribution::mixture({Distribution::constant(1), Distribution::constant(5)}, {3, 1});
  EXPECT_DOUBLE_EQ(d.mean(), 2.0);
  RandomStream s(5, 0, 0, 0);
  const int n = 200000;
  int fives = 0, biased_fives = 0;
  for (int i = 0; i < n; ++i) {
    fives += d.sample(s) == 5;
    biased_fives += d.sample_length_biased(s) == 5;
  }
  // Binomial standard errors: about 0.00097 and 0.0011.
  EXPECT_NEAR(static_cast<double>(fives) / n, 0.25, 4 * std::sqrt(0.25 * 0.75 / n));
  EXPECT_NEAR(static_cast<double>(biased_fives) / n, 5.0 / 8, 4 * std::sqrt(5.0 / 8 * 3.0 / 8 / n));
  EXPECT_NE(d.describe().find("mixture("), std::string::npos);
}

// A mixture's components keep their own shapes: a lognormal part's draws are lognormal.
TEST(Distribution, MixtureMeanOfContinuousParts) {
  const Distribution d = Distribution::mixture(
      {Distribution::gamma_from_mean_sd(2, 1), Distribution::lognormal_from_median_mean(10, 20)}, {0.9, 0.1});
  EXPECT_NEAR(d.mean(), 0.9 * 2 + 0.1 * 20, 1e-12);
  RandomStream s(6, 0, 0, 0);
  const int n = 400000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(s);
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
  EXPECT_NEAR(mean, d.mean(), 4 * sd / std::sqrt(n));
}

}  // namespace
}  // namespace homeward::engine
