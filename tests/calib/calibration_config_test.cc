#include "calib/calibration_config.h"

#include <gtest/gtest.h>

namespace homeward::calib {
namespace {

using nlohmann::json;

json good() {
  return json::parse(R"({
    "scenario": "../scenarios/s.json",
    "data": {"file": "data/kent.csv", "layout": "local_authority", "local_authority": "820", "care_type": "acute"},
    "series": [{"name": "total"}, {"name": "care_home", "reasons": ["D1", "D_ii"], "weight": 0.5},
               {"name": "social", "agencies": ["social_care"]}],
    "parameters": [{"name": "beds", "pointer": "/services/step_down/beds", "lower": 10, "upper": 90, "integer": true},
                   {"name": "choice", "pointers": ["/a", "/b"], "apply": "multiply", "lower": 0.5, "upper": 2,
                    "log_scale": true, "start": 1.2}],
    "train": {"from": "2018-04", "to": "2019-03"},
    "test": {"from": "2019-04", "to": "2019-09"},
    "replications": 6, "seed": 7,
    "optimiser": {"method": "cma_es", "evaluations": 120, "population": 10, "initial_step": 0.2, "tolerance": 0.01}
  })");
}

std::vector<std::string> messages(const json& document) {
  std::vector<std::string> out;
  for (const io::Problem& p : read_calibration_json(document, "calib/c.json").problems) out.push_back(p.message());
  return out;
}

TEST(CalibrationConfig, ReadsEveryKey) {
  const ConfigReadResult read = read_calibration_json(good(), "calib/c.json");
  ASSERT_TRUE(read.config) << io::format_problems(read.problems);
  const CalibrationConfig& c = *read.config;
  EXPECT_EQ(c.scenario_file, "scenarios/s.json");  // relative to the calibration file
  EXPECT_EQ(c.data.file, "calib/data/kent.csv");
  EXPECT_EQ(c.data.layout, DataLayout::local_authority);
  EXPECT_EQ(c.data.local_authority, "820");
  EXPECT_EQ(c.data.care_type, CareType::acute);
  EXPECT_EQ(c.data.months.first, *parse_month("2018-04"));
  EXPECT_EQ(c.data.months.last, *parse_month("2019-09"));
  ASSERT_EQ(c.series.size(), 3u);
  EXPECT_EQ(c.series[1].reasons, (std::vector<model::Reason>{model::Reason::D_i, model::Reason::D_ii}));
  EXPECT_EQ(c.series[1].weight, 0.5);
  EXPECT_EQ(c.series[2].agencies, std::vector<model::Agency>{model::Agency::social_care});
  ASSERT_EQ(c.parameters.size(), 2u);
  EXPECT_TRUE(c.parameters[0].integer);
  EXPECT_EQ(c.parameters[1].pointers, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_TRUE(c.parameters[1].multiply);
  EXPECT_TRUE(c.parameters[1].log_scale);
  EXPECT_EQ(c.parameters[1].start, 1.2);
  EXPECT_EQ(c.train.size(), 12);
  EXPECT_EQ(c.test.size(), 6);
  EXPECT_EQ(c.replications, 6);
  EXPECT_EQ(c.final_replications, 6);  // defaults to replications
  EXPECT_EQ(c.seed, 7u);
  EXPECT_EQ(c.optimiser.evaluations, 120);
  EXPECT_EQ(c.optimiser.population, 10);
}

TEST(CalibrationConfig, UnknownKeysAreProblemsWithAHint) {
  json doc = good();
  doc["replicatons"] = 4;
  doc["data"]["provider"] = "RVV";  // not a key of the local_authority layout
  const auto m = messages(doc);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0], "calib/c.json: /data/provider: expected one of the keys for the local_authority layout (care_type, "
                  "comment, file, layout, local_authority), found unknown key \"provider\"");
  EXPECT_NE(m[1].find("/replicatons: expected one of the keys"), std::string::npos) << m[1];
  EXPECT_NE(m[1].find("(did you mean \"replications\"?)"), std::string::npos) << m[1];
}

