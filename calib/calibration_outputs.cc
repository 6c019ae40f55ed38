#include "calib/calibration_outputs.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "sim/io/atomic_file.h"
#include "sim/io/csv_text.h"

namespace homeward::calib {
namespace {

// A CSV number; NaN (unknown) as an empty cell.
std::string cell(double x) { return std::isfinite(x) ? fmt::format("{:.10g}", x) : ""; }

// A CSV text cell: quoted when it must be, never a formula (docs/outputs.md).
std::string text_cell(const std::string& text) { return io::csv_text(text); }

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

}  // namespace

std::string parameters_csv(const CalibrationSetup& setup, const CalibrationResult& result) {
  std::string out = "name,pointer,apply,start,value,lower,upper,log_scale,integer,standard_error,interval95_low,interval95_high,search_sd\n";
  for (std::size_t i = 0; i < setup.space->size(); ++i) {
    const ParameterSpec& s = setup.space->spec(i);
    const ParameterFit& f = result.parameters[i];
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", text_cell(s.name), text_cell(joined(s.pointers, " ")),
                       s.multiply ? "multiply" : "set", cell(f.start), cell(f.value), cell(s.lower), cell(s.upper),
                       s.log_scale, s.integer, cell(f.standard_error), cell(f.interval_low), cell(f.interval_high),
                       cell(f.search_sd));
  }
  return out;
}

std::string fit_csv(const CalibrationSetup& setup, const CalibrationResult& result) {
  std::string out = "month,series,split,observed,simulated_mean,simulated_p2_5,simulated_p97_5\n";
  // Month-major, so a spreadsheet shows each month's series together.
  for (std::size_t j = 0; j < setup.target.month_count(); ++j) {
    for (const MonthFit& f : result.fit) {
      if (f.month != setup.target.months[j]) continue;
      out += fmt::format("{},{},{},{},{},{},{}\n", month_iso(f.month), text_cell(setup.config.series[f.series].name),
                         split_name(f.split), cell(f.observed), cell(f.mean), cell(f.low), cell(f.high));
    }
  }
  return out;
}

std::string fit_statistics_csv(const CalibrationSetup& setup, const CalibrationResult& result) {
  std::string out = "series,split,months,mape_percent,rmse_days,bias_days,bias_percent,observed_mean,simulated_mean,zero_months\n";
  for (const SeriesStatistics& s : result.statistics) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", text_cell(setup.config.series[s.series].name),
                       split_name(s.split), s.months, cell(s.mape), cell(s.rmse), cell(s.bias), cell(s.bias_percent),
                       cell(s.observed_mean), cell(s.simulated_mean), s.zero_months);
  }
  return out;
}

std::string search_csv(const CalibrationSetup& setup, const CalibrationResult& result) {
  std::string out = "generation,evaluation,objective,valid";
  for (std::size_t i = 0; i < setup.space->size(); ++i) out += fmt::format(",{}", text_cell(setup.space->spec(i).name));
  out += "\n";
  for (const TraceRow& row : result.trace) {
    out += fmt::format("{},{},{},{}", row.generation, row.evaluation, cell(row.objective), row.valid);
    for (Eigen::Index i = 0; i < row.values.size(); ++i) out += fmt::format(",{}", cell(row.values[i]));
    out += "\n";
  }
  return out;
}

void write_calibration_outputs(const std::string& directory, const CalibrationSetup& setup,
                               const CalibrationResult& result) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) throw std::runtime_error("cannot create directory " + directory + ": " + error.message());
  const std::filesystem::path dir(directory);
  io::write_file_atomically((dir / "scenario.json").string(), result.scenario.dump(2) + "\n");
  io::write_file_atomically((dir / "provenance.json").string(), result.provenance.dump(2) + "\n");
  io::write_file_atomically((dir / "parameters.csv").string(), parameters_csv(setup, result));
  io::write_file_atomically((dir / "fit.csv").string(), fit_csv(setup, result));
  io::write_file_atomically((dir / "fit_statistics.csv").string(), fit_statistics_csv(setup, result));
  io::write_file_atomically((dir / "search.csv").string(), search_csv(setup, result));
}

std::string calibration_summary(const CalibrationSetup& setup, const CalibrationResult& result) {
  const CalibrationConfig& c = setup.config;
  std::string out = fmt::format(
      "Calibration of {} — {} evaluations in {} generations ({}), {:.1f} s\n"
      "Objective (weighted mean squared relative error, training months): {:.4g} at the start, {:.4g} fitted\n",
      setup.scenario_name, result.evaluations, result.generations, result.stop_reason, result.seconds,
      result.start_objective, result.objective);
  if (result.invalid_evaluations > 0)
    out += fmt::format("{} candidates gave an invalid scenario and were scored {:g}; the first: {}\n",
                       result.invalid_evaluations, kInvalidObjective, result.first_invalid);
  out += fmt::format("\n  {:<28} {:>12} {:>12} {:>12} {:>25}   {}\n", "parameter", "start", "fitted", "std error",
                     "95% interval", "bounds");
  for (std::size_t i = 0; i < setup.space->size(); ++i) {
    const ParameterSpec& s = setup.space->spec(i);
    const ParameterFit& f = result.parameters[i];
    const std::string interval = std::isfinite(f.standard_error)
                                     ? fmt::format("[{:.4g}, {:.4g}]", f.interval_low, f.interval_high)
                                     : "not identified";
    out += fmt::format("  {:<28} {:>12.5g} {:>12.5g} {:>12} {:>25}   [{:g}, {:g}]{}\n", s.name, f.start, f.value,
                       std::isfinite(f.standard_error) ? fmt::format("{:.3g}", f.standard_error) : "-", interval,
                       s.lower, s.upper, s.log_scale ? " log" : "");
  }
  out += fmt::format("\n  {:<16} {:<6} {:>6} {:>12} {:>12} {:>10} {:>12} {:>12}\n", "series", "split", "months",
                     "observed/mo", "simulated/mo", "MAPE %", "RMSE days", "bias %");
  for (const SeriesStatistics& s : result.statistics) {
    out += fmt::format("  {:<16} {:<6} {:>6} {:>12.0f} {:>12.0f} {:>10} {:>12.0f} {:>12}\n", c.series[s.series].name,
                       split_name(s.split), s.months, s.observed_mean, s.simulated_mean,
                       std::isfinite(s.mape) ? fmt::format("{:.1f}", s.mape) : "-", s.rmse,
                       std::isfinite(s.bias_percent) ? fmt::format("{:+.1f}", s.bias_percent) : "-");
  }
  return out;
}

}  // namespace homeward::calib
