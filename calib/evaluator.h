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
#include <string>
#include <vector>

#include "calib/parameters.h"
#include "calib/target.h"

namespace homeward::calib {

struct CandidateRun {
  bool valid = false;
  std::string problem;            // why the scenario with these values is invalid (the first problem)
  std::vector<double> simulated;  // R × S × M, as Objective expects
};

class Evaluator {
 public:
  // `label` names the scenario in problems. `threads` 0: every core.
  Evaluator(const ParameterSpace& space, const ObservedTarget& target, std::string label, std::uint64_t seed,
            int threads)
      : space_(space), target_(target), label_(std::move(label)), seed_(seed), threads_(threads) {}

  // One entry per candidate; `values` are parameter values (not unit coordinates).
  std::vector<CandidateRun> run(const std::vector<Eigen::VectorXd>& values, int replications) const;

 private:
  const ParameterSpace& space_;
  const ObservedTarget& target_;
  std::string label_;
  std::uint64_t seed_;
  int threads_;
};

}  // namespace homeward::calib
