// `homeward optimise`: the capacities (numbers of a scenario named by JSON
// pointers, within bounds, integers where they are counts) that minimise the
// mean total system cost (cost_total: acute bed days at their cost plus every
// service's cost), or reach a target (a measure's mean at most a value) at
// least cost (docs/sweeps.md, "Optimise").
//
// Method: CMA-ES (calib/cma_es.h) on the unit cube of the bounds, integers
// rounded; every candidate scored on the same R replications (common random
// numbers), so candidates differ by their parameters, not their luck, and a
// repeated candidate is scored from memory; then, from the best, a search of
// the integer neighbours (each count ±1) until none is cheaper, because
// rounding leaves CMA-ES plateaus it cannot see across. A candidate missing
// the target is ranked after every one that meets it, by how far it misses.
// The same seed gives the same search on any thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/app/batch.h"
#include "sim/app/scenario_family.h"

namespace homeward::app {

struct OptimiseParameter {
  std::string pointer;
  double lower = 0, upper = 1;
  bool integer = false;  // a count: the scenario holds an integer there
  double start = 0;      // the scenario's value, clamped into the bounds
};

struct OptimiseTarget {
  std::string measure;  // e.g. delayed_bed_days
  double at_most = 0;   // its mean over the replications, per measured period
};

struct OptimiseProblem {
  FamilyBase base;
  std::vector<OptimiseParameter> parameters;
  std::optional<OptimiseTarget> target;
};

// Checks that each pointer holds a number in the scenario, that lower <
// upper, and that the target's measure is one the scenario reports (one
// replication is simulated to know); sets each parameter's `integer` and
// `start`. Problems are labelled with the option (--param, --target).
std::optional<OptimiseProblem> prepare_optimise(FamilyBase base, std::vector<OptimiseParameter> parameters,
                                                std::optional<OptimiseTarget> target,
                                                std::vector<io::Problem>& problems);

struct OptimiseSettings {
  std::uint32_t replications = 20;
  std::uint64_t seed = 1;
  int threads = 0;
  int evaluations = 200;  // candidates scored by CMA-ES (repeats scored from memory)
  int polish_rounds = 50;  // at most this many steps of the integer neighbour search
  const std::atomic<bool>* stop = nullptr;
};

// One distinct candidate, in the order they were simulated.
struct Candidate {
  int generation = 0;  // of CMA-ES, from 1; the neighbour search's steps count on from the last
  std::vector<double> values;
  bool valid = true;
  std::string problem;  // why its scenario was invalid
  double cost_total = 0;    // mean over the replications, per measured period (£)
  double target_value = 0;  // the target measure's mean (0 without a target)
  bool feasible = true;
  double objective = 0;  // what was minimised: cost_total, or a penalty above every feasible cost
};

struct OptimiseResult {
  std::vector<OptimiseParameter> parameters;
  std::optional<OptimiseTarget> target;
  std::uint32_t replications = 0;
  std::uint64_t seed = 0;
  std::vector<Candidate> trace;
  std::size_t start = 0;  // index in trace of the scenario's own values
  std::size_t best = 0;   // index in trace of the least objective
  int scored = 0;         // candidates scored, repeats included
  int generations = 0;
  int polish_steps = 0;
  std::string stop_reason;
  // The scenario at the start values and at the best, run again together
  // (start first, so the best's differences are against the start).
  std::vector<MemberOutcome> comparison;
  nlohmann::json best_document;
};

// Per generation: (generation, candidates scored so far, best objective so far).
using OptimiseProgress = std::function<void(int, int, double)>;

// Nullopt when settings.stop ended it early.
std::optional<OptimiseResult> run_optimise(const OptimiseProblem& problem, const OptimiseSettings& settings,
                                           const OptimiseProgress& progress = {});

// The objective of a candidate missing the target: above any feasible total
// cost below £10^15, rising with the relative miss.
double infeasible_objective(double value, double at_most);

}  // namespace homeward::app
