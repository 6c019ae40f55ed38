#include "sim/io/output_folder.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "sim/io/atomic_file.h"

namespace homeward::io {
namespace {

namespace fs = std::filesystem;

bool present(const fs::path& path) {
  std::error_code error;
  return fs::symlink_status(path, error).type() != fs::file_type::not_found && !error;
}

}  // namespace

const std::vector<std::string>& output_file_names() {
  static const std::vector<std::string> names = {
      // run, compare, merge
      "journal.jsonl", "summary.json", "summary.csv", "replications.csv", "monthly.csv", "run-info.json",
      "patients.csv", "summary.xlsx",
      // calibrate
      "scenario.json", "provenance.json", "parameters.csv", "fit.csv", "fit_statistics.csv", "search.csv",
      "warnings.txt", "reasons.csv",
      // sweep, sensitivity, optimise
      "sweep.csv", "sweep.json", "sensitivity.csv", "sensitivity.json", "trace.csv", "optimised.json",
      "optimise.json",
      // report
      "report.html"};
  return names;
}

std::vector<std::string> set_aside_previous_outputs(const std::string& folder) {
  std::vector<std::string> moved;
  const fs::path dir(folder);
  for (const std::string& name : output_file_names())
    if (present(dir / name)) moved.push_back(name);
  if (moved.empty()) return moved;
  const fs::path previous = dir / "previous";
  std::error_code error;
  // A link planted as previous/ is removed, never followed; anything of the
  // user's there is refused, never deleted.
  const fs::file_status status = fs::symlink_status(previous, error);
  if (status.type() == fs::file_type::directory) {
    for (const auto& entry : fs::directory_iterator(previous, error)) {
      const std::string name = entry.path().filename().string();
      const auto& ours = output_file_names();
      if (std::find(ours.begin(), ours.end(), name) == ours.end())
        throw FolderInTheWay(previous.string() + ": expected only a previous run's files, found " + name +
                             " (not Homeward's): move it elsewhere, or choose another --out");
    }
  } else if (status.type() != fs::file_type::not_found && status.type() != fs::file_type::symlink) {
    throw FolderInTheWay(previous.string() + ": expected a folder for the previous run's files, found a file: move "
                         "it elsewhere, or choose another --out");
  }
  fs::remove_all(previous, error);
  if (error) throw OutputError(previous.string(), "cannot empty it for the previous run's files", error.value());
  if (!fs::create_directory(previous, error) || error)
    throw OutputError(previous.string(), "cannot create it for the previous run's files", error ? error.value() : EEXIST);
  for (const std::string& name : moved) {
    fs::rename(dir / name, previous / name, error);
    if (error) throw OutputError((dir / name).string(), "cannot move it into previous/", error.value());
  }
  return moved;
}

void remove_outputs_made_from_the_journal(const std::string& folder) {
  const fs::path dir(folder);
  for (const char* name : {"summary.json", "summary.csv", "replications.csv", "monthly.csv", "run-info.json",
                           "patients.csv", "summary.xlsx", "report.html"}) {
    if (!present(dir / name)) continue;
    std::error_code error;
    fs::remove(dir / name, error);
    if (error) throw OutputError((dir / name).string(), "cannot remove the previous attempt's file", error.value());
  }
}

}  // namespace homeward::io
