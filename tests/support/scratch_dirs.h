// Scratch folders for tests that write files: a fresh one per test under the
// system's temporary folder, named by prefix, process id and test, and removed
// when the test process exits, so that a run of the suite does not leave
// thousands of folders in /tmp. Set HOMEWARD_KEEP_SCRATCH=1 to keep them for
// a look after a failure.
#pragma once

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <vector>

namespace homeward::testing {

namespace scratch_detail {

namespace fs = std::filesystem;

// Removes what it made at exit. A test may leave a folder read-only (the
// environment attacks): write permission is given back first.
class Registry {
 public:
  void add(const fs::path& dir) {
    std::lock_guard<std::mutex> hold(mutex_);
    dirs_.push_back(dir);
  }
  ~Registry() {
    const char* keep = std::getenv("HOMEWARD_KEEP_SCRATCH");
    if (keep != nullptr && *keep != '\0' && std::string(keep) != "0") return;
    for (const fs::path& dir : dirs_) {
      std::error_code error;
      for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error))
        if (it->is_directory(error) && !it->is_symlink(error)) ::chmod(it->path().c_str(), 0700);
      ::chmod(dir.c_str(), 0700);
      fs::remove_all(dir, error);
    }
  }

 private:
  std::mutex mutex_;
  std::vector<fs::path> dirs_;
};

inline Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace scratch_detail

// A fresh, empty folder: prefix_<pid>_<name>. The process id keeps two runs
// at the same time (two build trees, CI beside a developer) apart.
inline std::filesystem::path scratch_dir(const std::string& prefix, const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(::testing::TempDir()) / (prefix + "_" + std::to_string(getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  scratch_detail::registry().add(dir);
  return dir;
}

}  // namespace homeward::testing
