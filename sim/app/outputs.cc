#include "sim/app/outputs.h"

#include <cstdio>
#include <memory>

#include "sim/app/queue_growth.h"
#include "sim/app/table.h"
#include "sim/io/results_writer.h"
#include "sim/model/economics.h"
#include "sim/model/summary.h"

namespace homeward::app {

using nlohmann::ordered_json;

namespace {

void check_measures(const std::string& journal, const io::JournalRecord& record, std::vector<std::string>& names) {
  if (names.empty()) {
    for (const model::Measure& m : record.result.measures) names.push_back(m.name);
    return;
  }
  bool same = names.size() == record.result.measures.size();
  for (std::size_t i = 0; same && i < names.size(); ++i) same = names[i] == record.result.measures[i].name;
  if (!same)
    throw io::JournalError(journal + ": the record of task " + std::to_string(record.task) +
                           " has other measures than its scenario's records in the journals before it");
}

}  // namespace

bool write_outputs(const FinishedRun& run, const std::string& out_dir, ordered_json run_info, std::FILE* table) {
  const auto print = [table](const std::string& text) {
    if (table != nullptr) std::fputs(text.c_str(), table);
  };
  const io::JournalHeader& h = run.header;
  std::unique_ptr<io::ResultsStream> files;
  if (!out_dir.empty()) files = std::make_unique<io::ResultsStream>(out_dir, h.scenarios);
  std::vector<model::ScalarTable> tables(h.scenarios.size());
  std::vector<QueueGrowth> growth;
  for (const io::ScenarioInfo& info : h.scenarios) growth.emplace_back(info);
  // Each journal's records are checked against its header as they are read;
  // across journals (merged shards), every scenario's records must also
  // carry the measures of its first.
  std::vector<std::vector<std::string>> measures(h.scenarios.size());
  std::uint64_t records = 0;
  for (const std::string& journal : run.journals) {
    io::read_journal(journal, [&](io::JournalRecord&& record) {
      const std::size_t s = record.task / h.replications;
      const auto r = static_cast<std::uint32_t>(record.task % h.replications);
      check_measures(journal, record, measures[s]);
      tables[s].append(record.result);
      growth[s].add(record.result);
      if (files) files->add(s, r, record.result);
      ++records;
    });
  }

  std::vector<io::ScenarioResults> all;
  for (std::size_t s = 0; s < tables.size(); ++s) {
    if (tables[s].rows() == 0) continue;  // an interrupted run may not have reached it
    all.push_back({&h.scenarios[s], &tables[s], model::summarise(tables[s]), growth[s].growing()});
  }
  if (all.empty()) {
    std::fprintf(stderr, "no replication finished: nothing to summarise\n");
    return false;
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
  for (const io::ScenarioResults& s : all)
    for (const io::GrowingQueue& queue : s.growing_queues)
      print(growing_queue_warning(s.scenario->name, queue));
  // Which journal the files were made from: `homeward report` refuses a
  // summary that no longer matches the journal beside it. In run-info.json,
  // so that summary.json holds results alone (the same bytes from `serve`).
  run_info["journal"] = {{"header_crc32c", io::journal_header_checksum(h)}, {"records", records}};
  if (run.partial) {
    summary["partial"] = true;
    ordered_json done = ordered_json::object();
    for (std::size_t s = 0; s < tables.size(); ++s) done[h.scenarios[s].name] = tables[s].rows();
    summary["replications_completed"] = std::move(done);
    print("PARTIAL RESULTS: the run was interrupted (resume with --resume)\n");
  }
  if (table != nullptr) std::fflush(table);
  if (!files) return false;
  files->commit(all, summary, run_info);
  return true;
}

}  // namespace homeward::app
