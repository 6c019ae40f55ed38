// Runs of homeward serve without HTTP: the results of a run are the CLI's,
// byte for byte; bad requests get the validator's own problems; cancelling and
// shutting down keep no half-written results; limits hold.
#include "sim/serve/run_manager.h"

#include <gtest/gtest.h>

#include <regex>

#include "serve/serve_test_support.h"

namespace homeward::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::scratch;
using testing::shipped;
using testing::slurp;

json request(std::vector<json> scenarios, int replications, int seed) {
  return {{"scenarios", scenarios}, {"replications", replications}, {"seed", seed}};
}

RunStatus finished(RunManager& runs, const std::string& id) {
  EXPECT_TRUE(runs.wait(id, 120)) << id;
  return *runs.status(id);
}

// The CLI's outputs for the same scenarios, in dir/cli.
fs::path cli_outputs(const fs::path& dir, const std::string& command) {
  const int code = testing::shell(std::string(HOMEWARD_BINARY) + " " + command + " --quiet --out cli", dir);
  EXPECT_EQ(code, 0) << slurp(dir / "stderr");
  return dir / "cli";
}

TEST(RunManager, ACompareEqualsTheCliByteForByte) {
  const fs::path dir = scratch("equal");
  Workspace ws = testing::seeded_workspace(dir / "ws");
  RunManager runs(ws, {});
  // hart.json is a variant: its base resolves to the workspace's scenarios/baseline.json, as the CLI's to the shipped
  // one.
  const Submission s = runs.submit(request({shipped("baseline.json"), shipped("hart.json")}, 6, 11));
  ASSERT_EQ(s.outcome, Submission::Outcome::accepted);
  const RunStatus status = finished(runs, s.id);
  ASSERT_EQ(status.state, RunState::done) << status.error;
  EXPECT_EQ(status.progress, 1.0);
  EXPECT_EQ(status.scenarios, (std::vector<std::string>{"baseline", "hart"}));

  const std::string scenarios = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/";
  const fs::path cli =
      cli_outputs(dir, "compare " + scenarios + "baseline.json " + scenarios + "hart.json -n 6 --seed 11");
  for (const char* file : {"summary.json", "replications.csv", "monthly.csv"})
    EXPECT_EQ(slurp(status.directory / file), slurp(cli / file)) << file;
  // The journal differs from the CLI's in nothing but being written by another caller: same header, same records.
  EXPECT_EQ(slurp(status.directory / "journal.jsonl"), slurp(cli / "journal.jsonl"));
  EXPECT_TRUE(fs::exists(status.directory / "summary.xlsx"));
  EXPECT_TRUE(fs::exists(status.directory / "request.json"));
  const json state = json::parse(slurp(status.directory / "state.json"));
  EXPECT_EQ(state["state"], "done");
}

TEST(RunManager, ASingleRunEqualsHomewardRun) {
  const fs::path dir = scratch("run");
  Workspace ws = testing::seeded_workspace(dir / "ws");
  RunManager runs(ws, {});
  const Submission s = runs.submit(request({shipped("seven_day.json")}, 3, 2));
  ASSERT_EQ(s.outcome, Submission::Outcome::accepted);
  const RunStatus status = finished(runs, s.id);
  ASSERT_EQ(status.state, RunState::done) << status.error;
  const fs::path cli =
      cli_outputs(dir, std::string("run ") + HOMEWARD_SOURCE_DIR + "/scenarios/seven_day.json -n 3 --seed 2");
  for (const char* file : {"summary.json", "replications.csv", "monthly.csv"})
    EXPECT_EQ(slurp(status.directory / file), slurp(cli / file)) << file;
}

TEST(RunManager, BadScenariosGetTheValidatorsProblemsAndNothingRuns) {
  const fs::path dir = scratch("bad");
  Workspace ws = testing::seeded_workspace(dir / "ws");
  RunManager runs(ws, {});
  json bad = shipped("baseline.json");
  bad["services"]["step_down"]["beds"] = -3;
  bad["duration_days"] = "a year";
  bad["colour"] = "blue";
  const Submission s = runs.submit(request({shipped("baseline.json"), bad}, 2, 1));
  ASSERT_EQ(s.outcome, Submission::Outcome::bad_request);
  EXPECT_TRUE(runs.list().empty());
  EXPECT_TRUE(fs::is_empty(ws.runs_dir()));

  // The same document as a file where the request's second scenario is labelled: `homeward validate` run in
  // the workspace prints exactly these problems.
  std::ofstream(ws.scenarios_dir() / "request-scenario-2.json") << bad.dump(2);
  EXPECT_EQ(testing::shell(std::string(HOMEWARD_BINARY) + " validate scenarios/request-scenario-2.json", ws.root()), 2);
  std::vector<std::string> expected;
  std::istringstream err(slurp(ws.root() / "stderr"));
  for (std::string line; std::getline(err, line);)
    if (line.starts_with("error: ")) expected.push_back(line.substr(7));
  std::vector<std::string> got;
  for (const RequestProblem& p : s.problems) {
    EXPECT_EQ(p.scenario, 1);
    got.push_back(p.problem.message());
  }
  EXPECT_EQ(got, expected);
  ASSERT_GE(got.size(), 3u);
  const auto has_pointer = [&](const std::string& pointer) {
    return std::any_of(s.problems.begin(), s.problems.end(),
                       [&](const auto& p) { return p.problem.pointer == pointer; });
  };
  EXPECT_TRUE(has_pointer("/services/step_down/beds"));
  EXPECT_TRUE(has_pointer("/duration_days"));
  EXPECT_TRUE(has_pointer("/colour"));
}

