// End-to-end: what the tool promises about its outputs (docs/outputs.md)
// under the attacks of issue 14 that need more than a corpus script: two
// real processes on one folder, a stop inside a long replication, growing
// queues, option values that once wrapped round, and the environment (a full
// disk, a read-only file system) in a mount namespace of the test's own.
#include <gtest/gtest.h>

#include "support/e2e_support.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using homeward::testing::e2e::homeward;
using homeward::testing::e2e::kScenarioDir;
using homeward::testing::e2e::Outcome;
using homeward::testing::e2e::shell;
using homeward::testing::e2e::slurp;

fs::path scratch(const std::string& name) { return homeward::testing::e2e::scratch("homeward_outputs", name); }

std::size_t lines(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) ++n;
  return n;
}

// Starts homeward in the background with stdout and stderr to files in `dir`.
pid_t spawn_homeward(std::vector<std::string> args, const fs::path& dir) {
  args.insert(args.begin(), HOMEWARD_BINARY);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out = (dir / "spawned.out").string(), err = (dir / "spawned.err").string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, HOMEWARD_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// The exit code, or -1 when it has not ended within `limit` (then it is killed,
// so that a process that ignores signals cannot hang the suite).
int wait_for(pid_t pid, std::chrono::seconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > until) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void wait_for_lines(const fs::path& file, std::size_t count) {
  for (int i = 0; i < 1200 && lines(file) < count; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_GE(lines(file), count) << file << " made no progress";
}

TEST(Outputs, ASecondRunOnAFolderInUseIsRefusedNamingTheFirst) {
  const fs::path dir = scratch("two");
  const std::string out = (dir / "out").string();
  const pid_t first = spawn_homeward({"run", kScenarioDir + "baseline.json", "-n", "1000", "-t", "1", "-q", "--out", out},
                                     dir);
  wait_for_lines(dir / "out" / "journal.jsonl", 3);
  const std::string journal_before = slurp(dir / "out" / "journal.jsonl");
  for (const std::string& second : {"run " + kScenarioDir + "baseline.json -n 2 -q --out " + out,
                                    "compare " + kScenarioDir + "baseline.json " + kScenarioDir + "hart.json -n 2 -q --out " + out,
                                    "run " + kScenarioDir + "baseline.json -n 1000 -t 1 -q --resume --out " + out,
                                    "report " + out}) {
    const Outcome refused = homeward(second, dir);
    EXPECT_EQ(refused.exit_code, 2) << second << "\n" << refused.err;
    EXPECT_NE(refused.err.find(out + " is in use by homeward run (process " + std::to_string(first) + " on "),
              std::string::npos)
        << second << "\n" << refused.err;
  }
  kill(first, SIGINT);
  EXPECT_EQ(wait_for(first, std::chrono::seconds(120)), 3) << slurp(dir / "spawned.err");
  // The first run's journal only grew: what it held before is intact, and it resumes.
  EXPECT_EQ(slurp(dir / "out" / "journal.jsonl").substr(0, journal_before.size()), journal_before);
  EXPECT_NE(slurp(dir / "out" / "summary.json").find("\"partial\": true"), std::string::npos);
}

// A scenario whose single replication takes about half a minute (9 × 10^7
// short stays) and little memory: SIGTERM must stop it inside the replication.
TEST(Outputs, SigtermStopsALongReplicationPartWay) {
  const fs::path dir = scratch("stop");
  std::ofstream(dir / "long.json") << R"({"name": "long", "start_date": "2019-01-01", "duration_days": 900,
    "admissions": {"per_day": {"Mon": 100000, "Tue": 100000, "Wed": 100000, "Thu": 100000, "Fri": 100000,
                               "Sat": 100000, "Sun": 100000}},
    "cohorts": [{"name": "all", "share": 1, "pathway": "P0", "time_to_mffd_days": {"dist": "constant", "value": 0.5}}],
    "services": {}, "exits": ["home"], "routes": {"P0": [{"to": "home", "probability": 1}]}})";
  const pid_t pid = spawn_homeward({"run", (dir / "long.json").string(), "-n", "1", "-t", "1", "-q", "--out",
                                    (dir / "out").string()}, dir);
  wait_for_lines(dir / "out" / "journal.jsonl", 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // well inside the replication
  kill(pid, SIGTERM);
  // A liveness bound, not a timing: the replication alone takes far longer.
  EXPECT_EQ(wait_for(pid, std::chrono::seconds(25)), 3) << slurp(dir / "spawned.err");
  EXPECT_EQ(lines(dir / "out" / "journal.jsonl"), 1u) << "the replication ran to its end";
  EXPECT_NE(slurp(dir / "spawned.err").find("interrupted after 0 of 1 task\n"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "out" / "summary.json"));
}

// An M/M/5 bed service: ρ = λ / 5 per day with stays of one day.
std::string mmc_scenario(const std::string& name, int per_day) {
  const std::string n = std::to_string(per_day);
  return R"({"name": ")" + name + R"(", "start_date": "2019-01-01", "duration_days": 365, "warmup_days": 30,
    "admissions": {"per_day": {"Mon": )" + n + R"(, "Tue": )" + n + R"(, "Wed": )" + n + R"(, "Thu": )" + n +
         R"(, "Fri": )" + n + R"(, "Sat": )" + n + R"(, "Sun": )" + n + R"(}},
    "cohorts": [{"name": "all", "share": 1, "pathway": "P2", "time_to_mffd_days": {"dist": "constant", "value": 0}}],
    "services": {"step_down": {"kind": "beds", "reason": "C", "agency": "nhs", "beds": 5,
                               "schedule": [{"days": ["all"], "from_hour": 0, "to_hour": 24}],
                               "length_of_stay_days": {"dist": "exponential", "mean": 1}}},
    "exits": ["home"],
    "routes": {"P2": [{"to": "step_down", "probability": 1}], "step_down": [{"to": "home", "probability": 1}]}})";
}

