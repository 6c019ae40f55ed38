// The whole calibration on a small scenario: parameter recovery from data
// the simulator made at known values, the same result on any number of
// threads, the output files, and the cross-checks of the setup.
#include "calib/calibration.h"

#include <gtest/gtest.h>
#include "support/scratch_dirs.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "calib/calibration_outputs.h"
#include "calib_test_support.h"
#include "sim/io/scenario_reader.h"
#include "sim/model/simulation.h"

namespace homeward::calib {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kTiny = std::string(HOMEWARD_SOURCE_DIR) + "/tests/calib/data/tiny_scenario.json";

fs::path scratch(const std::string& name) {
  const fs::path dir = homeward::testing::scratch_dir("homeward_calib_test", name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json tiny_scenario() { return json::parse(slurp(kTiny)); }

// The tiny scenario with the assessment, equipment and choice times set,
// simulated `replications` times: its mean monthly total, A, F and G as a tidy file.
void write_truth(const fs::path& file, double assessment, double equipment, double choice_factor, int replications) {
  json doc = tiny_scenario();
  doc["services"]["assessment"]["duration_days"]["mean"] = assessment;
  doc["services"]["equipment"]["duration_days"]["mean"] = equipment;
  doc["services"]["choice"]["duration_days"]["mean"] = 4 * choice_factor;
  doc["services"]["choice"]["duration_days"]["sd"] = 3 * choice_factor;
  io::ScenarioReadResult read = io::read_scenario_json(doc, "truth");
  ASSERT_TRUE(read.scenario) << io::format_problems(read.problems);
  const model::PreparedScenario prepared(std::move(*read.scenario));
  ObservedTarget target;
  target.series = {testing::series("total"), testing::series("A", {model::Reason::A}), testing::series("F", {model::Reason::F}),
                   testing::series("G", {model::Reason::G})};
  for (Month m = *parse_month("2019-04"); m <= *parse_month("2020-03"); ++m) {
    target.months.push_back(m);
    target.split.push_back(Split::train);
  }
  const std::size_t cells = 4 * target.month_count();
  std::vector<double> sum(cells, 0.0), one(cells);
  for (int r = 0; r < replications; ++r) {
    ASSERT_TRUE(simulated_values(target, model::simulate(prepared, 1000, static_cast<std::uint32_t>(r)), one));
    for (std::size_t c = 0; c < cells; ++c) sum[c] += one[c] / replications;
  }
  std::ofstream out(file);
  out << "month,series,value\n";
  const char* names[] = {"total", "reason.A", "reason.F", "reason.G"};
  for (std::size_t s = 0; s < 4; ++s)
    for (std::size_t j = 0; j < target.month_count(); ++j)
      out << month_iso(target.months[j]) << "," << names[s] << "," << sum[s * target.month_count() + j] << "\n";
}

json calibration_file(const fs::path& data, int evaluations) {
  json doc = json::parse(R"({
    "series": [{"name": "total"}, {"name": "A", "reasons": ["A"]}, {"name": "F", "reasons": ["F"]},
               {"name": "G", "reasons": ["G"]}],
    "parameters": [
      {"name": "assessment_days", "pointer": "/services/assessment/duration_days/mean", "lower": 0.2, "upper": 3,
       "log_scale": true},
      {"name": "equipment_days", "pointer": "/services/equipment/duration_days/mean", "lower": 0.5, "upper": 6},
      {"name": "choice_factor", "pointers": ["/services/choice/duration_days/mean", "/services/choice/duration_days/sd"],
       "apply": "multiply", "lower": 0.3, "upper": 3, "log_scale": true}],
    "train": {"from": "2019-04", "to": "2019-12"},
    "test": {"from": "2020-01", "to": "2020-03"},
    "replications": 4, "final_replications": 8, "seed": 1
  })");
  doc["scenario"] = kTiny;
  doc["data"] = {{"file", data.string()}, {"layout", "tidy"}};
  doc["optimiser"] = {{"evaluations", evaluations}};
  return doc;
}

CalibrationSetup prepared(const json& document, const fs::path& dir) {
  const fs::path file = dir / "calibration.json";
  std::ofstream(file) << document.dump(2);
  SetupResult setup = prepare_calibration(file.string());
  EXPECT_TRUE(setup.setup) << io::format_problems(setup.problems);
  return std::move(*setup.setup);
}

TEST(Calibration, RecoversTheParametersThatMadeTheData) {
  const fs::path dir = scratch("recovery");
  write_truth(dir / "truth.csv", 1.2, 3.0, 0.6, 24);  // another seed and more replications than the search
  // Eight replications a candidate: with four, the search's own Monte Carlo
  // noise moved the fitted choice factor 10% (0.540 for 0.6; seed-dependent).
  json document = calibration_file(dir / "truth.csv", 160);
  document["replications"] = 8;
  const CalibrationSetup setup = prepared(document, dir);
  const CalibrateOptions options;
  const CalibrationResult result = calibrate(setup, options);
  // The start (the scenario's 0.8, 2 and 1) is far off; the fit is close.
  EXPECT_GT(result.start_objective, 20 * result.objective);
  EXPECT_NEAR(result.best_values[0], 1.2, 0.12);
  EXPECT_NEAR(result.best_values[1], 3.0, 0.3);
  EXPECT_NEAR(result.best_values[2], 0.6, 0.06);
  for (const ParameterFit& p : result.parameters) {
    EXPECT_TRUE(std::isfinite(p.standard_error));
    EXPECT_LT(p.interval_low, p.value);
    EXPECT_GT(p.interval_high, p.value);
  }
  ASSERT_EQ(result.statistics.size(), 8u);
  for (const SeriesStatistics& s : result.statistics) EXPECT_LT(s.mape, 15) << setup.config.series[s.series].name;
  EXPECT_LE(result.evaluations, 160);
  EXPECT_EQ(result.trace.size(), static_cast<std::size_t>(result.evaluations));
}

TEST(Calibration, SameResultOnOneOrTwoThreads) {
  const fs::path dir = scratch("threads");
  write_truth(dir / "truth.csv", 1.0, 2.5, 0.8, 4);
  const CalibrationSetup setup = prepared(calibration_file(dir / "truth.csv", 25), dir);
  CalibrateOptions one, two;
  one.threads = 1;
  two.threads = 2;
  one.date = two.date = "2020-01-01";
  const CalibrationResult a = calibrate(setup, one);
  const CalibrationResult b = calibrate(setup, two);
  EXPECT_EQ(a.best_values, b.best_values);
  EXPECT_EQ(a.objective, b.objective);
  ASSERT_EQ(a.trace.size(), b.trace.size());
  for (std::size_t i = 0; i < a.trace.size(); ++i) EXPECT_EQ(a.trace[i].objective, b.trace[i].objective);
  EXPECT_EQ(fit_csv(setup, a), fit_csv(setup, b));
  EXPECT_EQ(a.scenario.dump(), b.scenario.dump());
}

TEST(Calibration, WritesAValidScenarioAndTheTables) {
  const fs::path dir = scratch("outputs");
  write_truth(dir / "truth.csv", 1.0, 2.5, 0.8, 4);
  const CalibrationSetup setup = prepared(calibration_file(dir / "truth.csv", 12), dir);
  const CalibrateOptions options;
  const CalibrationResult result = calibrate(setup, options);
  write_calibration_outputs((dir / "out").string(), setup, result);
  const io::ScenarioReadResult fitted = io::read_scenario_file((dir / "out" / "scenario.json").string());
  ASSERT_TRUE(fitted.scenario) << io::format_problems(fitted.problems);
  EXPECT_EQ(fitted.scenario->name, "tiny_calibrated");
  const json scenario = json::parse(slurp(dir / "out" / "scenario.json"));
  EXPECT_EQ(scenario["services"]["assessment"]["duration_days"]["mean"].get<double>(), result.best_values[0]);
  EXPECT_EQ(scenario.at("comment").get<std::string>().rfind("Calibrated by homeward calibrate on ", 0), 0u);
  const json provenance = json::parse(slurp(dir / "out" / "provenance.json"));
  EXPECT_EQ(provenance["train"]["from"], "2019-04");
  EXPECT_EQ(provenance["objective"]["fitted"].get<double>(), result.objective);
  const std::string parameters = slurp(dir / "out" / "parameters.csv");
  EXPECT_EQ(parameters.substr(0, parameters.find('\n')),
            "name,reason,pointer,apply,start,value,lower,upper,log_scale,integer,near_bound,standard_error,"
            "interval95_low,interval95_high,search_sd,restarts,restart_min,restart_max,restart_sd");
  EXPECT_NE(parameters.find("choice_factor,,/services/choice/duration_days/mean /services/choice/duration_days/sd,"
                            "multiply,1,"),
            std::string::npos);
  const std::string fit = slurp(dir / "out" / "fit.csv");
  EXPECT_EQ(std::count(fit.begin(), fit.end(), '\n'), 1 + 4 * 12);
  EXPECT_NE(fit.find("\n2020-03,G,test,"), std::string::npos);
  const std::string stats = slurp(dir / "out" / "fit_statistics.csv");
  EXPECT_EQ(std::count(stats.begin(), stats.end(), '\n'), 1 + 4 * 2);
  const std::string search = slurp(dir / "out" / "search.csv");
  EXPECT_EQ(std::count(search.begin(), search.end(), '\n'), 1 + result.evaluations);
  EXPECT_NE(calibration_summary(setup, result).find("total            test"), std::string::npos);
}

// Three restarts run together: each is the search a single run with its
// seed makes; the best on the common final replications is kept, and the
// spread of the restarts' values is theirs.
TEST(Calibration, RestartsKeepTheBestAndReportTheirSpread) {
  const fs::path dir = scratch("restarts");
  write_truth(dir / "truth.csv", 1.0, 2.5, 0.8, 4);
  json document = calibration_file(dir / "truth.csv", 25);
  document["restarts"] = 3;
  const CalibrationSetup setup = prepared(document, dir);
  CalibrateOptions options;
  options.date = "2020-01-01";
  const CalibrationResult result = calibrate(setup, options);
  ASSERT_EQ(result.restarts.size(), 3u);
  std::size_t best = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(result.restarts[k].seed, 1 + k);
    if (result.restarts[k].final_objective < result.restarts[best].final_objective) best = k;
  }
  EXPECT_EQ(result.best_restart, static_cast<int>(best));
  EXPECT_EQ(result.best_values, result.restarts[best].values);
  for (std::size_t i = 0; i < setup.space->size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    const double a = result.restarts[0].values[k], b = result.restarts[1].values[k], c = result.restarts[2].values[k];
    const double mean = (a + b + c) / 3;
    EXPECT_EQ(result.parameters[i].restart_min, std::min({a, b, c}));
    EXPECT_EQ(result.parameters[i].restart_max, std::max({a, b, c}));
    EXPECT_NEAR(result.parameters[i].restart_sd,
                std::sqrt(((a - mean) * (a - mean) + (b - mean) * (b - mean) + (c - mean) * (c - mean)) / 2), 1e-12);
  }
  EXPECT_EQ(result.evaluations, result.restarts[0].evaluations + result.restarts[1].evaluations + result.restarts[2].evaluations);
  // Restart 2 (seed 2) is exactly the single search of seed 2.
  json alone = calibration_file(dir / "truth.csv", 25);
  alone["seed"] = 2;
  const CalibrationResult single = calibrate(prepared(alone, dir), options);
  EXPECT_EQ(single.restarts[0].values, result.restarts[1].values);
  EXPECT_EQ(single.restarts[0].search_objective, result.restarts[1].search_objective);
  EXPECT_EQ(single.parameters[0].restart_sd, 0);
  // And the same on one thread as on two.
  CalibrateOptions one = options;
  one.threads = 1;
  const CalibrationResult on_one = calibrate(setup, one);
  EXPECT_EQ(search_csv(setup, on_one), search_csv(setup, result));
  EXPECT_EQ(parameters_csv(setup, on_one), parameters_csv(setup, result));
  const std::string search = search_csv(setup, result);
  EXPECT_EQ(search.substr(0, search.find('\n')), "restart,generation,evaluation,objective,valid,assessment_days,equipment_days,choice_factor");
  EXPECT_NE(search.find("\n3,1,"), std::string::npos);
}

// The data want a choice factor of 0.6 and the bounds stop at 0.8: the fit
// sits on the bound and says so; a budget of 40 evaluations ends the search
// before it converges, and that is said too.
TEST(Calibration, FlagsAFitAtABoundAndASearchStoppedByItsBudget) {
  const fs::path dir = scratch("bound");
  write_truth(dir / "truth.csv", 1.0, 2.0, 0.6, 4);
  json document = calibration_file(dir / "truth.csv", 40);
  document["parameters"] = json::array({document["parameters"][2]});
  document["parameters"][0]["lower"] = 0.8;
  const CalibrationSetup setup = prepared(document, dir);
  const CalibrateOptions options;
  const CalibrationResult result = calibrate(setup, options);
  EXPECT_LT(result.best_values[0], 0.8 * std::pow(3 / 0.8, 0.05));  // within 5% of the log range
  EXPECT_EQ(result.parameters[0].at_bound, "lower");
  EXPECT_EQ(result.stop_reason, "evaluation budget reached");
  ASSERT_EQ(result.warnings.size(), 2u);
  EXPECT_NE(result.warnings[0].find("the search stopped on its evaluation budget (40 evaluations, 37 used), not on convergence"),
            std::string::npos) << result.warnings[0];
  EXPECT_NE(result.warnings[1].find("choice_factor = 0.8"), std::string::npos) << result.warnings[1];
  EXPECT_NE(result.warnings[1].find("is within 5% of its lower bound (0.8)"), std::string::npos) << result.warnings[1];
  EXPECT_NE(parameters_csv(setup, result).find(",lower,"), std::string::npos);
  EXPECT_NE(calibration_summary(setup, result).find("NEAR LOWER BOUND"), std::string::npos);
  EXPECT_NE(calibration_summary(setup, result).find("warning: the search stopped on its evaluation budget"), std::string::npos);
  write_calibration_outputs((dir / "out").string(), setup, result);
  EXPECT_EQ(slurp(dir / "out" / "warnings.txt"), warnings_text(result));
  EXPECT_EQ(slurp(dir / "out" / "warnings.txt").rfind("warning: the search stopped", 0), 0u);
  const json provenance = json::parse(slurp(dir / "out" / "provenance.json"));
  EXPECT_EQ(provenance["warnings"].size(), 2u);
  EXPECT_EQ(provenance["parameters"][0]["near_bound"], "lower");
}

TEST(Calibration, SetupChecksMonthsAndParametersAgainstTheScenario) {
  const fs::path dir = scratch("setup");
  write_truth(dir / "truth.csv", 1.0, 2.5, 0.8, 1);
  json doc = calibration_file(dir / "truth.csv", 10);
  doc["test"] = {{"from", "2020-01"}, {"to", "2020-04"}};  // April 2020 is not simulated
  doc["parameters"][1] = {{"name", "beds"}, {"pointer", "/services/care_home/beds"}, {"lower", 1000}, {"upper", 2000}};
  const fs::path file = dir / "calibration.json";
  std::ofstream(file) << doc.dump(2);
  const SetupResult setup = prepare_calibration(file.string());
  EXPECT_FALSE(setup.setup);
  ASSERT_EQ(setup.problems.size(), 2u) << io::format_problems(setup.problems);
  EXPECT_NE(setup.problems[0].message().find("truth.csv: expected a row for month 2020-04, found none"),
            std::string::npos);
  EXPECT_EQ(setup.problems[1].message(),
            file.string() + ": /test: expected months within the whole months of the measured period of " + kTiny +
                " (2019-04 to 2020-03), found 2020-01 to 2020-04");

  doc["test"] = {{"from", "2020-01"}, {"to", "2020-03"}};
  std::ofstream(file) << doc.dump(2);
  const SetupResult corner = prepare_calibration(file.string());
  ASSERT_EQ(corner.problems.size(), 1u);
  EXPECT_NE(corner.problems[0].message().find("/services/care_home/beds: expected an integer"), std::string::npos);
  EXPECT_NE(corner.problems[0].message().find("(with the parameters of " + file.string() + " at 0.3719 of their ranges"),
            std::string::npos)
      << corner.problems[0].message();
}

}  // namespace
}  // namespace homeward::calib
