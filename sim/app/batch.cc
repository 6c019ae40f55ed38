#include "sim/app/batch.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <mutex>

#include "sim/model/simulation.h"

namespace homeward::app {

std::vector<std::vector<model::ReplicationResult>> run_batches(
    const std::vector<const model::PreparedScenario*>& scenarios, const BatchOptions& options,
    const ProgressFn& progress) {
  const std::size_t per_scenario = options.replications;
  const std::size_t total = scenarios.size() * per_scenario;
  std::vector<std::vector<model::ReplicationResult>> results(scenarios.size());
  for (auto& r : results) r.resize(per_scenario);

  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  const int threads = options.threads > 0 ? options.threads : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, total, 1), [&](const tbb::blocked_range<std::size_t>& range) {
      for (std::size_t task = range.begin(); task != range.end(); ++task) {
        const std::size_t s = task / per_scenario;
        const auto r = static_cast<std::uint32_t>(task % per_scenario);
        results[s][r] = model::simulate(*scenarios[s], options.seed, r);
        const std::size_t finished = ++done;
        if (progress) {
          std::lock_guard lock(progress_mutex);
          progress(finished, total);
        }
      }
    });
  });
  return results;
}

}  // namespace homeward::app
