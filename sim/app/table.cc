#include "sim/app/table.h"

#include <fmt/format.h>

#include <string_view>

namespace homeward::app {
namespace {

struct Row {
  std::string_view measure;
  std::string_view label;
  std::string_view unit;
};

// Headline measures first, then every reason and pathway the scenario produces.
constexpr Row kHeadline[] = {
    {"admissions", "Admissions", "patients"},
    {"discharges", "Discharges", "patients"},
    {"acute_occupancy_mean", "Acute beds occupied, mean", "beds"},
    {"acute_occupancy_peak", "Acute beds occupied, peak", "beds"},
    {"delay_days_mean", "Delay per discharge, mean", "days"},
    {"delay_days_p90", "Delay per discharge, p90", "days"},
    {"discharged_within_1_day_share", "Discharged within 1 day of MFFD", "share"},
    {"delayed_bed_days", "Delayed bed days", "days"},
    {"dtoc_delayed_days", "DToC delayed days (midnights)", "days"},
    {"delayed_share_of_bed_days", "Delayed share of acute bed days", "share"},
    {"in_hospital_at_end", "In hospital at end", "patients"},
    {"cost_delayed_bed_days", "Cost of delayed bed days", "GBP"},
    {"cost_total", "Cost, total", "GBP"},
};

std::string format_row(std::string_view label, std::string_view unit, const model::Statistics& s) {
  return fmt::format("  {:<42} {:>14.4g} {:>14.4g} {:>14.4g}  {}\n", label, s.mean, s.ci95[0], s.ci95[1], unit);
}

}  // namespace

std::string run_table(const std::string& scenario_name, std::size_t replications,
                      const std::vector<model::MeasureSummary>& summary) {
  std::string out = fmt::format("Scenario {} — {} replications (mean and 95% CI across replications)\n\n",
                                scenario_name, replications);
  out += fmt::format("  {:<42} {:>14} {:>14} {:>14}  {}\n", "measure", "mean", "ci95 low", "ci95 high", "unit");
  for (const Row& row : kHeadline)
    for (const auto& m : summary)
      if (m.name == row.measure) out += format_row(row.label, row.unit, m.statistics);
  out += "\n  Delayed bed days by reason, agency and pathway\n";
  for (const auto& m : summary) {
    constexpr std::string_view prefix = "delayed_bed_days.";
    if (m.name.rfind(prefix, 0) == 0 && m.name.find(".waiting.") == std::string::npos)
      out += format_row(std::string_view(m.name).substr(prefix.size()), "days", m.statistics);
  }
  out += "\n  Services\n";
  for (const auto& m : summary) {
    if (m.name.rfind("service.", 0) == 0 &&
        (m.name.ends_with(".utilisation") || m.name.ends_with(".queue_mean")))
      out += format_row(std::string_view(m.name).substr(8), m.name.ends_with(".utilisation") ? "share" : "patients",
                        m.statistics);
  }
  out += '\n';
  return out;
}

}  // namespace homeward::app
