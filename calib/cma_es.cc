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

struct CmaEs::State {
  CmaEsOptions options;
  Eigen::VectorXd x0;
  int n = 0;
  double dn = 0;
  int lambda = 0, mu = 0;
  Eigen::VectorXd weights;
  double mueff = 0, cc = 0, cs = 0, c1 = 0, cmu = 0, damps = 0, chi_n = 0;
  int flat_window = 0;

  Eigen::VectorXd mean, pc, ps;
  Eigen::MatrixXd C, B, inv_sqrt_C;
  Eigen::VectorXd D;
  double sigma = 0;
  CmaEsResult result;
  std::deque<double> history;  // best value of recent generations
  bool done = false;

  // The generation asked for and not yet told.
  int generation = 0;
  int extra = 0;  // 1 when the start point rides with this generation
  std::vector<Eigen::VectorXd> raw, points;
};

CmaEs::CmaEs(const Eigen::VectorXd& x0, const CmaEsOptions& options) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.options = options;
  s.x0 = x0;
  s.n = static_cast<int>(x0.size());
  s.dn = s.n;
  const double dn = s.dn;
  s.lambda = options.population > 0 ? options.population : 4 + static_cast<int>(std::floor(3 * std::log(dn)));
  s.mu = s.lambda / 2;
  s.weights.resize(s.mu);
  for (int i = 0; i < s.mu; ++i) s.weights[i] = std::log(s.mu + 0.5) - std::log(i + 1.0);
  s.weights /= s.weights.sum();
  s.mueff = 1.0 / s.weights.squaredNorm();
  // Strategy parameters: the tutorial's defaults.
  s.cc = (4 + s.mueff / dn) / (dn + 4 + 2 * s.mueff / dn);
  s.cs = (s.mueff + 2) / (dn + s.mueff + 5);
  s.c1 = 2 / ((dn + 1.3) * (dn + 1.3) + s.mueff);
  s.cmu = std::min(1 - s.c1, 2 * (s.mueff - 2 + 1 / s.mueff) / ((dn + 2) * (dn + 2) + s.mueff));
  s.damps = 1 + 2 * std::max(0.0, std::sqrt((s.mueff - 1) / (dn + 1)) - 1) + s.cs;
  s.chi_n = std::sqrt(dn) * (1 - 1 / (4 * dn) + 1 / (21 * dn * dn));
  s.flat_window = 10 + static_cast<int>(std::ceil(30 * dn / s.lambda));
  s.mean = x0;
  s.pc = Eigen::VectorXd::Zero(s.n);
  s.ps = Eigen::VectorXd::Zero(s.n);
  s.C = Eigen::MatrixXd::Identity(s.n, s.n);
  s.B = s.C;
  s.inv_sqrt_C = s.C;
  s.D = Eigen::VectorXd::Ones(s.n);
  s.sigma = options.initial_step;
  s.result.best = x0;
  s.result.best_value = std::numeric_limits<double>::infinity();
}

CmaEs::~CmaEs() = default;
CmaEs::CmaEs(CmaEs&&) noexcept = default;
CmaEs& CmaEs::operator=(CmaEs&&) noexcept = default;

bool CmaEs::done() const { return state_->done; }

const std::vector<Eigen::VectorXd>& CmaEs::ask() {
  State& s = *state_;
  ++s.generation;
  s.extra = s.generation == 1 ? 1 : 0;  // the start point rides with the first generation
  int offspring = s.lambda;
  if (s.result.evaluations + s.extra + offspring > s.options.evaluations) offspring = std::max(0, s.options.evaluations - s.extra);
  engine::RandomStream stream(s.options.seed, 0, kCmaEsPurpose, static_cast<std::uint64_t>(s.generation));
  s.raw.assign(static_cast<std::size_t>(offspring), Eigen::VectorXd());
  s.points.clear();
  if (s.extra) s.points.push_back(s.x0);
  for (int k = 0; k < offspring; ++k) {
    Eigen::VectorXd z(s.n);
    for (int i = 0; i < s.n; ++i) z[i] = stream.normal(0, 1);
    s.raw[k] = s.mean + s.sigma * (s.B * s.D.cwiseProduct(z));
    s.points.push_back(mirrored(s.raw[k]));
  }
  return s.points;
}

