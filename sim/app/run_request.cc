#include "sim/app/run_request.h"

#include "sim/app/task_range.h"
#include "sim/io/problems.h"

namespace homeward::app {

Status check_run_request(const RunOptions& options, const std::vector<io::ScenarioInfo>& info, MpiWorld world) {
  Status status;
  for (std::size_t i = 1; i < info.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (info[i].name != info[j].name) continue;
      status.merge(Status::bad_input(options.scenario_files[i] +
                                     ": /name: expected a name no other compared scenario has, found \"" +
                                     io::printable(info[i].name) + "\" (the name of " + options.scenario_files[j] +
                                     " too); give one of them another name"));
      break;
    }
  }
  if (!status.is_ok()) return status;
  if (options.out_dir.empty() && (options.resume || options.shard))
    return Status::bad_input("--resume and --shard need --out");
  if (world.size > 1 && options.precision)
    return Status::bad_input("--precision runs in stages in one process; it is not available under MPI");
  if (world.size > 1 && (options.resume || options.shard))
    return Status::bad_input("--resume and --shard are for single processes; under MPI each rank takes its share");
  return status;
}

RunPlan plan_run(const RunOptions& options, const std::vector<io::ScenarioInfo>& info, const std::string& version,
                 MpiWorld world) {
  const std::uint64_t total = static_cast<std::uint64_t>(info.size()) * options.batch.replications;
  RunPlan plan;
  plan.whole_run = io::JournalHeader{version, options.batch.seed, options.batch.replications, info, 0, total};
  plan.share = plan.whole_run;
  TaskRange range{0, total};
  if (options.shard) range = share_of_tasks(total, options.shard->index, options.shard->count);
  if (world.size > 1)
    range = share_of_tasks(total, static_cast<std::uint64_t>(world.rank), static_cast<std::uint64_t>(world.size));
  plan.share.first_task = range.first;
  plan.share.end_task = range.end;
  return plan;
}

}  // namespace homeward::app
