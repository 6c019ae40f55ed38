// `homeward sweep SCENARIO.json --vary POINTER=V1,V2,... [--vary ...]`: the
// command line of sweep.h. Reads the scenario, builds every combination,
// runs them with common random numbers, prints a table and writes the files
// (sweep_files.h) once every replication is done; interrupted, it writes none.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "sim/app/commands.h"
#include "sim/app/study_commands.h"
#include "sim/app/study_files.h"
#include "sim/app/study_support.h"
#include "sim/app/sweep.h"
#include "sim/app/sweep_files.h"
#include "sim/io/number_text.h"
#include "sim/io/problems.h"
#include "sim/model/measure_catalogue.h"

namespace homeward::app {
namespace {

namespace measure = model::measure;

using nlohmann::json;

// A number, true, false or null as JSON; anything else as a string.
json parse_value(const std::string& token) {
  json value = json::parse(token, nullptr, false);
  if (value.is_discarded() || value.is_structured()) return json(token);
  return value;
}

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t");
  return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

// "POINTER=V1,V2,..." into an axis; a problem labelled --vary otherwise.
std::optional<SweepAxis> parse_vary(const std::string& text, std::vector<io::Problem>& problems) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || text[0] != '/') {
    problems.push_back({"--vary", "", "POINTER=V1,V2,... with a JSON pointer such as /services/hart/slots",
                        "\"" + text + "\"", {}});
    return std::nullopt;
  }
  SweepAxis axis{text.substr(0, equals), {}};
  const std::string list = text.substr(equals + 1);
  std::size_t from = 0;
  for (;;) {
    const auto comma = list.find(',', from);
    const std::string token = trim(list.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
    if (token.empty()) {
      problems.push_back({"--vary", axis.pointer, "a comma-separated list of values, none empty", "\"" + list + "\"", {}});
      return std::nullopt;
    }
    axis.values.push_back(parse_value(token));
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  return axis;
}

std::string with_ci(const model::Statistics* s, double scale) {
  if (s == nullptr || !std::isfinite(s->mean)) return "n/a";
  return fmt::format("{:.0f} [{:.0f}, {:.0f}]", s->mean * scale, s->ci95[0] * scale, s->ci95[1] * scale);
}

std::string sweep_table(const SweepResult& result, double year_scale) {
  std::string header;
  for (const SweepAxis& axis : result.axes) {
    header += header.empty() ? "" : ", ";
    header += axis.pointer;
  }
  std::string out = fmt::format(
      "Sweep of {} — {} per point, common random numbers; a year, 95% CI\n\n  {:<28} {:>26} {:>9} "
      "{:>16} {:>16} {:>30}\n",
      result.name, io::counted(result.replications, "replication"), "values", "delayed bed days", "delay d", "services £", "total cost £",
      "net saving vs first £");
  std::size_t cheapest = 0;
  for (std::size_t p = 0; p < result.points.size(); ++p) {
    const auto* total = find_statistics(result.points[p].outcome.summary, measure::kCostTotal.pattern);
    const auto* best = find_statistics(result.points[cheapest].outcome.summary, measure::kCostTotal.pattern);
    if (total && best && total->mean < best->mean) cheapest = p;
  }
  for (std::size_t p = 0; p < result.points.size(); ++p) {
    const SweepPoint& point = result.points[p];
    std::string values;
    for (const json& v : point.values) {
      values += values.empty() ? "" : ", ";
      values += io::printable(value_text(v));
    }
    const auto& summary = point.outcome.summary;
    const auto* delay = find_statistics(summary, measure::kDelayMean.pattern);
    const auto* services = find_statistics(summary, measure::kCostServices.pattern);
    const auto* total = find_statistics(summary, measure::kCostTotal.pattern);
    const auto* net = find_statistics(point.outcome.differences, measure::kNetSaving.pattern);
    out += fmt::format("{} {:<28} {:>26} {:>9.3f} {:>16.0f} {:>16.0f} {:>30}\n", p == cheapest ? "*" : " ", values,
                       with_ci(find_statistics(summary, measure::kDelayedBedDays.pattern), year_scale), delay ? delay->mean : NAN,
                       services ? services->mean * year_scale : NAN, total ? total->mean * year_scale : NAN,
                       p == 0 ? std::string("(first)") : with_ci(net, year_scale));
  }
  out += fmt::format("\n  values: {}. *: the least total cost (acute bed days at their cost plus every service's "
                     "cost).\n  Every measure of every point is in sweep.csv and sweep.json.\n", header);
  return out;
}

}  // namespace

int sweep_command(const SweepCommandOptions& options) {
  const StudyOptions& study = options.study;
  std::vector<io::Problem> problems;
  std::vector<SweepAxis> axes;
  for (const std::string& text : options.vary)
    if (auto axis = parse_vary(text, problems)) axes.push_back(std::move(*axis));
  const auto base = read_family_base(study.scenario_file, problems);
  std::optional<PreparedSweep> sweep;
  if (base && problems.empty()) sweep = prepare_sweep(*base, std::move(axes), problems);
  if (!sweep) {
    print_problems(problems);
    return kExitBadInput;
  }
  std::optional<io::FolderLock> lock;  // held until the files are written
  if (!study.out_dir.empty()) {
    int exit_code = kExitBadInput;
    lock = claim_out_dir(study, "sweep.json", "sweep", exit_code);
    if (!lock) return exit_code;
  }

  StopOnSignal stop;
  BatchOptions batch;
  batch.replications = study.replications;
  batch.seed = study.seed;
  batch.threads = study.threads;
  batch.stop = stop.flag();
  StudyProgress progress(fmt::format("sweep: {}, replications", io::counted(sweep->points.size(), "point")), !study.quiet);
  const auto started = std::chrono::steady_clock::now();
  const std::optional<SweepResult> result = run_sweep(*sweep, batch, std::ref(progress));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!result) {
    std::fprintf(stderr, "\ninterrupted: no sweep files written (a sweep is only written whole)\n");
    return kExitInterrupted;
  }
  // Validated: every member has the base's measured period unless a --vary changed it.
  const double year = 365.0 / sweep->family.pointers().front()->scenario().duration_days;
  std::fputs(sweep_table(*result, year).c_str(), stdout);
  std::fflush(stdout);
  if (study.out_dir.empty()) return kExitOk;
  try {
    nlohmann::ordered_json info = study_run_info("sweep", study.threads, seconds);
    info["scenario_file"] = study.scenario_file;
    info["vary"] = options.vary;
    write_sweep_files(*result, study.out_dir, info);
  } catch (const std::exception& e) {
    return exit_code_for(e);  // a full disk or a read-only folder: exit 4
  }
  if (!study.quiet) std::fprintf(stderr, "wrote %s/sweep.csv, sweep.json, run-info.json\n", study.out_dir.c_str());
  return kExitOk;
}

}  // namespace homeward::app
