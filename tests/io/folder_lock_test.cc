// One writer per folder (docs/outputs.md): a second lock on a folder is
// refused, naming the process that holds it; the lock goes with its holder.
#include "sim/io/folder_lock.h"

#include <gtest/gtest.h>
#include "support/scratch_dirs.h"
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace homeward::io {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path dir = homeward::testing::scratch_dir("homeward_lock", name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(FolderLock, ASecondWriterIsRefusedNamingTheFirst) {
  const fs::path dir = scratch("second") / "out";
  LockRefusal refusal;
  std::optional<FolderLock> first = FolderLock::acquire(dir.string(), "run", refusal);
  ASSERT_TRUE(first) << refusal.message;
  EXPECT_TRUE(fs::is_directory(dir));
  // flock(2) locks an open file description: a second one in this process is refused like another process.
  EXPECT_FALSE(FolderLock::acquire(dir.string(), "merge", refusal));
  EXPECT_NE(refusal.message.find(dir.string() + " is in use by homeward run (process " + std::to_string(getpid()) + " on "),
            std::string::npos)
      << refusal.message;
  first.reset();
  EXPECT_TRUE(FolderLock::acquire(dir.string(), "merge", refusal)) << refusal.message;
}

TEST(FolderLock, ALinkOrAFileInTheWayIsRefused) {
  const fs::path dir = scratch("link");
  std::ofstream(dir / "target") << "precious\n";
  fs::create_directories(dir / "out");
  fs::create_symlink(dir / "target", FolderLock::path_in((dir / "out").string()));
  LockRefusal refusal;
  EXPECT_FALSE(FolderLock::acquire((dir / "out").string(), "run", refusal));
  EXPECT_NE(refusal.message.find("cannot open the folder's lock file"), std::string::npos) << refusal.message;
  std::ifstream in(dir / "target");
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "precious");

  std::ofstream(dir / "file") << "x";
  EXPECT_FALSE(FolderLock::acquire((dir / "file").string(), "run", refusal));
  EXPECT_NE(refusal.message.find("cannot create the output folder"), std::string::npos) << refusal.message;
}

TEST(FolderLock, LeftoverTemporariesAreRemovedAndNothingElse) {
  const fs::path dir = scratch("leftovers");
  for (const char* name : {".summary.json.tmp-Ab12Cd", "summary.json", "notes.txt", ".homeward.lock"})
    std::ofstream(dir / name) << "x";
  remove_leftover_temporaries(dir.string());
  EXPECT_FALSE(fs::exists(dir / ".summary.json.tmp-Ab12Cd"));
  for (const char* name : {"summary.json", "notes.txt", ".homeward.lock"}) EXPECT_TRUE(fs::exists(dir / name)) << name;
}

}  // namespace
}  // namespace homeward::io
