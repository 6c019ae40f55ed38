#include "calib/target.h"

#include <fmt/format.h>

#include <limits>

#include "sim/io/csv_reader.h"
#include "calib/problem.h"
#include "sim/io/json_checker.h"
#include "sim/model/prepared_scenario.h"

namespace homeward::calib {
namespace {

std::vector<model::Reason> reasons_of(const SeriesSpec& spec) {
  if (!spec.reasons.empty()) return spec.reasons;
  std::vector<model::Reason> all;
  for (int r = 0; r < model::kReasonCount; ++r)
    if (static_cast<model::Reason>(r) != model::Reason::O) all.push_back(static_cast<model::Reason>(r));
  return all;
}

std::vector<model::Agency> agencies_of(const SeriesSpec& spec) {
  if (!spec.agencies.empty()) return spec.agencies;
  return {model::Agency::nhs, model::Agency::social_care, model::Agency::both};
}

}  // namespace

const std::vector<std::string>& series_measure_names() {
  static const std::vector<std::string> names = {"delayed_days", "discharges", "drd_delay_days"};
  return names;
}

std::vector<int> series_attributions(const SeriesSpec& spec) {
  std::vector<int> out;
  for (model::Reason r : reasons_of(spec))
    for (model::Agency a : agencies_of(spec)) out.push_back(model::attribution_of(r, a));
  return out;
}

std::vector<std::string> series_atoms(const SeriesSpec& spec) {
  if (!spec.observed.empty()) return {spec.observed};
  std::vector<std::string> atoms;
  if (spec.measure != SeriesMeasure::delayed_days) {
    const char* measure = spec.measure == SeriesMeasure::discharges ? "discharges" : "drd_delay_days";
    if (spec.delay_bins.empty()) return {measure};
    for (int b : spec.delay_bins) atoms.push_back(fmt::format("{}.delay_bin.{}", measure, model::kDelayBinNames[b]));
    return atoms;
  }
  if (spec.reasons.empty() && spec.agencies.empty()) return {"total"};
  if (spec.agencies.empty()) {
    for (model::Reason r : spec.reasons) atoms.push_back(reason_atom(r));
  } else if (spec.reasons.empty()) {
    for (model::Agency a : spec.agencies) atoms.push_back(agency_atom(a));
  } else {
    for (model::Reason r : spec.reasons)
      for (model::Agency a : spec.agencies) atoms.push_back(cell_atom(r, a));
  }
  return atoms;
}

std::optional<ObservedTarget> build_observed_target(const std::vector<SeriesSpec>& series, const ObservedData& data,
                                                    MonthRange train, MonthRange test,
                                                    const std::string& calibration_file,
                                                    std::vector<io::Problem>& problems) {
  const std::size_t before = problems.size();
  ObservedTarget target;
  target.series = series;
  const Month first = test.empty() ? train.first : std::min(train.first, test.first);
  const Month last = test.empty() ? train.last : std::max(train.last, test.last);
  for (Month m = first; m <= last; ++m) {
    if (train.contains(m)) {
      target.months.push_back(m);
      target.split.push_back(Split::train);
    } else if (test.contains(m)) {
      target.months.push_back(m);
      target.split.push_back(Split::test);
    }
  }
  std::string available;
  for (const auto& [name, values] : data.series) available += (available.empty() ? "" : ", ") + name;
  if (available.size() > 300) available = available.substr(0, 300) + "...";

  for (std::size_t s = 0; s < series.size(); ++s) {
    const std::vector<std::string> atoms = series_atoms(series[s]);
    std::vector<std::string> absent;
    for (const auto& atom : atoms)
      if (!data.has_series(atom)) absent.push_back(atom);
    if (!absent.empty()) {
      problems.push_back(problem(calibration_file, io::child_pointer("/series", s),
                          fmt::format("series the data file has for this selection ({})", available.empty() ? "none" : available),
                          fmt::format("{} needed for series \"{}\"", fmt::join(absent, ", "), series[s].name)));
      continue;
    }
    std::vector<double> values;
    for (Month m : target.months) {
      double sum = 0;
      for (const auto& atom : atoms) {
        const ObservedValue* v = data.find(atom, m);
        if (v == nullptr) {
          const auto row = data.months.find(m);
          problems.push_back(problem(row == data.months.end() ? data.file : io::at_line(data.file, row->second), "",
                              fmt::format("a value of {} in {} for series \"{}\" ({} {})", atom, month_iso(m),
                                          series[s].name, calibration_file, io::child_pointer("/series", s)),
                              "none (a blank in the file)"));
          continue;
        }
        sum += v->value;
      }
      values.push_back(sum);
    }
    target.observed.push_back(std::move(values));
  }
  if (problems.size() != before) return std::nullopt;
  return target;
}

bool simulated_values(const ObservedTarget& target, const model::ReplicationResult& result, std::span<double> out,
                      bool training_only) {
  const std::size_t months = target.month_count();
  // Result months are consecutive: find the first target month once.
  if (result.months.empty()) return false;
  const Month first = month_of(result.months.front().month);
  for (std::size_t s = 0; s < target.series_count(); ++s) {
    const SeriesSpec& spec = target.series[s];
    const std::vector<int> attributions = series_attributions(spec);
    std::vector<int> bins = spec.delay_bins;
    if (bins.empty())
      for (int b = 0; b < model::kDelayBinCount; ++b) bins.push_back(b);
    for (std::size_t j = 0; j < months; ++j) {
      if (training_only && target.split[j] != Split::train) {
        out[s * months + j] = std::numeric_limits<double>::quiet_NaN();
        continue;
      }
      const long index = target.months[j] - first;
      if (index < 0 || index >= static_cast<long>(result.months.size())) return false;
      const model::MonthResult& mr = result.months[static_cast<std::size_t>(index)];
      double sum = 0;
      switch (spec.measure) {
        case SeriesMeasure::delayed_days:
          for (int a : attributions) sum += mr.delayed_days[a];
          break;
        case SeriesMeasure::discharges:
          for (int b : bins) sum += mr.discharges_by_delay[b];
          break;
        case SeriesMeasure::drd_delay_days:
          for (int b : bins) sum += mr.delay_days_by_delay[b];
          break;
      }
      out[s * months + j] = sum;
    }
  }
  return true;
}

}  // namespace homeward::calib
