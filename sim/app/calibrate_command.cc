#include "sim/app/calibrate_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <optional>

#include "calib/calibration.h"
#include "calib/calibration_outputs.h"
#include "calib/council_template.h"
#include "sim/app/build_info.h"
#include "sim/app/commands.h"
#include "sim/app/version.h"
#include "sim/app/mpi_world.h"
#include "sim/io/folder_lock.h"
#include "sim/io/number_text.h"
#include "sim/io/output_folder.h"

namespace homeward::app {
namespace {

constexpr int kOk = 0;
constexpr int kBadInput = 2;

}  // namespace

int calibrate_command(const CalibrateCommandOptions& command) {
  // Under MPI every rank reads the same files and runs the same optimiser on
  // every generation's results, simulating only its share of them; rank 0
  // alone prints and writes.
  const MpiWorld world = mpi_world();
  const bool root = world.rank == 0;
  CalibrateCommandOptions options = command;
  if (!root) options.quiet = true;
  calib::SetupResult prepared = calib::prepare_calibration(calib::CalibrationRequest{
      options.calibration_file, options.council, options.population, options.data_dir, options.restarts});
  if (root)
    for (const io::Problem& p : prepared.problems) std::fprintf(stderr, "error: %s\n", p.message().c_str());
  if (!prepared.setup) return kBadInput;
  const calib::CalibrationSetup& setup = *prepared.setup;
  // One writer per folder: rank 0 locks --out before the search starts and
  // holds it until the files are written; a previous calibration's files are
  // moved to previous/ so that none is taken for this one's.
  std::optional<io::FolderLock> lock;
  int refused = 0;
  if (root && !options.out_dir.empty()) {
    io::LockRefusal refusal;
    lock = io::FolderLock::acquire(options.out_dir, "calibrate", refusal);
    if (!lock) {
      refused = exit_code_for(refusal);
    } else {
      try {
        io::remove_leftover_temporaries(options.out_dir);
        if (!io::set_aside_previous_outputs(options.out_dir).empty() && !options.quiet)
          std::fprintf(stderr, "moved the previous files in %s to %s/previous/\n", options.out_dir.c_str(),
                       options.out_dir.c_str());
      } catch (const std::exception& e) {
        refused = exit_code_for(e);
      }
    }
  }
  if (world.size > 1) refused = broadcast_from_root(refused);
  if (refused != 0) return refused;
  const calib::CalibrationConfig& c = setup.config;

  if (!options.quiet) {
    std::fputs(calib::template_summary(setup).c_str(), stderr);
    for (const std::string& note : setup.notes) std::fprintf(stderr, "warning: %s\n", note.c_str());
    std::fprintf(stderr, "calibrating %s: %s, %s, %d training and %s, %s per evaluation, budget %s%s\n",
                 setup.scenario_name.c_str(), io::counted(setup.space->size(), "parameter").c_str(),
                 io::counted(c.series.size(), "series", "series").c_str(), c.train.size(),
                 io::counted(c.test.size(), "test month").c_str(), io::counted(c.replications, "replication").c_str(),
                 io::counted(c.optimiser.evaluations, "evaluation").c_str(),
                 c.restarts > 1 ? fmt::format(" for each of {} restarts", c.restarts).c_str() : "");
  }
  calib::CalibrateOptions run;
  run.threads = options.threads;
  run.version = kVersion;
  run.commit = std::string(build_commit());
  if (world.size > 1) run.sharing = {world.rank, world.size, gather_everywhere};
  if (!options.quiet) {
    run.progress = [&](const calib::CmaEsGeneration& g) {
      std::string values;
      const Eigen::VectorXd v = setup.space->values(*g.best_point);
      for (Eigen::Index i = 0; i < v.size(); ++i) values += fmt::format("{}{:.4g}", i ? " " : "", v[i]);
      const std::string restart = c.restarts > 1 ? fmt::format("restart {}  ", g.restart + 1) : "";
      std::fprintf(stderr, "%sgeneration %3d  evaluations %4d/%d  best objective %.5g  step %.3g  best [%s]\n",
                   restart.c_str(), g.generation, g.evaluations, c.optimiser.evaluations, g.best, g.step, values.c_str());
      std::fflush(stderr);
    };
  }
  const calib::CalibrationResult result = calib::calibrate(setup, run);
  if (!root) return kOk;
  std::fputs(calib::calibration_summary(setup, result).c_str(), stdout);
  std::fflush(stdout);
  if (!options.out_dir.empty()) {
    try {
      calib::write_calibration_outputs(options.out_dir, setup, result);
    } catch (const std::exception& e) {
      return exit_code_for(e);
    }
    std::fprintf(stderr, "wrote %s/scenario.json, provenance.json, parameters.csv, fit.csv, fit_statistics.csv, search.csv, "
                 "warnings.txt%s\n", options.out_dir.c_str(), setup.template_record.is_null() ? "" : ", reasons.csv");
  }
  return kOk;
}

}  // namespace homeward::app
