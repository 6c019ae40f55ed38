// Atomic outputs (docs/outputs.md): a unique temporary beside the target,
// never a name an attacker can plant, renamed into place only when whole.
#include "sim/io/atomic_file.h"

#include <gtest/gtest.h>
#include "support/scratch_dirs.h"
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace homeward::io {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path dir = homeward::testing::scratch_dir("homeward_atomic", name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(AtomicFile, PlantedLinksAreNeverWrittenThrough) {
  const fs::path dir = scratch("planted");
  std::ofstream(dir / "target") << "precious\n";
  // Where older versions put their temporary, and the output's own name.
  fs::create_symlink(dir / "target", dir / "summary.json.tmp");
  fs::create_symlink(dir / "target", dir / "run-info.json");
  write_file_atomically((dir / "summary.json").string(), "{}\n");
  write_file_atomically((dir / "run-info.json").string(), "{\"a\": 1}\n");
  EXPECT_EQ(slurp(dir / "target"), "precious\n");
  EXPECT_EQ(slurp(dir / "summary.json"), "{}\n");
  EXPECT_FALSE(fs::is_symlink(dir / "run-info.json"));  // the link itself is replaced
  EXPECT_EQ(slurp(dir / "run-info.json"), "{\"a\": 1}\n");
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{"run-info.json", "summary.json", "summary.json.tmp", "target"}));
}

TEST(AtomicFile, TemporariesAreUniqueAndGoneWhenNotCommitted) {
  const fs::path dir = scratch("unique");
  const std::string path = (dir / "monthly.csv").string();
  {
    TemporaryFile a(path), b(path);
    EXPECT_NE(a.temporary_path(), b.temporary_path());
    EXPECT_TRUE(is_leftover_temporary(fs::path(a.temporary_path()).filename().string()));
    a.write("half a file");
  }
  EXPECT_TRUE(names_in(dir).empty());  // nothing renamed into place, nothing left behind
  TemporaryFile c(path);
  c.write("scenario,value\n");
  c.commit();
  EXPECT_EQ(slurp(path), "scenario,value\n");
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"monthly.csv"});
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::others_read, fs::perms::others_read);
}

TEST(AtomicFile, LeftoverTemporariesAreRecognisedByName) {
  EXPECT_TRUE(is_leftover_temporary(".summary.json.tmp-a1B2c3"));
  EXPECT_FALSE(is_leftover_temporary("summary.json"));
  EXPECT_FALSE(is_leftover_temporary("summary.json.tmp"));
  EXPECT_FALSE(is_leftover_temporary(".summary.json.tmp-abc"));
  EXPECT_FALSE(is_leftover_temporary(".homeward.lock"));
}

TEST(AtomicFile, EnvironmentErrorsNameThePathAndTheCause) {
  const OutputError full("out/summary.json", "cannot write", ENOSPC);
  EXPECT_EQ(full.error(), ENOSPC);
  EXPECT_NE(std::string(full.what()).find("out/summary.json: cannot write: No space left on device (the disk is full"),
            std::string::npos);
  EXPECT_NE(std::string(OutputError("x", "cannot write", EROFS).what()).find("read-only"), std::string::npos);
  // A folder that does not exist: the temporary cannot be made, and the error says where.
  try {
    write_file_atomically((scratch("missing") / "no" / "such" / "summary.json").string(), "{}");
    FAIL() << "written into a folder that does not exist";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("no/such/summary.json: cannot create a temporary file beside it"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace homeward::io
