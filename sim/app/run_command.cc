// `homeward run` and `homeward compare`: replications in parallel, each
// appended to the journal in --out as it finishes, then every output written
// from the journal. SIGINT/SIGTERM stop the batch cleanly with a partial
// summary; --resume continues; --shard runs one contiguous range of tasks;
// --precision runs the base scenario in stages until its interval is narrow
// enough (precision_stages.cc); --patients re-simulates the first replications
// with the per-patient log once the outputs are written.
#include <fmt/format.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "sim/app/commands.h"
#include "sim/app/mpi_world.h"
#include "sim/app/outputs.h"
#include "sim/app/patients_output.h"
#include "sim/app/precision_stages.h"
#include "sim/app/run_folder.h"
#include "sim/app/run_request.h"
#include "sim/app/scenario_loading.h"
#include "sim/app/version.h"
#include "sim/io/atomic_file.h"
#include "sim/io/number_text.h"
#include "sim/io/problems.h"
#include "sim/model/precision.h"
#include "sim/model/summary.h"

namespace homeward::app {
namespace {

using nlohmann::ordered_json;
namespace fs = std::filesystem;

std::atomic<bool> g_stop{false};

extern "C" void request_stop(int) { g_stop.store(true); }

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled) {}
  void operator()(std::size_t done, std::size_t total) {
    const std::size_t percent = done * 100 / total;
    if (!enabled_ || (percent == last_percent_ && done != total)) return;
    last_percent_ = percent;
    std::fprintf(stderr, "\rreplications %zu/%zu (%zu%%)%s", done, total, percent, done == total ? "\n" : "");
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  std::size_t last_percent_ = 101;
};

std::string host_name() {
  char buffer[256] = {};
  return gethostname(buffer, sizeof buffer - 1) == 0 ? buffer : "unknown";
}

// A journal in the system's temporary folder (no --out, or an MPI rank's
// share), removed however the run ends.
struct TemporaryJournal {
  explicit TemporaryJournal(const io::JournalHeader& header) : writer(io::JournalWriter::create_temporary(header)) {}
  ~TemporaryJournal() { std::remove(writer.path().c_str()); }
  TemporaryJournal(const TemporaryJournal&) = delete;
  TemporaryJournal& operator=(const TemporaryJournal&) = delete;
  io::JournalWriter writer;
};

// --patients: after the outputs, so an interrupted run never writes it.
// `replications`: what the run settled on (with --precision, fewer than the cap).
void write_patients(const RunOptions& options, const std::vector<const model::PreparedScenario*>& scenarios,
                    std::uint32_t replications) {
  if (options.patients == 0 || options.out_dir.empty()) return;
  const std::uint32_t count = std::min(options.patients, replications);
  write_patients_csv(scenarios, options.batch.seed, count, options.out_dir);
  if (!options.quiet)
    std::fprintf(stderr, "wrote %s/patients.csv (replications 0 to %u of each scenario)\n", options.out_dir.c_str(),
                 count - 1);
}

// The journal of this process's share, and where its tasks start: in --out
// (a fresh run, a resumed one or a shard), or a temporary file (no --out, or
// an MPI rank's share), so there is one path to the outputs.
struct OpenJournal {
  std::optional<TemporaryJournal> temporary;
  io::JournalWriter* writer = nullptr;
  std::uint64_t first_task = 0;
};

// What the run measured of itself: run-info.json.
ordered_json run_info(const RunOptions& options, double seconds, std::uint64_t events,
                      const std::vector<double>& tracked) {
  ordered_json info;
  info["version"] = kVersion;
  info["host"] = host_name();
  info["threads"] = options.batch.threads > 0 ? options.batch.threads : tbb::this_task_arena::max_concurrency();
  info["wall_seconds"] = seconds;
  info["events"] = events;
  info["events_per_second"] = seconds > 0 ? static_cast<double>(events) / seconds : 0;
  info["scenario_files"] = options.scenario_files;
  if (options.shard) info["shard"] = {{"index", options.shard->index}, {"count", options.shard->count}};
  if (options.precision && !tracked.empty())
    info["precision"] = {{"measure", options.precision->measure},
                         {"target_relative_half_width", options.precision->relative_half_width},
                         {"achieved_relative_half_width", model::relative_half_width(tracked)},
                         {"replications", tracked.size()},
                         {"cap", options.batch.replications}};
  return info;
}

// Under MPI: rank 0 gathers the ranks' shares, which are contiguous and in
// rank order, so concatenated they are the run's journal, and writes the
// outputs from it. Every rank returns its exit code.
int finish_across_ranks(const RunOptions& options, const std::vector<const model::PreparedScenario*>& scenarios,
                        const io::JournalHeader& whole_run, OpenJournal& journal, bool interrupted,
                        ordered_json info) {
  const MpiWorld world = mpi_world();
  const bool keep_files = !options.out_dir.empty();
  const std::string records = gather_at_root(io::journal_records_text(journal.writer->path()));
  journal.temporary.reset();
  const int interrupted_anywhere = broadcast_from_root(interrupted ? 1 : 0);
  if (world.rank != 0) return interrupted ? kExitInterrupted : kExitOk;
  try {
    std::optional<TemporaryJournal> whole;
    std::string whole_path;
    if (keep_files) {
      whole_path = (fs::path(options.out_dir) / "journal.jsonl").string();
      io::write_journal_atomically(whole_path, whole_run, records);
    } else {
      whole.emplace(whole_run);
      whole->writer.append_lines(records);
      whole->writer.close();
      whole_path = whole->writer.path();
    }
    info["mpi_ranks"] = world.size;
    write_outputs(FinishedRun{whole_run, {whole_path}, interrupted_anywhere != 0}, keep_files ? options.out_dir : "",
                  info);
    if (interrupted_anywhere == 0) write_patients(options, scenarios, whole_run.replications);
  } catch (const std::exception& e) {
    return exit_code_for(e);
  }
  return interrupted_anywhere != 0 ? kExitInterrupted : kExitOk;
}

// One process: a shard leaves its journal for `homeward merge`; a whole run
// writes its outputs from its journal.
int finish_here(const RunOptions& options, const std::vector<const model::PreparedScenario*>& scenarios,
                const io::JournalHeader& whole_run, const io::JournalHeader& share, const std::string& journal_path,
                bool interrupted, const ordered_json& info) {
  const bool keep_files = !options.out_dir.empty();
  try {
    if (options.shard) {
      io::write_file_atomically((fs::path(options.out_dir) / "run-info.json").string(), info.dump(2) + "\n");
      std::fprintf(stderr, "shard %llu/%llu: tasks [%llu, %llu) in %s/journal.jsonl; combine with homeward merge\n",
                   static_cast<unsigned long long>(options.shard->index),
                   static_cast<unsigned long long>(options.shard->count),
                   static_cast<unsigned long long>(share.first_task), static_cast<unsigned long long>(share.end_task),
                   options.out_dir.c_str());
    } else {
      const bool wrote =
          write_outputs(FinishedRun{whole_run, {journal_path}, interrupted}, keep_files ? options.out_dir : "", info);
      if (wrote)
        std::fprintf(stderr,
                     "wrote %s/summary.json, summary.csv, replications.csv, monthly.csv, run-info.json, journal.jsonl\n",
                     options.out_dir.c_str());
      if (!interrupted) write_patients(options, scenarios, whole_run.replications);
    }
  } catch (const std::exception& e) {
    return exit_code_for(e);
  }
  return interrupted ? kExitInterrupted : kExitOk;
}

// Runs this process's share of the tasks, appending each result to the
// journal as it comes; with --precision the base scenario first, in stages,
// then the others as many times. Returns the tasks done (first_task plus
// those finished before a stop); `header` and `whole_run` learn the settled
// count of replications with --precision.
struct TaskOutcome {
  std::uint64_t done = 0;
  std::uint64_t events = 0;
  std::vector<double> tracked;  // --precision: the measure over the base scenario's replications
};

TaskOutcome run_tasks(const RunOptions& options, const std::vector<const model::PreparedScenario*>& scenarios,
                      std::size_t tracked_measure, io::JournalHeader& share, io::JournalHeader& whole_run,
                      io::JournalWriter& writer, std::uint64_t first_task) {
  BatchOptions batch = options.batch;
  batch.first_task = first_task;
  batch.end_task = share.end_task;
  batch.stop = &g_stop;
  TaskOutcome outcome;
  outcome.done = first_task;
  std::uint32_t per_scenario = options.batch.replications;
  const auto consume = [&](std::size_t s, std::uint32_t r, model::ReplicationResult&& result) {
    writer.append(static_cast<std::uint64_t>(s) * per_scenario + r, result);
    if (options.precision && s == 0) outcome.tracked.push_back(result.measures[tracked_measure].value);
    outcome.events += result.events;
    ++outcome.done;
  };
  ProgressLine progress(!options.quiet && mpi_world().rank == 0);
  if (!options.precision) {
    run_batches(scenarios, batch, consume, std::ref(progress));
    return outcome;
  }
  const std::optional<std::uint32_t> settled =
      run_base_in_stages(scenarios, batch, consume, std::ref(progress), outcome.tracked, *options.precision,
                         options.quiet);
  if (!settled) return outcome;
  // Now the count is known: the journal's header says so, and the other
  // scenarios run as many replications as the base.
  const std::uint32_t n = *settled;
  per_scenario = n;
  share.replications = n;
  share.end_task = static_cast<std::uint64_t>(scenarios.size()) * n;
  whole_run = share;
  const std::string path = writer.path();
  writer.close();
  io::rewrite_journal_header(path, share);
  writer.reopen_at_end();  // just written whole by the rewrite: every byte is a complete line
  batch.replications = n;
  batch.first_task = n;
  batch.end_task = share.end_task;
  run_batches(scenarios, batch, consume, std::ref(progress));
  return outcome;
}

}  // namespace

