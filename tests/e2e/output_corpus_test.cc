// The bad-input corpus of outputs: damaged journals (tests/io/corpus/journals)
// and hostile output folders (tests/io/corpus/folders). Each case NAME.sh
// sets up a journal or a folder as a careless or hostile user might and runs
// homeward on it; NAME.expect, as in tests/io/corpus, gives the exit code
// ("exit N", default 2) and fragments the output must contain. A script's
// exit code is homeward's; lines it prints (e.g. "ok: the link's target is
// unchanged") are fragments too, so a case checks that nothing was lost.
//
// Scripts run under bash with HOMEWARD (the binary), RESEAL (journal_reseal:
// seals edited lines again), SCENARIOS (the shipped scenarios' folder), WORK
// (a fresh folder of the case's own) and FIXTURE: a finished run of
// baseline.json, 4 replications, seed 5, in FIXTURE/run, and the same run's
// two shards in FIXTURE/shard0 and FIXTURE/shard1, made once.
#include <gtest/gtest.h>

#include "support/e2e_support.h"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using homeward::testing::e2e::Outcome;
using homeward::testing::e2e::slurp;

const fs::path kCorpus = fs::path(HOMEWARD_SOURCE_DIR) / "tests" / "io" / "corpus";

struct Expectation {
  int exit_code = 2;
  std::vector<std::string> fragments;
};

Expectation read_expectation(const fs::path& path) {
  Expectation e;
  std::istringstream in(slurp(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("exit ", 0) == 0) {
      e.exit_code = std::stoi(line.substr(5));
      continue;
    }
    e.fragments.push_back(line);
  }
  return e;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const char* kind : {"journals", "folders"})
    for (const auto& entry : fs::directory_iterator(kCorpus / kind))
      if (entry.path().extension() == ".sh") names.push_back(std::string(kind) + "/" + entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string single_quoted(const fs::path& p) {
  std::string text = "'";  // in steps: GCC 12 warns falsely (-Wrestrict) on "'" + string
  text += p.string();
  text += '\'';
  return text;
}

// Made once for every case: they copy what they need.
const fs::path& fixture() {
  static const fs::path dir = homeward::testing::e2e::scratch("homeward_output_corpus", "fixture");
  static std::once_flag made;
  std::call_once(made, [] {
    const std::string run = "run " + homeward::testing::e2e::kScenarioDir + "baseline.json -n 4 --seed 5 -q ";
    for (const auto& [name, extra] : {std::pair{"run", ""}, std::pair{"shard0", "--shard 0/2 "},
                                      std::pair{"shard1", "--shard 1/2 "}}) {
      const Outcome made_one = homeward::testing::e2e::homeward(run + extra + "--out " + single_quoted(dir / name), dir);
      ASSERT_EQ(made_one.exit_code, 0) << made_one.err;
    }
  });
  return dir;
}

TEST(OutputCorpus, EveryCaseHasAnExpectationAndEveryExpectationACase) {
  std::vector<std::string> problems;
  for (const char* kind : {"journals", "folders"}) {
    for (const auto& entry : fs::directory_iterator(kCorpus / kind)) {
      const fs::path& p = entry.path();
      if (p.extension() == ".sh" && !fs::exists(fs::path(p).replace_extension(".expect")))
        problems.push_back(p.filename().string() + " has no .expect");
      if (p.extension() == ".expect" && !fs::exists(fs::path(p).replace_extension(".sh")))
        problems.push_back(p.filename().string() + " has no .sh");
      if (p.extension() == ".expect" && read_expectation(p).fragments.empty())
        problems.push_back(p.filename().string() + " expects nothing");
      if (p.extension() != ".sh" && p.extension() != ".expect") problems.push_back("stray file " + p.string());
    }
  }
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
  EXPECT_GE(case_names().size(), 20u);
}

class OutputCase : public ::testing::TestWithParam<std::string> {};

TEST_P(OutputCase, RefusedWithAClearMessageAndNothingLost) {
  const fs::path script = kCorpus / (GetParam() + ".sh");
  const Expectation expected = read_expectation(fs::path(script).replace_extension(".expect"));
  std::string name = GetParam();
  std::replace(name.begin(), name.end(), '/', '_');
  const fs::path work = homeward::testing::e2e::scratch("homeward_output_corpus", name);
  const std::string command = "HOMEWARD=" + single_quoted(HOMEWARD_BINARY) + " RESEAL=" + single_quoted(JOURNAL_RESEAL) +
                              " SCENARIOS=" + single_quoted(homeward::testing::e2e::kScenarioDir) + " FIXTURE=" +
                              single_quoted(fixture()) + " WORK=" + single_quoted(work / "case") + " bash " + single_quoted(script) +
                              " </dev/null";
  fs::create_directories(work / "case");
  const Outcome outcome = homeward::testing::e2e::shell(command, work);
  const std::string output = outcome.out + outcome.err;
  EXPECT_EQ(outcome.exit_code, expected.exit_code) << output;
  for (const std::string& fragment : expected.fragments)
    EXPECT_NE(output.find(fragment), std::string::npos) << "missing \"" << fragment << "\" in:\n" << output;
  EXPECT_EQ(output.find("internal error"), std::string::npos) << output;
}

INSTANTIATE_TEST_SUITE_P(Corpus, OutputCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '/', '_');
                           return name;
                         });

}  // namespace
