#include "calib/evaluator.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <memory>

#include "sim/io/scenario_reader.h"
#include "sim/model/simulation.h"

namespace homeward::calib {

std::vector<CandidateRun> Evaluator::run(const std::vector<Eigen::VectorXd>& values, int replications) const {
  const std::size_t candidates = values.size();
  const std::size_t cells = target_.series_count() * target_.month_count();
  std::vector<CandidateRun> runs(candidates);
  std::vector<std::unique_ptr<model::PreparedScenario>> prepared(candidates);
  tbb::task_arena arena(threads_ > 0 ? threads_ : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, candidates, [&](std::size_t c) {
      io::ScenarioReadResult read = io::read_scenario_json(space_.apply(values[c]), label_);
      if (!read.scenario) {
        runs[c].problem = read.problems.empty() ? "invalid scenario" : read.problems.front().message();
        return;
      }
      prepared[c] = std::make_unique<model::PreparedScenario>(std::move(*read.scenario));
      runs[c].valid = true;
      runs[c].simulated.assign(static_cast<std::size_t>(replications) * cells, 0.0);
    });
    const std::size_t tasks = candidates * static_cast<std::size_t>(replications);
    std::vector<char> uncovered(tasks, 0);  // one flag per task: no shared writes
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, tasks, 1), [&](const tbb::blocked_range<std::size_t>& range) {
      for (std::size_t t = range.begin(); t != range.end(); ++t) {
        const std::size_t c = t / static_cast<std::size_t>(replications);
        const auto r = static_cast<std::uint32_t>(t % static_cast<std::size_t>(replications));
        if (!prepared[c]) continue;
        const model::ReplicationResult result = model::simulate(*prepared[c], seed_, r);
        std::span<double> slot(runs[c].simulated.data() + r * cells, cells);
        uncovered[t] = simulated_values(target_, result, slot) ? 0 : 1;
      }
    });
    for (std::size_t t = 0; t < tasks; ++t)
      if (uncovered[t]) runs[t / static_cast<std::size_t>(replications)].problem = "the simulated months do not cover the target";
  });
  for (CandidateRun& run : runs)
    if (!run.problem.empty()) run.valid = false;
  return runs;
}

}  // namespace homeward::calib
