#include "sim/app/optimise_files.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/app/study_files.h"
#include "sim/io/csv_text.h"
#include "sim/io/json_checker.h"
#include "sim/io/number_text.h"
#include "sim/io/results_writer.h"
#include "sim/model/measure_catalogue.h"

namespace homeward::app {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// The measures compared in the table and in optimise.json's "comparison".
namespace measure = model::measure;
constexpr const model::MeasureInfo* kCompared[] = {
    &measure::kCostTotal,      &measure::kCostServices, &measure::kCostAcute,         &measure::kAcuteBedDays,
    &measure::kDelayedBedDays, &measure::kDelayMean,    &measure::kWithinOneDayShare};

// Large numbers whole, small ones to four significant figures.
std::string readable(double v) { return std::fabs(v) >= 1000 ? fmt::format("{:.0f}", v) : fmt::format("{:.4g}", v); }
std::string signed_readable(double v) {
  std::string text = v >= 0 ? "+" : "";
  text += readable(v);
  return text;
}

std::string value_of(const OptimiseParameter& p, double v) {
  return p.integer ? fmt::format("{}", std::llround(v)) : fmt::format("{:.6g}", v);
}

ordered_json values_json(const OptimiseResult& result, const std::vector<double>& values) {
  ordered_json j = ordered_json::object();
  for (std::size_t i = 0; i < values.size(); ++i)
    j[result.parameters[i].pointer] = result.parameters[i].integer ? json(std::llround(values[i])) : json(values[i]);
  return j;
}

}  // namespace

ordered_json optimise_json(const OptimiseResult& result, const std::string& scenario_file) {
  ordered_json j;
  j["kind"] = "optimise";
  j["scenario_file"] = scenario_file;
  j["replications"] = result.replications;
  j["seed"] = result.seed;
  j["duration_days"] = result.best_document.value("duration_days", 0);
  j["objective"] = result.target ? "least mean cost_total with the target met" : "least mean cost_total";
  if (result.target) j["target"] = {{"measure", result.target->measure}, {"at_most", result.target->at_most}};
  j["parameters"] = ordered_json::array();
  for (std::size_t i = 0; i < result.parameters.size(); ++i) {
    const OptimiseParameter& p = result.parameters[i];
    // A count is written as a whole number, as in the scenario.
    const auto number = [&](double v) { return p.integer ? json(std::llround(v)) : json(v); };
    j["parameters"].push_back({{"pointer", p.pointer},
                               {"lower", p.integer ? json(std::ceil(p.lower)) : json(p.lower)},
                               {"upper", p.integer ? json(std::floor(p.upper)) : json(p.upper)},
                               {"integer", p.integer},
                               {"start", number(result.trace[result.start].values[i])},
                               {"best", number(result.trace[result.best].values[i])}});
  }
  const Candidate& best = result.trace[result.best];
  const Candidate& start = result.trace[result.start];
  j["best"] = {{"values", values_json(result, best.values)},
               {measure::kCostTotal.name(), best.cost_total},
               {"feasible", best.feasible},
               {"target_value", result.target ? json(best.target_value) : json()}};
  j["start"] = {{"values", values_json(result, start.values)},
                {measure::kCostTotal.name(), start.cost_total},
                {"feasible", start.feasible},
                {"target_value", result.target ? json(start.target_value) : json()}};
  j["search"] = {{"method", "CMA-ES on the unit cube of the bounds (integers rounded), then integer neighbours"},
                 {"scored", result.scored},
                 {"simulated", result.trace.size()},
                 {"generations", result.generations},
                 {"neighbour_steps", result.polish_steps},
                 {"stop_reason", result.stop_reason}};
  if (result.comparison.size() == 2) {
    ordered_json comparison = ordered_json::object();
    for (const model::MeasureInfo* info : kCompared) {
      const std::string m = info->name();
      const model::Statistics* at_start = find_statistics(result.comparison[0].summary, m);
      const model::Statistics* at_best = find_statistics(result.comparison[1].summary, m);
      const model::Statistics* d = find_statistics(result.comparison[1].differences, m);
      if (at_start && at_best && d)
        comparison[m] = {{"start", io::statistics_json(*at_start)},
                         {"best", io::statistics_json(*at_best)},
                         {"difference", io::statistics_json(*d)}};
    }
    j["comparison"] = std::move(comparison);
  }
  j["trace"] = ordered_json::array();
  for (const Candidate& c : result.trace) {
    ordered_json t;
    t["generation"] = c.generation;
    t["values"] = c.values;
    t["valid"] = c.valid;
    if (!c.valid) t["problem"] = c.problem;
    t[measure::kCostTotal.name()] = c.valid ? json(c.cost_total) : json();
    if (result.target) t["target_value"] = c.valid ? json(c.target_value) : json();
    t["feasible"] = c.feasible;
    j["trace"].push_back(std::move(t));
  }
  return j;
}