TEST(RunManager, TheRequestItselfIsChecked) {
  Workspace ws = testing::seeded_workspace(scratch("request"));
  RunManager runs(ws, {.max_replications = 50, .max_scenarios = 2});
  const auto problems = [&](const json& r) {
    std::vector<std::string> out;
    for (const RequestProblem& p : runs.submit(r).problems) out.push_back(p.problem.pointer);
    return out;
  };
  const json base = shipped("baseline.json");
  EXPECT_EQ(problems(json::array()), std::vector<std::string>{""});
  EXPECT_EQ(problems({{"replications", 2}}), std::vector<std::string>{"/scenarios"});
  EXPECT_EQ(problems(request({base}, 51, 1)), std::vector<std::string>{"/replications"});
  EXPECT_EQ(problems(request({base}, 0, 1)), std::vector<std::string>{"/replications"});
  EXPECT_EQ(problems(request({base}, 2, -1)), std::vector<std::string>{"/seed"});
  EXPECT_EQ(problems(request({base, base, base}, 2, 1)), std::vector<std::string>{"/scenarios"});
  json extra = request({base}, 2, 1);
  extra["threads"] = 64;
  EXPECT_EQ(problems(extra), std::vector<std::string>{"/threads"});
  // Two scenarios of one name would be merged in the outputs: refused.
  EXPECT_EQ(problems(request({base, base}, 2, 1)), std::vector<std::string>{"/name"});
  json scenario_as_text = request({base}, 2, 1);
  scenario_as_text["scenarios"][0] = "baseline.json";
  EXPECT_EQ(problems(scenario_as_text), std::vector<std::string>{"/scenarios/0"});
}

TEST(RunManager, VariantsMayNotReachOutsideTheWorkspace) {
  const fs::path dir = scratch("outside");
  Workspace ws = testing::seeded_workspace(dir / "ws");
  RunManager runs(ws, {});
  // A real scenario outside, reachable by the CLI but never through the server.
  std::ofstream(dir / "outside.json") << shipped("baseline.json").dump();
  fs::create_symlink(dir / "outside.json", ws.scenarios_dir() / "linked.json");
  for (const std::string& base : std::vector<std::string>{"../../outside.json", (dir / "outside.json").string(),
                                                          "linked.json", "../runs/../../outside.json"}) {
    json variant = shipped("hart.json");
    variant["base"] = base;
    const Submission s = runs.submit(request({variant}, 1, 1));
    ASSERT_EQ(s.outcome, Submission::Outcome::bad_request) << base;
    ASSERT_EQ(s.problems.size(), 1u) << base;
    EXPECT_EQ(s.problems[0].problem.pointer, "/base");
    EXPECT_EQ(s.problems[0].problem.file, "scenarios/request-scenario-1.json");
    EXPECT_NE(s.problems[0].problem.expected.find("inside the workspace"), std::string::npos);
  }
  // A base of a base is followed and checked too.
  json middle = shipped("hart.json");
  middle["base"] = "../../outside.json";
  std::ofstream(ws.scenarios_dir() / "middle.json") << middle.dump();
  json variant = shipped("seven_day.json");
  variant["base"] = "middle.json";
  const Submission s = runs.submit(request({variant}, 1, 1));
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].problem.file, "scenarios/middle.json");
}

