#include "sim/app/batch.h"

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <optional>

#include "sim/model/simulation.h"

namespace homeward::app {
namespace {

struct Task {
  std::size_t index = 0;
  std::optional<model::ReplicationResult> result;  // nullopt: stopped part-way
};

}  // namespace

void run_batches(const std::vector<const model::PreparedScenario*>& scenarios, const BatchOptions& options,
                 const ResultConsumer& consume, const ProgressFn& progress) {
  const std::size_t per_scenario = options.replications;
  const std::size_t end = std::min<std::uint64_t>(options.end_task, scenarios.size() * per_scenario);
  const std::size_t first = std::min<std::uint64_t>(options.first_task, end);
  const std::size_t total = end - first;
  const int threads = options.threads > 0 ? options.threads : tbb::this_task_arena::max_concurrency();
  // Enough tasks in flight to keep every thread busy while the in-order
  // consumer waits for a slow one, few enough that memory stays small.
  const std::size_t in_flight = static_cast<std::size_t>(threads) * 4;
  std::size_t next = first, done = 0;
  bool stopped = false;  // a replication gave up: none after it is consumed, so the journal has no gap
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        in_flight,
        tbb::make_filter<void, Task*>(tbb::filter_mode::serial_in_order,
                                      [&](tbb::flow_control& control) -> Task* {
                                        if (next == end || (options.stop != nullptr && options.stop->load())) {
                                          control.stop();
                                          return nullptr;
                                        }
                                        return new Task{next++, {}};
                                      }) &
            tbb::make_filter<Task*, Task*>(tbb::filter_mode::parallel,
                                           [&](Task* task) {
                                             const std::size_t s = task->index / per_scenario;
                                             const auto r = static_cast<std::uint32_t>(task->index % per_scenario);
                                             task->result =
                                                 options.stop == nullptr
                                                     ? model::simulate(*scenarios[s], options.seed, r)
                                                     : model::simulate_unless_stopped(*scenarios[s], options.seed, r,
                                                                                      *options.stop);
                                             return task;
                                           }) &
            tbb::make_filter<Task*, void>(tbb::filter_mode::serial_in_order, [&](Task* task) {
              const std::size_t s = task->index / per_scenario;
              const auto r = static_cast<std::uint32_t>(task->index % per_scenario);
              stopped = stopped || !task->result;
              if (!stopped) {
                consume(s, r, std::move(*task->result));
                if (progress) progress(++done, total);
              }
              delete task;
            }));
  });
}

std::vector<std::vector<model::ReplicationResult>> run_batches(
    const std::vector<const model::PreparedScenario*>& scenarios, const BatchOptions& options,
    const ProgressFn& progress) {
  std::vector<std::vector<model::ReplicationResult>> results(scenarios.size());
  run_batches(
      scenarios, options,
      [&](std::size_t s, std::uint32_t, model::ReplicationResult&& result) { results[s].push_back(std::move(result)); },
      progress);
  return results;
}

}  // namespace homeward::app
