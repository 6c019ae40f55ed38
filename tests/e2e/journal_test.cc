// End-to-end: the journal makes runs resumable after an interruption and
// lets shards merge into exactly the outputs of the unsharded run.
#include <gtest/gtest.h>

#include "support/e2e_support.h"
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

using homeward::testing::e2e::slurp;

fs::path scratch(const std::string& name) { return homeward::testing::e2e::scratch("homeward_journal", name); }

int homeward(const std::string& args, const fs::path& log) {
  const std::string command = std::string(HOMEWARD_BINARY) + " " + args + " >" + log.string() + ".out 2>" +
                              log.string() + ".err";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const std::string kScenarios = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/";

void expect_same_outputs(const fs::path& a, const fs::path& b) {
  for (const char* file : {"summary.json", "replications.csv", "monthly.csv"}) {
    const std::string x = slurp(a / file), y = slurp(b / file);
    EXPECT_FALSE(x.empty()) << a / file;
    EXPECT_TRUE(x == y) << file << " differs between " << a << " and " << b;
  }
}

std::size_t lines(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) ++n;
  return n;
}

TEST(Journal, ThreeShardsMergeIntoTheUnshardedRun) {
  const fs::path dir = scratch("shards");
  const std::string base = "compare " + kScenarios + "baseline.json " + kScenarios + "hart.json -n 5 --seed 9 -q ";
  ASSERT_EQ(homeward(base + "--out " + (dir / "whole").string(), dir / "whole"), 0);
  for (int i = 0; i < 3; ++i) {
    const std::string shard = "shard" + std::to_string(i);
    ASSERT_EQ(homeward(base + "--shard " + std::to_string(i) + "/3 --out " + (dir / shard).string(), dir / shard), 0);
    EXPECT_FALSE(fs::exists(dir / shard / "summary.json"));  // a shard alone is not a result
  }
  ASSERT_EQ(homeward("merge " + (dir / "shard2").string() + " " + (dir / "shard0").string() + " " +
                         (dir / "shard1").string() + " --out " + (dir / "merged").string(),
                     dir / "merge"),
            0)
      << slurp(dir / "merge.err");
  expect_same_outputs(dir / "whole", dir / "merged");
  EXPECT_EQ(slurp(dir / "whole" / "journal.jsonl"), slurp(dir / "merged" / "journal.jsonl"));
}

TEST(Journal, MismatchedShardsAreRefused) {
  const fs::path dir = scratch("mismatch");
  const std::string run = "run " + kScenarios + "baseline.json -n 4 -q ";
  ASSERT_EQ(homeward(run + "--seed 1 --shard 0/2 --out " + (dir / "a").string(), dir / "a"), 0);
  ASSERT_EQ(homeward(run + "--seed 2 --shard 1/2 --out " + (dir / "b").string(), dir / "b"), 0);
  ASSERT_EQ(homeward(run + "--seed 1 --shard 1/2 --out " + (dir / "c").string(), dir / "c"), 0);
  EXPECT_EQ(homeward("merge " + (dir / "a").string() + " " + (dir / "b").string() + " --out " +
                         (dir / "m1").string(), dir / "m1"), 2);
  EXPECT_NE(slurp(dir / "m1.err").find("a different run"), std::string::npos) << slurp(dir / "m1.err");
  EXPECT_EQ(homeward("merge " + (dir / "a").string() + " --out " + (dir / "m2").string(), dir / "m2"), 2);
  EXPECT_NE(slurp(dir / "m2.err").find("a shard is missing"), std::string::npos) << slurp(dir / "m2.err");
  EXPECT_EQ(homeward("merge " + (dir / "a").string() + " " + (dir / "a").string() + " " + (dir / "c").string() +
                         " --out " + (dir / "m3").string(), dir / "m3"), 2);
  EXPECT_NE(slurp(dir / "m3.err").find("overlaps"), std::string::npos) << slurp(dir / "m3.err");
  EXPECT_EQ(homeward("merge " + (dir / "a").string() + " " + (dir / "c").string() + " --out " +
                         (dir / "m4").string(), dir / "m4"), 0);
}