TEST(RunManager, CancellingKeepsNoResults) {
  Workspace ws = testing::seeded_workspace(scratch("cancel"));
  RunManager runs(ws, {.max_running = 1, .threads = 1});
  const Submission running = runs.submit(request({shipped("baseline.json")}, 5000, 1));
  const Submission queued = runs.submit(request({shipped("baseline.json")}, 2, 1));
  ASSERT_EQ(running.outcome, Submission::Outcome::accepted);
  ASSERT_EQ(queued.outcome, Submission::Outcome::accepted);
  EXPECT_EQ(runs.status(queued.id)->state, RunState::queued);
  EXPECT_EQ(runs.cancel(queued.id), RunManager::CancelOutcome::cancelled);
  EXPECT_EQ(runs.status(queued.id)->state, RunState::cancelled);
  // Wait until some replications are done, then cancel.
  for (int i = 0; i < 600 && runs.status(running.id)->progress == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GT(runs.status(running.id)->progress, 0);
  EXPECT_EQ(runs.cancel(running.id), RunManager::CancelOutcome::cancelled);
  const RunStatus status = finished(runs, running.id);
  EXPECT_EQ(status.state, RunState::cancelled);
  EXPECT_EQ(status.error, "cancelled while running");
  EXPECT_LT(status.progress, 1.0);
  // Only the request and the state remain: nothing that looks like a result.
  std::set<std::string> left;
  for (const auto& entry : fs::directory_iterator(status.directory)) left.insert(entry.path().filename().string());
  EXPECT_EQ(left, (std::set<std::string>{"request.json", "state.json"}));
  EXPECT_EQ(runs.cancel(running.id), RunManager::CancelOutcome::already_finished);
  EXPECT_EQ(runs.cancel("no-such-run"), RunManager::CancelOutcome::unknown);
}

TEST(RunManager, TooManyWaitingRunsAreRefused) {
  Workspace ws = testing::seeded_workspace(scratch("busy"));
  RunManager runs(ws, {.max_running = 1, .max_queued = 2, .threads = 1});
  std::vector<Submission::Outcome> outcomes;
  for (int i = 0; i < 5; ++i) outcomes.push_back(runs.submit(request({shipped("baseline.json")}, 5000, i)).outcome);
  // One runs, two wait, the rest are refused, whether or not the worker has taken the first yet.
  EXPECT_EQ(outcomes, (std::vector<Submission::Outcome>{Submission::Outcome::accepted, Submission::Outcome::accepted,
                                                        Submission::Outcome::accepted, Submission::Outcome::busy,
                                                        Submission::Outcome::busy}));
  EXPECT_EQ(outcomes.back(), Submission::Outcome::busy);
  runs.shutdown();
  for (const RunStatus& s : runs.list()) EXPECT_EQ(s.state, RunState::cancelled) << s.id;
  // With no queue at all, a run is taken only when a worker is free.
  Workspace ws2 = testing::seeded_workspace(scratch("no_queue"));
  RunManager direct(ws2, {.max_running = 1, .max_queued = 0, .threads = 1});
  EXPECT_EQ(direct.submit(request({shipped("baseline.json")}, 5000, 1)).outcome, Submission::Outcome::accepted);
  EXPECT_EQ(direct.submit(request({shipped("baseline.json")}, 5000, 2)).outcome, Submission::Outcome::busy);
  EXPECT_EQ(runs.submit(request({shipped("baseline.json")}, 1, 1)).outcome, Submission::Outcome::stopping);
}

TEST(RunManager, ARestartListsOldRunsAndMarksInterruptedOnesCancelled) {
  const fs::path dir = scratch("restart");
  std::string done_id;
  {
    Workspace ws = testing::seeded_workspace(dir);
    RunManager runs(ws, {});
    done_id = runs.submit(request({shipped("baseline.json")}, 2, 1)).id;
    ASSERT_EQ(finished(runs, done_id).state, RunState::done);
  }
  // A server killed mid-run leaves a "running" state, a journal and a temporary file.
  const fs::path killed = dir / "runs" / "20000101-000000-001";
  fs::create_directories(killed);
  std::ofstream(killed / "state.json") << R"({"id": "x", "state": "running", "created": "2000-01-01T00:00:00Z",
    "scenarios": ["baseline"], "replications": 100, "seed": 1, "error": ""})";
  std::ofstream(killed / "journal.jsonl") << "{}\n";
  std::ofstream(killed / "summary.json.tmp") << "{";
  std::ofstream(dir / "runs" / "20000101-000000-002") << "not a folder";
  Workspace ws = Workspace::open(dir);
  RunManager runs(ws, {});
  const auto list = runs.list();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, "20000101-000000-001");
  EXPECT_EQ(list[0].state, RunState::cancelled);
  EXPECT_EQ(list[0].error, "the server stopped before the run finished");
  EXPECT_FALSE(fs::exists(killed / "journal.jsonl"));
  EXPECT_FALSE(fs::exists(killed / "summary.json.tmp"));
  EXPECT_EQ(json::parse(slurp(killed / "state.json"))["state"], "cancelled");
  EXPECT_EQ(list[1].id, done_id);
  EXPECT_EQ(list[1].state, RunState::done);
  EXPECT_EQ(list[1].progress, 1.0);
}

}  // namespace
}  // namespace homeward::serve
