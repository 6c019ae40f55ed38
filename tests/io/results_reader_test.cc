// summary.json read back (sim/io/results_reader.h): what results_writer.h
// writes for a run, a compare and an interrupted compare reads back field for
// field, bit for bit, with a ratio's null statistics as NaN; bad files are
// refused naming the file and the JSON pointer of what is wrong.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "sim/io/results_reader.h"
#include "sim/io/results_writer.h"

namespace homeward::io {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Equal bits, or both NaN (a null in summary.json).
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void expect_same(const model::Statistics& read, const model::Statistics& written, const std::string& what) {
  EXPECT_TRUE(same(read.mean, written.mean)) << what;
  EXPECT_TRUE(same(read.sd, written.sd)) << what;
  EXPECT_TRUE(same(read.ci95[0], written.ci95[0])) << what;
  EXPECT_TRUE(same(read.ci95[1], written.ci95[1])) << what;
  EXPECT_TRUE(same(read.p5, written.p5)) << what;
  EXPECT_TRUE(same(read.p50, written.p50)) << what;
  EXPECT_TRUE(same(read.p95, written.p95)) << what;
}

model::ScalarTable table_of(std::size_t rows) {
  model::ScalarTable table;
  for (std::size_t r = 0; r < rows; ++r) {
    model::ReplicationResult replication;
    replication.measures.push_back({"delayed_days", static_cast<double>(r)});
    table.append(replication);
  }
  return table;
}

// Values no decimal text shortens: thirds, a tiny and a huge number, a negative zero's neighbour.
std::vector<model::MeasureSummary> measures(double shift) {
  return {{"delayed_days", {1.0 / 3 + shift, 0.1, {0.2 - shift, 1e300}, -2.5e-310, 7, 123456789.123456789}},
          {"cost_per_acute_bed_day_saved", {-412.75 + shift, kNaN, {kNaN, kNaN}, kNaN, kNaN, kNaN}},
          {"service.\"home care\" & <b>/x~y.utilisation", {0.93, 0.01, {0.92, 0.94}, 0.9, 0.93, 0.95}}};
}

ScenarioInfo info(const std::string& name, const std::string& description) {
  ScenarioInfo s;
  s.name = name;
  s.description = description;
  s.start_date = "2018-04-01";
  s.duration_days = 365;
  s.warmup_days = 90;
  return s;
}

void expect_scenario(const ScenarioSummary& read, const ScenarioInfo& info, const ScenarioResults& written) {
  EXPECT_EQ(read.name, info.name);
  EXPECT_EQ(read.description, info.description);
  EXPECT_EQ(read.replications, written.replications->rows());
  EXPECT_EQ(read.start_date, info.start_date);
  EXPECT_EQ(read.duration_days, info.duration_days);
  EXPECT_EQ(read.warmup_days, info.warmup_days);
  ASSERT_EQ(read.measures.size(), written.summary.size());
  for (std::size_t m = 0; m < read.measures.size(); ++m) {
    EXPECT_EQ(read.measures[m].name, written.summary[m].name);
    expect_same(read.measures[m].statistics, written.summary[m].statistics, read.measures[m].name);
  }
  ASSERT_EQ(read.growing_queues.size(), written.growing_queues.size());
  for (std::size_t g = 0; g < read.growing_queues.size(); ++g) {
    EXPECT_EQ(read.growing_queues[g].service, written.growing_queues[g].service);
    EXPECT_TRUE(same(read.growing_queues[g].first_quarter, written.growing_queues[g].first_quarter));
    EXPECT_TRUE(same(read.growing_queues[g].last_quarter, written.growing_queues[g].last_quarter));
  }
}

TEST(ResultsReader, RunReadsBackEveryField) {
  const ScenarioInfo scenario = info("baseline", "Mid-size trust: <b>\"quoted\"</b> & caf\u00e9\nsecond line");
  const model::ScalarTable rows = table_of(3);
  const ScenarioResults written{&scenario, &rows, measures(0), {}};  // no growing queue
  const Summary read = parse_summary(scenario_summary_json(written, 42).dump(2), "summary.json");
  EXPECT_FALSE(read.compare);
  EXPECT_FALSE(read.partial);
  EXPECT_EQ(read.replications, 3u);
  EXPECT_EQ(read.seed, 42u);
  ASSERT_EQ(read.scenarios.size(), 1u);
  expect_scenario(read.scenarios[0], scenario, written);
  EXPECT_TRUE(read.scenarios[0].growing_queues.empty());
  EXPECT_TRUE(read.scenarios[0].differences.empty());
  EXPECT_TRUE(read.replications_completed.empty());
}

TEST(ResultsReader, CompareReadsBackScenariosGrowingQueuesAndDifferences) {
  const ScenarioInfo base = info("baseline", ""), lever = info("hart", "HART bridging");
  const model::ScalarTable base_rows = table_of(5), lever_rows = table_of(5);
  const std::vector<ScenarioResults> written = {
      {&base, &base_rows, measures(0), {{"step down", 3.25, 11.0 / 3}}},
      {&lever, &lever_rows, measures(1), {}}};
  const std::vector<std::vector<model::DifferenceSummary>> differences = {
      {{"delayed_days", {-1.0 / 7, 0.5, {-2, 1.0 / 9}, -1, 0, 1}, -0.125},
       {"cost_per_acute_bed_day_saved", {88.5, kNaN, {kNaN, 1e9}, kNaN, kNaN, kNaN}, kNaN}}};
  const Summary read =
      parse_summary(compare_summary_json(written, differences, 7).dump(), "out/summary.json");
  EXPECT_TRUE(read.compare);
  EXPECT_FALSE(read.partial);
  EXPECT_EQ(read.replications, 5u);
  EXPECT_EQ(read.seed, 7u);
  ASSERT_EQ(read.scenarios.size(), 2u);
  expect_scenario(read.scenarios[0], base, written[0]);
  expect_scenario(read.scenarios[1], lever, written[1]);
  EXPECT_TRUE(read.scenarios[0].differences.empty());  // the base has no difference from itself
  ASSERT_EQ(read.scenarios[1].differences.size(), 2u);
  for (std::size_t d = 0; d < 2; ++d) {
    const model::DifferenceSummary& got = read.scenarios[1].differences[d];
    EXPECT_EQ(got.name, differences[0][d].name);
    expect_same(got.statistics, differences[0][d].statistics, got.name);
    EXPECT_TRUE(same(got.relative, differences[0][d].relative)) << got.name;
  }
}

// An interrupted compare: the writer leaves the differences out, and the run
// marks the summary partial with the replications each scenario finished
// (sim/app/outputs.cc).
TEST(ResultsReader, PartialCompareHasNoDifferences) {
  const ScenarioInfo base = info("baseline", ""), lever = info("hart", "");
  const model::ScalarTable base_rows = table_of(4), lever_rows = table_of(2);
  const std::vector<ScenarioResults> written = {{&base, &base_rows, measures(0), {}},
                                                {&lever, &lever_rows, measures(0), {}}};
  nlohmann::ordered_json json = compare_summary_json(written, {}, 3);
  ASSERT_FALSE(json.contains("differences"));
  json["partial"] = true;
  json["replications_completed"] = {{"baseline", 4}, {"hart", 2}};
  const Summary read = parse_summary(json.dump(), "summary.json");
  EXPECT_TRUE(read.partial);
  ASSERT_EQ(read.scenarios.size(), 2u);
  EXPECT_EQ(read.scenarios[1].replications, 2u);
  EXPECT_TRUE(read.scenarios[1].differences.empty());
  EXPECT_EQ(read.replications_completed, (std::map<std::string, std::uint64_t>{{"baseline", 4}, {"hart", 2}}));
  // The same file not marked partial lacks what a finished compare has.
  json.erase("partial");
  EXPECT_THROW(parse_summary(json.dump(), "summary.json"), SummaryError);
}

// What is wrong, and where: the file and the JSON pointer.
std::string refusal(const std::string& text) {
  try {
    parse_summary(text, "out/summary.json");
  } catch (const SummaryError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(ResultsReader, BadSummariesAreRefusedNamingWhere) {
  const std::string head = R"({"scenario": "a", "replications": 2, "seed": 1, "start_date": "2018-04-01", )"
                           R"("duration_days": 30, "warmup_days": 0, )";
  EXPECT_NE(refusal("{").find("out/summary.json: not JSON"), std::string::npos);
  EXPECT_EQ(refusal("[]"), "out/summary.json: expected an object");
  EXPECT_EQ(refusal(head + R"("measures": []})"), "out/summary.json/measures: expected an object");
  EXPECT_EQ(refusal(head + R"("measures": {"x": {"mean": 1, "sd": 0, "p5": 0, "p50": 0, "p95": 0, "ci95": [1]}}})"),
            "out/summary.json/measures/x/ci95: expected [low, high]");
  EXPECT_EQ(refusal(head + R"("measures": {"x": {"mean": "1", "sd": 0, "p5": 0, "p50": 0, "p95": 0, "ci95": [1, 1]}}})"),
            "out/summary.json/measures/x/mean: expected a number");
  EXPECT_EQ(refusal(head + R"("measures": {}, "description": 3})"), "out/summary.json/description: expected a string");
  EXPECT_EQ(refusal(head + R"("measures": {}, "growing_queues": [{"service": "s"}]})"),
            "out/summary.json/growing_queues/0: missing \"mean_queue_first_quarter\"");
  EXPECT_EQ(refusal(R"({"replications": 2, "seed": 1, "scenarios": []})"),
            "out/summary.json/scenarios: expected a non-empty array");
  EXPECT_EQ(refusal(R"({"replications": -2, "seed": 1, "scenarios": []})"),
            "out/summary.json/replications: expected a count");
  EXPECT_EQ(refusal(R"({"replications": 2, "seed": 1, "duration_days": 1.5})"),
            "out/summary.json/scenario: expected a string");
  EXPECT_EQ(refusal(head.substr(0, head.find("\"duration_days\"")) + R"("duration_days": 1.5, "warmup_days": 0})"),
            "out/summary.json/duration_days: expected a number of days");
}

TEST(ResultsReader, MissingFileIsNamed) {
  EXPECT_THROW(
      {
        try {
          read_summary("/nonexistent/summary.json");
        } catch (const SummaryError& e) {
          EXPECT_STREQ(e.what(), "/nonexistent/summary.json: cannot read");
          throw;
        }
      },
      SummaryError);
}

}  // namespace
}  // namespace homeward::io
