// `homeward sensitivity SCENARIO.json [--change 20%]`: the command line of
// sensitivity.h. Files are written only when every replication is done.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "sim/app/commands.h"
#include "sim/app/sensitivity.h"
#include "sim/app/sensitivity_files.h"
#include "sim/app/study_commands.h"
#include "sim/app/study_files.h"
#include "sim/app/study_support.h"
#include "sim/io/number_text.h"

namespace homeward::app {

int sensitivity_command(const SensitivityCommandOptions& options) {
  const StudyOptions& study = options.study;
  std::vector<io::Problem> problems;
  const auto base = read_family_base(study.scenario_file, problems);
  std::optional<PreparedSensitivity> prepared;
  if (base) prepared = prepare_sensitivity(*base, options.change, problems);
  if (!prepared) {
    print_problems(problems);
    return kExitBadInput;
  }
  if (prepared->effects.empty()) {
    std::fprintf(stderr, "error: %s: no capacity or process time to vary (no services)\n", study.scenario_file.c_str());
    return kExitBadInput;
  }
  for (const SensitivityEffect& e : prepared->effects)
    for (const SensitivitySide* side : {&e.low, &e.high})
      if (!side->note.empty() && !study.quiet)
        std::fprintf(stderr, "note: %s %s: not run: %s\n", e.parameter.name.c_str(), side->written.c_str(),
                     side->note.c_str());
  std::optional<io::FolderLock> lock;  // held until the files are written
  if (!study.out_dir.empty()) {
    int exit_code = kExitBadInput;
    lock = claim_out_dir(study, "sensitivity.json", "sensitivity", exit_code);
    if (!lock) return exit_code;
  }

  StopOnSignal stop;
  BatchOptions batch;
  batch.replications = study.replications;
  batch.seed = study.seed;
  batch.threads = study.threads;
  batch.stop = stop.flag();
  StudyProgress progress(fmt::format("sensitivity: {}, {}, replications",
                                     io::counted(prepared->effects.size(), "parameter"),
                                     io::counted(prepared->family.size(), "scenario")),
                         !study.quiet);
  const auto started = std::chrono::steady_clock::now();
  const auto result = run_sensitivity(*prepared, batch, std::ref(progress));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!result) {
    std::fprintf(stderr, "\ninterrupted: no sensitivity files written (they are only written whole)\n");
    return kExitInterrupted;
  }
  const double year = 365.0 / prepared->family.pointers().front()->scenario().duration_days;
  std::fputs(sensitivity_table(*result, year, 10).c_str(), stdout);
  std::fflush(stdout);
  if (study.out_dir.empty()) return kExitOk;
  try {
    nlohmann::ordered_json info = study_run_info("sensitivity", study.threads, seconds);
    info["scenario_file"] = study.scenario_file;
    info["change"] = options.change;
    write_sensitivity_files(*result, study.out_dir, info);
  } catch (const std::exception& e) {
    return exit_code_for(e);  // a full disk or a read-only folder: exit 4
  }
  if (!study.quiet)
    std::fprintf(stderr, "wrote %s/sensitivity.csv, sensitivity.json, run-info.json\n", study.out_dir.c_str());
  return kExitOk;
}

}  // namespace homeward::app
