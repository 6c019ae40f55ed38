#include "calib/calibration.h"

#include "calib/ratio_start.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "calib/evaluator.h"
#include "calib/ratio_start.h"
#include "calib/objective.h"
#include "sim/io/json_checker.h"
#include "sim/io/number_text.h"
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
  if (setup.scenario_document) return *setup.scenario_document;
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
  const std::vector<CandidateRun> runs = evaluator.run(points, setup.config.replications, {}, SimulatedMonths::training);
  int train_months = 0;
  for (Split s : setup.target.split) train_months += s == Split::train ? 1 : 0;
  int fitted_series = 0;  // series of weight 0 are only reported
  for (const SeriesSpec& s : setup.target.series) fitted_series += s.weight > 0 ? 1 : 0;
  const double observations = static_cast<double>(fitted_series) * train_months;
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

ordered_json provenance_json(const CalibrationSetup& setup, const CalibrationResult& result, const std::string& date,
                             const CalibrateOptions& options) {
  const CalibrationConfig& c = setup.config;
  auto number = [](double x) { return std::isfinite(x) ? ordered_json(x) : ordered_json(nullptr); };
  ordered_json p;
  p["tool"] = "homeward calibrate";
  p["homeward_version"] = options.version;
  p["homeward_commit"] = options.commit;
  p["date"] = date;
  p["calibration_file"] = c.file;
  p["scenario_file"] = c.scenario_file;
  if (!setup.template_record.is_null()) p["template"] = setup.template_record;
  ordered_json data;
  data["file"] = c.data.file;
  data["layout"] = layout_names()[static_cast<std::size_t>(c.data.layout)];
  if (!c.data.local_authority.empty()) data["local_authority"] = c.data.local_authority;
  if (!c.data.provider.empty()) data["provider"] = c.data.provider;
  if (c.data.layout != DataLayout::tidy && c.data.layout != DataLayout::drd) data["care_type"] = care_type_names()[static_cast<std::size_t>(c.data.care_type)];
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
                    {"stop_reason", result.stop_reason}, {"invalid_evaluations", result.invalid_evaluations},
                    {"restarts", c.restarts}, {"best_restart", result.best_restart + 1}};
  p["restarts"] = ordered_json::array();
  for (const RestartSummary& r : result.restarts) {
    std::vector<double> values(r.values.data(), r.values.data() + r.values.size());
    p["restarts"].push_back({{"seed", r.seed}, {"objective_search", r.search_objective},
                             {"objective_final_replications", r.final_objective}, {"values", values},
                             {"evaluations", r.evaluations}, {"generations", r.generations},
                             {"stop_reason", r.stop_reason}});
  }
  p["objective"] = {{"start", result.start_objective}, {"fitted", result.objective}};
  p["parameters"] = ordered_json::array();
  for (std::size_t i = 0; i < setup.space->size(); ++i) {
    const ParameterSpec& s = setup.space->spec(i);
    const ParameterFit& f = result.parameters[i];
    p["parameters"].push_back({{"name", s.name},
                               {"pointers", s.pointers},
                               {"apply", s.multiply ? "multiply" : "set"},
                               {"start", f.start},
                               {"value", f.value},
                               {"lower", s.lower},
                               {"upper", s.upper},
                               {"log_scale", s.log_scale},
                               {"standard_error", number(f.standard_error)},
                               {"interval95", {number(f.interval_low), number(f.interval_high)}},
                               {"near_bound", f.at_bound.empty() ? ordered_json(nullptr) : ordered_json(f.at_bound)},
                               {"restart_min", f.restart_min},
                               {"restart_max", f.restart_max},
                               {"restart_sd", f.restart_sd}});
    if (!s.reason.empty()) p["parameters"].back()["reason"] = s.reason;
  }
  p["statistics"] = ordered_json::array();
  for (const SeriesStatistics& st : result.statistics) {
    p["statistics"].push_back({{"series", c.series[st.series].name}, {"split", split_name(st.split)},
                               {"fitted", c.series[st.series].weight > 0},
                               {"months", st.months}, {"mape_percent", number(st.mape)},
                               {"flat_forecast_mape_percent", number(st.flat_mape)}, {"rmse_days", st.rmse},
                               {"bias_days", st.bias}, {"bias_percent", number(st.bias_percent)},
                               {"observed_mean", st.observed_mean}, {"simulated_mean", st.simulated_mean}});
  }
  p["warnings"] = result.warnings;
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
      c.data.layout == DataLayout::tidy || c.data.layout == DataLayout::drd ? "" : ", " + care_type_names()[static_cast<std::size_t>(c.data.care_type)] + " care",
      series, month_iso(c.train.first), month_iso(c.train.last),
      c.test.empty() ? "" : fmt::format(", test {} to {}", month_iso(c.test.first), month_iso(c.test.last)),
      result.objective, result.start_objective, values, test_mape);
}

