#include "sim/app/study_files.h"

#include <fmt/format.h>
#include <tbb/task_arena.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <cstdio>
#include <filesystem>

#include "sim/app/version.h"
#include "sim/io/atomic_file.h"

namespace homeward::app {

namespace fs = std::filesystem;

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) close(fd_);  // closing releases the lock
}

bool DirectoryLock::acquire(const std::string& dir) {
  fd_ = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  return fd_ >= 0 && flock(fd_, LOCK_EX | LOCK_NB) == 0;
}

bool claim_out_dir(const std::string& dir, std::string_view own_file, bool force, DirectoryLock& lock) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error || !fs::is_directory(dir)) {
    std::fprintf(stderr, "error: %s: cannot create directory%s%s\n", dir.c_str(), error ? ": " : "",
                 error ? error.message().c_str() : "");
    return false;
  }
  if (!lock.acquire(dir)) {
    std::fprintf(stderr, "error: %s: another homeward study is writing into it; wait for it or use another --out\n",
                 dir.c_str());
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

std::string json_text(const nlohmann::ordered_json& document) {
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void write_files_together(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::string> written;
  const auto remove_written = [&] {
    for (const std::string& t : written) std::remove(t.c_str());
  };
  for (const auto& [name, contents] : files) {
    const std::string temporary = (fs::path(dir) / name).string() + ".tmp";
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    const bool ok = file != nullptr && std::fwrite(contents.data(), 1, contents.size(), file) == contents.size();
    const bool closed = file != nullptr && std::fclose(file) == 0;
    if (file != nullptr) written.push_back(temporary);
    if (!ok || !closed) {
      remove_written();
      throw std::runtime_error((fs::path(dir) / name).string() + ": cannot write: " + std::strerror(errno));
    }
  }
  for (const auto& [name, contents] : files)
    io::rename_into_place((fs::path(dir) / name).string() + ".tmp", (fs::path(dir) / name).string());
}

}  // namespace homeward::app
