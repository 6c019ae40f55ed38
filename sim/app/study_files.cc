#include "sim/app/study_files.h"

#include <fmt/format.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "sim/app/version.h"
#include "sim/io/atomic_file.h"

namespace homeward::app {

namespace fs = std::filesystem;

bool claim_out_dir(const std::string& dir, std::string_view own_file, bool force) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error || !fs::is_directory(dir)) {
    std::fprintf(stderr, "error: %s: cannot create directory%s%s\n", dir.c_str(), error ? ": " : "",
                 error ? error.message().c_str() : "");
    return false;
  }
  if (force) return true;
  // Each kind of result has a file no other kind writes.
  static constexpr std::string_view kResults[] = {"summary.json", "journal.jsonl", "fit.csv",
                                                  "sweep.json",   "sensitivity.json", "optimise.json"};
  for (std::string_view file : kResults) {
    if (file == own_file || !fs::exists(fs::path(dir) / file)) continue;
    std::fprintf(stderr, "error: %s holds other results (%.*s); use another --out or --force to write beside them\n",
                 dir.c_str(), static_cast<int>(file.size()), file.data());
    return false;
  }
  return true;
}

std::string csv_number(double value) { return std::isfinite(value) ? fmt::format("{}", value) : ""; }

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string value_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
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

void write_json_file(const std::string& dir, std::string_view name, const nlohmann::ordered_json& document) {
  io::write_file_atomically((fs::path(dir) / name).string(),
                            document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

}  // namespace homeward::app
