#include "sim/app/outputs.h"

#include <cstdio>
#include <memory>

#include "sim/app/table.h"
#include "sim/io/results_writer.h"
#include "sim/model/economics.h"
#include "sim/model/summary.h"

namespace homeward::app {

using nlohmann::ordered_json;

void write_outputs(const FinishedRun& run, const std::string& out_dir, ordered_json run_info, std::FILE* table) {
  const auto print = [table](const std::string& text) {
    if (table != nullptr) std::fputs(text.c_str(), table);
  };
  const io::JournalHeader& h = run.header;
  std::unique_ptr<io::ResultsStream> files;
  if (!out_dir.empty()) files = std::make_unique<io::ResultsStream>(out_dir, h.scenarios);
  std::vector<model::ScalarTable> tables(h.scenarios.size());
  for (const std::string& journal : run.journals) {
    io::read_journal(journal, [&](io::JournalRecord&& record) {
      const std::size_t s = record.task / h.replications;
      const auto r = static_cast<std::uint32_t>(record.task % h.replications);
      tables[s].append(record.result);
      if (files) files->add(s, r, record.result);
    });
  }

  std::vector<io::ScenarioResults> all;
  for (std::size_t s = 0; s < tables.size(); ++s) {
    if (tables[s].rows() == 0) continue;  // an interrupted run may not have reached it
    all.push_back({&h.scenarios[s], &tables[s], model::summarise(tables[s])});
  }
  if (all.empty()) {
    std::fprintf(stderr, "no replication finished: nothing to summarise\n");
    return;
  }
  // Paired differences need the same replications of both scenarios.
  std::vector<std::vector<model::DifferenceSummary>> differences;
  const bool paired = all.size() > 1 && all.size() == tables.size() && !run.partial;
  if (paired)
    for (std::size_t s = 1; s < all.size(); ++s) {
      differences.push_back(model::paired_differences(tables[0], tables[s]));
      model::append_economics(tables[0], tables[s], differences.back());
    }

  ordered_json summary;
  if (h.scenarios.size() == 1) {
    summary = io::scenario_summary_json(all[0], h.seed);
    print(run_table(all[0].scenario->name, all[0].replications->rows(), all[0].summary));
  } else {
    summary = io::compare_summary_json(all, differences, h.seed);
    if (paired) {
      std::vector<ComparedScenario> rows;
      for (std::size_t s = 0; s < all.size(); ++s) {
        const io::ScenarioInfo& info = *all[s].scenario;
        rows.push_back({info.name, info.cost_per_bed_day, static_cast<double>(info.duration_days), &all[s].summary,
                        s == 0 ? nullptr : &differences[s - 1]});
      }
      print(compare_table(rows, h.replications));
    } else {
      for (const auto& s : all)
        print(run_table(s.scenario->name, s.replications->rows(), s.summary));
    }
  }
  if (run.partial) {
    summary["partial"] = true;
    ordered_json done = ordered_json::object();
    for (std::size_t s = 0; s < tables.size(); ++s) done[h.scenarios[s].name] = tables[s].rows();
    summary["replications_completed"] = std::move(done);
    print("PARTIAL RESULTS: the run was interrupted (resume with --resume)\n");
  }
  if (table != nullptr) std::fflush(table);
  if (files) files->commit(summary, run_info);
}

}  // namespace homeward::app