TEST(CalibrationConfig, ListsEveryProblemWithItsPointer) {
  json doc = good();
  doc.erase("scenario");
  doc["data"]["layout"] = "wide";
  doc["series"][0]["name"] = "total";
  doc["series"][1]["name"] = "total";
  doc["series"][2]["reasons"] = {"Z"};
  doc["parameters"][0]["upper"] = 5;
  doc["parameters"][1].erase("pointers");
  doc["parameters"][1]["lower"] = 0;
  doc["test"]["from"] = "2019-02";
  doc["optimiser"]["method"] = "simplex";
  const auto m = messages(doc);
  const std::vector<std::string> expected = {
      "calib/c.json: /scenario: expected a string, found no such key",
      "calib/c.json: /data/layout: expected a layout (one of local_authority, provider, provider_local_authority, "
      "national, national_by_reason_agency, tidy, drd), found \"wide\"",
      "calib/c.json: /series/1/name: expected a name no other series has, found \"total\"",
      "calib/c.json: /series/2/reasons/0: expected a DToC reason (A B C D_i D_ii E F G H I O), found \"Z\"",
      "calib/c.json: /parameters/0/upper: expected a number > lower (10), found 5",
      "calib/c.json: /parameters/1: expected exactly one of \"pointer\" (a JSON pointer) or \"pointers\" (an array of "
      "them), found neither",
      "calib/c.json: /parameters/1/lower: expected a number > 0 (log_scale is true), found 0",
      "calib/c.json: /test: expected months that do not overlap the training months, found 2019-02 to 2019-09",
      "calib/c.json: /optimiser/method: expected an optimiser (one of cma_es), found \"simplex\"",
  };
  EXPECT_EQ(m, expected);
}

TEST(CalibrationConfig, MonthsMustBeWrittenAndOrdered) {
  json doc = good();
  doc["train"] = {{"from", "2019-03"}, {"to", "2018-04"}};
  doc["test"] = {{"from", "April 2019"}, {"to", "2019-09"}};
  const auto m = messages(doc);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0], "calib/c.json: /train/to: expected a month not before \"from\" (2019-03), found \"2018-04\"");
  EXPECT_EQ(m[1], "calib/c.json: /test/from: expected a month written YYYY-MM, found \"April 2019\"");
}

TEST(CalibrationConfig, FileProblemsComeFromTheJsonReader) {
  const ConfigReadResult read = read_calibration_file("/nonexistent/c.json");
  EXPECT_FALSE(read.config);
  ASSERT_FALSE(read.problems.empty());
  EXPECT_NE(read.problems[0].message().find("/nonexistent/c.json"), std::string::npos);
}

// Two parameters on one value: the later would silently undo the earlier.
TEST(CalibrationConfig, TwoParametersOnOnePointerAreRefused) {
  json twice = good();
  twice["parameters"][1]["pointers"] = {"/a", "/services/step_down/beds"};
  EXPECT_EQ(messages(twice), std::vector<std::string>{
                                 "calib/c.json: /parameters/1/pointers/1: expected a value no other parameter sets, "
                                 "found \"/services/step_down/beds\" again (set at /parameters/0/pointer)"});
  json inside = good();
  inside["parameters"][1]["pointers"] = {"/services/step_down", "/b"};
  EXPECT_EQ(messages(inside), std::vector<std::string>{
                                  "calib/c.json: /parameters/1/pointers/0: expected a value apart from the values "
                                  "other parameters set, found \"/services/step_down\", which overlaps "
                                  "\"/services/step_down/beds\" (set at /parameters/0/pointer)"});
  json repeated = good();
  repeated["parameters"][1]["pointers"] = {"/a", "/a"};
  EXPECT_EQ(messages(repeated).size(), 1u);
  json apart = good();
  apart["parameters"][1]["pointers"] = {"/services/step_down_x/beds", "/services/step_downbeds"};
  EXPECT_TRUE(messages(apart).empty());
}

// A local-authority layout names its council; a council template may leave it
// out, since the instance's --council gives it (calib/council_template.cc).
TEST(CalibrationConfig, ALocalAuthorityLayoutNamesItsCouncilUnlessATemplate) {
  json doc = good();
  doc["data"].erase("local_authority");
  const auto m = messages(doc);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_NE(m[0].find("calib/c.json: /data/local_authority: expected"), std::string::npos) << m[0];
  doc["council_template"] = {{"reference_population", 332000}};
  const ConfigReadResult read = read_calibration_json(doc, "calib/c.json");
  ASSERT_TRUE(read.config) << io::format_problems(read.problems);
  EXPECT_EQ(read.config->data.local_authority, "");
}

}  // namespace
}  // namespace homeward::calib
