// `homeward calibrate` as a user runs it.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;
};

Outcome homeward(const std::string& arguments) {
  Outcome o;
  const std::string command = std::string(HOMEWARD_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) o.out += buffer.data();
  const int status = pclose(pipe);
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("homeward_calibrate_cli_" + name);
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
