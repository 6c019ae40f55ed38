#include "sim/app/optimise.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "calib/cma_es.h"
#include "sim/io/json_checker.h"
#include "sim/io/scenario_reader.h"
#include "sim/model/simulation.h"
#include "sim/model/measure_catalogue.h"

namespace homeward::app {

using nlohmann::json;

namespace {

constexpr double kInfeasibleFloor = 1e15;
constexpr double kInvalidObjective = std::numeric_limits<double>::max();

struct Interrupted {};

io::Problem problem(std::string where, std::string pointer, std::string expected, std::string found) {
  return {std::move(where), std::move(pointer), std::move(expected), std::move(found), {}};
}

// Scores candidates, remembering every one simulated.
class Scorer {
 public:
  Scorer(const OptimiseProblem& problem, const OptimiseSettings& settings, std::vector<Candidate>& trace)
      : problem_(problem), settings_(settings), trace_(trace) {}

  double value(std::size_t i, double unit) const {
    const OptimiseParameter& p = problem_.parameters[i];
    const double v = std::clamp(p.lower + std::clamp(unit, 0.0, 1.0) * (p.upper - p.lower), p.lower, p.upper);
    // Bounds such as 0.5:3.5 hold the counts 1 to 3: rounding must not leave them.
    return p.integer ? std::clamp(std::round(v), std::ceil(p.lower), std::floor(p.upper)) : v;
  }
  double unit(std::size_t i, double value) const {
    const OptimiseParameter& p = problem_.parameters[i];
    return std::clamp((value - p.lower) / (p.upper - p.lower), 0.0, 1.0);
  }

  // Objectives of the candidates (parameter values), simulating those not seen before together.
  std::vector<double> score(const std::vector<std::vector<double>>& points, int generation) {
    std::vector<std::size_t> fresh;  // indices into trace_ of candidates new in this batch
    std::vector<std::size_t> slot(points.size());
    for (std::size_t k = 0; k < points.size(); ++k) {
      auto [it, inserted] = seen_.emplace(points[k], trace_.size());
      if (inserted) {
        Candidate c;
        c.generation = generation;
        c.values = points[k];
        trace_.push_back(std::move(c));
        fresh.push_back(trace_.size() - 1);
      }
      slot[k] = it->second;
    }
    simulate(fresh);
    std::vector<double> objectives;
    for (std::size_t k = 0; k < points.size(); ++k) objectives.push_back(trace_[slot[k]].objective);
    return objectives;
  }

  json document(const std::vector<double>& values, std::vector<io::Problem>& problems) const {
    std::vector<Setting> settings;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const OptimiseParameter& p = problem_.parameters[i];
      settings.push_back({p.pointer, p.integer ? json(std::llround(values[i])) : json(values[i])});
    }
    return apply_settings(problem_.base.document, settings, problem_.base.label, problems).value_or(json());
  }

 private:
  void simulate(const std::vector<std::size_t>& fresh) {
    std::vector<std::unique_ptr<model::PreparedScenario>> prepared;
    std::vector<const model::PreparedScenario*> members;
    std::vector<std::size_t> member_candidate;
    for (std::size_t t : fresh) {
      Candidate& c = trace_[t];
      std::vector<io::Problem> problems;
      const json doc = document(c.values, problems);
      io::ScenarioReadResult read = problems.empty() ? io::read_scenario_json(doc, problem_.base.label)
                                                     : io::ScenarioReadResult{};
      if (!read.scenario) {
        c.valid = false;
        c.feasible = false;
        c.objective = kInvalidObjective;
        const auto& all = problems.empty() ? read.problems : problems;
        c.problem = all.empty() ? "invalid scenario" : all.front().message();
        continue;
      }
      prepared.push_back(std::move(read.prepared));
      members.push_back(prepared.back().get());
      member_candidate.push_back(t);
    }
    if (members.empty()) return;
    BatchOptions batch;
    batch.replications = settings_.replications;
    batch.seed = settings_.seed;
    batch.threads = settings_.threads;
    batch.stop = settings_.stop;
    std::vector<double> cost(members.size(), 0), target(members.size(), 0);
    std::vector<std::uint32_t> done(members.size(), 0);
    const std::string target_name = problem_.target ? problem_.target->measure : "";
    run_batches(members, batch, [&](std::size_t s, std::uint32_t, model::ReplicationResult&& r) {
      for (const model::Measure& m : r.measures) {
        if (m.name == model::measure::kCostTotal.pattern) cost[s] += m.value;
        if (!target_name.empty() && m.name == target_name) target[s] += m.value;
      }
      ++done[s];
    });
    for (std::size_t s = 0; s < members.size(); ++s) {
      if (done[s] != settings_.replications) throw Interrupted{};
      Candidate& c = trace_[member_candidate[s]];
      c.cost_total = cost[s] / settings_.replications;
      c.target_value = target[s] / settings_.replications;
      c.feasible = !problem_.target || c.target_value <= problem_.target->at_most;
      c.objective = c.feasible ? c.cost_total : infeasible_objective(c.target_value, problem_.target->at_most);
    }
  }