void CmaEs::tell(const std::vector<double>& values, const std::function<void(const CmaEsGeneration&)>& progress) {
  State& s = *state_;
  CmaEsResult& result = s.result;
  const int n = s.n;
  const double dn = s.dn;
  const int extra = s.extra;
  const int offspring = static_cast<int>(s.raw.size());
  result.evaluations += static_cast<int>(s.points.size());
  result.generations = s.generation;
  if (extra) result.start_value = values[0];
  double generation_best = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < s.points.size(); ++k) {
    generation_best = std::min(generation_best, values[k]);
    if (values[k] < result.best_value) {
      result.best_value = values[k];
      result.best = s.points[k];
    }
  }
  if (offspring < s.lambda) {
    result.stop_reason = "evaluation budget smaller than one generation";
    s.done = true;
    return;
  }

  // Rank the offspring (ties by index, so the order is deterministic).
  std::vector<int> order(offspring);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return values[a + extra] < values[b + extra]; });
  const Eigen::VectorXd old_mean = s.mean;
  s.mean.setZero();
  Eigen::MatrixXd steps(n, s.mu);
  for (int i = 0; i < s.mu; ++i) {
    s.mean += s.weights[i] * s.raw[order[i]];
    steps.col(i) = (s.raw[order[i]] - old_mean) / s.sigma;
  }
  const Eigen::VectorXd y_w = (s.mean - old_mean) / s.sigma;
  s.ps = (1 - s.cs) * s.ps + std::sqrt(s.cs * (2 - s.cs) * s.mueff) * (s.inv_sqrt_C * y_w);
  const double ps_norm = s.ps.norm() / std::sqrt(1 - std::pow(1 - s.cs, 2.0 * s.generation)) / s.chi_n;
  const bool hsig = ps_norm < 1.4 + 2 / (dn + 1);
  s.pc = (1 - s.cc) * s.pc + (hsig ? std::sqrt(s.cc * (2 - s.cc) * s.mueff) : 0.0) * y_w;
  s.C = (1 - s.c1 - s.cmu) * s.C + s.c1 * (s.pc * s.pc.transpose() + (hsig ? 0.0 : s.cc * (2 - s.cc)) * s.C) +
        s.cmu * steps * s.weights.asDiagonal() * steps.transpose();
  s.sigma = std::min(1.0, s.sigma * std::exp((s.cs / s.damps) * (s.ps.norm() / s.chi_n - 1)));

  s.C = 0.5 * (s.C + s.C.transpose());
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(s.C);
  const Eigen::VectorXd eigenvalues = eigen.eigenvalues().cwiseMax(1e-300);
  s.B = eigen.eigenvectors();
  s.D = eigenvalues.cwiseSqrt();
  s.inv_sqrt_C = s.B * s.D.cwiseInverse().asDiagonal() * s.B.transpose();

  const double step = s.sigma * s.D.maxCoeff();
  result.final_step = step;
  s.history.push_back(generation_best);
  if (static_cast<int>(s.history.size()) > s.flat_window) s.history.pop_front();
  if (progress) {
    CmaEsGeneration g{0, s.generation, result.evaluations, result.best_value, generation_best, step,
                      &result.best, &s.points, &values};
    progress(g);
  }
  const auto [lo, hi] = std::minmax_element(values.begin() + extra, values.end());
  const auto [hlo, hhi] = std::minmax_element(s.history.begin(), s.history.end());
  if (step < s.options.tolerance) {
    result.stop_reason = "converged: step below tolerance";
    s.done = true;
  } else if (static_cast<int>(s.history.size()) == s.flat_window && *hhi - *hlo <= 1e-12 && *hi - *lo <= 1e-12) {
    result.stop_reason = "converged: objective flat";
    s.done = true;
  } else if (eigenvalues.maxCoeff() > 1e14 * eigenvalues.minCoeff()) {
    result.stop_reason = "stopped: covariance ill-conditioned";
    s.done = true;
  } else if (result.evaluations + s.lambda > s.options.evaluations) {
    result.stop_reason = "evaluation budget reached";
    result.budget_exhausted = true;
    s.done = true;
  }
}

CmaEsResult CmaEs::result() const {
  const State& s = *state_;
  CmaEsResult r = s.result;
  r.mean = mirrored(s.mean);
  r.sd = s.sigma * s.C.diagonal().cwiseSqrt();
  return r;
}

CmaEsResult minimise_cma_es(const BatchFunction& f, const Eigen::VectorXd& x0, const CmaEsOptions& options,
                            const std::function<void(const CmaEsGeneration&)>& progress) {
  CmaEs search(x0, options);
  while (!search.done()) search.tell(f(search.ask()), progress);
  return search.result();
}

}  // namespace homeward::calib
