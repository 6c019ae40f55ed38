#include "sim/app/xlsx_output.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/app/commands.h"
#include "sim/report/inputs.h"
#include "sim/app/version.h"
#include "sim/io/xlsx_writer.h"

namespace homeward::app {
namespace {

namespace fs = std::filesystem;

io::Band band(const std::vector<double>& values, double scale) {
  if (values.empty()) return {};
  double sum = 0;
  for (double v : values) sum += v;
  return {sum / static_cast<double>(values.size()) * scale, report::percentile(values, 0.05) * scale,
          report::percentile(values, 0.95) * scale};
}

// Each scenario's months in summary order: the mean and 5th-95th percentile
// band across replications, as the report's monthly charts draw them.
std::vector<io::MonthlyBand> monthly_bands(const report::Summary& summary) {
  std::vector<io::MonthlyBand> out;
  for (const report::ScenarioSummary& sc : summary.scenarios) {
    for (const report::MonthValues& m : sc.months) {
      const int days = report::days_in_period(m.month, sc.start_date, sc.duration_days);
      if (days <= 0) continue;
      out.push_back({sc.name, m.month, days, band(m.delayed_days, 1), band(m.acute_bed_days, 1.0 / days)});
    }
  }
  return out;
}

// A problem with the directory's files (exit 2), or with writing (exit 1).
struct Failure {
  std::string message;
  bool bad_input = false;
};

Failure write(const std::string& out_dir) {
  const fs::path dir(out_dir);
  report::Inputs inputs;
  try {
    inputs = report::read_inputs(out_dir);
  } catch (const report::InputError& e) {
    return {e.what(), true};
  }
  if (!inputs.summary) return {(dir / "summary.json").string() + ": cannot read (a calibration has no summary)", true};
  std::ifstream in(dir / "summary.json", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  try {
    io::write_summary_xlsx((dir / "summary.xlsx").string(), nlohmann::ordered_json::parse(text.str()),
                           monthly_bands(*inputs.summary), kVersion);
  } catch (const std::exception& e) {
    return {e.what(), false};
  }
  return {};
}

}  // namespace

std::string write_summary_workbook(const std::string& out_dir) { return write(out_dir).message; }

int xlsx_command(const std::string& out_dir, bool quiet) {
  const Failure failure = write(out_dir);
  if (!failure.message.empty()) {
    std::fprintf(stderr, "error: %s\n", failure.message.c_str());
    return failure.bad_input ? kExitBadInput : kExitInternal;
  }
  if (!quiet) std::fprintf(stderr, "wrote %s\n", (fs::path(out_dir) / "summary.xlsx").string().c_str());
  return kExitOk;
}

}  // namespace homeward::app
