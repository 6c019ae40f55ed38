#include "calib/calibration_outputs.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "sim/io/atomic_file.h"
#include "sim/io/csv_text.h"
#include "sim/io/number_text.h"

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
  std::string out =
      "name,reason,pointer,apply,start,value,lower,upper,log_scale,integer,near_bound,standard_error,interval95_low,"
      "interval95_high,search_sd,restarts,restart_min,restart_max,restart_sd\n";
  for (std::size_t i = 0; i < setup.space->size(); ++i) {
    const ParameterSpec& s = setup.space->spec(i);
    const ParameterFit& f = result.parameters[i];
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", text_cell(s.name), s.reason,
                       text_cell(joined(s.pointers, " ")), s.multiply ? "multiply" : "set", cell(f.start), cell(f.value),
                       cell(s.lower), cell(s.upper), s.log_scale, s.integer, f.at_bound, cell(f.standard_error),
                       cell(f.interval_low), cell(f.interval_high), cell(f.search_sd), f.restart_values.size(),
                       cell(f.restart_min), cell(f.restart_max), cell(f.restart_sd));
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
  std::string out =
      "series,fitted,split,months,mape_percent,flat_forecast_mape_percent,rmse_days,bias_days,bias_percent,"
      "observed_mean,simulated_mean,flat_forecast,zero_months,missing_months\n";
  for (const SeriesStatistics& s : result.statistics) {
    const SeriesSpec& spec = setup.config.series[s.series];
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", text_cell(spec.name), spec.weight > 0,
                       split_name(s.split), s.months, cell(s.mape), cell(s.flat_mape), cell(s.rmse), cell(s.bias),
                       cell(s.bias_percent), cell(s.observed_mean), cell(s.simulated_mean), cell(s.flat_forecast),
                       s.zero_months, s.missing_months);
  }
  return out;
}

std::string warnings_text(const CalibrationResult& result) {
  if (result.warnings.empty()) return "No warnings.\n";
  std::string out;
  for (const std::string& w : result.warnings) out += "warning: " + w + "\n";
  return out;
}

std::string reasons_csv(const CalibrationSetup& setup) {
  std::string out = "reason,train_days,share_percent,selected,fitted,parameters,why\n";
  if (!setup.template_record.contains("reasons")) return out;
  for (const auto& r : setup.template_record["reasons"]) {
    std::vector<std::string> parameters = r["parameters"].get<std::vector<std::string>>();
    out += fmt::format("{},{},{},{},{},{},{}\n", r["reason"].get<std::string>(), cell(r["train_days"].get<double>()),
                       cell(100 * r["share"].get<double>()), r["selected"].get<bool>(), r["fitted"].get<bool>(),
                       text_cell(joined(parameters, " ")), text_cell(r["why"].get<std::string>()));
  }
  return out;
}