  const OptimiseProblem& problem_;
  const OptimiseSettings& settings_;
  std::vector<Candidate>& trace_;
  std::map<std::vector<double>, std::size_t> seen_;
};

std::size_t best_of(const std::vector<Candidate>& trace) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < trace.size(); ++i)
    if (trace[i].objective < trace[best].objective) best = i;  // the first of equals: deterministic
  return best;
}

}  // namespace

double infeasible_objective(double value, double at_most) {
  return kInfeasibleFloor * (1 + (value - at_most) / std::max(std::fabs(at_most), 1.0));
}

std::optional<OptimiseProblem> prepare_optimise(FamilyBase base, std::vector<OptimiseParameter> parameters,
                                                std::optional<OptimiseTarget> target,
                                                std::vector<io::Problem>& problems) {
  const std::size_t before = problems.size();
  if (parameters.empty())
    problems.push_back(problem("--param", "", "at least one --param POINTER=LOW:HIGH", "none"));
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    OptimiseParameter& p = parameters[i];
    const json* slot = nullptr;
    try {
      const json::json_pointer pointer(p.pointer);
      if (base.document.contains(pointer)) slot = &base.document.at(pointer);
    } catch (const json::exception&) {
    }
    if (slot == nullptr || !slot->is_number()) {
      problems.push_back(problem(base.label, p.pointer, "a pointer to a number in the scenario (after resolving any base)",
                                 slot == nullptr ? "nothing there" : io::describe_json(*slot)));
      continue;
    }
    if (!(p.lower < p.upper))
      problems.push_back(problem("--param", p.pointer, "bounds LOW:HIGH with LOW < HIGH",
                                 fmt::format("{}:{}", io::format_number(p.lower), io::format_number(p.upper))));
    for (std::size_t j = 0; j < i; ++j)
      if (parameters[j].pointer == p.pointer) problems.push_back(problem("--param", p.pointer, "each pointer once", "it twice"));
    p.integer = slot->is_number_integer();
    if (p.integer && std::ceil(p.lower) > std::floor(p.upper))
      problems.push_back(problem("--param", p.pointer, "bounds that hold an integer (the scenario holds a count there)",
                                 fmt::format("{}:{}", io::format_number(p.lower), io::format_number(p.upper))));
    p.start = std::clamp(slot->get<double>(), p.lower, p.upper);
    if (p.integer) p.start = std::clamp(std::round(p.start), std::ceil(p.lower), std::floor(p.upper));
  }
  if (problems.size() != before) return std::nullopt;
  if (target) {
    // The measures a scenario reports depend on its services: ask one replication.
    io::ScenarioReadResult read = io::read_scenario_json(base.document, base.label);
    if (!read.scenario) {
      problems.insert(problems.end(), read.problems.begin(), read.problems.end());
      return std::nullopt;
    }
    const model::PreparedScenario prepared(std::move(*read.scenario));
    const model::ReplicationResult one = model::simulate(prepared, 1, 0);
    const bool known = std::any_of(one.measures.begin(), one.measures.end(),
                                   [&](const model::Measure& m) { return m.name == target->measure; });
    if (!known) {
      problems.push_back(problem("--target", "", "MEASURE<=VALUE with a measure of summary.json (docs/measures.md)",
                                 io::json_quoted(target->measure)));
      return std::nullopt;
    }
  }
  return OptimiseProblem{std::move(base), std::move(parameters), std::move(target)};
}

