#include "sim/app/table.h"

#include <fmt/format.h>

#include <cmath>
#include <span>
#include <string_view>

#include "sim/io/number_text.h"
#include "sim/model/economics.h"
#include "sim/model/measure_catalogue.h"

namespace homeward::app {
namespace {

using namespace model::measure;
using io::grouped;
using io::measure_text;
using io::unit_text;

// Headline measures first, then every reason and pathway the scenario produces.
constexpr const model::MeasureInfo* kHeadline[] = {
    &kAdmissions,     &kDischarges,        &kOccupancyMean,   &kOccupancyPeak, &kDelayMean,
    &kDelayP90,       &kWithinOneDayShare, &kDelayedBedDays,  &kDtocDelayedDays, &kDelayedShare,
    &kInHospitalAtEnd, &kCostDelayedBedDays, &kCostTotal,
};

std::string format_row(std::string_view label, std::string_view unit, const model::Statistics& s) {
  return fmt::format("  {:<42} {:>16} {:>16} {:>16}  {}\n", label, measure_text(s.mean, unit),
                     measure_text(s.ci95[0], unit), measure_text(s.ci95[1], unit), unit_text(unit));
}

const model::Statistics* find_measure(const std::vector<model::MeasureSummary>& summary, std::string_view name) {
  for (const auto& m : summary)
    if (m.name == name) return &m.statistics;
  return nullptr;
}

const model::Statistics* find_difference(const std::vector<model::DifferenceSummary>& differences,
                                         std::string_view name) {
  for (const auto& d : differences)
    if (d.name == name) return &d.statistics;
  return nullptr;
}

// "1,200 [300, 2,000]", or "n/a" when the estimate is undefined and "[unbounded]" for Fieller's open interval.
std::string estimate_text(const model::Statistics& s, double scale) {
  if (!std::isfinite(s.mean)) return "n/a";
  const std::string value = grouped(s.mean * scale, 0);
  if (!std::isfinite(s.ci95[0]) || !std::isfinite(s.ci95[1])) return value + " [unbounded]";
  return fmt::format("{} [{}, {}]", value, grouped(s.ci95[0] * scale, 0), grouped(s.ci95[1] * scale, 0));
}

// What each lever costs and returns: the change in service spending, the cost
// of each acute bed day saved and the return on that spending.
std::string money_rows(const std::vector<ComparedScenario>& scenarios) {
  std::string out = fmt::format("\n  {:<18} {:>32} {:>34} {:>30}\n", "scenario", "extra service cost £/yr",
                                "cost per acute bed day saved £", "return on investment %");
  for (std::size_t i = 1; i < scenarios.size(); ++i) {
    const ComparedScenario& s = scenarios[i];
    if (s.differences == nullptr) continue;
    const model::Statistics* services = find_difference(*s.differences, kCostServices.pattern);
    const model::Statistics* per_day = find_difference(*s.differences, model::kCostPerBedDaySaved);
    const model::Statistics* roi = find_difference(*s.differences, model::kReturnOnInvestment);
    if (services == nullptr || per_day == nullptr || roi == nullptr) continue;
    out += fmt::format("  {:<18} {:>32} {:>34} {:>30}\n", s.name,
                       estimate_text(*services, 365.0 / s.duration_days), estimate_text(*per_day, 1),
                       estimate_text(*roi, 100));
  }
  out += "  Extra service cost: the paired difference in cost_services (staffed capacity, use and set-up).\n"
         "  Cost per acute bed day saved: mean extra service cost / mean acute bed days saved; return on\n"
         "  investment: mean net saving / mean extra service cost; both with Fieller's 95% interval, n/a when\n"
         "  no bed days are saved or no more is spent (docs/measures.md).\n";
  return out;
}

}  // namespace

std::string compare_table(const std::vector<ComparedScenario>& scenarios, std::size_t replications) {
  std::string out = fmt::format(
      "Comparison against {} — {} (common random numbers); savings per year, 95% CI\n\n",
      scenarios.front().name, io::counted(replications, "paired replication"));
  out += fmt::format("  {:<18} {:>10} {:>12} {:>26} {:>30} {:>30}\n", "scenario", "delay d", "delayed bd",
                     "acute bed days saved/yr", "value of bed days saved £/yr", "net saving incl. services £/yr");
  for (const ComparedScenario& s : scenarios) {
    const model::Statistics* delay = find_measure(*s.summary, kDelayMean.pattern);
    const model::Statistics* delayed = find_measure(*s.summary, kDelayedBedDays.pattern);
    std::string row = fmt::format("  {:<18} {:>10.3f} {:>12}", s.name, delay ? delay->mean : 0,
                                  grouped(delayed ? delayed->mean : 0, 0));
    const model::Statistics* bed_days = s.differences ? find_difference(*s.differences, kAcuteBedDays.pattern) : nullptr;
    const model::Statistics* total = s.differences ? find_difference(*s.differences, kCostTotal.pattern) : nullptr;
    if (bed_days != nullptr && total != nullptr) {
      // A saving is minus the difference; scale the measured period to a year.
      const double year = 365.0 / s.duration_days;
      auto saved = [&](const model::Statistics& d, double scale) {
        return fmt::format("{} [{}, {}]", grouped(-d.mean * scale, 0), grouped(-d.ci95[1] * scale, 0),
                           grouped(-d.ci95[0] * scale, 0));
      };
      row += fmt::format(" {:>26} {:>30} {:>30}", saved(*bed_days, year), saved(*bed_days, year * s.cost_per_bed_day),
                         saved(*total, year));
    } else {
      row += fmt::format(" {:>26} {:>30} {:>30}", "(base)", "", "");
    }
    out += row + "\n";
  }
  out += "\n  delay d: mean days from MFFD to leaving the acute bed; delayed bd: delayed bed days in the period.\n";
  out += "  Net saving: minus the paired difference in cost_total (acute bed days at the scenario's cost per bed\n"
         "  day plus service costs), so extra spend on the lever is netted off.\n";
  out += money_rows(scenarios);
  return out;
}

std::string run_table(const std::string& scenario_name, std::size_t replications,
                      const std::vector<model::MeasureSummary>& summary) {
  std::string out = fmt::format("Scenario {} — {} (mean and 95% CI across replications)\n\n", scenario_name,
                                io::counted(replications, "replication"));
  out += fmt::format("  {:<42} {:>16} {:>16} {:>16}  {}\n", "measure", "mean", "ci95 low", "ci95 high", "unit");
  for (const model::MeasureInfo* row : kHeadline)
    for (const auto& m : summary)
      if (m.name == row->pattern) out += format_row(row->label, model::table_unit(row->unit), m.statistics);
  // The families by their member: "reason.A", "pathway.P2"; "home_care.utilisation".
  const auto family_rows = [&](std::span<const model::MeasureInfo* const> families, std::string_view drop) {
    std::string rows;
    for (const auto& m : summary)
      for (const model::MeasureInfo* family : families)
        if (model::find_measure_info(m.name) == family)
          rows += format_row(std::string_view(m.name).substr(drop.size()), model::table_unit(family->unit),
                             m.statistics);
    return rows;
  };
  out += "\n  Delayed bed days by reason, agency and pathway\n";
  constexpr const model::MeasureInfo* kGroupings[] = {&kDelayedByReason, &kDelayedByAgency, &kDelayedByPathway};
  out += family_rows(kGroupings, "delayed_bed_days.");
  out += "\n  Services\n";
  constexpr const model::MeasureInfo* kServiceRows[] = {&kServiceQueueMean, &kServiceUtilisation};
  out += family_rows(kServiceRows, "service.");
  out += '\n';
  return out;
}

}  // namespace homeward::app
