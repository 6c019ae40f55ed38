// Counts on the terminal agree with their nouns: "1 replication", never
// "1 replications"; checked on the tables themselves and on the real binary.
#include <gtest/gtest.h>
#include "support/scratch_dirs.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "sim/app/table.h"

namespace {

namespace fs = std::filesystem;
using homeward::app::compare_table;
using homeward::app::ComparedScenario;
using homeward::app::run_table;

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

TEST(TerminalText, TablesNameOneReplicationInTheSingular) {
  const std::vector<homeward::model::MeasureSummary> none;
  EXPECT_EQ(first_line(run_table("baseline", 1, none)),
            "Scenario baseline — 1 replication (mean and 95% CI across replications)");
  EXPECT_EQ(first_line(run_table("baseline", 2, none)),
            "Scenario baseline — 2 replications (mean and 95% CI across replications)");
  EXPECT_EQ(first_line(run_table("baseline", 1000, none)),
            "Scenario baseline — 1,000 replications (mean and 95% CI across replications)");
  const std::vector<ComparedScenario> base = {{"baseline", 0, 365, &none, nullptr}};
  EXPECT_EQ(first_line(compare_table(base, 1)),
            "Comparison against baseline — 1 paired replication (common random numbers); savings per year, 95% CI");
}

struct Outcome {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

Outcome homeward(const std::string& arguments) {
  Outcome o;
  const std::string command = std::string(HOMEWARD_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) o.out += buffer.data();
  const int status = pclose(pipe);
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

// The binary as a user runs it: one replication of the shipped baseline, then
// a comparison of one paired replication.
TEST(TerminalText, OneReplicationRunSaysOneReplication) {
  const fs::path dir = homeward::testing::scratch_dir("homeward_terminal_text", "one_replication");
  const std::string scenarios = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/";
  const Outcome run = homeward("run " + scenarios + "baseline.json --replications 1 --seed 1 --out " +
                               (dir / "run").string());
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("Scenario baseline — 1 replication (mean"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("1 replications"), std::string::npos) << run.out;

  const Outcome compare = homeward("compare " + scenarios + "baseline.json " + scenarios +
                                   "hart.json --replications 1 --seed 1 --out " + (dir / "compare").string());
  ASSERT_EQ(compare.exit_code, 0) << compare.out;
  EXPECT_NE(compare.out.find("Comparison against baseline — 1 paired replication ("), std::string::npos)
      << compare.out;
  EXPECT_EQ(compare.out.find("1 paired replications"), std::string::npos) << compare.out;
}

}  // namespace
