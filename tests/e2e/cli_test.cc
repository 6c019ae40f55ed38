// End-to-end: the real `homeward` binary on real files.
#include <gtest/gtest.h>

#include "support/e2e_support.h"
#include <unistd.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

using homeward::testing::e2e::Outcome;
using homeward::testing::e2e::slurp;

fs::path scratch(const std::string& name) { return homeward::testing::e2e::scratch("homeward_e2e", name); }

using homeward::testing::e2e::homeward;

const std::string kBaseline = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/baseline.json";

TEST(Cli, SummaryIsIdenticalForAnyThreadCount) {
  const fs::path dir = scratch("threads");
  const Outcome one = homeward("run " + kBaseline + " --replications 6 --seed 7 --threads 1 --quiet --out " +
                                   (dir / "t1").string(), dir);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const Outcome four = homeward("run " + kBaseline + " --replications 6 --seed 7 --threads 4 --quiet --out " +
                                    (dir / "t4").string(), dir);
  ASSERT_EQ(four.exit_code, 0) << four.err;
  for (const char* file : {"summary.json", "replications.csv", "monthly.csv"}) {
    const std::string a = slurp(dir / "t1" / file), b = slurp(dir / "t4" / file);
    EXPECT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, b) << file << " differs between --threads 1 and --threads 4";
  }
  EXPECT_NE(slurp(dir / "t1" / "run-info.json"), "");
  EXPECT_FALSE(fs::exists(dir / "t1" / "summary.json.tmp"));
}

TEST(Cli, SummaryHasTheContractedShape) {
  const fs::path dir = scratch("shape");
  const Outcome run = homeward("run " + kBaseline + " --replications 3 --seed 1 --quiet --out " + dir.string(), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto summary = nlohmann::json::parse(slurp(dir / "summary.json"));
  EXPECT_EQ(summary.at("replications"), 3);
  EXPECT_EQ(summary.at("seed"), 1);
  EXPECT_TRUE(summary.at("scenario").is_string());
  for (const char* name : {"admissions", "discharges", "delay_days_mean", "delay_days_p90",
                           "discharged_within_1_day_share", "delayed_bed_days", "delayed_bed_days.agency.nhs",
                           "delayed_bed_days.agency.social_care", "delayed_bed_days.pathway.P0",
                           "acute_occupancy_mean", "in_hospital_at_end", "cost_total"}) {
    ASSERT_TRUE(summary.at("measures").contains(name)) << name;
    const auto& m = summary["measures"][name];
    for (const char* key : {"mean", "sd", "p5", "p50", "p95"}) EXPECT_TRUE(m.at(key).is_number()) << name << key;
    ASSERT_EQ(m.at("ci95").size(), 2u);
    EXPECT_LE(m["ci95"][0].get<double>(), m["mean"].get<double>());
    EXPECT_GE(m["ci95"][1].get<double>(), m["mean"].get<double>());
  }
  // Results alone: which journal they came from is in run-info.json, so that
  // `homeward serve` (another journal header) writes the same summary.json.
  EXPECT_FALSE(summary.contains("journal"));
  const auto info = nlohmann::json::parse(slurp(dir / "run-info.json"));
  const std::string journal = slurp(dir / "journal.jsonl");
  const std::string header = journal.substr(0, journal.find('\n'));
  EXPECT_EQ(info.at("journal").at("header_crc32c"), nlohmann::json::parse(header).at("crc32c"));
  EXPECT_EQ(info.at("journal").at("records"), 3);
  // The table names the scenario and the headline measure.
  EXPECT_NE(run.out.find("Delayed bed days"), std::string::npos);
  // replications.csv: a header and one row per replication.
  std::istringstream csv(slurp(dir / "replications.csv"));
  std::string line;
  int lines = 0;
  while (std::getline(csv, line)) ++lines;
  EXPECT_EQ(lines, 4);
  EXPECT_EQ(slurp(dir / "monthly.csv").rfind("scenario,replication,month,measure,reason,agency,value\n", 0), 0u);
}

TEST(Cli, BadInputExitsTwoNamingFileAndPointer) {
  const fs::path dir = scratch("bad");
  auto document = nlohmann::json::parse(slurp(kBaseline));
  document["warmup_dayz"] = 10;
  std::ofstream(dir / "typo.json") << document.dump(2);
  const Outcome run = homeward("run " + (dir / "typo.json").string() + " --out " + (dir / "out").string(), dir);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("typo.json"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("/warmup_dayz"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "summary.json"));

  const Outcome missing = homeward("validate " + (dir / "nope.json").string(), dir);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope.json"), std::string::npos);

  const Outcome bad_flag = homeward("run " + kBaseline + " --replications 0", dir);
  EXPECT_EQ(bad_flag.exit_code, 2);
}

TEST(Cli, ValidateAcceptsShippedScenarios) {
  const fs::path dir = scratch("validate");
  for (const char* name : {"baseline.json", "large_trust.json", "seven_day.json", "hart.json", "trusted_assessor.json",
                           "home_first.json", "early_planning.json", "combined.json"}) {
    const Outcome v = homeward("validate " + std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/" + name, dir);
    EXPECT_EQ(v.exit_code, 0) << name << ": " << v.err;
  }
}

TEST(Cli, CompareWritesPairedDifferencesAndSavingsTable) {
  const fs::path dir = scratch("compare");
  const std::string scenarios = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/";
  const Outcome run = homeward("compare " + kBaseline + " " + scenarios + "hart.json " + scenarios +
                                   "seven_day.json --replications 4 --seed 3 --quiet --out " + dir.string(), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto summary = nlohmann::json::parse(slurp(dir / "summary.json"));
  EXPECT_EQ(summary.at("base"), "baseline");
  ASSERT_EQ(summary.at("scenarios").size(), 3u);
  EXPECT_EQ(summary["scenarios"][1].at("scenario"), "hart");
  const auto& d = summary.at("differences").at("hart").at("acute_bed_days");
  for (const char* key : {"mean", "sd", "relative"}) EXPECT_TRUE(d.at(key).is_number()) << key;
  ASSERT_EQ(d.at("ci95").size(), 2u);
  // The paired difference is the difference of the scenarios' means (same replications).
  const double base = summary["scenarios"][0]["measures"]["acute_bed_days"]["mean"];
  const double hart = summary["scenarios"][1]["measures"]["acute_bed_days"]["mean"];
  EXPECT_NEAR(d["mean"].get<double>(), hart - base, 1e-6 * base);
  EXPECT_NEAR(d["relative"].get<double>(), (hart - base) / base, 1e-9);
  // Measures only one scenario has (the bridge) are not differenced.
  EXPECT_FALSE(summary["differences"]["hart"].contains("service.hart.starts"));
  EXPECT_NE(run.out.find("acute bed days saved/yr"), std::string::npos);
  EXPECT_NE(run.out.find("seven_day"), std::string::npos);
}

}  // namespace
