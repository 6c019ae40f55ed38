#include "sim/io/results_writer.h"

#include <filesystem>
#include <fmt/format.h>

#include "sim/io/atomic_file.h"
#include "sim/io/csv_text.h"
#include "sim/io/results_tables.h"
#include "sim/model/monthly_measures.h"

namespace homeward::io {

namespace monthly = model::monthly;

using nlohmann::ordered_json;

ordered_json statistics_json(const model::Statistics& s) {
  ordered_json j;
  j["mean"] = s.mean;
  j["sd"] = s.sd;
  j["ci95"] = {s.ci95[0], s.ci95[1]};
  j["p5"] = s.p5;
  j["p50"] = s.p50;
  j["p95"] = s.p95;
  return j;
}

ordered_json scenario_summary_json(const ScenarioResults& results, std::uint64_t seed) {
  ordered_json j;
  j["scenario"] = results.scenario->name;
  j["description"] = results.scenario->description;
  j["replications"] = results.replications->rows();
  j["seed"] = seed;
  j["start_date"] = results.scenario->start_date;
  j["duration_days"] = results.scenario->duration_days;
  j["warmup_days"] = results.scenario->warmup_days;
  ordered_json measures = ordered_json::object();
  for (const model::MeasureSummary& m : results.summary) measures[m.name] = statistics_json(m.statistics);
  j["measures"] = std::move(measures);
  ordered_json growing = ordered_json::array();
  for (const GrowingQueue& g : results.growing_queues)
    growing.push_back({{"service", g.service}, {"mean_queue_first_quarter", g.first_quarter},
                       {"mean_queue_last_quarter", g.last_quarter}});
  j["growing_queues"] = std::move(growing);
  return j;
}

ordered_json compare_summary_json(const std::vector<ScenarioResults>& results,
                                  const std::vector<std::vector<model::DifferenceSummary>>& differences,
                                  std::uint64_t seed) {
  ordered_json j;
  j["base"] = results.front().scenario->name;
  j["replications"] = results.front().replications->rows();
  j["seed"] = seed;
  j["scenarios"] = ordered_json::array();
  for (const auto& s : results) j["scenarios"].push_back(scenario_summary_json(s, seed));
  if (differences.size() + 1 != results.size()) return j;  // partial: no pairs to difference
  ordered_json by_scenario = ordered_json::object();
  for (std::size_t s = 1; s < results.size(); ++s) {
    ordered_json per_measure = ordered_json::object();
    for (const auto& d : differences[s - 1]) {
      ordered_json m = statistics_json(d.statistics);
      m["relative"] = d.relative;
      per_measure[d.name] = std::move(m);
    }
    by_scenario[results[s].scenario->name] = std::move(per_measure);
  }
  j["differences"] = std::move(by_scenario);
  return j;
}

namespace {

// Shortest text that reads back as the same double, so CSVs lose nothing.
std::string number(double v) { return fmt::format("{}", v); }

}  // namespace

ResultsStream::ResultsStream(const std::string& directory, std::vector<ScenarioInfo> scenarios)
    : directory_(directory), scenarios_(std::move(scenarios)) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) throw OutputError(directory, "cannot create the folder", error.value());
  const std::filesystem::path dir(directory);
  monthly_ = std::make_unique<TemporaryFile>((dir / "monthly.csv").string());
  monthly_buffer_ = "scenario,replication,month,measure,reason,agency,value\n";
}

// Not committed: the temporaries are removed by their destructors, never renamed.
ResultsStream::~ResultsStream() = default;

void ResultsStream::add(std::size_t scenario, std::uint32_t replication, const model::ReplicationResult& result) {
  const std::string name = csv_text(scenarios_[scenario].name);
  const auto& attributions = scenarios_[scenario].attributions;
  for (const model::MonthResult& m : result.months) {
    const std::string prefix = fmt::format("{},{},{},", name, replication, m.month.iso());
    auto row = [&](std::string_view measure, const char* reason, const char* agency, double value) {
      monthly_buffer_ += prefix;
      monthly_buffer_ += fmt::format("{},{},{},{}\n", measure, reason, agency, number(value));
    };
    row(monthly::kAdmissions.pattern, "all", "all", m.admissions);
    row(monthly::kDischarges.pattern, "all", "all", m.discharges);
    row(monthly::kAcuteBedDays.pattern, "all", "all", m.acute_bed_days);
    row(monthly::kDelayedBedDays.pattern, "all", "all", m.delayed_bed_days);
    for (int b = 0; b < model::kDelayBinCount; ++b) {
      row(monthly::kDischargesByDelayBin.name_for(model::kDelayBinNames[b]), "all", "all", m.discharges_by_delay[b]);
      row(monthly::kDrdDelayDaysByDelayBin.name_for(model::kDelayBinNames[b]), "all", "all", m.delay_days_by_delay[b]);
    }
    const auto& services = scenarios_[scenario].services;
    for (std::size_t s = 0; s < services.size() && s < m.queue_days.size(); ++s)
      row(csv_text(monthly::kServiceQueueDays.name_for(services[s])), "all", "all", m.queue_days[s]);
    for (int a : attributions) {
      const char* reason = model::reason_code(model::reason_of(a));
      const char* agency = model::agency_code(model::agency_of(a));
      row(monthly::kDelayedDays.pattern, reason, agency, m.delayed_days[a]);
      row(monthly::kDelayedPatientsSnapshot.pattern, reason, agency, m.snapshot[a]);
    }
  }
  if (monthly_buffer_.size() > (1u << 20)) flush_buffers();
}

void ResultsStream::flush_buffers() {
  monthly_->write(monthly_buffer_);
  monthly_buffer_.clear();
}

void ResultsStream::commit(const std::vector<ScenarioResults>& results, const ordered_json& summary,
                           const ordered_json& run_info) {
  flush_buffers();
  const std::filesystem::path dir(directory_);
  TemporaryFile replications((dir / "replications.csv").string()), summary_table((dir / "summary.csv").string());
  write_replications_csv(results, [&replications](std::string_view text) { replications.write(text); });
  summary_table.write(summary_csv(results));
  // Every table flushed to the disk before any is renamed: a full disk
  // leaves none of this run's files in place.
  replications.flush();
  summary_table.flush();
  monthly_->flush();
  replications.commit();
  summary_table.commit();
  monthly_->commit();
  write_file_atomically((dir / "summary.json").string(), summary.dump(2) + "\n");
  write_file_atomically((dir / "run-info.json").string(), run_info.dump(2) + "\n");
}

}  // namespace homeward::io