// Runs every restart's CMA-ES in lockstep: each round evaluates the next
// generation of every search still going in one batch, so the cores stay
// busy to the end of the round and the result does not depend on how the
// batch is shared out.
std::vector<CmaEs> run_searches(const CalibrationSetup& setup, const CalibrateOptions& options,
                                const Evaluator& evaluator, const Objective& objective, CalibrationResult& result) {
  const CalibrationConfig& config = setup.config;
  const ParameterSpace& space = *setup.space;
  std::vector<CmaEs> searches;
  for (int k = 0; k < config.restarts; ++k) {
    CmaEsOptions cma;
    cma.evaluations = config.optimiser.evaluations;
    cma.population = config.optimiser.population;
    cma.initial_step = config.optimiser.initial_step;
    cma.tolerance = config.optimiser.tolerance;
    cma.seed = restart_seed(config, k);
    searches.emplace_back(space.start_unit(), cma);
  }
  while (true) {
    std::vector<int> going;
    std::vector<Eigen::VectorXd> values;
    std::vector<std::uint64_t> seeds;
    std::vector<std::size_t> first;  // each going search's first candidate in the batch
    for (int k = 0; k < config.restarts; ++k) {
      if (searches[k].done()) continue;
      going.push_back(k);
      first.push_back(values.size());
      for (const Eigen::VectorXd& u : searches[k].ask()) {
        values.push_back(space.values(u));
        seeds.push_back(restart_seed(config, k));
      }
    }
    if (going.empty()) break;
    const std::vector<CandidateRun> runs = evaluator.run(values, config.replications, seeds, SimulatedMonths::training);
    for (std::size_t g = 0; g < going.size(); ++g) {
      const int k = going[g];
      const std::size_t end = g + 1 < going.size() ? first[g + 1] : values.size();
      std::vector<double> scores;
      const int generation = searches[k].result().generations + 1;
      for (std::size_t c = first[g]; c < end; ++c) {
        double score = kInvalidObjective;
        if (runs[c].valid) {
          score = objective(runs[c].simulated, config.replications);
        } else if (result.invalid_evaluations++ == 0) {
          result.first_invalid = runs[c].problem;
        }
        scores.push_back(score);
        result.trace.push_back({k, generation, static_cast<int>(result.trace.size()) + 1, score, values[c], runs[c].valid});
      }
      searches[k].tell(scores, [&](const CmaEsGeneration& generation_report) {
        if (!options.progress) return;
        CmaEsGeneration report = generation_report;
        report.restart = k;
        options.progress(report);
      });
    }
  }
  return searches;
}

void restart_spread(CalibrationResult& result) {
  for (std::size_t i = 0; i < result.parameters.size(); ++i) {
    ParameterFit& fit = result.parameters[i];
    double sum = 0, squares = 0;
    fit.restart_min = std::numeric_limits<double>::infinity();
    fit.restart_max = -std::numeric_limits<double>::infinity();
    for (const RestartSummary& r : result.restarts) {
      const double v = r.values[static_cast<Eigen::Index>(i)];
      fit.restart_values.push_back(v);
      fit.restart_min = std::min(fit.restart_min, v);
      fit.restart_max = std::max(fit.restart_max, v);
      sum += v;
    }
    const double n = static_cast<double>(result.restarts.size());
    const double mean = sum / n;
    for (double v : fit.restart_values) squares += (v - mean) * (v - mean);
    fit.restart_sd = n > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
  }
}

void collect_warnings(const CalibrationSetup& setup, CalibrationResult& result) {
  const ParameterSpace& space = *setup.space;
  for (const std::string& note : setup.notes) result.warnings.push_back(note);
  for (std::size_t k = 0; k < result.restarts.size(); ++k) {
    const RestartSummary& r = result.restarts[k];
    if (!r.budget_exhausted) continue;
    result.warnings.push_back(fmt::format(
        "{}the search stopped on its evaluation budget ({}, {} used), not on convergence: its step was "
        "still {:.3g} of the ranges (tolerance {:g}); a larger \"evaluations\" budget may find a better fit",
        result.restarts.size() > 1 ? fmt::format("restart {} (seed {}): ", k + 1, r.seed) : "",
        io::counted(setup.config.optimiser.evaluations, "evaluation"), r.evaluations, r.final_step, setup.config.optimiser.tolerance));
  }
  for (std::size_t i = 0; i < space.size(); ++i) {
    const ParameterFit& f = result.parameters[i];
    if (f.at_bound.empty()) continue;
    const ParameterSpec& p = space.spec(i);
    result.warnings.push_back(fmt::format(
        "{} = {:.4g} is within {:g}% of its {} bound ({:g}): the data may want a value outside [{:g}, {:g}]", p.name,
        f.value, 100 * kNearBound, f.at_bound, f.at_bound == "lower" ? p.lower : p.upper, p.lower, p.upper));
  }
  if (result.invalid_evaluations > 0)
    result.warnings.push_back(fmt::format("{} gave an invalid scenario (scored {:g}); the first: {}",
                                          io::counted(result.invalid_evaluations, "candidate"), kInvalidObjective,
                                          result.first_invalid));
}

}  // namespace

