// A new run never writes beside a previous run's files (docs/outputs.md).
#include "sim/io/output_folder.h"

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
  const fs::path dir = homeward::testing::scratch_dir("homeward_folder", name);
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

TEST(OutputFolder, APreviousRunMovesWholeIntoPrevious) {
  const fs::path dir = scratch("aside");
  for (const char* name : {"summary.json", "journal.jsonl", "monthly.csv", "report.html", "notes.txt"})
    std::ofstream(dir / name) << name;
  fs::create_directories(dir / "previous");
  std::ofstream(dir / "previous" / "summary.json") << "older";
  const auto moved = set_aside_previous_outputs(dir.string());
  EXPECT_EQ(moved.size(), 4u);
  for (const char* name : {"summary.json", "journal.jsonl", "monthly.csv", "report.html"}) {
    EXPECT_FALSE(fs::exists(dir / name)) << name;
    EXPECT_EQ(slurp(dir / "previous" / name), name);
  }
  EXPECT_TRUE(fs::exists(dir / "notes.txt"));  // not Homeward's: left alone
  EXPECT_TRUE(set_aside_previous_outputs(dir.string()).empty());
  EXPECT_EQ(slurp(dir / "previous" / "summary.json"), "summary.json");  // nothing to move: previous/ kept
}

TEST(OutputFolder, APlantedPreviousLinkIsRemovedNotFollowed) {
  const fs::path dir = scratch("link");
  fs::create_directories(dir / "theirs");
  std::ofstream(dir / "theirs" / "summary.json") << "precious";
  fs::create_directories(dir / "out");
  fs::create_symlink(dir / "theirs", dir / "out" / "previous");
  std::ofstream(dir / "out" / "summary.json") << "mine";
  set_aside_previous_outputs((dir / "out").string());
  EXPECT_EQ(slurp(dir / "theirs" / "summary.json"), "precious");
  EXPECT_FALSE(fs::is_symlink(dir / "out" / "previous"));
  EXPECT_EQ(slurp(dir / "out" / "previous" / "summary.json"), "mine");
}

TEST(OutputFolder, TheUsersOwnFilesAreRefusedNeverDeleted) {
  const fs::path dir = scratch("theirs");
  std::ofstream(dir / "summary.json") << "mine";
  fs::create_directories(dir / "previous");
  std::ofstream(dir / "previous" / "notes.docx") << "the user's";
  EXPECT_THROW(set_aside_previous_outputs(dir.string()), FolderInTheWay);
  EXPECT_EQ(slurp(dir / "previous" / "notes.docx"), "the user's");
  EXPECT_EQ(slurp(dir / "summary.json"), "mine");
  fs::remove_all(dir / "previous");
  std::ofstream(dir / "previous") << "a file";
  EXPECT_THROW(set_aside_previous_outputs(dir.string()), FolderInTheWay);
  EXPECT_EQ(slurp(dir / "previous"), "a file");
}

TEST(OutputFolder, AResumedRunRemovesOnlyWhatItMakesFromTheJournal) {
  const fs::path dir = scratch("resume");
  for (const char* name : {"summary.json", "journal.jsonl", "replications.csv", "run-info.json", "fit.csv"})
    std::ofstream(dir / name) << name;
  remove_outputs_made_from_the_journal(dir.string());
  EXPECT_TRUE(fs::exists(dir / "journal.jsonl"));
  EXPECT_TRUE(fs::exists(dir / "fit.csv"));
  for (const char* name : {"summary.json", "replications.csv", "run-info.json"}) EXPECT_FALSE(fs::exists(dir / name));
}

}  // namespace
}  // namespace homeward::io