std::string search_csv(const CalibrationSetup& setup, const CalibrationResult& result) {
  std::string out = "restart,generation,evaluation,objective,valid";
  for (std::size_t i = 0; i < setup.space->size(); ++i) out += fmt::format(",{}", text_cell(setup.space->spec(i).name));
  out += "\n";
  for (const TraceRow& row : result.trace) {
    out += fmt::format("{},{},{},{},{}", row.restart + 1, row.generation, row.evaluation, cell(row.objective), row.valid);
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
  io::write_file_atomically((dir / "warnings.txt").string(), warnings_text(result));
  if (!setup.template_record.is_null()) {
    io::write_file_atomically((dir / "reasons.csv").string(), reasons_csv(setup));
  } else {
    std::filesystem::remove(dir / "reasons.csv", error);  // an earlier template run's, not this one's
  }
}

std::string template_summary(const CalibrationSetup& setup) {
  const auto& t = setup.template_record;
  if (t.is_null()) return "";
  const auto& council = t["council"];
  std::string out = fmt::format(
      "Council template {}: {} (DH {}{}), {:.0f} people, scenario scaled by {:.4g} from {:.0f} ({} scaled)\n",
      t["file"].get<std::string>(), council["name"].get<std::string>().empty() ? "local authority" : council["name"].get<std::string>(),
      council["dh_code"].get<std::string>(),
      council["ons_code"].get<std::string>().empty() ? "" : ", ONS " + council["ons_code"].get<std::string>(),
      t["population"].get<double>(), t["scale"].get<double>(), t["reference_population"].get<double>(),
      io::counted(t["scaled_values"].get<std::size_t>(), "value"));
  out += fmt::format("  Reasons of the training months' delayed days (fitted: at least {:g}% and a parameter of their own):\n",
                     100 * t["min_reason_share"].get<double>());
  for (const auto& r : t["reasons"]) {
    if (r["train_days"].get<double>() <= 0) continue;
    const std::vector<std::string> parameters = r["parameters"].get<std::vector<std::string>>();
    out += fmt::format("  {:<5} {:>6.1f}%  {}{}\n", r["reason"].get<std::string>(), 100 * r["share"].get<double>(),
                       r["fitted"].get<bool>() ? "fitted" : r["selected"].get<bool>() ? "reported (no parameter)" : "reported",
                       parameters.empty() ? "" : ": " + joined(parameters, ", "));
  }
  return out;
}

std::string calibration_summary(const CalibrationSetup& setup, const CalibrationResult& result) {
  const CalibrationConfig& c = setup.config;
  std::string out = template_summary(setup);
  if (!out.empty()) out += "\n";
  out += fmt::format(
      "Calibration of {} — {}{} ({}), {:.1f} s\n"
      "Objective (weighted mean squared relative error, training months): {:.4g} at the start, {:.4g} fitted\n",
      setup.scenario_name, io::counted(result.evaluations, "evaluation"),
      result.restarts.size() > 1 ? fmt::format(" in {} restarts; the best is restart {} (seed {}), {}",
                                               result.restarts.size(), result.best_restart + 1,
                                               result.restarts[result.best_restart].seed,
                                               io::counted(result.generations, "generation"))
                                 : fmt::format(" in {}", io::counted(result.generations, "generation")),
      result.stop_reason, result.seconds, result.start_objective, result.objective);
  if (result.restarts.size() > 1) {
    out += "  restart  seed  objective (search)  objective (final replications)  evaluations  stop\n";
    for (std::size_t k = 0; k < result.restarts.size(); ++k) {
      const RestartSummary& r = result.restarts[k];
      out += fmt::format("  {:>7} {:>5} {:>19.4g} {:>31.4g} {:>12}  {}\n", k + 1, r.seed, r.search_objective,
                         r.final_objective, r.evaluations, r.stop_reason);
    }
  }
  const bool restarts = result.restarts.size() > 1;
  out += fmt::format("\n  {:<28} {:>10} {:>10} {:>10} {:>23}{}   {}\n", "parameter", "start", "fitted", "std error",
                     "95% interval", restarts ? fmt::format(" {:>23} {:>9}", "restarts: min to max", "sd") : "", "bounds");
  for (std::size_t i = 0; i < setup.space->size(); ++i) {
    const ParameterSpec& s = setup.space->spec(i);
    const ParameterFit& f = result.parameters[i];
    const std::string interval = std::isfinite(f.standard_error)
                                     ? fmt::format("[{:.4g}, {:.4g}]", f.interval_low, f.interval_high)
                                     : "not identified";
    out += fmt::format("  {:<28} {:>10.5g} {:>10.5g} {:>10} {:>23}{}   [{:g}, {:g}]{}{}\n", s.name, f.start, f.value,
                       std::isfinite(f.standard_error) ? fmt::format("{:.3g}", f.standard_error) : "-", interval,
                       restarts ? fmt::format(" {:>23} {:>9.3g}", fmt::format("{:.4g} to {:.4g}", f.restart_min, f.restart_max),
                                              f.restart_sd)
                                : "",
                       s.lower, s.upper, s.log_scale ? " log" : "",
                       f.at_bound.empty() ? "" : fmt::format("  NEAR {} BOUND", f.at_bound == "lower" ? "LOWER" : "UPPER"));
  }
  out += fmt::format("\n  {:<16} {:<6} {:>6} {:>12} {:>12} {:>8} {:>10} {:>10} {:>8}\n", "series", "split", "months",
                     "observed/mo", "simulated/mo", "MAPE %", "flat MAPE", "RMSE days", "bias %");
  for (const SeriesStatistics& s : result.statistics) {
    const SeriesSpec& spec = c.series[s.series];
    out += fmt::format("  {:<16} {:<6} {:>6} {:>12.0f} {:>12.0f} {:>8} {:>10} {:>10.0f} {:>8}{}\n", spec.name,
                       split_name(s.split), s.months, s.observed_mean, s.simulated_mean,
                       std::isfinite(s.mape) ? fmt::format("{:.1f}", s.mape) : "-",
                       std::isfinite(s.flat_mape) ? fmt::format("{:.1f}", s.flat_mape) : "-", s.rmse,
                       std::isfinite(s.bias_percent) ? fmt::format("{:+.1f}", s.bias_percent) : "-",
                       spec.weight > 0 ? "" : "  (not fitted)");
  }
  out += "  flat MAPE: a forecast of every month at the series' mean over the training months, on the same months\n";
  for (const std::string& w : result.warnings) out += "warning: " + w + "\n";
  return out;
}

}  // namespace homeward::calib