std::string trace_csv(const OptimiseResult& result) {
  std::string out = "candidate,generation";
  const auto column = [&](std::string_view text) {
    out += ',';
    out += text;
  };
  for (const OptimiseParameter& p : result.parameters) column(io::csv_text(p.pointer));
  column(measure::kCostTotal.name());
  if (result.target) column(io::csv_text(result.target->measure));
  out += ",feasible,valid,problem\n";
  for (std::size_t k = 0; k < result.trace.size(); ++k) {
    const Candidate& c = result.trace[k];
    out += fmt::format("{},{}", k, c.generation);
    for (std::size_t i = 0; i < c.values.size(); ++i) column(value_of(result.parameters[i], c.values[i]));
    column(c.valid ? csv_number(c.cost_total) : std::string());
    if (result.target) column(c.valid ? csv_number(c.target_value) : std::string());
    out += fmt::format(",{},{},{}\n", c.feasible ? "true" : "false", c.valid ? "true" : "false", io::csv_text(c.problem));
  }
  return out;
}

json optimised_scenario(const OptimiseResult& result, const std::string& scenario_file) {
  json document = result.best_document;
  const std::string name = document.value("name", std::string("scenario"));
  document["name"] = io::fitted_scenario_name(name, "_optimised");
  std::string found;
  for (std::size_t i = 0; i < result.parameters.size(); ++i)
    found += fmt::format("{}{} = {}", i ? ", " : "", result.parameters[i].pointer,
                         value_of(result.parameters[i], result.trace[result.best].values[i]));
  document["comment"] = fmt::format(
      "Found by homeward optimise from {} ({}, seed {}): {}. {} The rest is the scenario as resolved.",
      scenario_file, io::counted(result.replications, "replication"), result.seed, found,
      result.target ? fmt::format("Least mean total cost with mean {} at most {}.", result.target->measure,
                                  result.target->at_most)
                    : std::string("Least mean total cost (cost_total)."));
  return document;
}

void write_optimise_files(const OptimiseResult& result, const std::string& scenario_file, const std::string& dir,
                          const ordered_json& run_info) {
  write_files_together(dir, {{"trace.csv", trace_csv(result)},
                             {"optimised.json", optimised_scenario(result, scenario_file).dump(2) + "\n"},
                             {"optimise.json", json_text(optimise_json(result, scenario_file))},
                             {"run-info.json", json_text(run_info)}});
}

std::string optimise_table(const OptimiseResult& result, double year_scale) {
  const Candidate& best = result.trace[result.best];
  const Candidate& start = result.trace[result.start];
  std::string out = fmt::format(
      "Optimise — {}; {} per candidate, common random numbers; {} scored, {} simulated, {} of CMA-ES and {} "
      "({})\n\n  {:<46} {:>12} {:>12} {:>20}\n",
      result.target ? fmt::format("least total cost with mean {} at most {}", result.target->measure,
                                  result.target->at_most)
                    : std::string("least total cost"),
      io::counted(result.replications, "replication"), io::counted(result.scored, "candidate"), result.trace.size(),
      io::counted(result.generations, "generation"), io::counted(result.polish_steps, "neighbour step"),
      result.stop_reason, "parameter", "start", "best", "bounds");
  for (std::size_t i = 0; i < result.parameters.size(); ++i) {
    const OptimiseParameter& p = result.parameters[i];
    out += fmt::format("  {:<46} {:>12} {:>12} {:>20}\n", p.pointer, value_of(p, start.values[i]),
                       value_of(p, best.values[i]), fmt::format("{}:{}", value_of(p, p.lower), value_of(p, p.upper)));
  }
  if (result.target && !best.feasible)
    out += fmt::format("\n  No candidate met the target: the best misses it least ({} = {:.6g}).\n",
                       result.target->measure, best.target_value);
  if (result.comparison.size() == 2) {
    out += fmt::format("\n  {:<32} {:>18} {:>18} {:>34}\n", "a year", "start", "best", "best − start [95% CI]");
    for (const model::MeasureInfo* info : kCompared) {
      const std::string_view m = info->pattern;
      const model::Statistics* a = find_statistics(result.comparison[0].summary, m);
      const model::Statistics* b = find_statistics(result.comparison[1].summary, m);
      const model::Statistics* d = find_statistics(result.comparison[1].differences, m);
      if (!a || !b || !d) continue;
      // A mean delay and a share are rates; the others are totals of the period.
      const bool per_period = info != &measure::kDelayMean && info != &measure::kWithinOneDayShare;
      const double k = per_period ? year_scale : 1;
      out += fmt::format("  {:<32} {:>18} {:>18} {:>34}\n", m, readable(a->mean * k), readable(b->mean * k),
                         fmt::format("{} [{}, {}]", signed_readable(d->mean * k), signed_readable(d->ci95[0] * k),
                                     signed_readable(d->ci95[1] * k)));
    }
  }
  out += "\n  optimised.json is the scenario with the best values; every candidate is in trace.csv.\n";
  return out;
}

}  // namespace homeward::app
