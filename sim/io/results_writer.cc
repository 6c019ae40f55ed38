#include "sim/io/results_writer.h"

#include <filesystem>
#include <fmt/format.h>

#include "sim/io/atomic_file.h"

namespace homeward::io {

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
  j["scenario"] = results.scenario->scenario().name;
  j["replications"] = results.replications->size();
  j["seed"] = seed;
  j["start_date"] = results.scenario->calendar().iso_date(0);
  j["duration_days"] = results.scenario->scenario().duration_days;
  j["warmup_days"] = results.scenario->scenario().warmup_days;
  ordered_json measures = ordered_json::object();
  for (const model::MeasureSummary& m : results.summary) measures[m.name] = statistics_json(m.statistics);
  j["measures"] = std::move(measures);
  return j;
}

ordered_json compare_summary_json(const std::vector<ScenarioResults>& results,
                                  const std::vector<std::vector<model::DifferenceSummary>>& differences,
                                  std::uint64_t seed) {
  ordered_json j;
  j["base"] = results.front().scenario->scenario().name;
  j["replications"] = results.front().replications->size();
  j["seed"] = seed;
  j["scenarios"] = ordered_json::array();
  for (const auto& s : results) j["scenarios"].push_back(scenario_summary_json(s, seed));
  ordered_json by_scenario = ordered_json::object();
  for (std::size_t s = 1; s < results.size(); ++s) {
    ordered_json per_measure = ordered_json::object();
    for (const auto& d : differences[s - 1]) {
      ordered_json m = statistics_json(d.statistics);
      m["relative"] = d.relative;
      per_measure[d.name] = std::move(m);
    }
    by_scenario[results[s].scenario->scenario().name] = std::move(per_measure);
  }
  j["differences"] = std::move(by_scenario);
  return j;
}

namespace {

// Shortest text that reads back as the same double, so CSVs lose nothing.
std::string number(double v) { return fmt::format("{}", v); }

}  // namespace

std::string replications_csv(const std::vector<ScenarioResults>& results) {
  std::string out;
  const bool several = results.size() > 1;
  for (std::size_t k = 0; k < results.size(); ++k) {
    const auto& reps = *results[k].replications;
    if (reps.empty()) continue;
    if (k == 0 || several) {
      // Scenarios can have different measures, so each gets its own header block.
      if (k > 0) out += '\n';
      out += several ? "scenario,replication" : "replication";
      for (const model::Measure& m : reps.front().measures) {
        out += ',';
        out += m.name;
      }
      out += '\n';
    }
    for (std::size_t r = 0; r < reps.size(); ++r) {
      if (several) out += results[k].scenario->scenario().name + ",";
      out += std::to_string(r);
      for (const model::Measure& m : reps[r].measures) {
        out += ',';
        out += number(m.value);
      }
      out += '\n';
    }
  }
  return out;
}

std::string monthly_csv(const std::vector<ScenarioResults>& results) {
  std::string out = "scenario,replication,month,measure,reason,agency,value\n";
  for (const ScenarioResults& s : results) {
    const std::string& name = s.scenario->scenario().name;
    const auto& attributions = s.scenario->attributions();
    for (std::size_t r = 0; r < s.replications->size(); ++r) {
      for (const model::MonthResult& m : (*s.replications)[r].months) {
        const std::string prefix = fmt::format("{},{},{},", name, r, m.month.iso());
        auto row = [&](const char* measure, const char* reason, const char* agency, double value) {
          out += prefix + measure + "," + reason + "," + agency + "," + number(value) + "\n";
        };
        row("admissions", "all", "all", m.admissions);
        row("discharges", "all", "all", m.discharges);
        row("acute_bed_days", "all", "all", m.acute_bed_days);
        row("delayed_bed_days", "all", "all", m.delayed_bed_days);
        for (int a : attributions) {
          const char* reason = model::reason_code(model::reason_of(a));
          const char* agency = model::agency_code(model::agency_of(a));
          row("delayed_days", reason, agency, m.delayed_days[a]);
          row("delayed_patients_snapshot", reason, agency, m.snapshot[a]);
        }
      }
    }
  }
  return out;
}

void write_outputs(const std::string& directory, const ordered_json& summary,
                   const std::vector<ScenarioResults>& results, const ordered_json& run_info) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) throw std::runtime_error(directory + ": cannot create directory: " + error.message());
  const std::filesystem::path dir(directory);
  write_file_atomically((dir / "summary.json").string(), summary.dump(2) + "\n");
  write_file_atomically((dir / "replications.csv").string(), replications_csv(results));
  write_file_atomically((dir / "monthly.csv").string(), monthly_csv(results));
  write_file_atomically((dir / "run-info.json").string(), run_info.dump(2) + "\n");
}

}  // namespace homeward::io
