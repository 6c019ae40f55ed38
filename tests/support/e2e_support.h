// Helpers for end-to-end tests that run the real `homeward` binary.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/scratch_dirs.h"

namespace homeward::testing::e2e {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code;
  std::string out, err;
};

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A fresh directory for one test, removed when the test process exits
// (support/scratch_dirs.h).
inline fs::path scratch(const std::string& prefix, const std::string& name) {
  return homeward::testing::scratch_dir(prefix, name);
}

// Runs a shell command with stdout and stderr captured in `dir`.
inline Outcome shell(const std::string& command, const fs::path& dir) {
  const std::string redirected = command + " >" + (dir / "stdout").string() + " 2>" + (dir / "stderr").string();
  const int status = std::system(redirected.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir / "stdout"), slurp(dir / "stderr")};
}

#ifdef HOMEWARD_BINARY
// Runs the built `homeward` with `args`, output captured in `dir`.
inline Outcome homeward(const std::string& args, const fs::path& dir) {
  return shell(std::string(HOMEWARD_BINARY) + " " + args, dir);
}

// The shipped scenarios' folder, with a trailing slash.
inline const std::string kScenarioDir = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/";
#endif

}  // namespace homeward::testing::e2e
