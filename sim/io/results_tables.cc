#include "sim/io/results_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "sim/io/csv_text.h"

namespace homeward::io {
namespace {

// Shortest text that reads back as the same double; empty (NA to pandas and
// R) when there is no number.
std::string number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string(); }

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string measure_unit(std::string_view m) {
  if (starts_with(m, "cost") || starts_with(m, "other_cost.") || m.find(".cost") != std::string_view::npos)
    return "£";
  if (m == "net_saving") return "£";
  if (ends_with(m, "_share") || ends_with(m, ".utilisation") || m == "delayed_share_of_bed_days") return "share 0–1";
  if (starts_with(m, "delayed_bed_days") || m == "acute_bed_days" || ends_with(m, ".blocked_bed_days") ||
      m == "readmissions.acute_bed_days")
    return "bed days";
  if (starts_with(m, "delay_days_") || m == "dtoc_delayed_days") return "days";
  if (starts_with(m, "acute_occupancy_")) return "beds";
  if (ends_with(m, ".clients_mean")) return "clients";
  if (ends_with(m, ".bridging_days")) return "slot days";
  if (m == "admissions" || starts_with(m, "discharges") || starts_with(m, "exits.") || starts_with(m, "in_hospital_") ||
      starts_with(m, "readmissions") || starts_with(m, "harms.") || starts_with(m, "home_first.") ||
      ends_with(m, ".starts") || ends_with(m, ".queue_mean") || ends_with(m, ".trusted_accepted") ||
      ends_with(m, ".overruns") || ends_with(m, ".readmissions"))
    return "patients";
  return "";
}

void write_replications_csv(const std::vector<ScenarioResults>& results,
                            const std::function<void(std::string_view)>& write) {
  std::vector<std::string> columns;
  std::unordered_map<std::string, std::size_t> column_of;
  for (const ScenarioResults& s : results)
    for (const std::string& name : s.replications->names())
      if (column_of.emplace(name, columns.size()).second) columns.push_back(name);
  std::string out = "scenario,replication";
  for (const std::string& name : columns) {
    out += ',';  // in steps: GCC 12 warns falsely (-Wrestrict) on "," + string
    out += csv_text(name);
  }
  out += '\n';
  for (const ScenarioResults& s : results) {
    const model::ScalarTable& table = *s.replications;
    // Where each global column is in this scenario's rows; none: an empty cell.
    constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
    std::vector<std::size_t> source(columns.size(), kAbsent);
    for (std::size_t m = 0; m < table.names().size(); ++m) source[column_of.at(table.names()[m])] = m;
    const std::string name = csv_text(s.scenario->name);
    table.for_each_row([&](std::size_t r, std::span<const double> values) {
      out += name;
      out += ',';
      out += std::to_string(r);
      for (std::size_t m : source) {
        out += ',';
        if (m != kAbsent) out += number(values[m]);
      }
      out += '\n';
      if (out.size() >= kCsvPieceBytes) {
        write(out);
        out.clear();
      }
    });
  }
  if (!out.empty()) write(out);
}

std::string summary_csv(const std::vector<ScenarioResults>& results) {
  std::string out = "scenario,measure,unit,mean,sd,ci95_low,ci95_high,n\n";
  for (const ScenarioResults& s : results) {
    const std::string name = csv_text(s.scenario->name);
    for (const model::MeasureSummary& m : s.summary) {
      const model::Statistics& st = m.statistics;
      out += fmt::format("{},{},{},{},{},{},{},{}\n", name, csv_text(m.name), csv_text(measure_unit(m.name)),
                         number(st.mean), number(st.sd), number(st.ci95[0]), number(st.ci95[1]),
                         s.replications->rows());
    }
  }
  return out;
}

}  // namespace homeward::io
