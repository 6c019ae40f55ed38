// The study commands end to end (docs/sweeps.md): `homeward sweep`,
// `sensitivity` and `optimise` write their files and a report; bad options and
// values exit 2 naming the pointer; an interrupted study writes nothing; a
// directory holding other results is refused without --force.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/e2e_support.h"

extern char** environ;

namespace homeward::testing::e2e {
namespace {

using nlohmann::json;

fs::path scratch(const std::string& name) { return e2e::scratch("homeward_studies", name); }

std::vector<std::string> csv_lines(const fs::path& path) {
  std::vector<std::string> out;
  std::istringstream in(slurp(path));
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// An M/M/c pool of beds (λ = 4 a day, stays of mean 1 day) whose patients wait in acute beds.
fs::path write_pool(const fs::path& dir) {
  const fs::path file = dir / "pool.json";
  std::ofstream(file) << R"({
    "name": "pool", "start_date": "2019-04-01", "warmup_days": 30, "duration_days": 300, "cost_per_bed_day": 400,
    "admissions": {"per_day": {"Mon": 4, "Tue": 4, "Wed": 4, "Thu": 4, "Fri": 4, "Sat": 4, "Sun": 4}},
    "cohorts": [{"name": "all", "share": 1, "pathway": "P2", "time_to_mffd_days": {"dist": "constant", "value": 0}}],
    "services": {"pool": {"kind": "beds", "reason": "C", "agency": "nhs", "beds": 5,
      "schedule": [{"days": ["all", "BankHoliday"], "from_hour": 0, "to_hour": 24}],
      "length_of_stay_days": {"dist": "exponential", "mean": 1}, "cost_per_staffed_bed_day": 88}},
    "exits": ["home"],
    "routes": {"P2": [{"to": "pool", "probability": 1}], "pool": [{"to": "home", "probability": 1}]}})";
  return file;
}

TEST(Sweep, WritesTidyCsvJsonAndAReport) {
  const fs::path dir = scratch("sweep");
  const Outcome run = homeward("sweep " + kScenarioDir + "hart.json --vary /services/hart/slots=0,5 -n 2 --seed 4 -q "
                               "--report --out " + (dir / "out").string(), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Sweep of hart"), std::string::npos) << run.out;
  const auto rows = csv_lines(dir / "out" / "sweep.csv");
  ASSERT_GT(rows.size(), 2u);
  EXPECT_EQ(rows[0], "value,measure,mean,ci95_low,ci95_high,difference_from_first");
  const json sweep = json::parse(slurp(dir / "out" / "sweep.json"));
  EXPECT_EQ(sweep.at("kind"), "sweep");
  EXPECT_EQ(sweep.at("points").size(), 2u);
  EXPECT_EQ(sweep.at("points")[1].at("values"), json::array({5}));
  // With 0 slots nobody is bridged and the team costs nothing.
  EXPECT_EQ(sweep.at("points")[0].at("measures").at("service.hart.starts").at("mean"), 0);
  EXPECT_EQ(sweep.at("points")[0].at("measures").at("service.hart.cost").at("mean"), 0);
  EXPECT_GT(sweep.at("points")[1].at("measures").at("service.hart.cost.staffed").at("mean").get<double>(), 0);
  EXPECT_TRUE(fs::exists(dir / "out" / "run-info.json"));
  if (fs::exists(dir / "out" / "report.html")) {  // built with the chart libraries
    const std::string html = slurp(dir / "out" / "report.html");
    EXPECT_NE(html.find("id=\"sweep-table\""), std::string::npos);
    EXPECT_NE(html.find("data-chart=\"sweep\""), std::string::npos);
  }
}

TEST(Sweep, BadVaryAndValuesExitTwoNamingThePointer) {
  const fs::path dir = scratch("bad");
  Outcome run = homeward("sweep " + kScenarioDir + "hart.json --vary /services/hart/slots=5,-1 -n 2 -q", dir);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("hart.json (with /services/hart/slots = -1): /services/hart/slots: expected an integer >= 0, "
                         "found -1"),
            std::string::npos)
      << run.err;
  run = homeward("sweep " + kScenarioDir + "hart.json --vary /services/hrt/slots=5 -n 2 -q", dir);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("/services/hrt/slots: expected a pointer whose parent exists"), std::string::npos) << run.err;
  run = homeward("sweep " + kScenarioDir + "hart.json --vary slots=5 -n 2 -q", dir);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--vary: expected POINTER=V1,V2,..."), std::string::npos) << run.err;
  run = homeward("sweep " + kScenarioDir + "hart.json --vary /services/hart/slots=5,,6 -n 2 -q", dir);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("none empty"), std::string::npos) << run.err;
  run = homeward("sweep " + (dir / "missing.json").string() + " --vary /a=1 -n 2 -q", dir);
  EXPECT_EQ(run.exit_code, 2);
  // Each --vary takes one argument, so the scenario may follow them.
  run = homeward("sweep --vary /services/hart/slots=1 --vary /cost_per_bed_day=400 " + kScenarioDir + "hart.json -n 1 -q",
                 dir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST(Sweep, RefusesAnotherRunsDirectoryWithoutForce) {
  const fs::path dir = scratch("force");
  const std::string out = (dir / "out").string();
  ASSERT_EQ(homeward("run " + kScenarioDir + "baseline.json -n 1 -q --out " + out, dir).exit_code, 0);
  const Outcome refused = homeward("sweep " + kScenarioDir + "hart.json --vary /services/hart/slots=1 -n 1 -q --out " + out, dir);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("holds other results (summary.json)"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "sweep.csv"));
  EXPECT_EQ(homeward("sweep " + kScenarioDir + "hart.json --vary /services/hart/slots=1 -n 1 -q --force --out " + out, dir)
                .exit_code,
            0);
}

