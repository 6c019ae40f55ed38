// End-to-end: --precision runs replications in stages until the base
// scenario's 95% interval is narrow enough. The result must be exactly a run
// of the count it settled on, for any thread count, and meet its target.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "support/e2e_support.h"

namespace {

namespace fs = std::filesystem;
using homeward::testing::e2e::homeward;
using homeward::testing::e2e::Outcome;
using homeward::testing::e2e::slurp;

fs::path scratch(const std::string& name) { return homeward::testing::e2e::scratch("homeward_precision", name); }

const std::string& kScenarios = homeward::testing::e2e::kScenarioDir;

TEST(Precision, StopsWhenTheIntervalIsNarrowAndEqualsAFixedRun) {
  const fs::path dir = scratch("run");
  const std::string common = "run " + kScenarios + "baseline.json --replications 500 --seed 3 --quiet ";
  const Outcome one = homeward(common + "--precision delay_days_mean=5% --threads 1 --out " + (dir / "t1").string(), dir);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const Outcome two = homeward(common + "--precision delay_days_mean=0.05 --threads 2 --out " + (dir / "t2").string(), dir);
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(slurp(dir / "t1" / "summary.json"), slurp(dir / "t2" / "summary.json"));

  const auto summary = nlohmann::json::parse(slurp(dir / "t1" / "summary.json"));
  const int n = summary.at("replications");
  EXPECT_GE(n, 10);
  EXPECT_LT(n, 500);  // the target is met well before the cap
  EXPECT_EQ(n % 10, 0);
  const auto& m = summary.at("measures").at("delay_days_mean");
  const double mean = m.at("mean"), half_width = (m.at("ci95")[1].get<double>() - m.at("ci95")[0].get<double>()) / 2;
  EXPECT_LE(half_width, 0.05 * mean);

  const auto info = nlohmann::json::parse(slurp(dir / "t1" / "run-info.json"));
  EXPECT_EQ(info.at("precision").at("replications"), n);
  EXPECT_NEAR(info.at("precision").at("achieved_relative_half_width").get<double>(), half_width / mean, 1e-12);

  // The same count run without --precision gives the same files, journal included.
  const Outcome fixed = homeward("run " + kScenarios + "baseline.json --seed 3 --quiet --replications " +
                                     std::to_string(n) + " --out " + (dir / "fixed").string(), dir);
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  for (const char* file : {"summary.json", "replications.csv", "monthly.csv", "journal.jsonl"})
    EXPECT_EQ(slurp(dir / "t1" / file), slurp(dir / "fixed" / file)) << file;
}

TEST(Precision, CompareGivesEveryScenarioTheBasesCount) {
  const fs::path dir = scratch("compare");
  const Outcome run = homeward("compare " + kScenarios + "baseline.json " + kScenarios +
                                   "hart.json --replications 200 --precision delayed_bed_days=6% --quiet --out " +
                                   dir.string(),
                               dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto summary = nlohmann::json::parse(slurp(dir / "summary.json"));
  const int n = summary.at("replications");
  EXPECT_LT(n, 200);
  const Outcome fixed = homeward("compare " + kScenarios + "baseline.json " + kScenarios +
                                     "hart.json --quiet --replications " + std::to_string(n) + " --out " +
                                     (dir / "fixed").string(),
                                 dir);
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_EQ(slurp(dir / "summary.json"), slurp(dir / "fixed" / "summary.json"));
}

// --patients asks for more replications than the run settles on: it gets those there are.
TEST(Precision, PatientsCoverOnlyTheReplicationsRun) {
  const fs::path dir = scratch("patients");
  const Outcome run = homeward("run " + kScenarios + "baseline.json --replications 200 --seed 3 --quiet "
                                   "--precision delay_days_mean=5% --patients 200 --out " + dir.string(),
                               dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const int n = nlohmann::json::parse(slurp(dir / "summary.json")).at("replications");
  std::set<std::string> replications;
  std::istringstream lines(slurp(dir / "patients.csv"));
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    const auto first = line.find(','), second = line.find(',', first + 1);
    replications.insert(line.substr(first + 1, second - first - 1));
  }
  EXPECT_EQ(replications.size(), static_cast<std::size_t>(n));
  EXPECT_TRUE(replications.contains(std::to_string(n - 1)));
  EXPECT_FALSE(replications.contains(std::to_string(n)));
}

TEST(Precision, BadUseExitsTwoAndWritesNothing) {
  const fs::path dir = scratch("bad");
  const std::string run = "run " + kScenarios + "baseline.json --replications 20 ";
  const Outcome misspelt = homeward(run + "--precision delayed_bed_dayz=1% --out " + (dir / "a").string(), dir);
  EXPECT_EQ(misspelt.exit_code, 2);
  EXPECT_NE(misspelt.err.find("delayed_bed_dayz"), std::string::npos) << misspelt.err;
  EXPECT_FALSE(fs::exists(dir / "a"));
  // A misspelt service: the error lists the measures of that kind the baseline
  // has (its home_care package), and none for its choice service, a delay,
  // which has no queue (docs/measures.md).
  const Outcome service =
      homeward(run + "--precision service.home_cere.queue_mean=1% --out " + (dir / "a").string(), dir);
  EXPECT_EQ(service.exit_code, 2);
  EXPECT_NE(service.err.find("no measure named service.home_cere.queue_mean"), std::string::npos) << service.err;
  EXPECT_NE(service.err.find("service.home_care.queue_mean"), std::string::npos) << service.err;
  EXPECT_EQ(service.err.find("service.choice."), std::string::npos) << service.err;
  EXPECT_EQ(homeward(run + "--precision service.choice.starts=1% --out " + (dir / "a").string(), dir).exit_code, 2);
  // net_saving is a compare's difference (docs/measures.md, "Against the base"), not a replication's.
  const Outcome difference = homeward(run + "--precision net_saving=1% --out " + (dir / "a").string(), dir);
  EXPECT_EQ(difference.exit_code, 2);
  EXPECT_NE(difference.err.find("difference from the base"), std::string::npos) << difference.err;
  EXPECT_FALSE(fs::exists(dir / "a"));
  for (const char* value : {"delayed_bed_days", "delayed_bed_days=0", "delayed_bed_days=150%", "=0.01",
                            "delayed_bed_days=abc"})
    EXPECT_EQ(homeward(run + "--precision " + value, dir).exit_code, 2) << value;
  EXPECT_EQ(homeward(run + "--precision delayed_bed_days=1% --resume --out " + (dir / "b").string(), dir).exit_code, 2);
  EXPECT_EQ(homeward(run + "--precision delayed_bed_days=1% --shard 0/2 --out " + (dir / "c").string(), dir).exit_code,
            2);
}

}  // namespace