TEST(Outputs, AGrowingQueueIsFlaggedInTheTableTheSummaryAndTheReport) {
  const fs::path dir = scratch("growing");
  std::ofstream(dir / "stable.json") << mmc_scenario("stable", 4);        // ρ = 0.8
  std::ofstream(dir / "unstable.json") << mmc_scenario("unstable", 6);    // ρ = 1.2
  const Outcome run = homeward("compare " + (dir / "stable.json").string() + " " + (dir / "unstable.json").string() +
                                   " -n 8 --seed 3 -q --out " + (dir / "out").string(),
                               dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("WARNING: unstable: the queue for step_down grew in every quarter"), std::string::npos)
      << run.out;
  EXPECT_EQ(run.out.find("WARNING: stable"), std::string::npos) << run.out;
  const auto summary = nlohmann::json::parse(slurp(dir / "out" / "summary.json"));
  EXPECT_TRUE(summary["scenarios"][0]["growing_queues"].empty());
  ASSERT_EQ(summary["scenarios"][1]["growing_queues"].size(), 1u);
  const auto& flagged = summary["scenarios"][1]["growing_queues"][0];
  EXPECT_EQ(flagged["service"], "step_down");
  // About one patient a day more than the beds can take: hundreds by the end.
  EXPECT_GT(flagged["mean_queue_last_quarter"].get<double>() - flagged["mean_queue_first_quarter"].get<double>(), 150);
  const Outcome report = homeward("report " + (dir / "out").string(), dir);
  if (report.exit_code == 1 && report.err.find("without the report's chart libraries") != std::string::npos)
    GTEST_SKIP() << report.err;
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string page = slurp(dir / "out" / "report.html");
  EXPECT_NE(page.find("<strong>Growing queue.</strong> In unstable, the queue for step_down"), std::string::npos);
  EXPECT_EQ(page.find("In stable, the queue"), std::string::npos);
}

// The shipped scenarios' queues settle, so none is flagged (kent_calibrated's
// step-down queue, fitted close to saturation, is left out: it keeps growing
// for years, docs/measures.md "Growing queues").
TEST(Outputs, ShippedScenariosRaiseNoGrowingQueueWarning) {
  const fs::path dir = scratch("shipped");
  for (const char* name : {"baseline", "seven_day", "hart", "trusted_assessor", "home_first", "early_planning",
                           "combined", "kent", "large_trust"}) {
    const Outcome run = homeward("run " + kScenarioDir + name + ".json -n 12 --seed 1 -q --out " +
                                     (dir / name).string(), dir);
    ASSERT_EQ(run.exit_code, 0) << name << ": " << run.err;
    EXPECT_EQ(run.out.find("WARNING"), std::string::npos) << name << ":\n" << run.out;
    const auto summary = nlohmann::json::parse(slurp(dir / name / "summary.json"));
    ASSERT_TRUE(summary.contains("growing_queues") && summary["growing_queues"].is_array()) << name;
    EXPECT_TRUE(summary["growing_queues"].empty()) << name;
  }
}

TEST(Outputs, SeedsAndShardsAreWholeNumbersInRange) {
  const fs::path dir = scratch("options");
  const std::string run = "run " + kScenarioDir + "baseline.json -n 2 -q ";
  for (const char* seed : {"-1", "18446744073709551616", "1e3", "12x", "0x10", " 5", "+5", ""}) {
    const Outcome bad = homeward(run + "--seed '" + seed + "'", dir);
    EXPECT_EQ(bad.exit_code, 2) << "--seed " << seed;
    EXPECT_NE(bad.err.find("expected a whole number from 0 to 18446744073709551615"), std::string::npos)
        << "--seed " << seed << ": " << bad.err;
  }
  const Outcome largest = homeward(run + "--seed 18446744073709551615 --out " + (dir / "max").string(), dir);
  EXPECT_EQ(largest.exit_code, 0) << largest.err;
  EXPECT_EQ(nlohmann::json::parse(slurp(dir / "max" / "summary.json"))["seed"].get<std::uint64_t>(),
            18446744073709551615ULL);
  for (const char* shard : {"0/1junk", "1/-1", "-1/2", "2/2", "0/0", "1", "/2", "1/", "1/2/3", "18446744073709551616/2"}) {
    const Outcome bad = homeward(run + "--shard '" + shard + "' --out " + (dir / "shard").string(), dir);
    EXPECT_EQ(bad.exit_code, 2) << "--shard " << shard;
    EXPECT_NE(bad.err.find("expected I/N, whole numbers with 0 <= I < N"), std::string::npos)
        << "--shard " << shard << ": " << bad.err;
  }
  EXPECT_FALSE(fs::exists(dir / "shard" / "journal.jsonl"));
}

