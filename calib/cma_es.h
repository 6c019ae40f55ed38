// CMA-ES (covariance matrix adaptation evolution strategy; Hansen, "The CMA
// Evolution Strategy: A Tutorial", arXiv:1604.00772) minimising a function
// on the unit cube [0, 1]^n. Derivative-free and tolerant of noise and
// ruggedness: it ranks candidates, never differentiates.
//
// Bounds: a candidate outside the cube is mirrored back in (0.2 -> 0.2,
// 1.1 -> 0.9, -0.1 -> 0.1) before it is evaluated; the search distribution
// itself is unbounded. Each generation's candidates are evaluated together,
// by one call of the batch function (which may run them in parallel); the
// random numbers come from a portable stream of the seed, so the search is
// the same on any platform and thread count when the batch function is.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace homeward::calib {

struct CmaEsOptions {
  int evaluations = 300;      // budget: stop before a generation would exceed it
  int population = 0;         // candidates per generation (lambda); 0: 4 + floor(3 ln n)
  double initial_step = 0.3;  // initial step size sigma, in unit-cube coordinates
  double tolerance = 1e-3;    // stop when sigma x (largest axis of the distribution) is below this
  std::uint64_t seed = 1;
};

// Values of f at each point, in order. Points are inside the cube.
using BatchFunction = std::function<std::vector<double>(const std::vector<Eigen::VectorXd>&)>;

struct CmaEsGeneration {
  int restart = 0;      // which search, when several run together (set by the caller)
  int generation = 0;   // 1, 2, ...
  int evaluations = 0;  // so far
  double best = 0;      // best value so far
  double generation_best = 0;
  double step = 0;      // sigma x sqrt(largest eigenvalue of C)
  const Eigen::VectorXd* best_point = nullptr;
  const std::vector<Eigen::VectorXd>* points = nullptr;  // this generation's candidates (mirrored)
  const std::vector<double>* values = nullptr;
};

struct CmaEsResult {
  Eigen::VectorXd best;  // the best point evaluated
  double best_value = 0;
  double start_value = 0;  // f(x0), evaluated with the first generation
  Eigen::VectorXd mean;    // the final mean, mirrored into the cube
  Eigen::VectorXd sd;      // sigma x sqrt(diag C): the final spread of each coordinate
  int evaluations = 0;
  int generations = 0;
  std::string stop_reason;
  // The search stopped because another generation would exceed the budget,
  // not because it converged.
  bool budget_exhausted = false;
  double final_step = 0;  // sigma x sqrt(largest eigenvalue of C) when it stopped
};

// The search one generation at a time (ask, evaluate, tell), so that
// several searches (restarts from other seeds) can share each round of
// evaluations and keep every core busy. minimise_cma_es() is a loop of it.
class CmaEs {
 public:
  // REQUIRES: x0 in the cube; options.evaluations >= 1.
  CmaEs(const Eigen::VectorXd& x0, const CmaEsOptions& options);
  ~CmaEs();
  CmaEs(CmaEs&&) noexcept;
  CmaEs& operator=(CmaEs&&) noexcept;

  bool done() const;
  // The next generation's points (the start point first in generation 1),
  // mirrored into the cube. REQUIRES: !done().
  const std::vector<Eigen::VectorXd>& ask();
  // The values at the points of the last ask(), in order.
  void tell(const std::vector<double>& values, const std::function<void(const CmaEsGeneration&)>& progress = {});
  // The state so far; complete once done().
  CmaEsResult result() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// REQUIRES: x0 in the cube; options.evaluations >= 1.
CmaEsResult minimise_cma_es(const BatchFunction& f, const Eigen::VectorXd& x0, const CmaEsOptions& options,
                            const std::function<void(const CmaEsGeneration&)>& progress = {});

// x mirrored into [0, 1] (a triangle wave of period 2).
double mirror_into_unit(double x);

}  // namespace homeward::calib
