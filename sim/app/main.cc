// homeward: the command line. Thin: parses arguments and calls a command.
#include <CLI/CLI.hpp>

#include <exception>
#include <string>

#include "sim/app/calibrate_command.h"
#include "sim/app/commands.h"
#include "sim/app/mpi_world.h"
#include "sim/app/option_text.h"
#include "sim/app/report.h"
#include "sim/app/version.h"
#include "sim/app/xlsx_output.h"
#include "sim/serve/serve_command.h"
#include "sim/app/study_commands.h"

int main(int argc, char** argv) {
  using namespace homeward::app;
  MpiSession mpi(argc, argv);
  CLI::App cli{"Homeward: discrete-event simulation of hospital discharge pathways"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", std::string("homeward ") + kVersion);

  RunOptions run;
  bool then_report = false;
  bool then_xlsx = false;
  auto add_batch_options = [&](CLI::App* command) {
    command->add_option("--replications,-n", run.batch.replications, "replications per scenario")
        ->check(CLI::Range(1u, 1000000u));
    command->add_option_function<std::string>(
        "--seed",
        [&](const std::string& text) {
          const auto seed = parse_whole_number(text);
          if (!seed)
            throw CLI::ValidationError("--seed", "expected a whole number from 0 to 18446744073709551615, found " + text);
          run.batch.seed = *seed;
        },
        "master seed (0 to 2^64 - 1)");
    command->add_option("--threads,-t", run.batch.threads, "worker threads (0: every core)")->check(CLI::Range(0, 4096));
    command->add_option("--out,-o", run.out_dir, "directory for summary.json and CSVs");
    command->add_flag("--quiet,-q", run.quiet, "no progress line");
    command->add_flag("--resume", run.resume, "continue the interrupted run whose journal is in --out");
    command->add_flag("--force", run.force, "replace another scenario's results in --out (they are moved to previous/)");
    command->add_option_function<std::string>(
        "--shard",
        [&](const std::string& text) {
          run.shard = parse_shard(text);
          if (!run.shard)
            throw CLI::ValidationError("--shard", "expected I/N, whole numbers with 0 <= I < N, found " + text);
        },
        "run only the I-th of N contiguous shares of the replications (0-based), for homeward merge");
    command->add_option_function<std::string>(
        "--precision",
        [&](const std::string& text) {
          run.precision = parse_precision(text);
          if (!run.precision)
            throw CLI::ValidationError("--precision",
                                       "expected MEASURE=REL with 0 < REL < 1 (e.g. delayed_bed_days=0.01 or "
                                       "delayed_bed_days=1%), found " + text);
        },
        "run replications in stages until the base scenario's 95% CI of MEASURE is within ±REL of its mean; "
        "--replications is then the cap")
        ->excludes(command->get_option("--shard"))
        ->excludes(command->get_option("--resume"));
    command->add_option("--patients", run.patients,
                        "also write patients.csv in --out: every acute stay of the first N replications")
        ->check(CLI::Range(1u, 1000000u))
        ->needs(command->get_option("--out"))
        ->excludes(command->get_option("--shard"));
    command->add_flag("--report", then_report, "then write report.html in --out (docs/report.md)")
        ->needs(command->get_option("--out"))
        ->excludes(command->get_option("--shard"));
    command->add_flag("--xlsx", then_xlsx, "then write summary.xlsx in --out (docs/api.md)")
        ->needs(command->get_option("--out"))
        ->excludes(command->get_option("--shard"));
  };

  CLI::App* run_cmd = cli.add_subcommand("run", "run one scenario's replications");
  std::string scenario;
  run_cmd->add_option("scenario", scenario, "scenario JSON file")->required();
  add_batch_options(run_cmd);

  CLI::App* compare_cmd = cli.add_subcommand("compare", "paired comparison against a base scenario");
  std::vector<std::string> compared;
  compare_cmd->add_option("scenarios", compared, "BASE.json OTHER.json...")->required()->expected(2, -1);
  add_batch_options(compare_cmd);

  CLI::App* validate_cmd = cli.add_subcommand("validate", "check scenario files without running them");
  std::vector<std::string> to_validate;
  validate_cmd->add_option("scenarios", to_validate, "scenario JSON files")->required();

  cli.add_subcommand("schema", "print the JSON Schema of scenario files (for editors)");

  CLI::App* merge_cmd = cli.add_subcommand("merge", "combine the outputs of shards (run with --shard I/N)");
  std::vector<std::string> shard_dirs;
  std::string merged_out;
  merge_cmd->add_option("shards", shard_dirs, "the shards' --out directories")->required();
  merge_cmd->add_option("--out,-o", merged_out, "directory for the merged outputs")->required();

  CLI::App* calibrate_cmd = cli.add_subcommand("calibrate", "fit a scenario's parameters to observed DToC data");
  CalibrateCommandOptions calibrate;
  calibrate_cmd->add_option("calibration", calibrate.calibration_file, "calibration JSON file")->required();
  calibrate_cmd->add_option("--out,-o", calibrate.out_dir, "directory for the calibrated scenario and fit files");
  calibrate_cmd->add_option("--threads,-t", calibrate.threads, "worker threads (0: every core)")->check(CLI::Range(0, 4096));
  calibrate_cmd->add_flag("--quiet,-q", calibrate.quiet, "no progress lines");
  calibrate_cmd->add_option("--council", calibrate.council, "a council template's council: DH (820) or ONS (E10000016) code");
  calibrate_cmd->add_option("--population", calibrate.population, "a council template's population (people)")
      ->check(CLI::Range(1.0, 1e9));
  calibrate_cmd->add_option("--data-dir", calibrate.data_dir, "look for the data file (by its name) in this directory");
  calibrate_cmd->add_option("--restarts", calibrate.restarts, "searches from seeds seed, seed+1, ... (overrides the file)")
      ->check(CLI::Range(1, 1000));
  bool calibrate_report = false;
  calibrate_cmd->add_flag("--report", calibrate_report, "then write report.html in --out (docs/report.md)")
      ->needs(calibrate_cmd->get_option("--out"));

  CLI::App* serve_cmd = cli.add_subcommand(
      "serve", "the workbench: a web page and JSON API on this computer for what-if questions (docs/api.md)");
  homeward::serve::ServeOptions serve;
  serve_cmd->add_option("--port,-p", serve.port, "TCP port (0: any free port); the address is printed first")
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--workspace,-w", serve.workspace, "folder for scenarios and results (created when missing)");
  serve_cmd->add_option("--host", serve.host, "address to listen on; other than 127.0.0.1, anyone who reaches it "
                                              "can use the server");
  serve_cmd->add_option("--max-runs", serve.limits.max_running, "batches run at once")->check(CLI::Range(1u, 64u));
  serve_cmd->add_option("--max-queued", serve.limits.max_queued, "runs that may wait")->check(CLI::Range(0u, 10000u));
  serve_cmd->add_option("--max-replications", serve.limits.max_replications, "replications a request may ask for")
      ->check(CLI::Range(1u, 1000000u));
  serve_cmd->add_option("--max-request-bytes", serve.max_request_bytes, "largest request body accepted")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  serve_cmd->add_option("--threads,-t", serve.limits.threads, "worker threads per batch (0: every core)")
      ->check(CLI::Range(0, 4096));
  serve_cmd->add_flag("--quiet,-q", serve.quiet, "no messages on stderr but errors");

  CLI::App* report_cmd = cli.add_subcommand("report", "write OUT_DIR/report.html: one self-contained page with charts");
  ReportOptions report;
  report_cmd->add_option("out_dir", report.out_dir, "the --out directory of a run, compare or calibrate")->required();
  report_cmd->add_option("--title", report.title, "the page's title");

  // sweep, sensitivity and optimise: one scenario studied over its parameters (study_commands.h).
  bool study_report = false;
  auto add_study_options = [&](CLI::App* command, StudyOptions& study) {
    command->add_option("scenario", study.scenario_file, "scenario JSON file")->required();
    command->add_option("--replications,-n", study.replications, "replications of each scenario studied")
        ->check(CLI::Range(1u, 1000000u));
    command->add_option("--seed", study.seed, "master seed");
    command->add_option("--threads,-t", study.threads, "worker threads (0: every core)")->check(CLI::Range(0, 4096));
    command->add_option("--out,-o", study.out_dir, "directory for the study's files");
    command->add_flag("--quiet,-q", study.quiet, "no progress line");
    command->add_flag("--force", study.force, "write beside other results in --out");
    command->add_flag("--report", study_report, "then write report.html in --out (docs/report.md)")
        ->needs(command->get_option("--out"));
  };
  CLI::App* sweep_cmd = cli.add_subcommand("sweep", "run a scenario at every combination of values of its numbers");
  SweepCommandOptions sweep;
  add_study_options(sweep_cmd, sweep.study);
  sweep_cmd->add_option("--vary", sweep.vary, "POINTER=V1,V2,...: a JSON pointer and the values to give it")
      ->required()
      ->allow_extra_args(false);  // one pointer a --vary, so the scenario may come after

  CLI::App* sensitivity_cmd =
      cli.add_subcommand("sensitivity", "move each capacity and process time of a scenario down and up, one at a time");
  SensitivityCommandOptions sensitivity;
  add_study_options(sensitivity_cmd, sensitivity.study);
  sensitivity_cmd->add_option_function<std::string>(
      "--change",
      [&](const std::string& text) {
        const auto change = parse_share(text);
        if (!change)
          throw CLI::ValidationError("--change", "expected a share in (0, 1) or a percentage, e.g. 0.2 or 20%, found " + text);
        sensitivity.change = *change;
      },
      "each parameter times 1 - CHANGE and 1 + CHANGE (default 20%)");

  CLI::App* optimise_cmd =
      cli.add_subcommand("optimise", "find the capacities of least total cost (or that meet a target at least cost)");
  OptimiseCommandOptions optimise;
  add_study_options(optimise_cmd, optimise.study);
  optimise_cmd->add_option("--param", optimise.parameters, "POINTER=LOW:HIGH: a number of the scenario and its bounds")
      ->required()
      ->allow_extra_args(false);
  optimise_cmd->add_option("--target", optimise.target,
                           "MEASURE<=VALUE: meet this (a mean per measured period) at least cost");
  optimise_cmd->add_option("--evaluations", optimise.evaluations, "candidates CMA-ES may score (default 200)")
      ->check(CLI::Range(1, 100000));

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  // --report: the page is written once the run's files are in place.
  const auto with_report = [&](int code) {
    if (code != kExitOk || mpi_world().rank != 0) return code;  // rank 0 writes the outputs
    if (then_xlsx && (code = xlsx_command(run.out_dir, run.quiet)) != kExitOk) return code;
    return then_report ? report_command({run.out_dir, "", run.quiet}) : code;
  };
  try {
    if (*run_cmd) {
      run.scenario_files = {scenario};
      return with_report(run_command(run));
    }
    if (*compare_cmd) {
      run.scenario_files = compared;
      return with_report(run_command(run));
    }
    if (*validate_cmd) return validate_command(to_validate);
    if (cli.got_subcommand("schema")) return schema_command();
    if (*calibrate_cmd) {
      const int code = calibrate_command(calibrate);
      const bool writes = mpi_world().rank == 0;  // under MPI, rank 0 writes the outputs
      return code == kExitOk && calibrate_report && writes ? report_command({calibrate.out_dir, "", calibrate.quiet})
                                                           : code;
    }
    if (*merge_cmd) return merge_command(shard_dirs, merged_out);
    const auto study_then_report = [&](int code, const StudyOptions& study) {
      return code == kExitOk && study_report ? report_command({study.out_dir, "", study.quiet}) : code;
    };
    if (*sweep_cmd) return study_then_report(sweep_command(sweep), sweep.study);
    if (*sensitivity_cmd) return study_then_report(sensitivity_command(sensitivity), sensitivity.study);
    if (*optimise_cmd) return study_then_report(optimise_command(optimise), optimise.study);
    if (*report_cmd) return report_command(report);
    if (*serve_cmd) return homeward::serve::serve_command(serve);
  } catch (const std::exception& e) {
    return exit_code_for(e);  // a full disk or a damaged journal is not an internal error
  }
  return kExitInternal;
}