std::optional<OptimiseResult> run_optimise(const OptimiseProblem& problem, const OptimiseSettings& settings,
                                           const OptimiseProgress& progress) {
  OptimiseResult result;
  result.parameters = problem.parameters;
  result.target = problem.target;
  result.replications = settings.replications;
  result.seed = settings.seed;
  Scorer scorer(problem, settings, result.trace);
  const std::size_t n = problem.parameters.size();
  std::vector<double> start(n);
  Eigen::VectorXd start_unit(n);
  for (std::size_t i = 0; i < n; ++i) {
    start[i] = problem.parameters[i].start;
    start_unit[static_cast<Eigen::Index>(i)] = scorer.unit(i, start[i]);
  }
  try {
    scorer.score({start}, 0);
    result.start = 0;
    calib::CmaEsOptions cma;
    cma.evaluations = settings.evaluations;
    cma.seed = settings.seed;
    cma.initial_step = 0.3;
    int generation = 0;
    const calib::CmaEsResult search = calib::minimise_cma_es(
        [&](const std::vector<Eigen::VectorXd>& units) {
          ++generation;
          std::vector<std::vector<double>> points;
          for (const Eigen::VectorXd& u : units) {
            std::vector<double> v(n);
            for (std::size_t i = 0; i < n; ++i) v[i] = scorer.value(i, u[static_cast<Eigen::Index>(i)]);
            points.push_back(std::move(v));
          }
          return scorer.score(points, generation);
        },
        start_unit, cma,
        [&](const calib::CmaEsGeneration& g) {
          if (progress) progress(g.generation, g.evaluations, result.trace[best_of(result.trace)].objective);
        });
    result.scored = search.evaluations;
    result.generations = search.generations;
    result.stop_reason = search.stop_reason;

    // The integer neighbours of the best, until none is better.
    for (int round = 0; round < settings.polish_rounds; ++round) {
      const std::vector<double> from = result.trace[best_of(result.trace)].values;
      std::vector<std::vector<double>> neighbours;
      for (std::size_t i = 0; i < n; ++i) {
        const OptimiseParameter& p = problem.parameters[i];
        if (!p.integer) continue;
        for (double step : {-1.0, 1.0}) {
          std::vector<double> v = from;
          v[i] += step;
          if (v[i] >= p.lower && v[i] <= p.upper) neighbours.push_back(std::move(v));
        }
      }
      if (neighbours.empty()) break;
      const double before = result.trace[best_of(result.trace)].objective;
      scorer.score(neighbours, result.generations + round + 1);
      result.scored += static_cast<int>(neighbours.size());
      if (progress) progress(result.generations + round + 1, result.scored, result.trace[best_of(result.trace)].objective);
      if (!(result.trace[best_of(result.trace)].objective < before)) break;
      ++result.polish_steps;
    }
  } catch (const Interrupted&) {
    return std::nullopt;
  }
  result.best = best_of(result.trace);

  // The start and the best side by side, with every measure.
  std::vector<io::Problem> problems;
  const json start_document = scorer.document(result.trace[result.start].values, problems);
  result.best_document = scorer.document(result.trace[result.best].values, problems);
  if (!result.trace[result.best].valid || !result.trace[result.start].valid) return result;
  auto family = prepare_family({start_document, result.best_document}, {problem.base.label, problem.base.label}, problems);
  if (!family) return result;
  BatchOptions batch;
  batch.replications = settings.replications;
  batch.seed = settings.seed;
  batch.threads = settings.threads;
  batch.stop = settings.stop;
  auto outcomes = run_family(family->pointers(), batch);
  if (!outcomes) return std::nullopt;
  result.comparison = std::move(*outcomes);
  return result;
}

}  // namespace homeward::app
