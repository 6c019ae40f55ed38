// What `run` and `compare` decide before any replication runs: whether the
// options and scenarios make a run at all, and which tasks this process
// takes. Pure functions of the request, so tests/app checks every refusal
// and every split without running a replication or reading stderr.
#pragma once

#include <vector>

#include "sim/app/commands.h"
#include "sim/app/mpi_world.h"
#include "sim/app/status.h"
#include "sim/io/journal.h"

namespace homeward::app {

// Refuses (exit 2) what cannot run as asked: two compared scenarios of one
// name (their rows would be added together), --resume or --shard without
// --out, and under MPI (world.size > 1) --precision, --resume and --shard.
// `info[i]` is the scenario read from options.scenario_files[i].
Status check_run_request(const RunOptions& options, const std::vector<io::ScenarioInfo>& info, MpiWorld world);

struct RunPlan {
  io::JournalHeader whole_run;  // every task of the run: what the outputs describe
  io::JournalHeader share;      // the tasks this process runs: a shard's, an MPI rank's, or all
};

// The run's journal header, and this process's share of its tasks: the
// shard's with --shard, the rank's under MPI, else every task.
RunPlan plan_run(const RunOptions& options, const std::vector<io::ScenarioInfo>& info, const std::string& version,
                 MpiWorld world);

}  // namespace homeward::app