TEST(Sweep, InterruptedWritesNothing) {
  const fs::path dir = scratch("sigint");
  const std::string out = (dir / "out").string(), err = (dir / "err").string();
  const std::string scenario = kScenarioDir + "baseline.json";
  std::vector<std::string> args = {HOMEWARD_BINARY, "sweep", scenario, "--vary", "/services/step_down/beds=50,60",
                                   "-n", "2000", "-t", "1", "-q", "--out", out};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, HOMEWARD_BINARY, &actions, nullptr, argv.data(), environ), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  posix_spawn_file_actions_destroy(&actions);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3) << slurp(err);
  EXPECT_NE(slurp(err).find("no sweep files written"), std::string::npos) << slurp(err);
  for (const char* file : {"sweep.csv", "sweep.json", "run-info.json"}) EXPECT_FALSE(fs::exists(dir / "out" / file)) << file;
}

TEST(Sweep, TwoStudiesNeverWriteIntoOneDirectoryAtOnce) {
  const fs::path dir = scratch("two");
  const std::string out = (dir / "out").string(), err = (dir / "first.err").string();
  std::vector<std::string> args = {HOMEWARD_BINARY, "sweep", kScenarioDir + "baseline.json", "--vary",
                                   "/services/step_down/beds=50,60", "-n", "2000", "-t", "1", "-q", "--out", out};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, HOMEWARD_BINARY, &actions, nullptr, argv.data(), environ), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  const Outcome second = homeward("sweep " + kScenarioDir + "hart.json --vary /services/hart/slots=1 -n 1 -q --force --out " +
                                      out, dir);
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(second.exit_code, 2);
  // The folder lock of `run` and `compare`, naming the first study's process.
  EXPECT_NE(second.err.find("is in use by homeward sweep (process " + std::to_string(pid)), std::string::npos)
      << second.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "sweep.csv"));
}

