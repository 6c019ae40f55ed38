// Runs the simulations of a calibration: for each candidate parameter vector,
// the scenario with those values and R replications with seeds fixed for the
// whole search (common random numbers: replication r of every candidate sees
// the same admissions and patients, so differences between candidates are
// differences of parameters, not of luck). The (candidate × replication)
// tasks run in parallel with TBB; each writes its own slot, so the results
// are the same for any number of threads.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "calib/parameters.h"
#include "calib/target.h"

namespace homeward::calib {

// Several processes (MPI, from the app): this one is `rank` of `size`. Each
// runs every size-th of every batch of (candidate × replication) tasks,
// and `gather` returns every process's bytes, concatenated in rank order, on
// every process, so each has every result and runs the same optimiser.
// The default is one process.
struct TaskSharing {
  int rank = 0;
  int size = 1;
  std::function<std::string(const std::string&)> gather;
};

// Which months a candidate's replications simulate. The search, the ratio
// start and the curvature score the training months alone, and a month's
// DToC counts, discharges and delay bins do not depend on how long the run
// goes on after it (tests/calib/evaluator_test.cc checks it bit for bit), so
// those runs stop at the end of the last training month; the test months
// are NaN. The final replications simulate every month.
enum class SimulatedMonths { all, training };

// Shortens `scenario`'s measured period (start_date + duration_days) to end
// with the target's last training month, where that is sooner than it ends.
// A scenario with `fixed_admissions` is left whole: the reader refuses one
// dated after the end, and dropping them is not worth a second rule.
void end_after_training(nlohmann::json& scenario, const ObservedTarget& target);

struct CandidateRun {
  bool valid = false;
  std::string problem;            // why the scenario with these values is invalid (the first problem)
  std::vector<double> simulated;  // R × S × M, as Objective expects (test months NaN if not simulated)
};

class Evaluator {
 public:
  // `label` names the scenario in problems. `threads` 0: every core.
  Evaluator(const ParameterSpace& space, const ObservedTarget& target, std::string label, std::uint64_t seed,
            int threads, TaskSharing sharing = {})
      : space_(space),
        target_(target),
        label_(std::move(label)),
        seed_(seed),
        threads_(threads),
        sharing_(std::move(sharing)) {}

  // One entry per candidate; `values` are parameter values (not unit
  // coordinates). `seeds`: each candidate's master seed (restarts search
  // with their own); empty: the evaluator's seed for all.
  std::vector<CandidateRun> run(const std::vector<Eigen::VectorXd>& values, int replications,
                                const std::vector<std::uint64_t>& seeds = {},
                                SimulatedMonths months = SimulatedMonths::all) const;

 private:
  // With several processes: gives every process every task's results.
  void exchange(std::vector<CandidateRun>& runs, std::vector<char>& uncovered, int replications,
                std::size_t cells) const;

  const ParameterSpace& space_;
  const ObservedTarget& target_;
  std::string label_;
  std::uint64_t seed_;
  int threads_;
  TaskSharing sharing_;
};

}  // namespace homeward::calib
