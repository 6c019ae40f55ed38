#include "sim/app/commands.h"

#include <fmt/format.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>

#include "sim/app/table.h"
#include "sim/io/results_writer.h"
#include "sim/io/scenario_reader.h"
#include "sim/io/scenario_schema.h"
#include "sim/model/summary.h"

namespace homeward::app {
namespace {

using nlohmann::ordered_json;

// Reads every file and reports all problems of all files before giving up.
std::optional<std::vector<std::unique_ptr<model::PreparedScenario>>> load_all(
    const std::vector<std::string>& files) {
  std::vector<std::unique_ptr<model::PreparedScenario>> prepared;
  bool ok = true;
  for (const std::string& file : files) {
    io::ScenarioReadResult read = io::read_scenario_file(file);
    for (const io::Problem& p : read.problems) std::fprintf(stderr, "error: %s\n", p.message().c_str());
    if (!read.scenario) {
      ok = false;
      continue;
    }
    prepared.push_back(std::make_unique<model::PreparedScenario>(std::move(*read.scenario)));
  }
  if (!ok) return std::nullopt;
  return prepared;
}

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

}  // namespace

int run_command(const RunOptions& options) {
  auto loaded = load_all(options.scenario_files);
  if (!loaded) return kExitBadInput;
  std::vector<const model::PreparedScenario*> scenarios;
  for (const auto& p : *loaded) scenarios.push_back(p.get());

  // Results stream to the output files as replications finish; only their
  // scalar measures are kept, for the summaries.
  std::unique_ptr<io::ResultsStream> files;
  try {
    if (!options.out_dir.empty()) files = std::make_unique<io::ResultsStream>(options.out_dir, scenarios);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitBadInput;
  }
  std::vector<model::ScalarTable> tables(scenarios.size());
  std::uint64_t events = 0;
  ProgressLine progress(!options.quiet);
  const auto started = std::chrono::steady_clock::now();
  run_batches(
      scenarios, options.batch,
      [&](std::size_t s, std::uint32_t r, model::ReplicationResult&& result) {
        tables[s].append(result);
        events += result.events;
        if (files) files->add(s, r, result);
      },
      std::ref(progress));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::vector<io::ScenarioResults> all;
  for (std::size_t s = 0; s < scenarios.size(); ++s) all.push_back({scenarios[s], &tables[s], model::summarise(tables[s])});

  // Paired differences against the base (the first scenario), computed once.
  std::vector<std::vector<model::DifferenceSummary>> differences;
  for (std::size_t s = 1; s < all.size(); ++s) differences.push_back(model::paired_differences(tables[0], tables[s]));

  ordered_json summary;
  if (all.size() == 1) {
    summary = io::scenario_summary_json(all[0], options.batch.seed);
    std::fputs(run_table(all[0].scenario->scenario().name, all[0].replications->rows(), all[0].summary).c_str(),
               stdout);
  } else {
    summary = io::compare_summary_json(all, differences, options.batch.seed);
    std::vector<ComparedScenario> rows;
    for (std::size_t s = 0; s < all.size(); ++s) {
      const model::Scenario& sc = all[s].scenario->scenario();
      rows.push_back({sc.name, sc.cost_per_bed_day, static_cast<double>(sc.duration_days), &all[s].summary,
                      s == 0 ? nullptr : &differences[s - 1]});
    }
    std::fputs(compare_table(rows, options.batch.replications).c_str(), stdout);
  }
  std::fflush(stdout);

  if (files) {
    ordered_json info;
    info["version"] = "0.1.0";
    info["host"] = host_name();
    info["threads"] = options.batch.threads > 0 ? options.batch.threads : tbb::this_task_arena::max_concurrency();
    info["wall_seconds"] = seconds;
    info["events"] = events;
    info["events_per_second"] = seconds > 0 ? static_cast<double>(events) / seconds : 0;
    info["scenario_files"] = options.scenario_files;
    try {
      files->commit(summary, info);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "error: %s\n", e.what());
      return kExitInternal;
    }
    std::fprintf(stderr, "wrote %s/summary.json, replications.csv, monthly.csv, run-info.json\n",
                 options.out_dir.c_str());
  }
  return kExitOk;
}

int validate_command(const std::vector<std::string>& scenario_files) {
  auto loaded = load_all(scenario_files);
  if (!loaded) return kExitBadInput;
  for (const auto& p : *loaded) std::printf("%s: ok\n", p->scenario().name.c_str());
  return kExitOk;
}

int schema_command() {
  const std::string_view schema = io::scenario_schema();
  std::fwrite(schema.data(), 1, schema.size(), stdout);
  return std::fflush(stdout) == 0 ? kExitOk : kExitInternal;
}

}  // namespace homeward::app
