// What run and compare refuse before running anything, and how a run's
// tasks are split: each refusal's exit code and message, and the shares of
// shards and MPI ranks against the run's whole task count.
#include "sim/app/run_request.h"

#include <gtest/gtest.h>

#include "sim/app/status.h"

namespace homeward::app {
namespace {

io::ScenarioInfo named(const std::string& name) {
  io::ScenarioInfo info;
  info.name = name;
  return info;
}

RunOptions compare_of(std::vector<std::string> files) {
  RunOptions options;
  options.scenario_files = std::move(files);
  options.out_dir = "out";
  return options;
}

TEST(RunRequest, ComparedScenariosNeedNamesOfTheirOwn) {
  const RunOptions options = compare_of({"base.json", "seven_day.json", "again.json"});
  const Status status =
      check_run_request(options, {named("baseline"), named("seven_day"), named("baseline")}, MpiWorld{});
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  ASSERT_EQ(status.messages().size(), 1u);
  EXPECT_EQ(status.messages()[0],
            "again.json: /name: expected a name no other compared scenario has, found \"baseline\" (the name of "
            "base.json too); give one of them another name");
  EXPECT_TRUE(check_run_request(options, {named("a"), named("b"), named("c")}, MpiWorld{}).is_ok());
}

TEST(RunRequest, EveryClashIsReportedAtOnce) {
  const RunOptions options = compare_of({"a.json", "b.json", "c.json", "d.json"});
  const Status status = check_run_request(options, {named("x"), named("x"), named("y"), named("y")}, MpiWorld{});
  EXPECT_EQ(status.messages().size(), 2u);
}

TEST(RunRequest, ResumeAndShardNeedAnOutputFolder) {
  RunOptions options = compare_of({"base.json"});
  options.out_dir.clear();
  options.resume = true;
  EXPECT_EQ(check_run_request(options, {named("a")}, MpiWorld{}).exit_code(), kExitBadInput);
  options.resume = false;
  options.shard = Shard{0, 2};
  EXPECT_EQ(check_run_request(options, {named("a")}, MpiWorld{}).exit_code(), kExitBadInput);
  options.out_dir = "out";
  EXPECT_TRUE(check_run_request(options, {named("a")}, MpiWorld{}).is_ok());
}

TEST(RunRequest, UnderMpiRanksShareTheRunSoShardsResumeAndStagesAreRefused) {
  RunOptions options = compare_of({"base.json"});
  const MpiWorld four{0, 4};
  EXPECT_TRUE(check_run_request(options, {named("a")}, four).is_ok());
  options.precision = RunOptions::Precision{"delayed_bed_days", 0.01};
  EXPECT_EQ(check_run_request(options, {named("a")}, four).exit_code(), kExitBadInput);
  EXPECT_TRUE(check_run_request(options, {named("a")}, MpiWorld{}).is_ok());
  options.precision.reset();
  options.resume = true;
  EXPECT_EQ(check_run_request(options, {named("a")}, four).exit_code(), kExitBadInput);
}

TEST(RunRequest, AShardRunsItsShareOfEveryScenariosReplications) {
  // 3 scenarios × 10 replications = 30 tasks; shard 1 of 4 is [7, 15).
  RunOptions options = compare_of({"a.json", "b.json", "c.json"});
  options.batch.replications = 10;
  options.batch.seed = 42;
  options.shard = Shard{1, 4};
  const RunPlan plan = plan_run(options, {named("a"), named("b"), named("c")}, "9.9.9", MpiWorld{});
  EXPECT_EQ(plan.whole_run.first_task, 0u);
  EXPECT_EQ(plan.whole_run.end_task, 30u);
  EXPECT_EQ(plan.share.first_task, 7u);
  EXPECT_EQ(plan.share.end_task, 15u);
  EXPECT_EQ(plan.share.seed, 42u);
  EXPECT_EQ(plan.share.version, "9.9.9");
  EXPECT_TRUE(plan.share.same_run(plan.whole_run));
}

TEST(RunRequest, MpiRanksTakeTheSameSharesAsShards) {
  RunOptions options = compare_of({"a.json", "b.json"});
  options.batch.replications = 7;
  const std::vector<io::ScenarioInfo> info{named("a"), named("b")};
  for (int rank = 0; rank < 3; ++rank) {
    RunOptions sharded = options;
    sharded.shard = Shard{static_cast<std::uint64_t>(rank), 3};
    const RunPlan by_rank = plan_run(options, info, "v", MpiWorld{rank, 3});
    const RunPlan by_shard = plan_run(sharded, info, "v", MpiWorld{});
    EXPECT_EQ(by_rank.share.first_task, by_shard.share.first_task);
    EXPECT_EQ(by_rank.share.end_task, by_shard.share.end_task);
  }
  const RunPlan alone = plan_run(options, info, "v", MpiWorld{});
  EXPECT_EQ(alone.share.first_task, 0u);
  EXPECT_EQ(alone.share.end_task, 14u);
}

TEST(Status, TheFirstRefusalsCodeStandsAndEveryMessageIsKept) {
  Status status;
  EXPECT_TRUE(status.is_ok());
  status.merge(Status::ok());
  EXPECT_TRUE(status.is_ok());
  status.merge(Status::refused(kExitEnvironment, "disk full"));
  status.merge(Status::bad_input("bad name"));
  EXPECT_EQ(status.exit_code(), kExitEnvironment);
  EXPECT_EQ(status.messages(), (std::vector<std::string>{"disk full", "bad name"}));
  EXPECT_EQ(Status::refused(kExitOk, "a refusal is never ok").exit_code(), kExitInternal);
}

}  // namespace
}  // namespace homeward::app
