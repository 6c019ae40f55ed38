// `homeward optimise SCENARIO.json --param POINTER=LOW:HIGH [--param ...]
// [--target MEASURE<=VALUE]`: the command line of optimise.h. Files are
// written only when the search finished.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "sim/app/commands.h"
#include "sim/app/optimise.h"
#include "sim/app/optimise_files.h"
#include "sim/app/study_commands.h"
#include "sim/app/study_files.h"
#include "sim/app/study_support.h"
#include "sim/io/number_text.h"

namespace homeward::app {
namespace {

bool parse_number(const std::string& text, double& out) {
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return !text.empty() && end != nullptr && *end == '\0' && std::isfinite(out);
}

std::optional<OptimiseParameter> parse_param(const std::string& text, std::vector<io::Problem>& problems) {
  const auto equals = text.rfind('=');
  const auto colon = equals == std::string::npos ? std::string::npos : text.find(':', equals);
  OptimiseParameter p;
  if (text.empty() || text[0] != '/' || equals == std::string::npos || colon == std::string::npos ||
      !parse_number(text.substr(equals + 1, colon - equals - 1), p.lower) ||
      !parse_number(text.substr(colon + 1), p.upper)) {
    problems.push_back({"--param", "", "POINTER=LOW:HIGH, e.g. /services/hart/slots=0:30", "\"" + text + "\"", {}});
    return std::nullopt;
  }
  p.pointer = text.substr(0, equals);
  return p;
}

std::optional<OptimiseTarget> parse_target(const std::string& text, std::vector<io::Problem>& problems) {
  const auto at = text.find("<=");
  OptimiseTarget target;
  if (at == std::string::npos || at == 0 || !parse_number(text.substr(at + 2), target.at_most)) {
    problems.push_back({"--target", "", "MEASURE<=VALUE, e.g. delayed_bed_days<=8000", "\"" + text + "\"", {}});
    return std::nullopt;
  }
  target.measure = text.substr(0, at);
  return target;
}

}  // namespace

int optimise_command(const OptimiseCommandOptions& options) {
  const StudyOptions& study = options.study;
  std::vector<io::Problem> problems;
  std::vector<OptimiseParameter> parameters;
  for (const std::string& text : options.parameters)
    if (auto p = parse_param(text, problems)) parameters.push_back(std::move(*p));
  std::optional<OptimiseTarget> target;
  if (!options.target.empty()) target = parse_target(options.target, problems);
  auto base = read_family_base(study.scenario_file, problems);
  std::optional<OptimiseProblem> problem;
  if (base && problems.empty()) problem = prepare_optimise(std::move(*base), std::move(parameters), target, problems);
  if (!problem) {
    print_problems(problems);
    return kExitBadInput;
  }
  std::optional<io::FolderLock> lock;  // held until the files are written
  if (!study.out_dir.empty()) {
    int exit_code = kExitBadInput;
    lock = claim_out_dir(study, "optimise.json", "optimise", exit_code);
    if (!lock) return exit_code;
  }

  StopOnSignal stop;
  OptimiseSettings settings;
  settings.replications = study.replications;
  settings.seed = study.seed;
  settings.threads = study.threads;
  settings.evaluations = options.evaluations;
  settings.stop = stop.flag();
  const double year = 365.0 / problem->base.document.at("duration_days").get<double>();
  const auto progress = [&](int generation, int scored, double best) {
    if (study.quiet) return;
    if (best < 1e15)
      std::fprintf(stderr, "generation %d: %s scored, least total cost %.0f a year\n", generation,
                   io::counted(scored, "candidate").c_str(), best * year);
    else
      std::fprintf(stderr, "generation %d: %s scored, none meets the target yet\n", generation,
                   io::counted(scored, "candidate").c_str());
  };
  const auto started = std::chrono::steady_clock::now();
  const auto result = run_optimise(*problem, settings, progress);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!result) {
    std::fprintf(stderr, "\ninterrupted: no optimise files written (they are only written whole)\n");
    return kExitInterrupted;
  }
  std::fputs(optimise_table(*result, year).c_str(), stdout);
  std::fflush(stdout);
  if (study.out_dir.empty()) return kExitOk;
  try {
    nlohmann::ordered_json info = study_run_info("optimise", study.threads, seconds);
    info["scenario_file"] = study.scenario_file;
    info["parameters"] = options.parameters;
    if (!options.target.empty()) info["target"] = options.target;
    write_optimise_files(*result, study.scenario_file, study.out_dir, info);
  } catch (const std::exception& e) {
    return exit_code_for(e);  // a full disk or a read-only folder: exit 4
  }
  if (!study.quiet)
    std::fprintf(stderr, "wrote %s/optimise.json, trace.csv, optimised.json, run-info.json\n", study.out_dir.c_str());
  return kExitOk;
}

}  // namespace homeward::app
