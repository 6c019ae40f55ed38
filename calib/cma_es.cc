#include "calib/cma_es.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <numeric>

#include "sim/engine/random.h"

namespace homeward::calib {
namespace {

// The optimiser's random stream purpose (the simulator's purposes are 1-3).
constexpr std::uint64_t kCmaEsPurpose = 0xCA;

Eigen::VectorXd mirrored(const Eigen::VectorXd& x) {
  Eigen::VectorXd y(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) y[i] = mirror_into_unit(x[i]);
  return y;
}

}  // namespace

double mirror_into_unit(double x) {
  double y = std::fmod(std::fabs(x), 2.0);
  return y > 1.0 ? 2.0 - y : y;
}

CmaEsResult minimise_cma_es(const BatchFunction& f, const Eigen::VectorXd& x0, const CmaEsOptions& options,
                            const std::function<void(const CmaEsGeneration&)>& progress) {
  const int n = static_cast<int>(x0.size());
  const double dn = n;
  const int lambda = options.population > 0 ? options.population : 4 + static_cast<int>(std::floor(3 * std::log(dn)));
  const int mu = lambda / 2;
  Eigen::VectorXd weights(mu);
  for (int i = 0; i < mu; ++i) weights[i] = std::log(mu + 0.5) - std::log(i + 1.0);
  weights /= weights.sum();
  const double mueff = 1.0 / weights.squaredNorm();
  // Strategy parameters: the tutorial's defaults.
  const double cc = (4 + mueff / dn) / (dn + 4 + 2 * mueff / dn);
  const double cs = (mueff + 2) / (dn + mueff + 5);
  const double c1 = 2 / ((dn + 1.3) * (dn + 1.3) + mueff);
  const double cmu = std::min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((dn + 2) * (dn + 2) + mueff));
  const double damps = 1 + 2 * std::max(0.0, std::sqrt((mueff - 1) / (dn + 1)) - 1) + cs;
  const double chi_n = std::sqrt(dn) * (1 - 1 / (4 * dn) + 1 / (21 * dn * dn));
  const int flat_window = 10 + static_cast<int>(std::ceil(30 * dn / lambda));

  Eigen::VectorXd mean = x0, pc = Eigen::VectorXd::Zero(n), ps = Eigen::VectorXd::Zero(n);
  Eigen::MatrixXd C = Eigen::MatrixXd::Identity(n, n), B = C, inv_sqrt_C = C;
  Eigen::VectorXd D = Eigen::VectorXd::Ones(n);
  double sigma = options.initial_step;

  CmaEsResult result;
  result.best = x0;
  result.best_value = std::numeric_limits<double>::infinity();
  std::deque<double> history;  // best value of recent generations

  for (int generation = 1;; ++generation) {
    const int extra = generation == 1 ? 1 : 0;  // the start point rides with the first generation
    int offspring = lambda;
    if (result.evaluations + extra + offspring > options.evaluations) {
      if (generation > 1) {
        result.stop_reason = "evaluation budget reached";
        break;
      }
      offspring = std::max(0, options.evaluations - extra);
    }
    engine::RandomStream stream(options.seed, 0, kCmaEsPurpose, static_cast<std::uint64_t>(generation));
    std::vector<Eigen::VectorXd> raw(offspring), points;
    if (extra) points.push_back(x0);
    for (int k = 0; k < offspring; ++k) {
      Eigen::VectorXd z(n);
      for (int i = 0; i < n; ++i) z[i] = stream.normal(0, 1);
      raw[k] = mean + sigma * (B * D.cwiseProduct(z));
      points.push_back(mirrored(raw[k]));
    }
    const std::vector<double> values = f(points);
    result.evaluations += static_cast<int>(points.size());
    result.generations = generation;
    if (extra) result.start_value = values[0];
    double generation_best = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < points.size(); ++k) {
      generation_best = std::min(generation_best, values[k]);
      if (values[k] < result.best_value) {
        result.best_value = values[k];
        result.best = points[k];
      }
    }
    if (offspring < lambda) {
      result.stop_reason = "evaluation budget smaller than one generation";
      break;
    }

    // Rank the offspring (ties by index, so the order is deterministic).
    std::vector<int> order(offspring);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return values[a + extra] < values[b + extra]; });
    const Eigen::VectorXd old_mean = mean;
    mean.setZero();
    Eigen::MatrixXd steps(n, mu);
    for (int i = 0; i < mu; ++i) {
      mean += weights[i] * raw[order[i]];
      steps.col(i) = (raw[order[i]] - old_mean) / sigma;
    }
    const Eigen::VectorXd y_w = (mean - old_mean) / sigma;
    ps = (1 - cs) * ps + std::sqrt(cs * (2 - cs) * mueff) * (inv_sqrt_C * y_w);
    const double ps_norm = ps.norm() / std::sqrt(1 - std::pow(1 - cs, 2.0 * generation)) / chi_n;
    const bool hsig = ps_norm < 1.4 + 2 / (dn + 1);
    pc = (1 - cc) * pc + (hsig ? std::sqrt(cc * (2 - cc) * mueff) : 0.0) * y_w;
    C = (1 - c1 - cmu) * C + c1 * (pc * pc.transpose() + (hsig ? 0.0 : cc * (2 - cc)) * C) +
        cmu * steps * weights.asDiagonal() * steps.transpose();
    sigma = std::min(1.0, sigma * std::exp((cs / damps) * (ps.norm() / chi_n - 1)));

    C = 0.5 * (C + C.transpose());
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(C);
    const Eigen::VectorXd eigenvalues = eigen.eigenvalues().cwiseMax(1e-300);
    B = eigen.eigenvectors();
    D = eigenvalues.cwiseSqrt();
    inv_sqrt_C = B * D.cwiseInverse().asDiagonal() * B.transpose();

    const double step = sigma * D.maxCoeff();
    history.push_back(generation_best);
    if (static_cast<int>(history.size()) > flat_window) history.pop_front();
    if (progress) {
      CmaEsGeneration g{generation, result.evaluations, result.best_value, generation_best, step,
                        &result.best, &points, &values};
      progress(g);
    }
    const auto [lo, hi] = std::minmax_element(values.begin() + extra, values.end());
    const auto [hlo, hhi] = std::minmax_element(history.begin(), history.end());
    if (step < options.tolerance) {
      result.stop_reason = "converged: step below tolerance";
      break;
    }
    if (static_cast<int>(history.size()) == flat_window && *hhi - *hlo <= 1e-12 && *hi - *lo <= 1e-12) {
      result.stop_reason = "converged: objective flat";
      break;
    }
    if (eigenvalues.maxCoeff() > 1e14 * eigenvalues.minCoeff()) {
      result.stop_reason = "stopped: covariance ill-conditioned";
      break;
    }
  }
  result.mean = mirrored(mean);
  result.sd = sigma * C.diagonal().cwiseSqrt();
  return result;
}

}  // namespace homeward::calib
