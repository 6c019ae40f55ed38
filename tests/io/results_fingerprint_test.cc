// The results fingerprint: the shipped baseline, read as a user's run reads it,
// simulated at a fixed seed for a fixed number of replications, every measure
// and monthly figure hashed bit for bit. A change that moves any result changes
// the hash, so it cannot pass unnoticed: whoever moves results says so in
// CHANGELOG.md and updates the pin here, in one commit.
//
// Also: CHANGELOG.md's newest version heading is the project's version
// (CMakeLists.txt project(VERSION), which sim/app/version.h and
// `homeward --version` take).
#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <regex>
#include <string>

#include "sim/io/problems.h"
#include "sim/io/scenario_reader.h"
#include "sim/model/prepared_scenario.h"
#include "sim/model/simulation.h"

namespace homeward {
namespace {

constexpr std::uint64_t kSeed = 1;
constexpr std::uint32_t kReplications = 2;
// The pin. Change it only together with a CHANGELOG.md entry (see the failure message).
constexpr std::uint64_t kPinnedFingerprint = 0x73f377b3cb42b467ULL;

// FNV-1a, 64 bits: any changed byte of the text changes the hash.
struct Fnv1a {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  void add(const std::string& text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    }
  }
  // %a prints a double exactly (hexadecimal significand), so equal text is equal bits.
  void add(const std::string& name, double value) {
    char text[64];
    std::snprintf(text, sizeof text, "=%a\n", value);
    add(name);
    add(text);
  }
};

std::uint64_t baseline_fingerprint() {
  const std::string path = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/baseline.json";
  const io::ScenarioReadResult read = io::read_scenario_file(path);
  if (!read.scenario) {
    ADD_FAILURE() << io::format_problems(read.problems);
    return 0;
  }
  const model::PreparedScenario prepared(*read.scenario);
  Fnv1a fnv;
  for (std::uint32_t r = 0; r < kReplications; ++r) {
    const model::ReplicationResult result = model::simulate(prepared, kSeed, r);
    for (const model::Measure& m : result.measures) fnv.add(m.name, m.value);
    for (const model::MonthResult& month : result.months) {
      const std::string at = std::to_string(month.month.year) + "-" + std::to_string(month.month.month) + ".";
      fnv.add(at + "admissions", month.admissions);
      fnv.add(at + "discharges", month.discharges);
      fnv.add(at + "delayed_bed_days", month.delayed_bed_days);
      fnv.add(at + "acute_bed_days", month.acute_bed_days);
      for (double x : month.delayed_days) fnv.add(at + "delayed_days", x);
      for (double x : month.snapshot) fnv.add(at + "snapshot", x);
      for (double x : month.queue_days) fnv.add(at + "queue_days", x);
      for (double x : month.discharges_by_delay) fnv.add(at + "discharges_by_delay", x);
      for (double x : month.delay_days_by_delay) fnv.add(at + "delay_days_by_delay", x);
    }
  }
  return fnv.hash;
}

TEST(ResultsFingerprint, BaselineResultsAreThePinnedOnes) {
  const std::uint64_t fingerprint = baseline_fingerprint();
  char found[32];
  std::snprintf(found, sizeof found, "0x%016" PRIx64 "ULL", fingerprint);
  EXPECT_EQ(fingerprint, kPinnedFingerprint)
      << "Results moved: scenarios/baseline.json at seed " << kSeed << ", " << kReplications
      << " replications, now fingerprints to " << found << ".\n"
      << "If the change is meant, say in CHANGELOG.md (under \"Unreleased\" at the top) what moves and why, "
         "then set kPinnedFingerprint in tests/io/results_fingerprint_test.cc to "
      << found << " in the same commit. If it is not meant, the change has a bug.";
}

TEST(ResultsFingerprint, ChangelogsNewestVersionIsTheProjectVersion) {
  std::ifstream changelog(std::string(HOMEWARD_SOURCE_DIR) + "/CHANGELOG.md");
  ASSERT_TRUE(changelog) << "CHANGELOG.md is missing";
  const std::regex version_heading(R"(^## +v?([0-9]+\.[0-9]+\.[0-9]+)\b.*)");
  std::string line;
  std::smatch m;
  while (std::getline(changelog, line))
    if (std::regex_match(line, m, version_heading)) break;
  ASSERT_FALSE(m.empty()) << "CHANGELOG.md has no \"## X.Y.Z\" heading";
  EXPECT_EQ(m[1].str(), HOMEWARD_PROJECT_VERSION)
      << "CHANGELOG.md's newest version is " << m[1].str() << " but CMakeLists.txt's project(VERSION) is "
      << HOMEWARD_PROJECT_VERSION << ": set one to the other";
}

}  // namespace
}  // namespace homeward