// A run killed while writing (its journal cut after two replications and in
// the middle of the third line) resumes to exactly the uninterrupted result.
TEST(Journal, ResumeAfterATornJournalGivesIdenticalResults) {
  const fs::path dir = scratch("torn");
  const std::string run = "run " + kScenarios + "baseline.json -n 5 --seed 4 -q ";
  ASSERT_EQ(homeward(run + "--out " + (dir / "whole").string(), dir / "whole"), 0);
  const std::string journal = slurp(dir / "whole" / "journal.jsonl");
  std::size_t cut = 0;
  for (int line = 0; line < 3; ++line) cut = journal.find('\n', cut) + 1;  // header + 2 records
  fs::create_directories(dir / "resumed");
  std::ofstream(dir / "resumed" / "journal.jsonl", std::ios::binary) << journal.substr(0, cut + 100);
  ASSERT_EQ(homeward(run + "--resume --out " + (dir / "resumed").string(), dir / "resumed"), 0)
      << slurp(dir / "resumed.err");
  expect_same_outputs(dir / "whole", dir / "resumed");
  EXPECT_EQ(journal, slurp(dir / "resumed" / "journal.jsonl"));
}

// SIGINT stops the batch cleanly: the finished replications are kept and
// summarised as partial, the exit code says so, and --resume completes it.
TEST(Journal, InterruptedRunIsPartialAndResumable) {
  const fs::path dir = scratch("sigint");
  const std::string scenario = kScenarios + "baseline.json";
  const fs::path out = dir / "run";
  const std::string out_arg = out.string(), err = (dir / "run.err").string();
  std::vector<std::string> args = {HOMEWARD_BINARY, "run", scenario, "-n", "150", "--seed", "6", "-t", "1", "-q",
                                   "--out", out_arg};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, HOMEWARD_BINARY, &actions, nullptr, argv.data(), environ), 0);
  // Wait until a few replications are in the journal, then interrupt.
  for (int i = 0; i < 600 && lines(out / "journal.jsonl") < 4; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_GE(lines(out / "journal.jsonl"), 4u) << "the run made no progress";
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  posix_spawn_file_actions_destroy(&actions);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3) << slurp(err);
  const auto partial = nlohmann::json::parse(slurp(out / "summary.json"));
  EXPECT_TRUE(partial.at("partial").get<bool>());
  const std::size_t finished = lines(out / "journal.jsonl") - 1;
  EXPECT_LT(finished, 150u);
  EXPECT_EQ(partial.at("replications_completed").at("baseline").get<std::size_t>(), finished);

  // Resume with a different thread count; compare with an uninterrupted run.
  ASSERT_EQ(homeward("run " + scenario + " -n 150 --seed 6 -q --resume -t 2 --out " + out_arg, dir / "resume"), 0)
      << slurp(dir / "resume.err");
  ASSERT_EQ(homeward("run " + scenario + " -n 150 --seed 6 -q --out " + (dir / "whole").string(), dir / "whole"), 0);
  expect_same_outputs(dir / "whole", out);
}

TEST(Journal, AnotherScenariosResultsNeedForce) {
  const fs::path dir = scratch("force");
  const std::string out = (dir / "out").string();
  ASSERT_EQ(homeward("run " + kScenarios + "baseline.json -n 2 -q --out " + out, dir / "a"), 0);
  // Re-running the same scenario overwrites; another scenario needs --force.
  EXPECT_EQ(homeward("run " + kScenarios + "baseline.json -n 3 -q --out " + out, dir / "b"), 0);
  EXPECT_EQ(homeward("run " + kScenarios + "hart.json -n 2 -q --out " + out, dir / "c"), 2);
  EXPECT_NE(slurp(dir / "c.err").find("another scenario"), std::string::npos) << slurp(dir / "c.err");
  EXPECT_EQ(nlohmann::json::parse(slurp(dir / "out" / "summary.json")).at("scenario"), "baseline");
  EXPECT_EQ(homeward("run " + kScenarios + "hart.json -n 2 -q --force --out " + out, dir / "d"), 0);
  EXPECT_EQ(nlohmann::json::parse(slurp(dir / "out" / "summary.json")).at("scenario"), "hart");
  // Nothing to resume in a fresh directory.
  EXPECT_EQ(homeward("run " + kScenarios + "hart.json -n 2 -q --resume --out " + (dir / "fresh").string(), dir / "e"), 2);
}

}  // namespace
