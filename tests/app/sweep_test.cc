// Sweeps (sim/app/sweep.h, sweep_files.h) and the family core they share
// with sensitivity and optimise (scenario_family.h): settings land where the
// pointer says or are refused with the pointer named; every combination is
// run with common random numbers, so a point's difference from the first is
// exactly the difference of their means; sweep.csv has the columns the issue
// asks for; and the results are the same on any number of threads.
#include "sim/app/sweep.h"

#include <gtest/gtest.h>

#include <sstream>

#include "sim/app/sweep_files.h"

namespace homeward::app {
namespace {

using nlohmann::json;

json small_pool() {
  return json::parse(R"({
    "name": "pool", "start_date": "2019-04-01", "warmup_days": 20, "duration_days": 100, "cost_per_bed_day": 400,
    "admissions": {"per_day": {"Mon": 4, "Tue": 4, "Wed": 4, "Thu": 4, "Fri": 4, "Sat": 4, "Sun": 4}},
    "cohorts": [{"name": "all", "share": 1, "pathway": "P2", "time_to_mffd_days": {"dist": "constant", "value": 0}}],
    "services": {"pool": {"kind": "beds", "reason": "C", "agency": "nhs", "beds": 5,
      "schedule": [{"days": ["all", "BankHoliday"], "from_hour": 0, "to_hour": 24}],
      "length_of_stay_days": {"dist": "exponential", "mean": 1}, "cost_per_staffed_bed_day": 88}},
    "exits": ["home"],
    "routes": {"P2": [{"to": "pool", "probability": 1}], "pool": [{"to": "home", "probability": 1}]}})");
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

SweepResult sweep(std::vector<SweepAxis> axes, int threads, std::uint32_t replications = 4) {
  std::vector<io::Problem> problems;
  auto prepared = prepare_sweep(FamilyBase{"pool.json", small_pool()}, std::move(axes), problems);
  EXPECT_TRUE(prepared) << io::format_problems(problems);
  BatchOptions options;
  options.replications = replications;
  options.seed = 3;
  options.threads = threads;
  auto result = run_sweep(*prepared, options);
  EXPECT_TRUE(result);
  return *result;
}

TEST(ApplySettings, SetsMembersAndElementsOrNamesThePointer) {
  std::vector<io::Problem> problems;
  const auto doc = apply_settings(small_pool(),
                                  {{"/services/pool/beds", 7}, {"/services/pool/schedule/0/starts", 3},
                                   {"/services/pool/cost_per_staffed_hour", 50}},
                                  "pool.json", problems);
  ASSERT_TRUE(doc) << io::format_problems(problems);
  EXPECT_EQ((*doc)["services"]["pool"]["beds"], 7);
  EXPECT_EQ((*doc)["services"]["pool"]["schedule"][0]["starts"], 3);
  EXPECT_EQ((*doc)["services"]["pool"]["cost_per_staffed_hour"], 50);  // a member may be added

  EXPECT_FALSE(apply_settings(small_pool(),
                              {{"/services/nope/beds", 7}, {"/services/pool/schedule/4", 1}, {"services", 1},
                               {"/services/pool/beds/x", 1}},
                              "pool.json", problems));
  const std::string text = io::format_problems(problems);
  EXPECT_NE(text.find("pool.json: /services/nope/beds: expected a pointer whose parent exists in the scenario, "
                      "found no \"/services/nope\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("/services/pool/schedule/4: expected an index from 0 to 0 of the array there"), std::string::npos)
      << text;
  EXPECT_NE(text.find("expected a JSON pointer such as /services/hart/slots, found \"services\""), std::string::npos)
      << text;
  EXPECT_NE(text.find("/services/pool/beds/x: expected a pointer into an object or array, found 5"), std::string::npos)
      << text;
}

TEST(Sweep, BadValuesAreReportedWithTheirCombination) {
  std::vector<io::Problem> problems;
  EXPECT_FALSE(prepare_sweep(FamilyBase{"pool.json", small_pool()}, {{"/services/pool/beds", {6, -1, "x"}}}, problems));
  const std::string text = io::format_problems(problems);
  EXPECT_NE(text.find("pool.json (with /services/pool/beds = -1): /services/pool/beds: expected an integer >= 1, "
                      "found -1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("(with /services/pool/beds = \"x\")"), std::string::npos) << text;
  problems.clear();
  EXPECT_FALSE(prepare_sweep(FamilyBase{"pool.json", small_pool()},
                             {{"/services/pool/beds", {6}}, {"/services/pool/beds", {7}}}, problems));
  EXPECT_FALSE(prepare_sweep(FamilyBase{"pool.json", small_pool()}, {}, problems));
  EXPECT_FALSE(prepare_sweep(FamilyBase{"pool.json", small_pool()},
                             {{"/a", std::vector<json>(200, 1)}, {"/b", std::vector<json>(200, 1)}}, problems));
  EXPECT_NE(io::format_problems(problems).find("at most 10000 combinations"), std::string::npos);
}

TEST(Sweep, DifferenceFromFirstIsTheDifferenceOfPairedMeans) {
  const SweepResult result = sweep({{"/services/pool/beds", {5, 6, 8}}}, 1);
  ASSERT_EQ(result.points.size(), 3u);
  const auto& first = result.points[0].outcome.summary;
  for (std::size_t p = 1; p < 3; ++p) {
    const auto& point = result.points[p].outcome;
    for (const char* m : {"delayed_bed_days", "cost_total", "admissions"}) {
      const model::Statistics* d = find_statistics(point.differences, m);
      ASSERT_NE(d, nullptr) << m;
      EXPECT_NEAR(d->mean, find_statistics(point.summary, m)->mean - find_statistics(first, m)->mean,
                  1e-9 * std::max(1.0, std::fabs(find_statistics(first, m)->mean)))
          << m;
    }
    // Common random numbers: every point sees the same admissions.
    EXPECT_EQ(find_statistics(point.differences, "admissions")->sd, 0);
    // The staffed beds cost exactly 88 a day each, more for each bed.
    EXPECT_DOUBLE_EQ(find_statistics(point.summary, "service.pool.cost.staffed")->mean,
                     88.0 * 100 * result.points[p].values[0].get<double>());
  }
  // More beds, shorter waits (the mean over the same patients).
  EXPECT_GT(find_statistics(first, "delayed_bed_days")->mean,
            find_statistics(result.points[2].outcome.summary, "delayed_bed_days")->mean);
}

TEST(Sweep, CsvIsTidyWithOneValueColumnPerPointer) {
  const SweepResult one = sweep({{"/services/pool/beds", {5, 6}}}, 1, 2);
  const auto rows = lines(sweep_csv(one));
  EXPECT_EQ(rows[0], "value,measure,mean,ci95_low,ci95_high,difference_from_first");
  const std::size_t measures = one.points[0].outcome.summary.size();
  EXPECT_EQ(rows.size(), 1 + 2 * measures);
  EXPECT_EQ(rows[1].rfind("5,admissions,", 0), 0u) << rows[1];
  EXPECT_EQ(rows[1].substr(rows[1].rfind(',')), ",0");  // the first point against itself
  EXPECT_EQ(rows[1 + measures].rfind("6,admissions,", 0), 0u);

  const SweepResult two = sweep({{"/services/pool/beds", {5, 6}}, {"/cost_per_bed_day", {300, 400}}}, 1, 2);
  const auto rows2 = lines(sweep_csv(two));
  EXPECT_EQ(rows2[0], "/services/pool/beds,/cost_per_bed_day,measure,mean,ci95_low,ci95_high,difference_from_first");
  // The last axis varies fastest.
  EXPECT_EQ(two.points[1].values, (std::vector<json>{5, 400}));
  EXPECT_EQ(two.points[2].values, (std::vector<json>{6, 300}));
  EXPECT_EQ(rows2.size(), 1 + 4 * two.points[0].outcome.summary.size());
  const json j = sweep_json(two);
  EXPECT_EQ(j["axes"][1]["pointer"], "/cost_per_bed_day");
  EXPECT_EQ(j["points"].size(), 4u);
  EXPECT_TRUE(j["points"][3]["differences_from_first"].contains("net_saving"));
}

TEST(Sweep, TheSameOnAnyNumberOfThreads) {
  EXPECT_EQ(sweep_csv(sweep({{"/services/pool/beds", {5, 7}}}, 1)), sweep_csv(sweep({{"/services/pool/beds", {5, 7}}}, 2)));
}

}  // namespace
}  // namespace homeward::app
