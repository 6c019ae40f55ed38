// `homeward calibrate` as a user runs it.
#include <gtest/gtest.h>
#include "support/scratch_dirs.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <cstdlib>
#include <iterator>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/app/build_info.h"
#include "sim/app/version.h"

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;
};

// `environment`: assignments put before the command ("PATH=/nowhere").
Outcome homeward(const std::string& arguments, const std::string& environment = "") {
  Outcome o;
  const std::string command = environment + " " + std::string(HOMEWARD_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) o.out += buffer.data();
  const int status = pclose(pipe);
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

fs::path scratch(const std::string& name) {
  const fs::path dir = homeward::testing::scratch_dir("homeward_calibrate_cli", name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

const std::string kTiny = std::string(HOMEWARD_SOURCE_DIR) + "/tests/calib/data/tiny_scenario.json";

void write_data(const fs::path& file) {
  std::ofstream out(file);
  out << "month,series,value\n";
  for (int m = 4; m <= 12; ++m) out << "2019-" << (m < 10 ? "0" : "") << m << ",total,1500\n";
}

nlohmann::json calibration(const fs::path& data) {
  return {{"scenario", kTiny},
          {"data", {{"file", data.string()}, {"layout", "tidy"}}},
          {"series", {{{"name", "total"}}}},
          {"parameters",
           {{{"name", "choice_days"}, {"pointer", "/services/choice/duration_days/mean"}, {"lower", 1}, {"upper", 8}}}},
          {"train", {{"from", "2019-04"}, {"to", "2019-09"}}},
          {"test", {{"from", "2019-10"}, {"to", "2019-12"}}},
          {"replications", 2},
          {"optimiser", {{"evaluations", 12}}}};
}

TEST(CalibrateCli, RunsAndWritesItsFiles) {
  const fs::path dir = scratch("ok");
  write_data(dir / "data.csv");
  std::ofstream(dir / "c.json") << calibration(dir / "data.csv").dump(2);
  const Outcome o = homeward("calibrate " + (dir / "c.json").string() + " --out " + (dir / "out").string() + " --threads 2");
  ASSERT_EQ(o.exit_code, 0) << o.out;
  EXPECT_NE(o.out.find("generation   1  evaluations"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("choice_days"), std::string::npos);
  for (const char* f : {"scenario.json", "provenance.json", "parameters.csv", "fit.csv", "fit_statistics.csv", "search.csv"})
    EXPECT_TRUE(fs::exists(dir / "out" / f)) << f;
  const Outcome validate = homeward("validate " + (dir / "out" / "scenario.json").string());
  EXPECT_EQ(validate.exit_code, 0) << validate.out;
  EXPECT_TRUE(fs::exists(dir / "out" / "warnings.txt"));
  EXPECT_FALSE(fs::exists(dir / "out" / "reasons.csv"));  // only for a template
}

// provenance.json names the version and the commit the binary was built
// from; the binary never runs git, so the commit is the build's.
TEST(CalibrateCli, ProvenanceRecordsTheVersionAndTheCommit) {
  const fs::path dir = scratch("provenance");
  write_data(dir / "data.csv");
  std::ofstream(dir / "c.json") << calibration(dir / "data.csv").dump(2);
  // With git out of reach (an empty PATH for the run), the commit is still there.
  const Outcome o = homeward("calibrate " + (dir / "c.json").string() + " --quiet --out " + (dir / "out").string(),
                             "PATH=/nonexistent");
  ASSERT_EQ(o.exit_code, 0) << o.out;
  std::ifstream in(dir / "out" / "provenance.json");
  const nlohmann::json provenance = nlohmann::json::parse(in);
  EXPECT_EQ(provenance["homeward_version"], homeward::app::kVersion);
  const std::string commit = provenance["homeward_commit"].get<std::string>();
  EXPECT_TRUE(std::regex_match(commit, std::regex("[0-9a-f]{40}(-dirty)?|unknown"))) << commit;
  // The binary and this test were built in the same build: one recorded commit. (Comparing
  // with `git rev-parse HEAD` would fail whenever a commit follows the last build.)
  EXPECT_EQ(commit, std::string(homeward::app::build_commit()));
}

// What `git` says the tree's HEAD is, or "" when it cannot say.
std::string run_text(const std::string& command) {
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  std::string text;
  std::array<char, 256> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) text += buffer.data();
  pclose(pipe);
  return text;
}

// cmake/build_info.cmake, the build step that records the commit, against
// git itself: the checkout's HEAD here, and "unknown" outside a checkout.
TEST(CalibrateCli, BuildInfoScriptRecordsTheCheckoutsHead) {
  const fs::path dir = scratch("build_info");
  const std::string script = std::string(HOMEWARD_SOURCE_DIR) + "/cmake/build_info.cmake";
  const std::string head = run_text("git -C " + std::string(HOMEWARD_SOURCE_DIR) + " rev-parse --verify HEAD");
  if (head.size() < 40) GTEST_SKIP() << "the sources are not a git checkout";
  const std::string out = (dir / "inside.cc").string();
  ASSERT_EQ(std::system(("cmake -DSOURCE_DIR=" + std::string(HOMEWARD_SOURCE_DIR) + " -DOUT=" + out + " -P " + script).c_str()), 0);
  std::ifstream inside(out);
  const std::string text((std::istreambuf_iterator<char>(inside)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("return \"" + head.substr(0, 40)), std::string::npos) << text;
  fs::create_directories(dir / "not_a_checkout");
  const std::string outside = (dir / "outside.cc").string();
  ASSERT_EQ(std::system(("cmake -DSOURCE_DIR=" + (dir / "not_a_checkout").string() + " -DOUT=" + outside + " -P " + script +
                         " >/dev/null 2>&1").c_str()), 0);
  std::ifstream none(outside);
  const std::string unknown((std::istreambuf_iterator<char>(none)), std::istreambuf_iterator<char>());
  EXPECT_NE(unknown.find("return \"unknown\";"), std::string::npos) << unknown;
}

// The council template from the command line on a made-up council (999,
// ONS E99999999): its reasons, the files, and a plain file refusing --council.
TEST(CalibrateCli, CouncilTemplateFromItsCodeAndPopulation) {
  const fs::path dir = scratch("template");
  fs::create_directories(dir / "data");
  {
    std::ofstream out(dir / "data" / "granular.csv");
    out << "month,provider_code,la_code_dh,care_type,reason_code,nhs_days,social_care_days,both_days\n";
    for (int m = 4; m <= 12; ++m) {
      const std::string month = std::string("2019-") + (m < 10 ? "0" : "") + std::to_string(m);
      out << month << ",RX1,999,acute,G,300,0,0\n" << month << ",RX1,999,acute,A,10,0,0\n";
    }
    std::ofstream(dir / "data" / "lookup_local_authorities_2011-04_2019-12.csv")
        << "la_code_dh,la_name,la_code_ons,first_month,last_month\n999,Testshire,E99999999,2011-04,2019-12\n";
  }
  nlohmann::json doc = calibration(dir / "nowhere" / "granular.csv");
  doc["council_template"] = {{"reference_population", 100000}};
  doc["data"] = {{"file", "granular.csv"}, {"layout", "provider_local_authority"}, {"care_type", "acute"}};
  doc["parameters"][0]["reason"] = "G";
  doc["parameters"].push_back({{"name", "assessment_factor"}, {"reason", "A"}, {"pointer", "/services/assessment/duration_days/mean"},
                               {"apply", "multiply"}, {"lower", 0.5}, {"upper", 2}});
  std::ofstream(dir / "template.json") << doc.dump(2);
  const Outcome o = homeward("calibrate " + (dir / "template.json").string() + " --council E99999999 --population 50000 --data-dir " +
                             (dir / "data").string() + " --out " + (dir / "out").string());
  ASSERT_EQ(o.exit_code, 0) << o.out;
  EXPECT_NE(o.out.find("Testshire (DH 999, ONS E99999999), 50000 people, scenario scaled by 0.5"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("G       96.8%  fitted: choice_days"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("A        3.2%  reported"), std::string::npos) << o.out;
  EXPECT_TRUE(fs::exists(dir / "out" / "reasons.csv"));
  std::ifstream in(dir / "out" / "scenario.json");
  const nlohmann::json scenario = nlohmann::json::parse(in);
  EXPECT_EQ(scenario["name"], "testshire_calibrated");
  EXPECT_DOUBLE_EQ(scenario["admissions"]["per_day"]["Mon"].get<double>(), 17);
  // A plain calibration file does not take --council; a template needs it.
  std::ofstream(dir / "c.json") << calibration(dir / "data" / "granular.csv").dump(2);
  const Outcome plain = homeward("calibrate " + (dir / "c.json").string() + " --council 999 --population 5 --quiet");
  EXPECT_EQ(plain.exit_code, 2);
  EXPECT_NE(plain.out.find("expected a council template"), std::string::npos) << plain.out;
  const Outcome missing = homeward("calibrate " + (dir / "template.json").string() + " --quiet");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.out.find("expected a council for this template: --council CODE"), std::string::npos) << missing.out;
}

TEST(CalibrateCli, BadInputExitsTwoListingEveryProblem) {
  const fs::path dir = scratch("bad");
  write_data(dir / "data.csv");
  nlohmann::json doc = calibration(dir / "data.csv");
  doc["replications"] = 0;
  doc["parameters"][0]["pointer"] = "/services/choice/duration";
  doc["data"]["file"] = (dir / "missing.csv").string();
  std::ofstream(dir / "c.json") << doc.dump(2);
  const Outcome o = homeward("calibrate " + (dir / "c.json").string() + " --quiet");
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.out.find("c.json: /replications: expected an integer >= 1, found 0"), std::string::npos) << o.out;
  doc["replications"] = 2;
  std::ofstream(dir / "c.json") << doc.dump(2);
  const Outcome o2 = homeward("calibrate " + (dir / "c.json").string() + " --quiet");
  EXPECT_EQ(o2.exit_code, 2);
  EXPECT_NE(o2.out.find("missing.csv: expected a readable CSV file, found no such file"), std::string::npos) << o2.out;
  EXPECT_NE(o2.out.find("c.json: /parameters/0/pointer: expected a pointer to a number"), std::string::npos) << o2.out;
}

}  // namespace
