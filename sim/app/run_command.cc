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
#include "sim/app/scenario_loading.h"
#include "sim/app/version.h"
#include "sim/io/atomic_file.h"
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

// compare: every scenario's name once, or the summary, the CSVs and the
// report would add two scenarios' rows together.
bool names_are_distinct(const RunOptions& options, const std::vector<io::ScenarioInfo>& info) {
  bool distinct = true;
  for (std::size_t i = 1; i < info.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (info[i].name != info[j].name) continue;
      std::fprintf(stderr, "error: %s: /name: expected a name no other compared scenario has, found \"%s\" (the name "
                           "of %s too); give one of them another name\n",
                   options.scenario_files[i].c_str(), io::printable(info[i].name).c_str(),
                   options.scenario_files[j].c_str());
      distinct = false;
      break;
    }
  }
  return distinct;
}

}  // namespace

int run_command(const RunOptions& options) {
  const auto loaded = load_scenarios(options.scenario_files);
  if (!loaded) return kExitBadInput;
  if (!names_are_distinct(options, loaded->info)) return kExitBadInput;
  const auto scenarios = loaded->pointers();

  io::JournalHeader header{kVersion, options.batch.seed, options.batch.replications, loaded->info, 0,
                           static_cast<std::uint64_t>(scenarios.size()) * options.batch.replications};
  io::JournalHeader whole_run = header;
  if (options.shard) {
    const std::uint64_t total = whole_run.end_task;
    header.first_task = total * options.shard->index / options.shard->count;
    header.end_task = total * (options.shard->index + 1) / options.shard->count;
  }
  const bool keep_files = !options.out_dir.empty();
  if (!keep_files && (options.resume || options.shard)) {
    std::fprintf(stderr, "error: --resume and --shard need --out\n");
    return kExitBadInput;
  }
  const MpiWorld world = mpi_world();
  std::optional<RunFolder> folder;
  if (world.size > 1) {
    if (options.precision) {
      if (world.rank == 0) std::fprintf(stderr, "error: --precision runs in stages in one process; it is not available under MPI\n");
      return kExitBadInput;
    }
    if (options.resume || options.shard) {
      if (world.rank == 0) std::fprintf(stderr, "error: --resume and --shard are for single processes; under MPI each rank takes its share\n");
      return kExitBadInput;
    }
    // Rank 0 prepares --out for everyone before any work starts, and holds its lock to the end.
    int ok = 1, refused_code = kExitBadInput;
    if (world.rank == 0 && keep_files) {
      if (auto prepared = prepare_run_folder(options, header, false, refused_code)) folder.emplace(std::move(*prepared));
      ok = folder ? 1 : 0;
    }
    if (broadcast_from_root(ok) == 0) return broadcast_from_root(refused_code);
    const std::uint64_t total = whole_run.end_task;
    header.first_task = total * static_cast<std::uint64_t>(world.rank) / static_cast<std::uint64_t>(world.size);
    header.end_task = total * static_cast<std::uint64_t>(world.rank + 1) / static_cast<std::uint64_t>(world.size);
  }

  std::size_t tracked_measure = 0;
  if (options.precision) {
    const auto index = precision_measure_index(*scenarios.front(), options.precision->measure);
    if (!index) return kExitBadInput;
    tracked_measure = *index;
  }

  // Without --out (and on every MPI rank) the journal goes to a temporary
  // file, so there is one path to the outputs.
  const bool local_journal = !keep_files || world.size > 1;
  std::optional<TemporaryJournal> temporary;
  if (local_journal) {
    temporary.emplace(header);
  } else {
    int refused_code = kExitBadInput;
    auto prepared = prepare_run_folder(options, header, true, refused_code);
    if (!prepared) return refused_code;
    folder.emplace(std::move(*prepared));
  }
  io::JournalWriter& writer = local_journal ? temporary->writer : *folder->writer;
  const std::string journal_path = writer.path();
  const std::uint64_t first_task = local_journal ? header.first_task : folder->first_task;

  g_stop.store(false);
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  BatchOptions batch = options.batch;
  batch.first_task = first_task;
  batch.end_task = header.end_task;
  batch.stop = &g_stop;

  std::uint64_t events = 0, done = first_task;
  std::uint32_t per_scenario = options.batch.replications;
  std::vector<double> tracked;  // --precision: the measure over the base scenario's replications
  const auto consume = [&](std::size_t s, std::uint32_t r, model::ReplicationResult&& result) {
    writer.append(static_cast<std::uint64_t>(s) * per_scenario + r, result);
    if (options.precision && s == 0) tracked.push_back(result.measures[tracked_measure].value);
    events += result.events;
    ++done;
  };
  ProgressLine progress(!options.quiet && world.rank == 0);
  const auto started = std::chrono::steady_clock::now();
  if (!options.precision) {
    run_batches(scenarios, batch, consume, std::ref(progress));
  } else {
    const std::optional<std::uint32_t> settled =
        run_base_in_stages(scenarios, batch, consume, std::ref(progress), tracked, *options.precision, options.quiet);
    if (settled) {
      const std::uint32_t n = *settled;
      // Now the count is known: the journal's header says so, and the other
      // scenarios run as many replications as the base.
      per_scenario = n;
      header.replications = n;
      header.end_task = static_cast<std::uint64_t>(scenarios.size()) * n;
      whole_run = header;
      writer.close();
      io::rewrite_journal_header(journal_path, header);
      // Just written whole by the rewrite: every byte is a complete line.
      writer.reopen_at_end();
      batch.replications = n;
      batch.first_task = n;
      batch.end_task = header.end_task;
      run_batches(scenarios, batch, consume, std::ref(progress));
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  writer.close();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  const bool interrupted = done < header.end_task;
  if (interrupted) std::fprintf(stderr, "\ninterrupted after %llu of %llu tasks\n",
                                static_cast<unsigned long long>(done - header.first_task),
                                static_cast<unsigned long long>(header.end_task - header.first_task));

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

  if (world.size > 1) {
    // The ranks' shares are contiguous and in rank order: concatenated, they are the run's journal.
    const std::string records = gather_at_root(io::journal_records_text(journal_path));
    temporary.reset();
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

  try {
    if (options.shard) {
      // A shard's journal is its output; `homeward merge` makes the run's files.
      io::write_file_atomically((fs::path(options.out_dir) / "run-info.json").string(), info.dump(2) + "\n");
      std::fprintf(stderr, "shard %llu/%llu: tasks [%llu, %llu) in %s/journal.jsonl; combine with homeward merge\n",
                   static_cast<unsigned long long>(options.shard->index),
                   static_cast<unsigned long long>(options.shard->count),
                   static_cast<unsigned long long>(header.first_task), static_cast<unsigned long long>(header.end_task),
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

}  // namespace homeward::app
