// Council templates: a tidy made-up council whose reason shares put known
// reasons either side of the 5% threshold, the scaled scenario and the
// relative bounds by hand, the ONS lookup, --data-dir, instance files and
// the problems of a template used wrongly.
#include "calib/council_template.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include "support/scratch_dirs.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "calib/calibration_outputs.h"
#include "calib/ratio_start.h"

namespace homeward::calib {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kTiny = std::string(HOMEWARD_SOURCE_DIR) + "/tests/calib/data/tiny_scenario.json";

fs::path scratch(const std::string& name) {
  const fs::path dir = homeward::testing::scratch_dir("homeward_council_template", name);
  fs::remove_all(dir);
  fs::create_directories(dir / "data");
  return dir;
}

// Council 999's acute delayed days each month: G 400, A 250, C 150, E 100,
// F 55, D_i 45 (1,000): shares 40, 25, 15, 10, 5.5 and 4.5%. Its non-acute
// rows and council 111's rows must not count.
void write_data(const fs::path& dir) {
  std::ofstream out(dir / "data" / "granular.csv");
  out << "\"month\",\"provider_code\",\"la_code_dh\",\"care_type\",\"reason_code\",\"nhs_days\",\"social_care_days\",\"both_days\"\n";
  for (int m = 4; m <= 15; ++m) {
    const std::string month = m <= 12 ? fmt::format("2019-{:02}", m) : fmt::format("2020-{:02}", m - 12);
    // G and A split over two providers and the agencies, to be summed.
    out << month << ",RX1,999,acute,G,100,100,0\n" << month << ",RX2,999,acute,G,200,0,0\n";
    out << month << ",RX1,999,acute,A,0,250,0\n" << month << ",RX1,999,acute,C,150,0,0\n";
    out << month << ",RX1,999,acute,E,0,90,10\n" << month << ",RX1,999,acute,F,55,0,0\n";
    out << month << ",RX1,999,acute,D1,0,45,0\n";
    out << month << ",RX1,999,non_acute,D1,0,5000,0\n" << month << ",RX1,111,acute,D1,0,9000,0\n";
  }
  std::ofstream lookup(dir / "data" / kLocalAuthorityLookup);
  lookup << "la_code_dh,la_name,la_code_ons,first_month,last_month\n"
         << "111,Elsewhere,E88888888,2011-04,2019-12\n"
         << "999,\"Testshire & Co, City of\",E99999999,2011-04,2019-12\n";
}

json template_document() {
  return {
      {"council_template", {{"reference_population", 100000}, {"min_reason_share", 0.05}}},
      {"scenario", kTiny},
      {"data", {{"file", "nowhere/granular.csv"}, {"layout", "provider_local_authority"}, {"care_type", "acute"}}},
      {"series", {{{"name", "total"}, {"weight", 2}}}},
      {"parameters",
       {{{"name", "assessment_days"}, {"reason", "A"}, {"pointer", "/services/assessment/duration_days/mean"},
         {"relative", true}, {"lower", 0.5}, {"upper", 2}, {"log_scale", true}},
        {{"name", "care_home_beds"}, {"reason", "D_i"}, {"pointer", "/services/care_home/beds"}, {"relative", true},
         {"lower", 0.5}, {"upper", 1.5}, {"integer", true}},
        {{"name", "home_care_starts"}, {"reason", "E"}, {"pointer", "/services/home_care/schedule/0/starts"},
         {"relative", true}, {"lower", 0.5}, {"upper", 1.5}, {"integer", true}},
        {{"name", "equipment_factor"}, {"reason", "F"},
         {"pointers", {"/services/equipment/duration_days/mean", "/services/equipment/duration_days/sd"}},
         {"apply", "multiply"}, {"lower", 0.3}, {"upper", 3}},
        {{"name", "choice_factor"}, {"reason", "G"},
         {"pointers", {"/services/choice/duration_days/mean", "/services/choice/duration_days/sd"}},
         {"apply", "multiply"}, {"lower", 0.3}, {"upper", 3}}}},
      {"train", {{"from", "2019-04"}, {"to", "2019-12"}}},
      {"test", {{"from", "2020-01"}, {"to", "2020-03"}}},
      {"replications", 2},
      {"optimiser", {{"evaluations", 12}}}};
}

SetupResult prepare(const fs::path& dir, const std::string& council, std::optional<double> population,
                    const json& doc = template_document()) {
  std::ofstream(dir / "template.json") << doc.dump(2);
  return prepare_calibration(CalibrationRequest{(dir / "template.json").string(), council, population,
                                                (dir / "data").string(), std::nullopt});
}

TEST(CouncilTemplate, FitsTheReasonsAboveTheThresholdWithTheirParameters) {
  const fs::path dir = scratch("select");
  write_data(dir);
  const SetupResult result = prepare(dir, "999", 50000);
  ASSERT_TRUE(result.setup) << io::format_problems(result.problems);
  const CalibrationSetup& setup = *result.setup;
  // Fitted: G 40%, A 25%, E 10%, F 5.5%; C (15%) has no parameter; D_i (4.5%) is below 5%.
  std::vector<std::string> parameters;
  for (std::size_t i = 0; i < setup.space->size(); ++i) parameters.push_back(setup.space->spec(i).name);
  EXPECT_EQ(parameters, (std::vector<std::string>{"assessment_days", "home_care_starts", "equipment_factor", "choice_factor"}));
  // The total, then every reason with days, in reason order; only the fitted ones weigh.
  std::vector<std::pair<std::string, double>> series;
  for (const SeriesSpec& s : setup.config.series) series.emplace_back(s.name, s.weight);
  EXPECT_EQ(series, (std::vector<std::pair<std::string, double>>{
                        {"total", 2}, {"A", 1}, {"C", 0}, {"D_i", 0}, {"E", 1}, {"F", 1}, {"G", 1}}));
  // The observed values: acute, council 999 only, summed over providers and agencies.
  EXPECT_EQ(setup.target.observed[0][0], 1000);
  EXPECT_EQ(setup.target.observed[6][0], 400);  // G
  EXPECT_EQ(setup.target.observed[3][0], 45);   // D_i, without the non-acute 5,000 or council 111's 9,000
  // Why, for each reason.
  const json& reasons = setup.template_record["reasons"];
  auto reason = [&](const std::string& code) {
    for (const json& r : reasons)
      if (r["reason"] == code) return r;
    return json();
  };
  EXPECT_NEAR(reason("F")["share"].get<double>(), 0.055, 1e-12);
  EXPECT_TRUE(reason("F")["fitted"].get<bool>());
  EXPECT_FALSE(reason("D_i")["selected"].get<bool>());
  EXPECT_TRUE(reason("C")["selected"].get<bool>());
  EXPECT_FALSE(reason("C")["fitted"].get<bool>());
  EXPECT_EQ(reason("H")["train_days"], 0);
  ASSERT_EQ(setup.notes.size(), 1u);
  EXPECT_NE(setup.notes[0].find("reason C holds 15.0% of Testshire & Co, City of's delayed days"), std::string::npos)
      << setup.notes[0];
  const std::string csv = reasons_csv(setup);
  EXPECT_NE(csv.find("\nD_i,405,4.5,false,false,,\"4.5% of the delayed days, below 5%"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nG,3600,40,true,true,choice_factor,"), std::string::npos) << csv;
}

// At 50,000 people a template written for 100,000 is scaled by 0.5.
TEST(CouncilTemplate, ScalesTheScenarioAndResolvesRelativeBounds) {
  const fs::path dir = scratch("scale");
  write_data(dir);
  const SetupResult result = prepare(dir, "999", 50000);
  ASSERT_TRUE(result.setup) << io::format_problems(result.problems);
  const CalibrationSetup& setup = *result.setup;
  const json& base = setup.space->base();
  EXPECT_DOUBLE_EQ(base["admissions"]["per_day"]["Mon"].get<double>(), 17);      // 34 x 0.5
  EXPECT_EQ(base["services"]["home_care"]["schedule"][0]["starts"], 4);           // 8 x 0.5
  EXPECT_EQ(base["services"]["care_home"]["beds"], 750);                          // 1,500 x 0.5
  EXPECT_EQ(base["services"]["care_home"]["schedule"][0]["starts"], 2);           // 4 x 0.5
  EXPECT_DOUBLE_EQ(base["services"]["home_care"]["visits_capacity_per_day"].get<double>(), 225);
  EXPECT_DOUBLE_EQ(base["services"]["assessment"]["duration_days"]["mean"].get<double>(), 0.8);  // a time
  EXPECT_DOUBLE_EQ(base["services"]["choice"]["probability"].get<double>(), 0.6);
  // Relative bounds: the assessment's 0.8 days x [0.5, 2]; 4 starts x [0.5, 1.5], whole numbers.
  EXPECT_DOUBLE_EQ(setup.space->spec(0).lower, 0.4);
  EXPECT_DOUBLE_EQ(setup.space->spec(0).upper, 1.6);
  EXPECT_DOUBLE_EQ(*setup.space->spec(0).start, 0.8);
  EXPECT_EQ(setup.space->spec(1).lower, 2);
  EXPECT_EQ(setup.space->spec(1).upper, 6);
  EXPECT_EQ(*setup.space->spec(1).start, 4);
  // The council, by name, and the document written out keeps the file's key order.
  EXPECT_EQ(setup.scenario_name, "testshire_co_city_of");
  EXPECT_EQ(setup.template_record["scale"], 0.5);
  EXPECT_EQ(setup.template_record["council"]["ons_code"], "E99999999");
  ASSERT_TRUE(setup.scenario_document);
  EXPECT_EQ(setup.scenario_document->begin().key(), "name");
  EXPECT_EQ((*setup.scenario_document)["services"]["care_home"]["beds"], 750);
}

TEST(CouncilTemplate, FindsTheCouncilByItsOnsCode) {
  const fs::path dir = scratch("ons");
  write_data(dir);
  const SetupResult result = prepare(dir, "E99999999", 100000);
  ASSERT_TRUE(result.setup) << io::format_problems(result.problems);
  EXPECT_EQ(result.setup->config.data.local_authority, "999");
  EXPECT_EQ(result.setup->template_record["scale"], 1.0);
  const SetupResult unknown = prepare(dir, "E11111111", 100000);
  ASSERT_FALSE(unknown.setup);
  ASSERT_FALSE(unknown.problems.empty());
  EXPECT_NE(unknown.problems[0].message().find("--council: expected an ONS code listed in"), std::string::npos)
      << unknown.problems[0].message();
  // A DH code the data does not have: the data file says so.
  const SetupResult absent = prepare(dir, "555", 100000);
  ASSERT_FALSE(absent.setup);
  EXPECT_NE(io::format_problems(absent.problems).find("rows for local authority 555, acute care"), std::string::npos)
      << io::format_problems(absent.problems);
}

TEST(CouncilTemplate, SmallCouncilsRoundCapacitiesAndSayWhere) {
  const fs::path dir = scratch("small");
  write_data(dir);
  // 0.1: 8 starts -> 0.8 -> 1 (25% up), 4 care-home starts -> 0.4 -> 1.
  const SetupResult result = prepare(dir, "999", 10000);
  ASSERT_TRUE(result.setup) << io::format_problems(result.problems);
  const json& rounding = result.setup->template_record["rounding"];
  bool starts = false;
  for (const json& r : rounding)
    starts = starts || (r["pointer"] == "/services/home_care/schedule/0/starts" && r["written"] == 1 &&
                        std::fabs(r["exact"].get<double>() - 0.8) < 1e-12);
  EXPECT_TRUE(starts) << rounding.dump();
  EXPECT_EQ(result.setup->notes.size(), 1 + rounding.size());
}

TEST(CouncilTemplate, ProblemsOfATemplateUsedWrongly) {
  const fs::path dir = scratch("wrong");
  write_data(dir);
  const SetupResult none = prepare(dir, "", std::nullopt);
  ASSERT_EQ(none.problems.size(), 2u) << io::format_problems(none.problems);
  EXPECT_NE(none.problems[0].message().find("expected a council for this template: --council CODE"), std::string::npos);
  EXPECT_NE(none.problems[1].message().find("expected the council's population for this template: --population"),
            std::string::npos);
  // A plain calibration file does not take --council.
  json plain = template_document();
  plain.erase("council_template");
  const SetupResult not_template = prepare(dir, "999", 1000, plain);
  ASSERT_EQ(not_template.problems.size(), 1u);
  EXPECT_NE(not_template.problems[0].message().find("a council template (a file with \"council_template\")"),
            std::string::npos);
  // A tidy layout cannot be selected by council.
  json tidy = template_document();
  tidy["data"] = {{"file", "x.csv"}, {"layout", "tidy"}};
  const SetupResult wrong_layout = prepare(dir, "999", 1000, tidy);
  ASSERT_EQ(wrong_layout.problems.size(), 1u);
  EXPECT_NE(wrong_layout.problems[0].message().find("/data/layout: expected a layout selected by local authority"),
            std::string::npos);
}

// An instance names the template, the council and the population; it is
// the same as the template with --council and --population.
TEST(CouncilTemplate, AnInstanceFileIsTheTemplateWithItsCouncil) {
  const fs::path dir = scratch("instance");
  write_data(dir);
  std::ofstream(dir / "template.json") << template_document().dump(2);
  std::ofstream(dir / "testshire.json")
      << json{{"comment", "Testshire"}, {"template", "template.json"}, {"council", "E99999999"}, {"population", 50000},
              {"output_name", "testshire_fitted"}}
             .dump(2);
  const SetupResult instance = prepare_calibration(
      CalibrationRequest{(dir / "testshire.json").string(), "", std::nullopt, (dir / "data").string(), 3});
  ASSERT_TRUE(instance.setup) << io::format_problems(instance.problems);
  const SetupResult direct = prepare(dir, "999", 50000);
  ASSERT_TRUE(direct.setup);
  EXPECT_EQ(instance.setup->space->base(), direct.setup->space->base());
  EXPECT_EQ(instance.setup->config.output_name, "testshire_fitted");
  EXPECT_EQ(instance.setup->config.restarts, 3);  // --restarts
  // With --council as well: a problem.
  const SetupResult both = prepare_calibration(
      CalibrationRequest{(dir / "testshire.json").string(), "999", std::nullopt, (dir / "data").string(), std::nullopt});
  ASSERT_FALSE(both.setup);
  EXPECT_NE(io::format_problems(both.problems).find("--council and --population only with a template"), std::string::npos);
  // An unknown key in the instance.
  std::ofstream(dir / "typo.json") << json{{"template", "template.json"}, {"council", "999"}, {"population", 5}, {"populaton", 5}}.dump();
  const SetupResult typo = prepare_calibration(CalibrationRequest{(dir / "typo.json").string(), "", std::nullopt, "", std::nullopt});
  EXPECT_NE(io::format_problems(typo.problems).find("populaton"), std::string::npos) << io::format_problems(typo.problems);
}

TEST(CouncilTemplate, SlugsAreScenarioNames) {
  EXPECT_EQ(name_slug("Bristol, City of UA"), "bristol_city_of_ua");
  EXPECT_EQ(name_slug("Kent"), "kent");
  EXPECT_EQ(name_slug("  St. Helens  "), "st_helens");
  EXPECT_EQ(name_slug("123"), "council_123");
}

}  // namespace
}  // namespace homeward::calib

namespace homeward::calib {
namespace {

// The shipped Kent instance on the real extract: Kent's FY2018/19 acute
// shares (computed independently: A 5.77%, C 43.03, D_i 7.05, D_ii 12.51,
// E 7.86, F 4.96, G 14.70) put F just below the threshold.
TEST(CouncilTemplate, KentInstanceOnTheRealData) {
  const std::string data = std::string(HOMEWARD_SOURCE_DIR) + "/../shared/data/dtoc";
  if (!fs::exists(data)) GTEST_SKIP() << "no " << data;
  const SetupResult result = prepare_calibration(CalibrationRequest{
      std::string(HOMEWARD_SOURCE_DIR) + "/calib/examples/kent.calibration.json", "", std::nullopt, data, std::nullopt});
  ASSERT_TRUE(result.setup) << io::format_problems(result.problems);
  const CalibrationSetup& setup = *result.setup;
  EXPECT_EQ(setup.scenario_name, "kent");
  EXPECT_EQ(setup.config.output_name, "kent_calibrated");
  EXPECT_DOUBLE_EQ(setup.template_record["scale"].get<double>(), 1580000.0 / 332000.0);  // the template's 332,000 people
  std::string fitted;
  for (const auto& r : setup.template_record["reasons"]) {
    if (r["fitted"].get<bool>()) fitted += r["reason"].get<std::string>() + " ";
    if (r["reason"] == "F") {
      EXPECT_NEAR(r["share"].get<double>(), 0.0496, 0.0001);
    }
    if (r["reason"] == "C") {
      EXPECT_NEAR(r["share"].get<double>(), 0.4303, 0.0001);
    }
  }
  EXPECT_EQ(fitted, "A C D_i D_ii E G ");
  // One factor for each fitted reason, and the untagged weekend home-care starts.
  ASSERT_EQ(setup.space->size(), 7u);
  std::string searched;
  for (std::size_t i = 0; i < setup.space->size(); ++i)
    if (setup.space->spec(i).reason.empty()) searched += setup.space->spec(i).name;
  EXPECT_EQ(searched, "home_care_weekend_starts_factor");
  // F, B, I, H are reported: their factors are left to the ratio start.
  std::string reported;
  for (const ParameterSpec& p : setup.config.reported_parameters) reported += p.reason + " ";
  EXPECT_EQ(reported, "B F H I ");
  EXPECT_EQ(setup.target.observed[0][0], 3590);  // April 2018, as the LA file's acute_days
}


// The ratio start (calib/ratio_start.h). F (5.5%) is only reported at a 6%
// threshold; its factor multiplies the equipment delay's mean and sd, a
// gamma whose draws scale exactly with them, so F's delayed days grow in
// proportion: one round brings them to the observed 55 a month up to the
// midnight count's rounding, and the factor is observed / simulated.
TEST(CouncilTemplate, RatioStartBringsEachReasonToItsLevel) {
  const fs::path dir = scratch("ratio_start");
  write_data(dir);
  json doc = template_document();
  doc["council_template"]["min_reason_share"] = 0.06;
  doc["council_template"]["start_rounds"] = 2;
  const SetupResult prepared = prepare(dir, "999", 50000, doc);
  ASSERT_TRUE(prepared.setup) << io::format_problems(prepared.problems);
  ASSERT_EQ(prepared.setup->config.reported_parameters.size(), 1u);
  EXPECT_EQ(prepared.setup->config.reported_parameters[0].name, "equipment_factor");

  const RatioStartResult start = ratio_start(*prepared.setup, 2, {});
  ASSERT_EQ(start.rounds.size(), 2u);
  EXPECT_EQ(start.evaluations, 2);
  auto row = [&](int round, const std::string& reason) {
    for (const RatioStartRound& r : start.rounds[static_cast<std::size_t>(round)])
      if (r.reason == reason) return r;
    ADD_FAILURE() << "no row for " << reason;
    return RatioStartRound{};
  };
  const RatioStartRound f1 = row(0, "F"), f2 = row(1, "F");
  EXPECT_DOUBLE_EQ(f1.observed, 55);
  EXPECT_NEAR(f1.factor, 55 / f1.simulated, 1e-12);  // from 1
  EXPECT_NEAR(f2.simulated, 55, 0.1 * 55);            // in proportion, one round later
  EXPECT_NEAR(f2.factor, f1.factor * 55 / f2.simulated, 1e-12);
  // Reported: written into the scenario, not searched.
  const json& equipment = start.setup.space->base()["services"]["equipment"]["duration_days"];
  EXPECT_NEAR(equipment["mean"].get<double>(), 2 * f2.factor, 1e-9);
  EXPECT_NEAR(equipment["sd"].get<double>(), 1 * f2.factor, 1e-9);
  EXPECT_NEAR((*start.setup.scenario_document)["services"]["equipment"]["duration_days"]["mean"].get<double>(),
              2 * f2.factor, 1e-9);
  // Fitted: G's factor is the search's start; a relative "set" parameter (A) keeps its own.
  for (std::size_t i = 0; i < start.setup.space->size(); ++i) {
    const ParameterSpec& p = start.setup.space->spec(i);
    if (p.name == "choice_factor") {
      EXPECT_NEAR(*p.start, row(1, "G").factor, 1e-12);
    }
    if (p.name == "assessment_days") {
      EXPECT_EQ(*p.start, *prepared.setup->space->spec(i).start);
    }
    EXPECT_NE(p.name, "equipment_factor");
  }
  // The same on one thread.
  const RatioStartResult again = ratio_start(*prepared.setup, 1, {});
  EXPECT_EQ(again.rounds.back().back().factor, start.rounds.back().back().factor);
}

}  // namespace
}  // namespace homeward::calib
