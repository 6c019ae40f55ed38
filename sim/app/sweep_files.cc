#include "sim/app/sweep_files.h"


#include "sim/app/study_files.h"
#include "sim/io/csv_text.h"
#include "sim/io/results_writer.h"

namespace homeward::app {

using nlohmann::ordered_json;

std::string sweep_csv(const SweepResult& result) {
  std::string out;
  if (result.axes.size() == 1) {
    out = "value";
  } else {
    for (std::size_t a = 0; a < result.axes.size(); ++a) {
      out += a ? "," : "";
      out += io::csv_text(result.axes[a].pointer);
    }
  }
  out += ",measure,mean,ci95_low,ci95_high,difference_from_first\n";
  for (const SweepPoint& point : result.points) {
    std::string values;
    for (std::size_t a = 0; a < point.values.size(); ++a) {
      values += a ? "," : "";
      values += csv_value(point.values[a]);
    }
    const bool first = &point == &result.points.front();
    for (const model::MeasureSummary& m : point.outcome.summary) {
      const model::Statistics& s = m.statistics;
      const model::Statistics* d = first ? nullptr : find_statistics(point.outcome.differences, m.name);
      const std::string difference = first ? "0" : d ? csv_number(d->mean) : "";
      out += values + "," + io::csv_text(m.name) + "," + csv_number(s.mean) + "," + csv_number(s.ci95[0]) + "," +
             csv_number(s.ci95[1]) + "," + difference + "\n";
    }
  }
  return out;
}

ordered_json sweep_json(const SweepResult& result) {
  ordered_json j;
  j["kind"] = "sweep";
  j["scenario"] = result.name;
  j["scenario_file"] = result.label;
  j["replications"] = result.replications;
  j["seed"] = result.seed;
  j["axes"] = ordered_json::array();
  for (const SweepAxis& axis : result.axes) j["axes"].push_back({{"pointer", axis.pointer}, {"values", axis.values}});
  j["points"] = ordered_json::array();
  for (const SweepPoint& point : result.points) {
    ordered_json p;
    p["values"] = point.values;
    p["duration_days"] = point.duration_days;
    ordered_json measures = ordered_json::object();
    for (const model::MeasureSummary& m : point.outcome.summary) measures[m.name] = io::statistics_json(m.statistics);
    p["measures"] = std::move(measures);
    ordered_json differences = ordered_json::object();
    for (const model::DifferenceSummary& d : point.outcome.differences) {
      ordered_json s = io::statistics_json(d.statistics);
      s["relative"] = d.relative;
      differences[d.name] = std::move(s);
    }
    p["differences_from_first"] = std::move(differences);
    j["points"].push_back(std::move(p));
  }
  return j;
}

void write_sweep_files(const SweepResult& result, const std::string& dir, const ordered_json& run_info) {
  write_files_together(dir, {{"sweep.csv", sweep_csv(result)},
                             {"sweep.json", json_text(sweep_json(result))},
                             {"run-info.json", json_text(run_info)}});
}

}  // namespace homeward::app
