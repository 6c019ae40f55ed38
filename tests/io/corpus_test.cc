// The bad-input corpus (tests/io/corpus/): one scenario file per case, each
// NAME.json beside NAME.expect. (Its journals/ and folders/ cases run in
// tests/e2e/output_corpus_test.cc.) Every case is read through read_scenario_file
// and checked against the `homeward validate` exit code and messages, so each
// class of bad input keeps a precise explanation and never crashes the reader.
//
// NAME.expect: lines starting with '#' are comments; "exit N" sets the exit
// code `homeward validate NAME.json` must return (default 2, bad input); every
// other non-empty line is a fragment that must appear in the problems (for
// exit 0, in validate's output, e.g. "corpus: ok").
#include <gtest/gtest.h>
#include "support/scratch_dirs.h"
#include <unistd.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/io/scenario_reader.h"

namespace homeward::io {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(HOMEWARD_SOURCE_DIR) / "tests" / "io" / "corpus";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Expectation {
  int exit_code = 2;
  std::vector<std::string> fragments;
};

Expectation read_expectation(const fs::path& path) {
  Expectation e;
  std::istringstream in(slurp(path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
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
  for (const auto& entry : fs::directory_iterator(kCorpus))
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

struct Outcome {
  int exit_code;
  std::string output;  // stdout then stderr
};

Outcome validate(const fs::path& file) {
  const fs::path dir = homeward::testing::scratch_dir("homeward_corpus", file.stem().string());
  fs::create_directories(dir);
  const std::string command = std::string(HOMEWARD_BINARY) + " validate '" + file.string() + "' >" +
                              (dir / "stdout").string() + " 2>" + (dir / "stderr").string() + " </dev/null";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir / "stdout") + slurp(dir / "stderr")};
}

TEST(Corpus, EveryCaseHasAnExpectationAndEveryExpectationACase) {
  std::vector<std::string> problems;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    const fs::path& p = entry.path();
    if (entry.is_directory()) continue;  // journals/ and folders/: tests/e2e/output_corpus_test.cc
    if (p.extension() == ".json" && !fs::exists(fs::path(p).replace_extension(".expect")))
      problems.push_back(p.filename().string() + " has no .expect");
    if (p.extension() == ".expect") {
      if (!fs::exists(fs::path(p).replace_extension(".json"))) problems.push_back(p.filename().string() + " has no .json");
      if (read_expectation(p).fragments.empty()) problems.push_back(p.filename().string() + " expects nothing");
    }
    if (p.extension() != ".json" && p.extension() != ".expect") problems.push_back("stray file " + p.filename().string());
  }
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
  EXPECT_GE(case_names().size(), 100u);
}

class CorpusCase : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusCase, ReaderAndValidateExplainIt) {
  const fs::path file = kCorpus / (GetParam() + ".json");
  const Expectation expected = read_expectation(fs::path(file).replace_extension(".expect"));

  const ScenarioReadResult read = read_scenario_file(file.string());
  const std::string messages = format_problems(read.problems);
  if (expected.exit_code == 0) {
    EXPECT_TRUE(read.problems.empty()) << messages;
    EXPECT_TRUE(read.scenario.has_value());
  } else {
    EXPECT_FALSE(read.problems.empty());
    EXPECT_FALSE(read.scenario.has_value());
    for (const std::string& fragment : expected.fragments)
      EXPECT_NE(messages.find(fragment), std::string::npos) << "missing \"" << fragment << "\" in:\n" << messages;
  }
  for (const Problem& p : read.problems) {
    EXPECT_EQ(p.message().find('\n'), std::string::npos) << "a problem spans lines: " << p.message();
    EXPECT_LT(p.message().size(), 2000u) << "an unreadably long problem: " << p.message().substr(0, 200);
  }

  const Outcome outcome = validate(file);
  EXPECT_EQ(outcome.exit_code, expected.exit_code) << outcome.output;
  for (const std::string& fragment : expected.fragments)
    EXPECT_NE(outcome.output.find(fragment), std::string::npos)
        << "missing \"" << fragment << "\" in validate's output:\n" << outcome.output;
}

// The API path: a document parsed elsewhere (nlohmann parses any depth) must
// be refused before anything copies it recursively.
TEST(CorpusApi, DeepDocumentFromMemoryIsRefusedWithoutRecursing) {
  for (const bool in_object : {false, true}) {
    nlohmann::json deep = nlohmann::json::array();
    for (int i = 0; i < 200000; ++i) deep = nlohmann::json::array({std::move(deep)});
    nlohmann::json document = in_object ? nlohmann::json{{"name", std::move(deep)}} : std::move(deep);
    const ScenarioReadResult read = read_scenario_json(document, "memory.json");
    ASSERT_EQ(read.problems.size(), 1u);
    EXPECT_NE(read.problems[0].message().find("nested at most 100 deep"), std::string::npos)
        << read.problems[0].message();
  }
}

TEST(CorpusApi, ReadJsonTextMatchesTheFileReader) {
  std::vector<Problem> problems;
  EXPECT_TRUE(read_json_text("\xEF\xBB\xBF{\"a\": 1}", "t.json", problems).has_value());
  EXPECT_TRUE(problems.empty());
  EXPECT_FALSE(read_json_text(std::string_view("{\"a\": 1}\0", 9), "t.json", problems).has_value());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message(), "t.json: expected UTF-8 text, found a NUL byte at line 1, column 9");
}

TEST(CorpusApi, PrintableEscapesControlsAndInvalidUtf8Only) {
  EXPECT_EQ(printable("caf\xC3\xA9 \xE2\x82\xAC ok"), "caf\xC3\xA9 \xE2\x82\xAC ok");
  EXPECT_EQ(printable("a\nb\x1b[0m"), "a\\u000ab\\u001b[0m");
  EXPECT_EQ(printable("\xE9t\xC3"), "\\xe9t\\xc3");
  EXPECT_EQ(printable("\xED\xA0\x80"), "\\xed\\xa0\\x80");  // a surrogate is not UTF-8
  EXPECT_EQ(printable("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace homeward::io
