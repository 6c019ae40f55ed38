#include "sim/app/directory_batch.h"

#include <tbb/task_arena.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "sim/app/outputs.h"
#include "sim/app/version.h"

namespace homeward::app {

namespace fs = std::filesystem;

DirectoryBatchOutcome run_batch_into_directory(const DirectoryBatch& request, const ProgressFn& progress) {
  const LoadedScenarios& loaded = *request.scenarios;
  const auto scenarios = loaded.pointers();
  const std::uint32_t replications = request.batch.replications;
  const io::JournalHeader header{kVersion,
                                 request.batch.seed,
                                 replications,
                                 loaded.info,
                                 0,
                                 static_cast<std::uint64_t>(scenarios.size()) * replications};
  std::error_code error;
  fs::create_directories(request.out_dir, error);
  if (error) throw std::runtime_error(request.out_dir + ": cannot create directory: " + error.message());
  const std::string journal_path = (fs::path(request.out_dir) / "journal.jsonl").string();

  std::optional<io::JournalWriter> journal(io::JournalWriter::create(journal_path, header));
  BatchOptions batch = request.batch;
  batch.first_task = 0;
  batch.end_task = header.end_task;
  std::uint64_t done = 0, events = 0;
  const auto started = std::chrono::steady_clock::now();
  run_batches(
      scenarios, batch,
      [&](std::size_t s, std::uint32_t r, model::ReplicationResult&& result) {
        journal->append(static_cast<std::uint64_t>(s) * replications + r, result);
        events += result.events;
        ++done;
      },
      progress);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  journal.reset();
  if (done < header.end_task) {
    fs::remove(journal_path, error);
    return DirectoryBatchOutcome::cancelled;
  }

  // The keys of the CLI's run-info.json (sim/app/run_command.cc), so readers need not care who ran it.
  nlohmann::ordered_json info;
  char host[256] = {};
  info["version"] = kVersion;
  info["host"] = gethostname(host, sizeof host - 1) == 0 ? host : "unknown";
  info["threads"] = batch.threads > 0 ? batch.threads : tbb::this_task_arena::max_concurrency();
  info["wall_seconds"] = seconds;
  info["events"] = events;
  info["events_per_second"] = seconds > 0 ? static_cast<double>(events) / seconds : 0;
  info["scenario_files"] = request.scenario_labels;
  write_outputs(FinishedRun{header, {journal_path}, false}, request.out_dir, info, nullptr);
  return DirectoryBatchOutcome::done;
}

}  // namespace homeward::app
