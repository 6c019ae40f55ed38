// CMA-ES on analytic functions: sphere, Rosenbrock, a noisy quadratic, and a
// minimum outside the cube; the same seed gives the same search.
#include "calib/cma_es.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/engine/random.h"

namespace homeward::calib {
namespace {

// Evaluates f point by point, counting evaluations.
BatchFunction batch(std::function<double(const Eigen::VectorXd&)> f, int* count = nullptr) {
  return [f, count](const std::vector<Eigen::VectorXd>& points) {
    std::vector<double> values;
    for (const auto& p : points) {
      for (Eigen::Index i = 0; i < p.size(); ++i) {
        EXPECT_GE(p[i], 0.0);
        EXPECT_LE(p[i], 1.0);
      }
      values.push_back(f(p));
      if (count) ++*count;
    }
    return values;
  };
}

TEST(CmaEs, MirrorsIntoTheUnitInterval) {
  EXPECT_DOUBLE_EQ(mirror_into_unit(0.2), 0.2);
  EXPECT_DOUBLE_EQ(mirror_into_unit(1.1), 0.9);
  EXPECT_DOUBLE_EQ(mirror_into_unit(-0.1), 0.1);
  EXPECT_DOUBLE_EQ(mirror_into_unit(2.3), 0.3);
}

TEST(CmaEs, FindsTheCentreOfASphere) {
  const Eigen::VectorXd centre = Eigen::Vector4d(0.3, 0.7, 0.55, 0.1);
  int count = 0;
  CmaEsOptions options;
  options.evaluations = 2000;
  options.tolerance = 1e-6;
  const auto r = minimise_cma_es(batch([&](const Eigen::VectorXd& x) { return (x - centre).squaredNorm(); }, &count),
                                 Eigen::VectorXd::Constant(4, 0.9), options);
  EXPECT_LT((r.best - centre).norm(), 1e-4);
  EXPECT_LT(r.best_value, 1e-8);
  EXPECT_EQ(r.evaluations, count);
  EXPECT_LE(count, options.evaluations);
  EXPECT_EQ(r.stop_reason, "converged: step below tolerance");
  EXPECT_DOUBLE_EQ(r.start_value, (Eigen::VectorXd::Constant(4, 0.9) - centre).squaredNorm());
}

TEST(CmaEs, FollowsTheRosenbrockValley) {
  // Rosenbrock on [-2, 2]^3 (x = 4u - 2), minimum 0 at x = (1, 1, 1), u = 0.75.
  auto rosenbrock = [](const Eigen::VectorXd& u) {
    const Eigen::VectorXd x = 4 * u.array() - 2;
    double f = 0;
    for (Eigen::Index i = 0; i + 1 < x.size(); ++i)
      f += 100 * std::pow(x[i + 1] - x[i] * x[i], 2) + std::pow(1 - x[i], 2);
    return f;
  };
  CmaEsOptions options;
  options.evaluations = 6000;
  options.tolerance = 1e-7;
  const auto r = minimise_cma_es(batch(rosenbrock), Eigen::VectorXd::Constant(3, 0.25), options);
  EXPECT_LT(r.best_value, 1e-6);
  EXPECT_LT((r.best - Eigen::VectorXd::Constant(3, 0.75)).norm(), 1e-3);
}

TEST(CmaEs, ToleratesNoise) {
  // A quadratic plus Gaussian noise of sd 0.01 on each evaluation: the final
  // mean, not the luckiest point, is the estimate.
  const Eigen::VectorXd centre = Eigen::Vector3d(0.4, 0.6, 0.25);
  std::uint64_t calls = 0;
  auto noisy = [&](const Eigen::VectorXd& x) {
    engine::RandomStream noise(99, 0, 1, calls++);
    return (x - centre).squaredNorm() + noise.normal(0, 0.01);
  };
  CmaEsOptions options;
  options.evaluations = 1500;
  options.population = 16;
  const auto r = minimise_cma_es(batch(noisy), Eigen::VectorXd::Constant(3, 0.9), options);
  EXPECT_LT((r.mean - centre).norm(), 0.05) << r.mean.transpose();
}

TEST(CmaEs, AMinimumOutsideTheCubeEndsOnItsFace) {
  const auto r = minimise_cma_es(batch([](const Eigen::VectorXd& x) { return std::pow(x[0] - 1.5, 2) + std::pow(x[1] - 0.5, 2); }),
                                 Eigen::Vector2d(0.2, 0.2), {600, 0, 0.3, 1e-6, 1});
  EXPECT_NEAR(r.best[0], 1.0, 1e-3);
  EXPECT_NEAR(r.best[1], 0.5, 1e-3);
}

TEST(CmaEs, SameSeedSameSearchAndTheBudgetHolds) {
  auto f = [](const Eigen::VectorXd& x) { return std::sin(9 * x[0]) + std::cos(7 * x[1]) + x.squaredNorm(); };
  CmaEsOptions options;
  options.evaluations = 100;
  options.seed = 5;
  const auto a = minimise_cma_es(batch(f), Eigen::Vector2d(0.5, 0.5), options);
  const auto b = minimise_cma_es(batch(f), Eigen::Vector2d(0.5, 0.5), options);
  EXPECT_EQ(a.best, b.best);
  EXPECT_EQ(a.best_value, b.best_value);
  EXPECT_EQ(a.evaluations, b.evaluations);
  EXPECT_LE(a.evaluations, 100);
  EXPECT_EQ(a.stop_reason, "evaluation budget reached");
  options.seed = 6;
  const auto c = minimise_cma_es(batch(f), Eigen::Vector2d(0.5, 0.5), options);
  EXPECT_NE(a.best, c.best);
}

TEST(CmaEs, ABudgetBelowOneGenerationStillEvaluatesTheStart) {
  int count = 0;
  const auto r = minimise_cma_es(batch([](const Eigen::VectorXd& x) { return x.sum(); }, &count),
                                 Eigen::Vector2d(0.5, 0.5), {3, 0, 0.3, 1e-3, 1});
  EXPECT_EQ(count, 3);
  EXPECT_EQ(r.start_value, 1.0);
  EXPECT_LE(r.best_value, 1.0);
}

}  // namespace
}  // namespace homeward::calib
