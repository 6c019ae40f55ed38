// Monte Carlo batches: (scenario × replication) tasks in parallel with TBB.
// Results are handed to a consumer strictly in task order (scenario 0's
// replications first, each in order), so outputs are the same for any thread
// count, and at most a few results per thread are held at once: memory stays
// flat however many replications are run.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/model/prepared_scenario.h"
#include "sim/model/replication_result.h"

namespace homeward::app {

struct BatchOptions {
  std::uint32_t replications = 100;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: every core
  // Only tasks [first_task, end_task) run, task = scenario × replications +
  // replication: a shard of a batch, or the rest of an interrupted one.
  std::uint64_t first_task = 0;
  std::uint64_t end_task = UINT64_MAX;
  // When set (e.g. by a signal handler), no new task starts, and those under
  // way give up at their next simulated midnight: the tasks consumed are
  // those finished before the first that gave up, in order.
  const std::atomic<bool>* stop = nullptr;
};

// Called with (tasks done, tasks in all), serialised.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;
// Called in task order, serialised.
using ResultConsumer =
    std::function<void(std::size_t scenario, std::uint32_t replication, model::ReplicationResult&& result)>;

// Replication r of every scenario uses the same seed and index, hence the
// same admissions and patients (common random numbers).
void run_batches(const std::vector<const model::PreparedScenario*>& scenarios, const BatchOptions& options,
                 const ResultConsumer& consume, const ProgressFn& progress = {});

// Convenience for small batches: every result kept, results[scenario][replication].
std::vector<std::vector<model::ReplicationResult>> run_batches(
    const std::vector<const model::PreparedScenario*>& scenarios, const BatchOptions& options,
    const ProgressFn& progress = {});

}  // namespace homeward::app
