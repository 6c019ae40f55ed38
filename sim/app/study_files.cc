#include "sim/app/study_files.h"

#include <fmt/format.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "sim/app/commands.h"
#include "sim/app/version.h"
#include "sim/io/atomic_file.h"
#include "sim/io/csv_text.h"
#include "sim/io/number_text.h"
#include "sim/io/output_folder.h"

namespace homeward::app {

namespace fs = std::filesystem;

std::optional<io::FolderLock> claim_out_dir(const StudyOptions& study, std::string_view own_file,
                                            const std::string& command, int& exit_code) {
  exit_code = kExitBadInput;
  io::LockRefusal refusal;
  std::optional<io::FolderLock> lock = io::FolderLock::acquire(study.out_dir, command, refusal);
  if (!lock) {
    exit_code = exit_code_for(refusal);
    return std::nullopt;
  }
  if (!study.force) {
    // Each kind of result has a file no other kind writes.
    static constexpr std::string_view kResults[] = {"summary.json", "journal.jsonl",    "fit.csv",
                                                    "sweep.json",   "sensitivity.json", "optimise.json"};
    for (std::string_view file : kResults) {
      if (file == own_file || !fs::exists(fs::path(study.out_dir) / file)) continue;
      std::fprintf(stderr, "error: %s holds other results (%.*s); use another --out, or --force to replace them "
                           "(they are moved to previous/)\n",
                   study.out_dir.c_str(), static_cast<int>(file.size()), file.data());
      return std::nullopt;
    }
  }
  try {
    io::remove_leftover_temporaries(study.out_dir);
    const auto moved = io::set_aside_previous_outputs(study.out_dir);
    if (!moved.empty() && !study.quiet)
      std::fprintf(stderr, "moved the previous results' %s in %s to %s/previous/\n", io::counted(moved.size(), "file").c_str(),
                   study.out_dir.c_str(), study.out_dir.c_str());
  } catch (const std::exception& e) {
    exit_code = exit_code_for(e);
    return std::nullopt;
  }
  return lock;
}

std::string csv_number(double value) { return std::isfinite(value) ? fmt::format("{}", value) : ""; }

std::string value_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string csv_value(const nlohmann::json& value) {
  return value.is_number() || value.is_boolean() ? value.dump() : io::csv_text(value_text(value));
}

nlohmann::ordered_json study_run_info(std::string_view command, int threads, double wall_seconds) {
  char host[256] = {};
  nlohmann::ordered_json info;
  info["version"] = kVersion;
  info["command"] = command;
  info["host"] = gethostname(host, sizeof host - 1) == 0 ? host : "unknown";
  info["threads"] = threads > 0 ? threads : tbb::this_task_arena::max_concurrency();
  info["wall_seconds"] = wall_seconds;
  return info;
}

std::string json_text(const nlohmann::ordered_json& document) {
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void write_files_together(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  // Removed by their destructors unless renamed: a failure leaves none behind.
  std::vector<std::unique_ptr<io::TemporaryFile>> temporaries;
  for (const auto& [name, contents] : files) {
    temporaries.push_back(std::make_unique<io::TemporaryFile>((fs::path(dir) / name).string()));
    temporaries.back()->write(contents);
  }
  for (auto& temporary : temporaries) temporary->flush();
  for (auto& temporary : temporaries) temporary->commit();
}

}  // namespace homeward::app