TEST(Sensitivity, RanksAndWritesItsFiles) {
  const fs::path dir = scratch("sensitivity");
  const fs::path pool = write_pool(dir);
  const Outcome run = homeward("sensitivity " + pool.string() + " --change 20% -n 3 -q --report --out " +
                                   (dir / "out").string(), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json s = json::parse(slurp(dir / "out" / "sensitivity.json"));
  EXPECT_EQ(s.at("kind"), "sensitivity");
  EXPECT_EQ(s.at("change"), 0.2);
  std::vector<std::string> names;
  for (const json& p : s.at("parameters")) names.push_back(p.at("name"));
  EXPECT_EQ(names, (std::vector<std::string>{"pool.beds", "pool.length_of_stay_days"}));
  // 5 beds at 80% load: one bed fewer (4) is far worse than one more is better.
  const json& beds = s.at("parameters")[0];
  EXPECT_EQ(beds.at("low").at("setting"), "5 \u2192 4");
  EXPECT_GT(beds.at("low").at("differences").at("delayed_bed_days").at("mean").get<double>(),
            -beds.at("high").at("differences").at("delayed_bed_days").at("mean").get<double>());
  EXPECT_EQ(s.at("ranking").at("delayed_bed_days")[0], "pool.beds");
  const auto rows = csv_lines(dir / "out" / "sensitivity.csv");
  EXPECT_EQ(rows[0].rfind("parameter,kind,side,factor,setting,measure,base_mean,difference_mean", 0), 0u);
  EXPECT_EQ(rows.size(), 1 + 2 * 2 * 5u);  // 2 parameters, 2 sides, 5 measures
  if (fs::exists(dir / "out" / "report.html")) {
    EXPECT_NE(slurp(dir / "out" / "report.html").find("data-chart=\"tornado_delayed_bed_days\""), std::string::npos);
  }
  EXPECT_EQ(homeward("sensitivity " + pool.string() + " --change 150%", dir).exit_code, 2);
}

TEST(Optimise, WritesTheOptimisedScenarioWhichValidates) {
  const fs::path dir = scratch("optimise");
  const fs::path pool = write_pool(dir);
  const Outcome run = homeward("optimise " + pool.string() + " --param /services/pool/beds=1:15 -n 4 --evaluations 30 "
                               "-q --report --out " + (dir / "out").string(), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json o = json::parse(slurp(dir / "out" / "optimise.json"));
  EXPECT_EQ(o.at("kind"), "optimise");
  EXPECT_TRUE(o.at("parameters")[0].at("integer").get<bool>());
  const json best = json::parse(slurp(dir / "out" / "optimised.json"));
  EXPECT_EQ(best.at("name"), "pool_optimised");
  EXPECT_EQ(best.at("services").at("pool").at("beds"), o.at("best").at("values").at("/services/pool/beds"));
  EXPECT_EQ(homeward("validate " + (dir / "out" / "optimised.json").string(), dir).exit_code, 0);
  EXPECT_GE(csv_lines(dir / "out" / "trace.csv").size(), 3u);

  Outcome bad = homeward("optimise " + pool.string() + " --param /services/pool/beds=9 -n 2 -q", dir);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--param: expected POINTER=LOW:HIGH"), std::string::npos) << bad.err;
  bad = homeward("optimise " + pool.string() + " --param /services/pool/beds=1:9 --target 'delayed<=5' -n 2 -q", dir);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--target: expected MEASURE<=VALUE with a measure of summary.json"), std::string::npos) << bad.err;
}

TEST(StudyReport, AMalformedStudyFileExitsTwoNamingIt) {
  const fs::path dir = scratch("malformed");
  std::ofstream(dir / "sweep.json") << R"({"kind": "sweep", "points": []})";
  Outcome report = homeward("report " + dir.string(), dir);
  if (report.exit_code == 1) GTEST_SKIP() << "built without the chart libraries: " << report.err;
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_NE(report.err.find("sweep.json: missing \"axes\""), std::string::npos) << report.err;
  std::ofstream(dir / "sweep.json") << "[1, 2]";
  report = homeward("report " + dir.string(), dir);
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_NE(report.err.find("sweep.json: expected the JSON object a homeward study writes"), std::string::npos)
      << report.err;
  EXPECT_FALSE(fs::exists(dir / "report.html"));
}

}  // namespace
}  // namespace homeward::testing::e2e
