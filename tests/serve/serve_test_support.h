// Helpers for the tests of sim/serve: a fresh workspace seeded with the
// shipped scenarios, the shipped files as JSON, and the real binary's outputs.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "sim/serve/embedded.h"
#include "support/scratch_dirs.h"
#include "sim/serve/workspace.h"

namespace homeward::serve::testing {

namespace fs = std::filesystem;

inline fs::path scratch(const std::string& name) {
  return fs::canonical(homeward::testing::scratch_dir("homeward_serve", name));
}

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline nlohmann::json shipped(const std::string& file) {
  return nlohmann::json::parse(slurp(fs::path(HOMEWARD_SOURCE_DIR) / "scenarios" / file));
}

inline Workspace seeded_workspace(const fs::path& dir) {
  Workspace workspace = Workspace::open(dir);
  workspace.seed_scenarios(shipped_scenarios());
  return workspace;
}

// Runs a shell command in `dir`; returns its exit code, with stdout and stderr in dir/stdout, dir/stderr.
inline int shell(const std::string& command, const fs::path& dir) {
  const std::string full = "cd '" + dir.string() + "' && " + command + " >stdout 2>stderr";
  const int status = std::system(full.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace homeward::serve::testing