int run_command(const RunOptions& options) {
  const MpiWorld world = mpi_world();
  // Under MPI every rank finds the same problems: rank 0 alone prints them.
  const auto refuse = [&](const Status& status) {
    return world.rank == 0 ? print_status(status) : status.exit_code();
  };
  Status problems;
  const auto loaded = load_scenarios(options.scenario_files, problems);
  if (!loaded) return refuse(problems);
  if (Status checked = check_run_request(options, loaded->info, world); !checked.is_ok()) return refuse(checked);
  const auto scenarios = loaded->pointers();
  RunPlan plan = plan_run(options, loaded->info, kVersion, world);
  const bool keep_files = !options.out_dir.empty();

  std::optional<RunFolder> folder;
  if (world.size > 1) {
    // Rank 0 prepares --out for everyone before any work starts, and holds its lock to the end.
    Status refusal;
    if (world.rank == 0 && keep_files) {
      if (auto prepared = prepare_run_folder(options, plan.whole_run, false, refusal)) folder.emplace(std::move(*prepared));
    }
    if (broadcast_from_root(refusal.is_ok() ? 1 : 0) == 0)
      return broadcast_from_root(world.rank == 0 ? print_status(refusal) : kExitBadInput);
  }

  std::size_t tracked_measure = 0;
  if (options.precision) {
    const auto index = precision_measure_index(*scenarios.front(), options.precision->measure);
    if (!index) return kExitBadInput;
    tracked_measure = *index;
  }

  OpenJournal journal;
  if (!keep_files || world.size > 1) {
    journal.temporary.emplace(plan.share);
    journal.writer = &journal.temporary->writer;
    journal.first_task = plan.share.first_task;
  } else {
    Status refusal;
    auto prepared = prepare_run_folder(options, plan.share, true, refusal);
    if (!prepared) return print_status(refusal);
    folder.emplace(std::move(*prepared));
    journal.writer = &*folder->writer;
    journal.first_task = folder->first_task;
  }
  const std::string journal_path = journal.writer->path();

  g_stop.store(false);
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  const auto started = std::chrono::steady_clock::now();
  const TaskOutcome outcome =
      run_tasks(options, scenarios, tracked_measure, plan.share, plan.whole_run, *journal.writer, journal.first_task);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  journal.writer->close();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  const bool interrupted = outcome.done < plan.share.end_task;
  if (interrupted)
    std::fprintf(stderr, "\ninterrupted after %llu of %s\n",
                 static_cast<unsigned long long>(outcome.done - plan.share.first_task),
                 io::counted(plan.share.end_task - plan.share.first_task, "task").c_str());

  const ordered_json info = run_info(options, seconds, outcome.events, outcome.tracked);
  if (world.size > 1)
    return finish_across_ranks(options, scenarios, plan.whole_run, journal, interrupted, info);
  return finish_here(options, scenarios, plan.whole_run, plan.share, journal_path, interrupted, info);
}

}  // namespace homeward::app
