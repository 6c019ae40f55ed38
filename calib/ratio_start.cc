#include "calib/ratio_start.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "sim/model/scenario.h"

namespace homeward::calib {
namespace {

// Mean a training month of series `s`, observed and over the replications.
struct Level {
  double observed = 0;
  double simulated = 0;
};

Level training_level(const ObservedTarget& target, const std::vector<double>& simulated, int replications,
                     std::size_t s) {
  const std::size_t months = target.month_count();
  const std::size_t cells = target.series_count() * months;
  Level level;
  int counted = 0;
  for (std::size_t j = 0; j < months; ++j) {
    if (target.split[j] != Split::train) continue;
    level.observed += target.observed[s][j];
    for (int r = 0; r < replications; ++r)
      level.simulated += simulated[static_cast<std::size_t>(r) * cells + s * months + j] / replications;
    ++counted;
  }
  if (counted > 0) {
    level.observed /= counted;
    level.simulated /= counted;
  }
  return level;
}

// The series that is reason `code` alone, or -1.
int reason_series(const ObservedTarget& target, const std::string& code) {
  for (std::size_t s = 0; s < target.series_count(); ++s) {
    const SeriesSpec& spec = target.series[s];
    if (spec.measure == SeriesMeasure::delayed_days && spec.reasons.size() == 1 && spec.agencies.empty() &&
        model::reason_code(spec.reasons.front()) == code)
      return static_cast<int>(s);
  }
  return -1;
}

}  // namespace

RatioStartResult ratio_start(const CalibrationSetup& setup, int threads, const TaskSharing& sharing) {
  RatioStartResult result{setup, {}, {}, 0};
  const CalibrationConfig& config = setup.config;
  if (!config.council_template || config.council_template->start_rounds <= 0 || !setup.space) return result;
  const ParameterSpace& fitted = *setup.space;

  // Every factor in one space: the fitted ones (bounds resolved), then the reported ones.
  std::vector<ParameterSpec> specs;
  for (std::size_t i = 0; i < fitted.size(); ++i) specs.push_back(fitted.spec(i));
  for (const ParameterSpec& p : config.reported_parameters) specs.push_back(p);
  std::vector<io::Problem> problems;
  const std::optional<ParameterSpace> all = ParameterSpace::make(specs, fitted.base(), config.file, problems);
  if (!all) {
    result.notes.push_back("the ratio start was skipped: " + (problems.empty() ? std::string("no parameters")
                                                                               : problems.front().expected));
    return result;
  }
  // Factors tagged with a reason that has its own series; several on one
  // reason share its ratio (each takes its k-th root).
  std::map<std::string, int> per_reason;
  std::vector<int> series_of(all->size(), -1);
  for (std::size_t i = 0; i < all->size(); ++i) {
    const ParameterSpec& p = all->spec(i);
    if (!p.multiply || p.reason.empty()) continue;
    series_of[i] = reason_series(setup.target, p.reason);
    if (series_of[i] >= 0) ++per_reason[p.reason];
  }

  Eigen::VectorXd values(static_cast<Eigen::Index>(all->size()));
  for (std::size_t i = 0; i < all->size(); ++i) values[static_cast<Eigen::Index>(i)] = *all->spec(i).start;
  const Evaluator evaluator(*all, setup.target, config.scenario_file, config.seed, threads, sharing);
  for (int round = 0; round < config.council_template->start_rounds; ++round) {
    const std::vector<CandidateRun> runs = evaluator.run({values}, config.replications, {}, SimulatedMonths::training);
    ++result.evaluations;
    if (!runs.front().valid) {
      result.notes.push_back("the ratio start stopped: the scenario became invalid (" + runs.front().problem + ")");
      break;
    }
    std::vector<RatioStartRound> rows;
    for (std::size_t i = 0; i < all->size(); ++i) {
      if (series_of[i] < 0) continue;
      const ParameterSpec& p = all->spec(i);
      const Level level =
          training_level(setup.target, runs.front().simulated, config.replications, static_cast<std::size_t>(series_of[i]));
      double& v = values[static_cast<Eigen::Index>(i)];
      if (level.observed > 0 && level.simulated > 0)
        v = std::clamp(v * std::pow(level.observed / level.simulated, 1.0 / per_reason[p.reason]), p.lower, p.upper);
      rows.push_back({p.reason, level.observed, level.simulated, v});
    }
    result.rounds.push_back(std::move(rows));
  }

  // The reported factors into the scenario (both the one simulated and the one written)...
  Eigen::VectorXd reported = values;
  for (std::size_t i = 0; i < fitted.size(); ++i) reported[static_cast<Eigen::Index>(i)] = *fitted.spec(i).start;
  nlohmann::json base = all->apply(reported);
  if (result.setup.scenario_document) all->apply_to(*result.setup.scenario_document, reported);
  // ... and the fitted ones as the search's start.
  std::vector<ParameterSpec> searched;
  for (std::size_t i = 0; i < fitted.size(); ++i) {
    ParameterSpec p = fitted.spec(i);
    if (series_of[i] >= 0) p.start = values[static_cast<Eigen::Index>(i)];
    searched.push_back(p);
  }
  problems.clear();
  result.setup.space = ParameterSpace::make(searched, std::move(base), config.file, problems);
  if (!result.setup.space) {  // cannot happen: the same pointers, starts clipped to the bounds
    result.notes.push_back("the ratio start was undone: " + problems.front().expected);
    result.setup.space = setup.space;
    result.setup.scenario_document = setup.scenario_document;
  }
  for (std::size_t i = 0; i < all->size(); ++i) {
    const ParameterSpec& p = all->spec(i);
    const double v = values[static_cast<Eigen::Index>(i)];
    if (series_of[i] >= 0 && (v <= p.lower || v >= p.upper))
      result.notes.push_back(fmt::format("the ratio start holds {} (reason {}{}) at its {} bound {:g}: the template's "
                                         "process cannot reach the council's level of that reason",
                                         p.name, p.reason, i < fitted.size() ? "" : ", not fitted",
                                         v <= p.lower ? "lower" : "upper", v));
  }
  return result;
}

nlohmann::ordered_json ratio_start_json(const RatioStartResult& result) {
  nlohmann::ordered_json out;
  out["evaluations"] = result.evaluations;
  out["rounds"] = nlohmann::ordered_json::array();
  for (const auto& round : result.rounds) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const RatioStartRound& r : round)
      rows.push_back({{"reason", r.reason}, {"observed", r.observed}, {"simulated", r.simulated}, {"factor", r.factor}});
    out["rounds"].push_back(std::move(rows));
  }
  return out;
}

}  // namespace homeward::calib