// A mount namespace of the test's own (unshare -rm: root there, without
// privileges outside it) with a small tmpfs: a full disk and a read-only
// file system, exactly. Skipped where the system allows no user namespaces.
Outcome in_namespace(const std::string& script, const fs::path& dir) {
  std::ofstream(dir / "script.sh") << "set -u\nmount -t tmpfs -o size=" << "160k tmpfs '" << (dir / "mnt").string()
                                   << "' || exit 97\n" << script;
  fs::create_directories(dir / "mnt");
  return shell("unshare -rm bash '" + (dir / "script.sh").string() + "'", dir);
}

TEST(Outputs, AFullDiskOrAReadOnlyFolderIsTheEnvironmentNotAnInternalError) {
  const fs::path dir = scratch("environment");
  const std::string mnt = (dir / "mnt").string();
  const std::string run = std::string(HOMEWARD_BINARY) + " run " + kScenarioDir + "baseline.json -n 12 --seed 2 -q ";
  const Outcome full = in_namespace(run + "--out '" + mnt + "/out'; code=$?\n"
                                    "records=$(($(wc -l < '" + mnt + "/out/journal.jsonl') - 1))\n"
                                    "echo records $records\n"
                                    "mount -o remount,size=20m '" + mnt + "'\n" +
                                    run + "--resume --out '" + mnt + "/out' >/dev/null && cp '" + mnt +
                                    "/out/summary.json' '" + (dir / "resumed.json").string() + "'\n"
                                    "exit $code\n",
                                    dir);
  if (full.exit_code == 97 || full.err.find("unshare") != std::string::npos)
    GTEST_SKIP() << "no mount namespace here: " << full.err;
  EXPECT_EQ(full.exit_code, 4) << full.err;
  EXPECT_NE(full.err.find(mnt + "/out/"), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("No space left on device (the disk is full"), std::string::npos) << full.err;
  EXPECT_EQ(full.err.find("internal error"), std::string::npos) << full.err;
  // The journal kept every replication it finished, and with space again the
  // run resumes to the very result of an uninterrupted one.
  EXPECT_EQ(full.out.find("records 0"), std::string::npos) << full.out;
  const Outcome whole = homeward("run " + kScenarioDir + "baseline.json -n 12 --seed 2 -q --out " +
                                     (dir / "whole").string(), dir);
  ASSERT_EQ(whole.exit_code, 0);
  EXPECT_EQ(slurp(dir / "resumed.json"), slurp(dir / "whole" / "summary.json"));

  const Outcome read_only = in_namespace("mkdir '" + mnt + "/out'\nmount -o remount,ro '" + mnt + "'\n" + run +
                                             "--out '" + mnt + "/out'\n",
                                         dir);
  EXPECT_EQ(read_only.exit_code, 4) << read_only.err;
  EXPECT_NE(read_only.err.find(mnt + "/out/.homeward.lock: cannot open the folder's lock file: Read-only file system"),
            std::string::npos)
      << read_only.err;
}

// A scenario's description, read from its file (a variant's own, else its base's).
std::string description_in(const std::string& file) {
  const auto document = nlohmann::json::parse(slurp(kScenarioDir + file));
  return document.value("description", std::string());
}

// The reader of summary.json is told what each scenario is, in its author's words.
TEST(Outputs, EveryScenariosDescriptionReachesTheSummary) {
  const fs::path dir = scratch("descriptions");
  const Outcome compare = homeward("compare " + kScenarioDir + "baseline.json " + kScenarioDir + "hart.json -n 2 -q --out " +
                                       (dir / "compare").string(), dir);
  ASSERT_EQ(compare.exit_code, 0) << compare.err;
  const auto summary = nlohmann::json::parse(slurp(dir / "compare" / "summary.json"));
  ASSERT_FALSE(description_in("hart.json").empty());
  EXPECT_EQ(summary["scenarios"][0]["description"], description_in("baseline.json"));
  EXPECT_EQ(summary["scenarios"][1]["description"], description_in("hart.json"));

  // Without one, the key is there and empty: the same shape for every summary.
  auto bare = nlohmann::json::parse(slurp(kScenarioDir + "baseline.json"));
  bare.erase("description");
  bare["name"] = "undescribed";
  std::ofstream(dir / "bare.json") << bare.dump();
  const Outcome run = homeward("run " + (dir / "bare.json").string() + " -n 1 -q --out " + (dir / "run").string(), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto single = nlohmann::json::parse(slurp(dir / "run" / "summary.json"));
  ASSERT_TRUE(single.contains("description"));
  EXPECT_EQ(single["description"], "");
}

}  // namespace
