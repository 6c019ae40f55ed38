// What the study commands share in writing (sim/app/study_files.h): files of
// one result land together or not at all and never through a planted link,
// a folder is written by one command at a time (the lock of `run`), an
// earlier result is moved aside, and CSV cells are quoted and made inert.
#include "sim/app/study_files.h"

#include <gtest/gtest.h>
#include "support/scratch_dirs.h"
#include <sys/resource.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/io/atomic_file.h"
#include "sim/io/csv_text.h"
#include "sim/io/folder_lock.h"

namespace homeward::app {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path dir = homeward::testing::scratch_dir("homeward_study_files", name);
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

StudyOptions study_into(const fs::path& dir, bool force = false) {
  StudyOptions study;
  study.out_dir = dir.string();
  study.force = force;
  study.quiet = true;
  return study;
}

TEST(StudyFiles, AFailedWriteLeavesTheEarlierFilesAsTheyWere) {
  const fs::path dir = scratch("together");
  write_files_together(dir.string(), {{"a.csv", "old a\n"}, {"b.json", "old b\n"}});
  EXPECT_EQ(slurp(dir / "a.csv"), "old a\n");
  // b.json's text passes the file size limit (EFBIG, as a full disk fails a
  // write; the limit binds root too) after a.csv's was written.
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &before), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = before;
  small.rlim_cur = 4096;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  EXPECT_THROW(write_files_together(dir.string(), {{"a.csv", "new a\n"}, {"b.json", std::string(8192, 'b')}}),
               io::OutputError);
  setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_EQ(slurp(dir / "a.csv"), "old a\n");  // not a mix of old and new
  EXPECT_EQ(slurp(dir / "b.json"), "old b\n");
  // And no temporary is left behind.
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) files += entry.is_regular_file();
  EXPECT_EQ(files, 2u);
}

TEST(StudyFiles, APlantedLinkIsNeverWrittenThrough) {
  const fs::path dir = scratch("planted");
  const fs::path victim = scratch("planted_victim") / "precious.txt";
  std::ofstream(victim) << "precious\n";
  // At the temporary's name of old (".tmp") and at the file's own name.
  fs::create_symlink(victim, dir / "sweep.csv.tmp");
  fs::create_symlink(victim, dir / "sweep.json");
  write_files_together(dir.string(), {{"sweep.csv", "a\n"}, {"sweep.json", "{}\n"}});
  EXPECT_EQ(slurp(victim), "precious\n");
  EXPECT_EQ(slurp(dir / "sweep.csv"), "a\n");
  EXPECT_FALSE(fs::is_symlink(dir / "sweep.json"));  // replaced by the file, the link's target untouched
}

TEST(StudyFiles, OneWriterInAFolderNamedByItsProcess) {
  const fs::path dir = scratch("lock");
  int exit_code = 0;
  const auto first = claim_out_dir(study_into(dir), "sweep.json", "sweep", exit_code);
  ASSERT_TRUE(first.has_value());
  // The same lock as `run` and `compare`: a run into the folder is refused too.
  io::LockRefusal refusal;
  EXPECT_FALSE(io::FolderLock::acquire(dir.string(), "run", refusal).has_value());
  EXPECT_NE(refusal.message.find(std::to_string(getpid())), std::string::npos) << refusal.message;
  EXPECT_FALSE(claim_out_dir(study_into(dir, true), "sweep.json", "sweep", exit_code).has_value());
  EXPECT_EQ(exit_code, 2);
}

TEST(StudyFiles, OtherResultsNeedForceAndAreMovedAsideNotOverwritten) {
  const fs::path dir = scratch("other");
  std::ofstream(dir / "summary.json") << "{}";
  int exit_code = 0;
  EXPECT_FALSE(claim_out_dir(study_into(dir), "sweep.json", "sweep", exit_code).has_value());
  EXPECT_EQ(exit_code, 2);
  EXPECT_TRUE(claim_out_dir(study_into(dir, true), "sweep.json", "sweep", exit_code).has_value());
  EXPECT_FALSE(fs::exists(dir / "summary.json"));
  EXPECT_EQ(slurp(dir / "previous" / "summary.json"), "{}");
}

TEST(StudyFiles, AnEarlierStudysFilesAreMovedAsideAtTheStart) {
  // Left in place, they would pass for this study's should it be stopped.
  const fs::path dir = scratch("earlier");
  std::ofstream(dir / "sweep.json") << "{\"kind\": \"sweep\"}";
  std::ofstream(dir / "sweep.csv") << "value\n";
  int exit_code = 0;
  EXPECT_TRUE(claim_out_dir(study_into(dir), "sweep.json", "sweep", exit_code).has_value());
  EXPECT_FALSE(fs::exists(dir / "sweep.json"));
  EXPECT_FALSE(fs::exists(dir / "sweep.csv"));
  EXPECT_EQ(slurp(dir / "previous" / "sweep.csv"), "value\n");
}

TEST(StudyFiles, CsvCellsAreQuotedAndMadeInert) {
  EXPECT_EQ(io::csv_text("/services/hart/slots"), "/services/hart/slots");
  EXPECT_EQ(io::csv_text("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_value(nlohmann::json("=HYPERLINK(\"x\")")), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_value(nlohmann::json(-2)), "-2");  // a number stays a number
  EXPECT_EQ(csv_value(nlohmann::json(0.5)), "0.5");
  EXPECT_EQ(csv_number(0.1), "0.1");
  EXPECT_EQ(csv_number(std::nan("")), "");
}

}  // namespace
}  // namespace homeward::app
