// What the study commands share in writing (sim/app/study_files.h): files of
// one result land together or not at all, a directory is written by one
// study at a time, and CSV fields are quoted as RFC 4180 asks.
#include "sim/app/study_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace homeward::app {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("homeward_study_files_" + std::to_string(getpid())) / name;
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

TEST(StudyFiles, AFailedWriteLeavesTheEarlierFilesAsTheyWere) {
  const fs::path dir = scratch("together");
  write_files_together(dir.string(), {{"a.csv", "old a\n"}, {"b.json", "old b\n"}});
  EXPECT_EQ(slurp(dir / "a.csv"), "old a\n");
  // b.json's temporary cannot be created (a directory is in its way), as on a full disk.
  fs::create_directories(dir / "b.json.tmp");
  EXPECT_THROW(write_files_together(dir.string(), {{"a.csv", "new a\n"}, {"b.json", "new b\n"}}), std::runtime_error);
  EXPECT_EQ(slurp(dir / "a.csv"), "old a\n");  // not a mix of old and new
  EXPECT_EQ(slurp(dir / "b.json"), "old b\n");
  EXPECT_FALSE(fs::exists(dir / "a.csv.tmp"));
}

TEST(StudyFiles, OneStudyAtATimeInADirectory) {
  const fs::path dir = scratch("lock");
  DirectoryLock first, second;
  EXPECT_TRUE(claim_out_dir(dir.string(), "sweep.json", false, first));
  EXPECT_FALSE(claim_out_dir(dir.string(), "sweep.json", true, second));
}

TEST(StudyFiles, OtherResultsNeedForce) {
  const fs::path dir = scratch("other");
  std::ofstream(dir / "summary.json") << "{}";
  {
    DirectoryLock lock;
    EXPECT_FALSE(claim_out_dir(dir.string(), "sweep.json", false, lock));
  }
  DirectoryLock lock;  // the first let go of the directory when it was destroyed
  EXPECT_TRUE(claim_out_dir(dir.string(), "sweep.json", true, lock));
}

TEST(StudyFiles, CsvFieldsAreQuotedWhenTheyMustBe) {
  EXPECT_EQ(csv_field("/services/hart/slots"), "/services/hart/slots");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_number(0.1), "0.1");
  EXPECT_EQ(csv_number(std::nan("")), "");
}

}  // namespace
}  // namespace homeward::app
