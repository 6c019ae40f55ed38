// Monte Carlo batches: (scenario × replication) tasks in parallel with TBB.
// Each task's result lands in its own slot, so the output is the same for
// any thread count and any scheduling order.
#pragma once

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
};

// Called with (tasks done, tasks in all) from worker threads, serialised.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

// results[scenario][replication]; replication r of every scenario uses the
// same seed and index, hence the same admissions (common random numbers).
std::vector<std::vector<model::ReplicationResult>> run_batches(
    const std::vector<const model::PreparedScenario*>& scenarios, const BatchOptions& options,
    const ProgressFn& progress = {});

}  // namespace homeward::app