std::uint64_t restart_seed(const CalibrationConfig& config, int restart) {
  return config.seed + static_cast<std::uint64_t>(restart);
}

CalibrationResult calibrate(const CalibrationSetup& given, const CalibrateOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  // A council template's reasons brought near their levels before the search.
  const RatioStartResult start = ratio_start(given, options.threads, options.sharing);
  const CalibrationSetup& setup = start.setup;
  const CalibrationConfig& config = setup.config;
  const ParameterSpace& space = *setup.space;
  const Evaluator evaluator(space, setup.target, config.scenario_file, config.seed, options.threads, options.sharing);
  const Objective objective(setup.target);
  CalibrationResult result;

  const std::vector<CmaEs> searches = run_searches(setup, options, evaluator, objective, result);
  std::vector<Eigen::VectorXd> bests;
  for (std::size_t k = 0; k < searches.size(); ++k) {
    const CmaEsResult search = searches[k].result();
    RestartSummary r;
    r.seed = restart_seed(config, static_cast<int>(k));
    r.search_objective = search.best_value;
    r.values = space.values(search.best);
    r.evaluations = search.evaluations;
    r.generations = search.generations;
    r.stop_reason = search.stop_reason;
    r.budget_exhausted = search.budget_exhausted;
    r.final_step = search.final_step;
    result.evaluations += search.evaluations;
    result.restarts.push_back(r);
    bests.push_back(r.values);
  }

  // Every restart's best on the same final replications (the configuration's
  // seed): the best of them there is the fit, and its run gives the bands.
  const std::vector<CandidateRun> final_runs = evaluator.run(bests, config.final_replications);
  std::size_t best = 0;
  for (std::size_t k = 0; k < final_runs.size(); ++k) {
    RestartSummary& r = result.restarts[k];
    r.final_objective = final_runs[k].valid ? objective(final_runs[k].simulated, config.final_replications) : kInvalidObjective;
    if (r.final_objective < result.restarts[best].final_objective) best = k;
  }
  result.best_restart = static_cast<int>(best);
  const CmaEsResult search = searches[best].result();
  result.best_values = result.restarts[best].values;
  result.objective = search.best_value;
  result.start_objective = searches[0].result().start_value;
  result.generations = search.generations;
  result.stop_reason = search.stop_reason;
  for (std::size_t i = 0; i < space.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    ParameterFit fit;
    fit.start = *space.spec(i).start;
    fit.value = result.best_values[k];
    fit.search_sd = search_spread(space, i, search.best[k], search.sd[k]);
    const double u = space.unit(i, fit.value);
    fit.at_bound = u < kNearBound ? "lower" : u > 1 - kNearBound ? "upper" : "";
    result.parameters.push_back(fit);
  }
  restart_spread(result);
  const Evaluator curvature(space, setup.target, config.scenario_file, result.restarts[best].seed, options.threads,
                            options.sharing);
  estimate_uncertainty(setup, curvature, objective, search.best, search.best_value, result);

  if (final_runs[best].valid) {
    result.fit = month_fits(setup.target, final_runs[best].simulated, config.final_replications);
    result.statistics = fit_statistics(setup.target, result.fit);
  }
  collect_warnings(setup, result);
  for (const std::string& note : start.notes) result.warnings.push_back(note);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const std::string date = options.date.empty() ? today_utc() : options.date;
  result.scenario = scenario_document(setup);
  space.apply_to(result.scenario, result.best_values);
  result.scenario["name"] = config.output_name.empty() ? setup.scenario_name + "_calibrated" : config.output_name;
  const std::string line = comment_line(setup, result, date);
  const auto old = result.scenario.find("comment");
  result.scenario["comment"] = old != result.scenario.end() && old->is_string() ? line + " " + old->get<std::string>() : line;
  result.provenance = provenance_json(setup, result, date, options);
  if (!start.rounds.empty()) result.provenance["ratio_start"] = ratio_start_json(start);
  return result;
}

}  // namespace homeward::calib
