#include "calib/calibration.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "calib/evaluator.h"
#include "calib/objective.h"
#include "sim/io/json_checker.h"
#include "sim/io/scenario_reader.h"

namespace homeward::calib {
namespace {

using nlohmann::ordered_json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Step of the curvature estimate, as a share of each parameter's range.
constexpr double kCurvatureStep = 0.05;

std::string today_utc() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd(today);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

// The scenario as its author wrote it (key order, comments) when it is a
// plain scenario; a variant's resolved document otherwise.
ordered_json scenario_document(const CalibrationSetup& setup) {
  std::ifstream in(setup.config.scenario_file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  ordered_json document = ordered_json::parse(text.str(), nullptr, false);
  if (document.is_object() && !document.contains("base")) return document;
  return ordered_json(setup.space->base());
}

double search_spread(const ParameterSpace& space, std::size_t i, double u, double unit_sd) {
  const ParameterSpec& p = space.spec(i);
  if (p.log_scale) return space.value(i, u) * unit_sd * (std::log(p.upper) - std::log(p.lower));
  return unit_sd * (p.upper - p.lower);
}

// Curvature of the objective along each axis at the fit, from points one
// step either side: J'' ≈ 2 [(J₊ − J₀)/h₊ + (J₋ − J₀)/h₋] / (h₊ + h₋). Read
// as a Gaussian likelihood with the fit's residual variance J₀ over
// N = series × training months values, the standard error in unit
// coordinates is √(2 J₀ / (N J'')).
void estimate_uncertainty(const CalibrationSetup& setup, const Evaluator& evaluator, const Objective& objective,
                          const Eigen::VectorXd& best_unit, double best_value, CalibrationResult& result) {
  const ParameterSpace& space = *setup.space;
  const std::size_t n = space.size();
  std::vector<Eigen::VectorXd> points;
  std::vector<double> up(n), down(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    Eigen::VectorXd plus = best_unit, minus = best_unit;
    plus[k] = std::min(1.0, best_unit[k] + kCurvatureStep);
    minus[k] = std::max(0.0, best_unit[k] - kCurvatureStep);
    up[i] = plus[k] - best_unit[k];
    down[i] = best_unit[k] - minus[k];
    points.push_back(space.values(plus));
    points.push_back(space.values(minus));
  }
  const std::vector<CandidateRun> runs = evaluator.run(points, setup.config.replications);
  int train_months = 0;
  for (Split s : setup.target.split) train_months += s == Split::train ? 1 : 0;
  const double observations = static_cast<double>(setup.target.series_count()) * train_months;
  for (std::size_t i = 0; i < n; ++i) {
    ParameterFit& fit = result.parameters[i];
    fit.standard_error = fit.interval_low = fit.interval_high = kNaN;
    const CandidateRun& plus = runs[2 * i];
    const CandidateRun& minus = runs[2 * i + 1];
    if (!plus.valid || !minus.valid || up[i] < 1e-3 || down[i] < 1e-3) continue;
    const double j_plus = objective(plus.simulated, setup.config.replications);
    const double j_minus = objective(minus.simulated, setup.config.replications);
    const double second = 2 * ((j_plus - best_value) / up[i] + (j_minus - best_value) / down[i]) / (up[i] + down[i]);
    if (!(second > 0)) continue;
    const double se_unit = std::sqrt(2 * best_value / (observations * second));
    const double u = best_unit[static_cast<Eigen::Index>(i)];
    fit.standard_error = search_spread(space, i, u, se_unit);
    fit.interval_low = space.value(i, u - 1.96 * se_unit);
    fit.interval_high = space.value(i, u + 1.96 * se_unit);
  }
}

ordered_json provenance_json(const CalibrationSetup& setup, const CalibrationResult& result, const std::string& date) {
  const CalibrationConfig& c = setup.config;
  ordered_json p;
  p["tool"] = "homeward calibrate";
  p["date"] = date;
  p["calibration_file"] = c.file;
  p["scenario_file"] = c.scenario_file;
  ordered_json data;
  data["file"] = c.data.file;
  data["layout"] = layout_names()[static_cast<std::size_t>(c.data.layout)];
  if (!c.data.local_authority.empty()) data["local_authority"] = c.data.local_authority;
  if (!c.data.provider.empty()) data["provider"] = c.data.provider;
  if (c.data.layout != DataLayout::tidy) data["care_type"] = care_type_names()[static_cast<std::size_t>(c.data.care_type)];
  p["data"] = data;
  p["series"] = ordered_json::array();
  for (const SeriesSpec& s : c.series) {
    ordered_json j;
    j["name"] = s.name;
    j["observed"] = series_atoms(s);
    std::vector<std::string> reasons, agencies;
    for (model::Reason r : s.reasons) reasons.push_back(model::reason_code(r));
    for (model::Agency a : s.agencies) agencies.push_back(model::agency_code(a));
    j["reasons"] = reasons.empty() ? ordered_json("all but O") : ordered_json(reasons);
    j["agencies"] = agencies.empty() ? ordered_json("all") : ordered_json(agencies);
    j["weight"] = s.weight;
    p["series"].push_back(j);
  }
  p["train"] = {{"from", month_iso(c.train.first)}, {"to", month_iso(c.train.last)}};
  if (!c.test.empty()) p["test"] = {{"from", month_iso(c.test.first)}, {"to", month_iso(c.test.last)}};
  p["replications"] = c.replications;
  p["final_replications"] = c.final_replications;
  p["seed"] = c.seed;
  p["optimiser"] = {{"method", "cma_es"},          {"budget", c.optimiser.evaluations},
                    {"evaluations", result.evaluations}, {"generations", result.generations},
                    {"stop_reason", result.stop_reason}, {"invalid_evaluations", result.invalid_evaluations}};
  p["objective"] = {{"start", result.start_objective}, {"fitted", result.objective}};
  p["parameters"] = ordered_json::array();
  for (std::size_t i = 0; i < setup.space->size(); ++i) {
    const ParameterSpec& s = setup.space->spec(i);
    const ParameterFit& f = result.parameters[i];
    auto number = [](double x) { return std::isfinite(x) ? ordered_json(x) : ordered_json(nullptr); };
    p["parameters"].push_back({{"name", s.name},
                               {"pointers", s.pointers},
                               {"apply", s.multiply ? "multiply" : "set"},
                               {"start", f.start},
                               {"value", f.value},
                               {"lower", s.lower},
                               {"upper", s.upper},
                               {"log_scale", s.log_scale},
                               {"standard_error", number(f.standard_error)},
                               {"interval95", {number(f.interval_low), number(f.interval_high)}}});
  }
  p["statistics"] = ordered_json::array();
  for (const SeriesStatistics& st : result.statistics) {
    auto number = [](double x) { return std::isfinite(x) ? ordered_json(x) : ordered_json(nullptr); };
    p["statistics"].push_back({{"series", c.series[st.series].name}, {"split", split_name(st.split)},
                               {"months", st.months}, {"mape_percent", number(st.mape)}, {"rmse_days", st.rmse},
                               {"bias_days", st.bias}, {"bias_percent", number(st.bias_percent)}});
  }
  p["wall_seconds"] = result.seconds;
  return p;
}

std::string comment_line(const CalibrationSetup& setup, const CalibrationResult& result, const std::string& date) {
  const CalibrationConfig& c = setup.config;
  std::string series, values, test_mape;
  for (const SeriesSpec& s : c.series) series += (series.empty() ? "" : ", ") + s.name;
  for (std::size_t i = 0; i < setup.space->size(); ++i)
    values += fmt::format("{}{} = {:.4g}", i ? ", " : "", setup.space->spec(i).name, result.best_values[static_cast<Eigen::Index>(i)]);
  for (const SeriesStatistics& st : result.statistics)
    if (st.series == 0 && st.split == Split::test) test_mape = fmt::format("; test MAPE of {} {:.1f}%", c.series[0].name, st.mape);
  std::string organisation = c.data.local_authority.empty() ? "" : " local authority " + c.data.local_authority;
  if (!c.data.provider.empty()) organisation += " provider " + c.data.provider;
  return fmt::format(
      "Calibrated by homeward calibrate on {} ({}) against {} ({} layout{}{}), series {}; train {} to {}{}; "
      "objective {:.4g} (start {:.4g}); fitted {}{}. Full record: the provenance.json written with this file.",
      date, c.file, c.data.file, layout_names()[static_cast<std::size_t>(c.data.layout)], organisation,
      c.data.layout == DataLayout::tidy ? "" : ", " + care_type_names()[static_cast<std::size_t>(c.data.care_type)] + " care",
      series, month_iso(c.train.first), month_iso(c.train.last),
      c.test.empty() ? "" : fmt::format(", test {} to {}", month_iso(c.test.first), month_iso(c.test.last)),
      result.objective, result.start_objective, values, test_mape);
}

}  // namespace

CalibrationResult calibrate(const CalibrationSetup& setup, const CalibrateOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const CalibrationConfig& config = setup.config;
  const ParameterSpace& space = *setup.space;
  const Evaluator evaluator(space, setup.target, config.scenario_file, config.seed, options.threads, options.sharing);
  const Objective objective(setup.target);
  CalibrationResult result;

  int generation = 0;
  const BatchFunction batch = [&](const std::vector<Eigen::VectorXd>& points) {
    ++generation;
    std::vector<Eigen::VectorXd> values;
    for (const auto& u : points) values.push_back(space.values(u));
    const std::vector<CandidateRun> runs = evaluator.run(values, config.replications);
    std::vector<double> scores;
    for (std::size_t k = 0; k < runs.size(); ++k) {
      double score = kInvalidObjective;
      if (runs[k].valid) {
        score = objective(runs[k].simulated, config.replications);
      } else {
        if (result.invalid_evaluations++ == 0) result.first_invalid = runs[k].problem;
      }
      scores.push_back(score);
      result.trace.push_back({generation, static_cast<int>(result.trace.size()) + 1, score, values[k], runs[k].valid});
    }
    return scores;
  };
  CmaEsOptions cma;
  cma.evaluations = config.optimiser.evaluations;
  cma.population = config.optimiser.population;
  cma.initial_step = config.optimiser.initial_step;
  cma.tolerance = config.optimiser.tolerance;
  cma.seed = config.seed;
  const CmaEsResult search = minimise_cma_es(batch, space.start_unit(), cma, options.progress);

  result.best_values = space.values(search.best);
  result.objective = search.best_value;
  result.start_objective = search.start_value;
  result.evaluations = search.evaluations;
  result.generations = search.generations;
  result.stop_reason = search.stop_reason;
  for (std::size_t i = 0; i < space.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    result.parameters.push_back({*space.spec(i).start, result.best_values[k], 0, 0, 0,
                                 search_spread(space, i, search.best[k], search.sd[k])});
  }
  estimate_uncertainty(setup, evaluator, objective, search.best, search.best_value, result);

  const std::vector<CandidateRun> final_run = evaluator.run({result.best_values}, config.final_replications);
  if (final_run[0].valid) {
    result.fit = month_fits(setup.target, final_run[0].simulated, config.final_replications);
    result.statistics = fit_statistics(setup.target, result.fit);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const std::string date = options.date.empty() ? today_utc() : options.date;
  result.scenario = scenario_document(setup);
  space.apply_to(result.scenario, result.best_values);
  result.scenario["name"] = config.output_name.empty() ? setup.scenario_name + "_calibrated" : config.output_name;
  const std::string line = comment_line(setup, result, date);
  const auto old = result.scenario.find("comment");
  result.scenario["comment"] = old != result.scenario.end() && old->is_string() ? line + " " + old->get<std::string>() : line;
  result.provenance = provenance_json(setup, result, date);
  return result;
}

}  // namespace homeward::calib
