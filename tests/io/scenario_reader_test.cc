// Scenario reading: a valid file becomes the expected model::Scenario, and
// every class of bad input is reported with its file, pointer and expectation.
#include "sim/io/scenario_reader.h"

#include <gtest/gtest.h>
#include "support/scratch_dirs.h"
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "sim/engine/calendar.h"
#include "sim/engine/weekly_schedule.h"

namespace homeward::io {
namespace {

using nlohmann::json;
using engine::WeeklySchedule;

constexpr const char* kLabel = "scenarios/test.json";

constexpr const char* kMinimal = R"({
  "name": "minimal",
  "description": "a small system for tests",
  "comment": "numbers made up",
  "start_date": "2024-01-01",
  "warmup_days": 14,
  "duration_days": 28,
  "bank_holidays": ["2024-01-01"],
  "cost_per_bed_day": 350,
  "early_discharge_planning": {"lead_days": 1.5, "edd_error_sd_days": 1},
  "admissions": {
    "per_day": {"Mon": 10, "Tue": 11, "Wed": 12, "Thu": 13, "Fri": 14, "Sat": 6, "Sun": 5},
    "monthly_factor": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.2]
  },
  "cohorts": [
    {"name": "short_stay", "share": 0.7, "pathway": "P0",
     "time_to_mffd_days": {"dist": "lognormal", "mean": 5, "sd": 4}},
    {"name": "frail", "share": 0.3, "pathway": "P1",
     "time_to_mffd_days": {"dist": "gamma", "shape": 2, "scale": 1.5}}
  ],
  "services": {
    "social_work": {"kind": "assessment", "reason": "A", "agency": "social_care",
      "comment": "five-day team with a Sunday duty worker",
      "schedule": [{"days": ["weekdays"], "from_hour": 9, "to_hour": 17, "starts": 6},
                   {"days": ["Sun"], "from_hour": 10, "to_hour": 14, "starts": 1}],
      "duration_days": {"dist": "constant", "value": 1}},
    "home_care": {"kind": "package", "reason": "E", "agency": "social_care",
      "schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20},
                   {"days": ["BankHoliday"], "from_hour": 10, "to_hour": 12, "starts": 1}],
      "length_of_care_days": {"dist": "exponential", "mean": 42},
      "visits_capacity_per_day": 400, "visits_per_day": {"initial": 4, "final": 2},
      "cost_per_visit": 20},
    "step_down": {"kind": "beds", "reason": "C", "agency": "nhs", "beds": 12,
      "schedule": [{"days": ["Mon"], "from_hour": 14, "to_hour": 16, "starts": 1},
                   {"days": ["weekdays"], "from_hour": 9, "to_hour": 12, "starts": 2}],
      "length_of_stay_days": {"dist": "weibull", "shape": 1.5, "scale": 20}},
    "choice": {"kind": "delay", "reason": "G", "agency": "both", "probability": 0.4,
      "duration_days": {"dist": "uniform", "min": 1, "max": 3}}
  },
  "exits": ["home", "care_home"],
  "routes": {
    "P0": [{"to": "home", "probability": 1}],
    "P1": [{"to": "social_work", "probability": 1}],
    "social_work": [{"to": "home_care", "probability": 0.8}, {"to": "step_down", "probability": 0.2}],
    "home_care": [{"to": "home", "probability": 1}],
    "step_down": [{"to": "choice", "probability": 1}],
    "choice": [{"to": "care_home", "probability": 1}]
  },
  "discharge_window": {"schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20}],
                       "reason": "O", "agency": "nhs"}
})";

json minimal() { return json::parse(kMinimal); }

// A fresh directory per test, so files from one test never satisfy another.
std::filesystem::path test_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = homeward::testing::scratch_dir("homeward_io", info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

const model::ServiceConfig& service(const model::Scenario& s, const std::string& name) {
  for (const auto& service : s.services)
    if (service.name == name) return service;
  ADD_FAILURE() << "no service " << name;
  return s.services.front();
}

// True when some problem is at `pointer` and its expected/found text contains `text`.
::testing::AssertionResult HasProblem(const ScenarioReadResult& r, const std::string& pointer,
                                      const std::string& text) {
  for (const Problem& p : r.problems) {
    if (p.pointer == pointer && (p.expected + " | " + p.found).find(text) != std::string::npos)
      return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "no problem at \"" << pointer << "\" mentioning \"" << text
                                       << "\"; problems were:\n"
                                       << format_problems(r.problems);
}

ScenarioReadResult read_with(const std::string& pointer, const json& value) {
  json doc = minimal();
  doc[json::json_pointer(pointer)] = value;
  return read_scenario_json(doc, kLabel);
}

// ---------------------------------------------------------------- valid input

TEST(ScenarioReader, MinimalScenarioParsesIntoExpectedValues) {
  const auto r = read_scenario_json(minimal(), kLabel);
  ASSERT_TRUE(r.problems.empty()) << format_problems(r.problems);
  ASSERT_TRUE(r.scenario.has_value());
  const model::Scenario& s = *r.scenario;

  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.description, "a small system for tests");
  std::chrono::sys_days start{};
  ASSERT_TRUE(engine::parse_iso_date("2024-01-01", start));
  EXPECT_EQ(s.start_date, start);
  EXPECT_EQ(s.warmup_days, 14);
  EXPECT_EQ(s.duration_days, 28);
  ASSERT_EQ(s.bank_holidays.size(), 1u);
  EXPECT_EQ(s.bank_holidays[0], start);
  EXPECT_DOUBLE_EQ(s.cost_per_bed_day, 350);
  EXPECT_TRUE(s.early_planning.enabled);
  EXPECT_DOUBLE_EQ(s.early_planning.lead_days, 1.5);
  EXPECT_DOUBLE_EQ(s.early_planning.error_sd_days, 1);
  EXPECT_DOUBLE_EQ(s.early_planning.set_within_days, 2);

  EXPECT_EQ(s.admissions.mean_per_weekday, (std::array<double, 7>{10, 11, 12, 13, 14, 6, 5}));
  EXPECT_LT(s.admissions.bank_holiday_mean, 0);  // default: as on a Sunday
  EXPECT_DOUBLE_EQ(s.admissions.monthly_factor[11], 1.2);
  EXPECT_DOUBLE_EQ(s.admissions.hour_weights[0], 1);  // default flat profile
  EXPECT_TRUE(s.fixed_admissions.empty());

  ASSERT_EQ(s.cohorts.size(), 2u);
  EXPECT_EQ(s.cohorts[0].name, "short_stay");
  EXPECT_DOUBLE_EQ(s.cohorts[0].share, 0.7);
  EXPECT_EQ(s.cohorts[1].pathway, model::Pathway::P1);
  // lognormal from mean 5, sd 4: sigma^2 = ln(1 + 16/25), mu = ln 5 - sigma^2 / 2.
  const auto& lognormal = s.cohorts[0].time_to_mffd_days;
  EXPECT_EQ(lognormal.kind, engine::Distribution::Kind::lognormal);
  const double sigma2 = std::log(1 + 16.0 / 25.0);
  EXPECT_NEAR(lognormal.a, std::log(5.0) - sigma2 / 2, 1e-12);
  EXPECT_NEAR(lognormal.b, std::sqrt(sigma2), 1e-12);
  EXPECT_EQ(s.cohorts[1].time_to_mffd_days.kind, engine::Distribution::Kind::gamma);
  EXPECT_DOUBLE_EQ(s.cohorts[1].time_to_mffd_days.a, 2);
  EXPECT_DOUBLE_EQ(s.cohorts[1].time_to_mffd_days.b, 1.5);

  // Services in the object's (sorted) key order.
  ASSERT_EQ(s.services.size(), 4u);
  EXPECT_EQ(s.services[0].name, "choice");
  EXPECT_EQ(s.services[1].name, "home_care");
  EXPECT_EQ(s.services[2].name, "social_work");
  EXPECT_EQ(s.services[3].name, "step_down");

  const auto& sw = service(s, "social_work");
  EXPECT_EQ(sw.kind, model::ServiceKind::assessment);
  EXPECT_EQ(sw.reason, model::Reason::A);
  EXPECT_EQ(sw.agency, model::Agency::social_care);
  EXPECT_EQ(sw.duration_days.kind, engine::Distribution::Kind::constant);
  EXPECT_DOUBLE_EQ(sw.duration_days.a, 1);
  ASSERT_EQ(sw.schedule.day(0).size(), 1u);  // Monday
  EXPECT_DOUBLE_EQ(sw.schedule.day(0)[0].from_hour, 9);
  EXPECT_DOUBLE_EQ(sw.schedule.day(0)[0].to_hour, 17);
  EXPECT_EQ(sw.schedule.day(0)[0].quota, 6);
  EXPECT_TRUE(sw.schedule.day(5).empty());  // Saturday closed
  ASSERT_EQ(sw.schedule.day(6).size(), 1u);
  // No BankHoliday rule: a bank holiday follows Sunday.
  ASSERT_EQ(sw.schedule.day(engine::kBankHoliday).size(), 1u);
  EXPECT_DOUBLE_EQ(sw.schedule.day(engine::kBankHoliday)[0].from_hour, 10);
  EXPECT_DOUBLE_EQ(sw.schedule.day(engine::kBankHoliday)[0].to_hour, 14);
  EXPECT_EQ(sw.schedule.day(engine::kBankHoliday)[0].quota, 1);

  const auto& hc = service(s, "home_care");
  EXPECT_EQ(hc.kind, model::ServiceKind::package);
  EXPECT_EQ(hc.schedule.day(5).at(0).quota, WeeklySchedule::kUnlimited);  // starts omitted
  // An explicit BankHoliday rule replaces Sunday's.
  ASSERT_EQ(hc.schedule.day(engine::kBankHoliday).size(), 1u);
  EXPECT_DOUBLE_EQ(hc.schedule.day(engine::kBankHoliday)[0].from_hour, 10);
  EXPECT_EQ(hc.schedule.day(engine::kBankHoliday)[0].quota, 1);
  EXPECT_EQ(hc.duration_days.kind, engine::Distribution::Kind::exponential);
  EXPECT_DOUBLE_EQ(hc.duration_days.a, 42);
  EXPECT_DOUBLE_EQ(hc.visits_capacity_per_day, 400);
  EXPECT_DOUBLE_EQ(hc.initial_visits_per_day, 4);
  EXPECT_DOUBLE_EQ(hc.final_visits_per_day, 2);
  EXPECT_DOUBLE_EQ(hc.cost_per_visit, 20);

  const auto& sd = service(s, "step_down");
  EXPECT_EQ(sd.beds, 12);
  EXPECT_EQ(sd.duration_days.kind, engine::Distribution::Kind::weibull);
  // Windows are sorted by from_hour although the rules list 14-16 first.
  ASSERT_EQ(sd.schedule.day(0).size(), 2u);
  EXPECT_DOUBLE_EQ(sd.schedule.day(0)[0].from_hour, 9);
  EXPECT_DOUBLE_EQ(sd.schedule.day(0)[1].from_hour, 14);
  EXPECT_EQ(sd.schedule.day(1).size(), 1u);

  const auto& choice = service(s, "choice");
  EXPECT_EQ(choice.kind, model::ServiceKind::delay);
  EXPECT_DOUBLE_EQ(choice.probability, 0.4);
  EXPECT_EQ(choice.duration_days.kind, engine::Distribution::Kind::uniform);
  EXPECT_DOUBLE_EQ(choice.duration_days.b, 3);

  EXPECT_EQ(s.exits, (std::vector<std::string>{"home", "care_home"}));
  ASSERT_EQ(s.transitions.size(), 7u);
  bool found_split = false;
  for (const auto& t : s.transitions)
    if (t.from == "social_work" && t.to == "step_down") found_split = std::fabs(t.probability - 0.2) < 1e-12;
  EXPECT_TRUE(found_split);

  EXPECT_EQ(s.discharge_window.reason, model::Reason::O);
  EXPECT_EQ(s.discharge_window.schedule.day(2).at(0).quota, WeeklySchedule::kUnlimited);
  EXPECT_EQ(r.resolved, minimal());
}

TEST(ScenarioReader, ReadsTheSameScenarioFromAFile) {
  const auto path = write_file(test_dir() / "minimal.json", kMinimal);
  const auto r = read_scenario_file(path);
  ASSERT_TRUE(r.problems.empty()) << format_problems(r.problems);
  ASSERT_TRUE(r.scenario.has_value());
  EXPECT_EQ(r.scenario->services.size(), 4u);
}

TEST(ScenarioReader, AcceptsIntegralDoublesAndOtherDistributionForms) {
  json doc = minimal();
  doc["/services/step_down/beds"_json_pointer] = 12.0;
  doc["/cohorts/1/time_to_mffd_days"_json_pointer] = json{{"dist", "gamma"}, {"mean", 3}, {"sd", 2}};
  doc["/services/social_work/duration_days"_json_pointer] =
      json{{"dist", "lognormal"}, {"median", 3}, {"mean", 5}};
  doc["/services/choice/duration_days"_json_pointer] =
      json{{"dist", "empirical"}, {"values", {1, 2, 5}}, {"weights", {0.5, 0.3, 0.2}}};
  const auto r = read_scenario_json(doc, kLabel);
  ASSERT_TRUE(r.scenario.has_value()) << format_problems(r.problems);
  EXPECT_EQ(service(*r.scenario, "step_down").beds, 12);
  EXPECT_DOUBLE_EQ(r.scenario->cohorts[1].time_to_mffd_days.a, 9.0 / 4.0);  // shape = mean^2 / sd^2
  const auto& lognormal = service(*r.scenario, "social_work").duration_days;
  EXPECT_NEAR(lognormal.a, std::log(3.0), 1e-12);
  EXPECT_NEAR(lognormal.b, std::sqrt(2 * std::log(5.0 / 3.0)), 1e-12);
  EXPECT_EQ(service(*r.scenario, "choice").duration_days.values.size(), 3u);
}

// ---------------------------------------------------------------- bad values

TEST(ScenarioReader, NegativeBedsNamesFilePointerExpectedAndFound) {
  const auto r = read_with("/services/step_down/beds", -3);
  EXPECT_FALSE(r.scenario.has_value());
  ASSERT_EQ(r.problems.size(), 1u) << format_problems(r.problems);
  EXPECT_EQ(r.problems[0].message(),
            "scenarios/test.json: /services/step_down/beds: expected an integer >= 1, found -3");
}

TEST(ScenarioReader, WrongType) {
  const auto r = read_with("/duration_days", "365");
  EXPECT_TRUE(HasProblem(r, "/duration_days", "an integer >= 1 | \"365\""));
  EXPECT_TRUE(HasProblem(read_with("/services/step_down/beds", 2.5), "/services/step_down/beds", "an integer"));
  EXPECT_TRUE(HasProblem(read_with("/cohorts", json::object()), "/cohorts", "a non-empty array of cohorts"));
}

TEST(ScenarioReader, AbsurdNumbers) {
  EXPECT_TRUE(HasProblem(read_with("/duration_days", 10000000), "/duration_days", "<= 36500"));
  EXPECT_TRUE(HasProblem(read_with("/services/step_down/beds", 5000000), "/services/step_down/beds", "mistake"));
}

TEST(ScenarioReader, NonFiniteNumbers) {
  const auto r = read_with("/cohorts/0/share", std::numeric_limits<double>::quiet_NaN());
  EXPECT_TRUE(HasProblem(r, "/cohorts/0/share", "a number in [0, 1] | nan"));
  EXPECT_TRUE(HasProblem(read_with("/cost_per_bed_day", std::numeric_limits<double>::infinity()),
                         "/cost_per_bed_day", "inf"));
}

TEST(ScenarioReader, ProbabilityOutsideZeroOne) {
  EXPECT_TRUE(HasProblem(read_with("/services/choice/probability", 1.5), "/services/choice/probability",
                         "a number in [0, 1] | 1.5"));
  EXPECT_TRUE(HasProblem(read_with("/routes/P0/0/probability", 0), "/routes/P0/0/probability",
                         "a number in (0, 1]"));
}

TEST(ScenarioReader, CohortSharesMustSumToOne) {
  const auto r = read_with("/cohorts/1/share", 0.2);
  EXPECT_TRUE(HasProblem(r, "/cohorts", "cohort shares that sum to 1"));
  EXPECT_TRUE(HasProblem(r, "/cohorts", "a sum of 0.9"));
}

TEST(ScenarioReader, RouteProbabilitiesMustSumToOnePerFrom) {
  const auto r = read_with("/routes/social_work/1/probability", 0.1);
  EXPECT_TRUE(HasProblem(r, "/routes/social_work", "route probabilities that sum to 1"));
}

TEST(ScenarioReader, OverlappingScheduleWindows) {
  const auto r = read_with("/services/social_work/schedule",
                           json::parse(R"([{"days": ["weekdays"], "from_hour": 9, "to_hour": 17},
                                           {"days": ["Fri", "Sat"], "from_hour": 12, "to_hour": 20}])"));
  EXPECT_TRUE(HasProblem(r, "/services/social_work/schedule/1", "do not overlap"));
  EXPECT_TRUE(HasProblem(r, "/services/social_work/schedule/1", "both open on Fri"));
  EXPECT_EQ(r.problems.size(), 1u) << format_problems(r.problems);
}

TEST(ScenarioReader, FromHourNotBeforeToHour) {
  const auto r = read_with("/services/social_work/schedule/0/from_hour", 17);
  EXPECT_TRUE(HasProblem(r, "/services/social_work/schedule/0", "from_hour < to_hour | from_hour 17, to_hour 17"));
  EXPECT_TRUE(HasProblem(read_with("/services/social_work/schedule/0/to_hour", 25),
                         "/services/social_work/schedule/0/to_hour", "a number in (0, 24]"));
}

TEST(ScenarioReader, UnknownDayName) {
  const auto r = read_with("/services/social_work/schedule/0/days", json::array({"Monday", "Tue"}));
  EXPECT_TRUE(HasProblem(r, "/services/social_work/schedule/0/days/0", "a day (Mon Tue"));
  EXPECT_TRUE(HasProblem(r, "/services/social_work/schedule/0/days/0", "\"Monday\""));
}

TEST(ScenarioReader, DuplicateNames) {
  EXPECT_TRUE(HasProblem(read_with("/exits/1", "home"), "/exits/1", "each exit named once"));
  EXPECT_TRUE(HasProblem(read_with("/cohorts/1/name", "short_stay"), "/cohorts/1/name", "each cohort named once"));
}

TEST(ScenarioReader, NamePattern) {
  json doc = minimal();
  doc["services"]["Home Care"] = doc["services"]["home_care"];
  const auto r = read_scenario_json(doc, kLabel);
  EXPECT_TRUE(HasProblem(r, "/services/Home Care", "^[a-z][a-z0-9_]*$"));
  EXPECT_TRUE(HasProblem(read_with("/cohorts/0/name", "9lives"), "/cohorts/0/name", "a cohort name matching"));
}

TEST(ScenarioReader, ServiceNamesCollidingWithExitsOrPathways) {
  json doc = minimal();
  doc["services"]["home"] = doc["services"]["choice"];
  doc["services"]["P2"] = doc["services"]["choice"];
  doc["exits"].push_back("P3");
  const auto r = read_scenario_json(doc, kLabel);
  EXPECT_TRUE(HasProblem(r, "/services/home", "not also an exit"));
  EXPECT_TRUE(HasProblem(r, "/services/P2", "other than the pathways P0..P3"));
  EXPECT_TRUE(HasProblem(r, "/exits/2", "other than the pathways P0..P3"));
}

TEST(ScenarioReader, LognormalMedianMustBeBelowMean) {
  const auto r = read_with("/cohorts/0/time_to_mffd_days",
                           json{{"dist", "lognormal"}, {"median", 6}, {"mean", 5}});
  EXPECT_TRUE(HasProblem(r, "/cohorts/0/time_to_mffd_days/median", "a median < mean (5) | 6"));
}

TEST(ScenarioReader, SpreadMustBePositive) {
  EXPECT_TRUE(HasProblem(read_with("/cohorts/0/time_to_mffd_days/sd", 0), "/cohorts/0/time_to_mffd_days/sd",
                         "a number > 0 | 0"));
  EXPECT_TRUE(HasProblem(read_with("/cohorts/1/time_to_mffd_days", json{{"dist", "gamma"}, {"mean", 3}, {"sd", -1}}),
                         "/cohorts/1/time_to_mffd_days/sd", "a number > 0 | -1"));
  EXPECT_TRUE(HasProblem(read_with("/cohorts/1/time_to_mffd_days", json{{"dist", "normal"}, {"mean", 3}}),
                         "/cohorts/1/time_to_mffd_days/dist", "one of constant, exponential"));
}

TEST(ScenarioReader, StartsNotAllowedInDischargeWindow) {
  const auto r = read_with("/discharge_window/schedule/0/starts", 4);
  EXPECT_TRUE(HasProblem(r, "/discharge_window/schedule/0/starts", "no \"starts\" here"));
  EXPECT_EQ(r.problems.size(), 1u) << format_problems(r.problems);
}

TEST(ScenarioReader, FixedAdmissionNamingUnknownCohort) {
  json doc = minimal();
  doc.erase("admissions");  // fixed admissions replace sampled ones
  doc["fixed_admissions"] = json::parse(R"([
    {"time_days": 0.5, "cohort": "frail", "time_to_mffd_days": 3},
    {"time_days": -2, "cohort": "fraail", "time_to_mffd_days": 1}])");
  const auto r = read_scenario_json(doc, kLabel);
  EXPECT_TRUE(HasProblem(r, "/fixed_admissions/1/cohort", "a cohort named in /cohorts"));
  EXPECT_EQ(r.problems.size(), 1u) << format_problems(r.problems);

  doc["fixed_admissions"][1]["cohort"] = "frail";
  const auto ok = read_scenario_json(doc, kLabel);
  ASSERT_TRUE(ok.scenario.has_value()) << format_problems(ok.problems);
  ASSERT_EQ(ok.scenario->fixed_admissions.size(), 2u);
  EXPECT_EQ(ok.scenario->fixed_admissions[1].cohort, 1);
  EXPECT_DOUBLE_EQ(ok.scenario->fixed_admissions[1].time_days, -2);
}

TEST(ScenarioReader, FixedAdmissionOutsideTheSimulatedSpan) {
  json doc = minimal();
  doc["fixed_admissions"] = json::parse(R"([{"time_days": -15, "cohort": "frail", "time_to_mffd_days": 3},
                                            {"time_days": 28, "cohort": "frail", "time_to_mffd_days": 3}])");
  const auto r = read_scenario_json(doc, kLabel);
  EXPECT_TRUE(HasProblem(r, "/fixed_admissions/0/time_days", "a number in [-14, 28) | -15"));
  EXPECT_TRUE(HasProblem(r, "/fixed_admissions/1/time_days", "a number in [-14, 28) | 28"));
}

TEST(ScenarioReader, AdmissionsRequiredWithoutFixedAdmissions) {
  json doc = minimal();
  doc.erase("admissions");
  EXPECT_TRUE(HasProblem(read_scenario_json(doc, kLabel), "/admissions", "no such key"));
}

TEST(ScenarioReader, PerDayMissingAWeekday) {
  json doc = minimal();
  doc["admissions"]["per_day"].erase("Wed");
  doc["admissions"]["per_day"].erase("Sun");
  const auto r = read_scenario_json(doc, kLabel);
  EXPECT_TRUE(HasProblem(r, "/admissions/per_day", "a mean for every day Mon Tue Wed Thu Fri Sat Sun | no Wed, Sun"));
}

TEST(ScenarioReader, HourProfileMustBe24NonNegativeWithPositiveSum) {
  EXPECT_TRUE(HasProblem(read_with("/admissions/hour_profile", json::array({1, 2, 3})), "/admissions/hour_profile",
                         "an array of 24 numbers >= 0"));
  EXPECT_TRUE(HasProblem(read_with("/admissions/hour_profile", json(std::vector<double>(24, 0.0))),
                         "/admissions/hour_profile", "positive sum"));
  std::vector<double> hours(24, 1.0);
  hours[3] = -1;
  EXPECT_TRUE(HasProblem(read_with("/admissions/hour_profile", json(hours)), "/admissions/hour_profile/3",
                         "a number >= 0 | -1"));
}

TEST(ScenarioReader, MonthlyFactorMustBe12PositiveNumbers) {
  EXPECT_TRUE(HasProblem(read_with("/admissions/monthly_factor", json(std::vector<double>(11, 1.0))),
                         "/admissions/monthly_factor", "an array of 12 numbers > 0"));
  EXPECT_TRUE(HasProblem(read_with("/admissions/monthly_factor/4", 0), "/admissions/monthly_factor/4",
                         "a number > 0"));
}

TEST(ScenarioReader, VisitsPerDayFinalAboveInitial) {
  const auto r = read_with("/services/home_care/visits_per_day/final", 5);
  EXPECT_TRUE(HasProblem(r, "/services/home_care/visits_per_day/final", "a number <= initial (4) | 5"));
}

TEST(ScenarioReader, FieldOfAnotherServiceKindIsAnUnknownKey) {
  const auto r = read_with("/services/social_work/beds", 4);
  EXPECT_TRUE(HasProblem(r, "/services/social_work/beds", "of a service of kind \"assessment\""));
  EXPECT_TRUE(HasProblem(r, "/services/social_work/beds", "unknown key \"beds\""));
  // Each kind names its duration differently.
  const auto s = read_with("/services/step_down/duration_days", json{{"dist", "constant"}, {"value", 1}});
  EXPECT_TRUE(HasProblem(s, "/services/step_down/duration_days", "unknown key"));
}

TEST(ScenarioReader, MissingRequiredKeyAndBadDate) {
  json doc = minimal();
  doc.erase("start_date");
  EXPECT_TRUE(HasProblem(read_scenario_json(doc, kLabel), "/start_date", "a date \"YYYY-MM-DD\" | no such key"));
  EXPECT_TRUE(HasProblem(read_with("/bank_holidays/0", "2024-02-30"), "/bank_holidays/0", "\"2024-02-30\""));
}

TEST(ScenarioReader, PointerTokensAreEscaped) {
  json doc = minimal();
  doc["routes"]["a/b~c"] = json::array();
  const auto r = read_scenario_json(doc, kLabel);
  EXPECT_TRUE(HasProblem(r, "/routes/a~1b~0c", "a non-empty array of routes"));
}

TEST(ScenarioReader, PathwayGraphProblemsPointAtRoutes) {
  const auto r = read_with("/routes/home_care/0/to", "nowhere");
  EXPECT_FALSE(r.scenario.has_value());
  EXPECT_TRUE(HasProblem(r, "/routes/home_care", "nowhere"));
}

TEST(ScenarioReader, ServiceWithoutRoutesIsAGraphProblem) {
  json doc = minimal();
  doc["routes"].erase("choice");
  doc["routes"]["step_down"][0]["to"] = "care_home";
  const auto r = read_scenario_json(doc, kLabel);
  EXPECT_TRUE(HasProblem(r, "/routes/choice", "has no routes"));
}

// ---------------------------------------------------------------- unknown keys

TEST(ScenarioReader, TypoedKeyIsReportedWithItsPointer) {
  json doc = minimal();
  doc["duraton_days"] = 28;
  doc["services"]["social_work"]["schedule"][0]["strats"] = 6;
  doc["comment"] = "a comment is always allowed";
  const auto r = read_scenario_json(doc, kLabel);
  EXPECT_TRUE(HasProblem(r, "/duraton_days", "unknown key \"duraton_days\" (did you mean \"duration_days\"?)"));
  EXPECT_TRUE(HasProblem(r, "/services/social_work/schedule/0/strats", "did you mean \"starts\"?"));
  EXPECT_EQ(r.problems.size(), 2u) << format_problems(r.problems);
}

TEST(ScenarioReader, CommentMustBeAString) {
  EXPECT_TRUE(HasProblem(read_with("/cohorts/0/comment", 3), "/cohorts/0/comment", "a string | 3"));
}

TEST(ScenarioReader, SeveralProblemsAreAllReportedAtOnce) {
  json doc = minimal();
  doc["services"]["step_down"]["beds"] = 0;
  doc["cohorts"][0]["pathway"] = "P7";
  doc["exits"][1] = "Care Home";
  doc["admissions"]["per_day"]["Mon"] = -1;
  doc["discharge_window"]["reason"] = "Z";
  const auto r = read_scenario_json(doc, kLabel);
  EXPECT_FALSE(r.scenario.has_value());
  EXPECT_TRUE(HasProblem(r, "/services/step_down/beds", "an integer >= 1 | 0"));
  EXPECT_TRUE(HasProblem(r, "/cohorts/0/pathway", "a pathway (one of P0, P1, P2, P3)"));
  EXPECT_TRUE(HasProblem(r, "/exits/1", "an exit name matching"));
  EXPECT_TRUE(HasProblem(r, "/admissions/per_day/Mon", "a number >= 0"));
  EXPECT_TRUE(HasProblem(r, "/discharge_window/reason", "a DToC reason"));
  EXPECT_GE(r.problems.size(), 5u);
}

// ---------------------------------------------------------------- files

TEST(ScenarioReaderFile, SyntaxErrorReportsLineAndColumn) {
  const auto path = write_file(test_dir() / "broken.json", "{\n  \"name\": \"x\",\n  \"start_date\": ]\n}\n");
  const auto r = read_scenario_file(path);
  ASSERT_EQ(r.problems.size(), 1u) << format_problems(r.problems);
  EXPECT_EQ(r.problems[0].file, path);
  EXPECT_EQ(r.problems[0].expected, "valid JSON");
  EXPECT_NE(r.problems[0].found.find("line 3, column 17"), std::string::npos) << r.problems[0].found;
  EXPECT_TRUE(r.resolved.is_null());
}

TEST(ScenarioReaderFile, MissingEmptyAndNonObjectFiles) {
  const auto dir = test_dir();
  auto missing = read_scenario_file((dir / "nope.json").string());
  ASSERT_EQ(missing.problems.size(), 1u);
  EXPECT_EQ(missing.problems[0].found, "no such file");

  auto empty = read_scenario_file(write_file(dir / "empty.json", "  \n"));
  ASSERT_EQ(empty.problems.size(), 1u);
  EXPECT_EQ(empty.problems[0].found, "an empty file");

  auto array = read_scenario_file(write_file(dir / "array.json", "[1, 2]"));
  ASSERT_EQ(array.problems.size(), 1u);
  EXPECT_EQ(array.problems[0].message(), (dir / "array.json").string() +
                                             ": expected a JSON object (a scenario), found an array of 2 elements");
}

TEST(ScenarioReaderFile, RepeatedKeyIsReported) {
  std::string text = kMinimal;
  // A copied service block whose name was not changed: the first would be lost silently.
  const std::string marker = "\"services\": {";
  text.insert(text.find(marker) + marker.size(),
              R"( "choice": {"kind": "delay", "reason": "G", "agency": "both",
                             "duration_days": {"dist": "constant", "value": 2}},)");
  const auto r = read_scenario_file(write_file(test_dir() / "dup.json", text));
  EXPECT_TRUE(HasProblem(r, "/services/choice", "each key once in an object"));
  EXPECT_FALSE(r.scenario.has_value());
}

// ---------------------------------------------------------------- variants

TEST(ScenarioVariant, BaseAndMergePatchResolve) {
  const auto dir = test_dir();
  write_file(dir / "baseline.json", kMinimal);
  const auto path = write_file(dir / "seven_day.json", R"({
    "base": "baseline.json",
    "name": "seven_day",
    "comment": "social work at weekends too",
    "patch": {"services": {"social_work": {"schedule": [
      {"days": ["all"], "from_hour": 9, "to_hour": 17, "starts": 6}]}}}
  })");
  const auto r = read_scenario_file(path);
  ASSERT_TRUE(r.scenario.has_value()) << format_problems(r.problems);
  EXPECT_EQ(r.scenario->name, "seven_day");
  EXPECT_EQ(r.scenario->description, "");  // the base's description described the base
  const auto& sw = service(*r.scenario, "social_work");
  ASSERT_EQ(sw.schedule.day(5).size(), 1u);
  EXPECT_EQ(sw.schedule.day(5)[0].quota, 6);
  EXPECT_EQ(service(*r.scenario, "step_down").beds, 12);  // untouched by the patch
  EXPECT_EQ(r.resolved["name"], "seven_day");
  EXPECT_EQ(r.resolved["comment"], "social work at weekends too");
  EXPECT_FALSE(r.resolved.contains("base"));
  EXPECT_EQ(r.resolved["services"]["social_work"]["schedule"].size(), 1u);
}

TEST(ScenarioVariant, OverridesApplyAfterThePatchInOrder) {
  const auto dir = test_dir();
  write_file(dir / "base" / "baseline.json", kMinimal);
  const auto path = write_file(dir / "variants" / "more_beds.json", R"({
    "base": "../base/baseline.json",
    "name": "more_beds",
    "description": "more step-down beds",
    "patch": {"services": {"step_down": {"beds": 15}}},
    "overrides": [
      {"pointer": "/services/step_down/beds", "value": 20},
      {"pointer": "/bank_holidays/-", "value": "2024-01-26"},
      {"pointer": "/cohorts/0/time_to_mffd_days/mean", "value": 6}
    ]
  })");
  const auto r = read_scenario_file(path);
  ASSERT_TRUE(r.scenario.has_value()) << format_problems(r.problems);
  EXPECT_EQ(r.scenario->description, "more step-down beds");
  EXPECT_EQ(service(*r.scenario, "step_down").beds, 20);
  EXPECT_EQ(r.scenario->bank_holidays.size(), 2u);
  EXPECT_EQ(r.resolved["/cohorts/0/time_to_mffd_days/mean"_json_pointer], 6);
}

TEST(ScenarioVariant, OverrideWhoseParentDoesNotExist) {
  const auto dir = test_dir();
  write_file(dir / "baseline.json", kMinimal);
  const auto path = write_file(dir / "bad.json", R"({
    "base": "baseline.json", "name": "bad",
    "overrides": [{"pointer": "/services/hart/beds", "value": 3},
                  {"pointer": "services", "value": 3}]
  })");
  const auto r = read_scenario_file(path);
  EXPECT_FALSE(r.scenario.has_value());
  EXPECT_TRUE(HasProblem(r, "/overrides/0/pointer", "there is no \"/services/hart\""));
  EXPECT_TRUE(HasProblem(r, "/overrides/1/pointer", "a JSON pointer"));
}

TEST(ScenarioVariant, ProblemsInMergedDocumentNameTheVariantAndItsBase) {
  const auto dir = test_dir();
  const auto base = write_file(dir / "baseline.json", kMinimal);
  const auto path = write_file(dir / "broken_variant.json", R"({
    "base": "baseline.json", "name": "broken_variant",
    "patch": {"services": {"step_down": {"beds": -3}}}
  })");
  const auto r = read_scenario_file(path);
  ASSERT_EQ(r.problems.size(), 1u) << format_problems(r.problems);
  EXPECT_EQ(r.problems[0].file, path);
  EXPECT_EQ(r.problems[0].pointer, "/services/step_down/beds");
  EXPECT_EQ(r.problems[0].message(), path + ": /services/step_down/beds: expected an integer >= 1, found -3" +
                                         " (after applying base " + base + ")");
  EXPECT_EQ(r.resolved["services"]["step_down"]["beds"], -3);
}

TEST(ScenarioVariant, UnknownVariantKeyAndMissingBase) {
  const auto dir = test_dir();
  const auto path = write_file(dir / "v.json", R"({"base": "baseline.jsn", "name": "v", "pacth": {}})");
  const auto r = read_scenario_file(path);
  EXPECT_TRUE(HasProblem(r, "/pacth", "did you mean \"patch\"?"));
  EXPECT_TRUE(HasProblem(r, "/base", "no such file"));
  EXPECT_FALSE(r.scenario.has_value());
}

TEST(ScenarioVariant, BaseThatIsNotAScenarioObject) {
  const auto dir = test_dir();
  const auto base = write_file(dir / "list.json", "[1]");
  const auto r = read_scenario_file(write_file(dir / "v.json", R"({"base": "list.json", "name": "v"})"));
  ASSERT_EQ(r.problems.size(), 1u) << format_problems(r.problems);
  EXPECT_EQ(r.problems[0].file, base);
  EXPECT_EQ(r.problems[0].expected, "a JSON object (a scenario)");
}

TEST(ScenarioVariant, ChainedBasesResolve) {
  const auto dir = test_dir();
  write_file(dir / "baseline.json", kMinimal);
  write_file(dir / "middle.json", R"({"base": "baseline.json", "name": "middle",
                                      "patch": {"services": {"step_down": {"beds": 30}}}})");
  const auto path = write_file(dir / "top.json", R"({"base": "middle.json", "name": "top",
                                      "patch": {"cost_per_bed_day": 500}})");
  const auto r = read_scenario_file(path);
  ASSERT_TRUE(r.scenario.has_value()) << format_problems(r.problems);
  EXPECT_EQ(r.scenario->name, "top");
  EXPECT_EQ(service(*r.scenario, "step_down").beds, 30);
  EXPECT_DOUBLE_EQ(r.scenario->cost_per_bed_day, 500);
}

TEST(ScenarioVariant, CycleOfBasesIsReported) {
  const auto dir = test_dir();
  write_file(dir / "a.json", R"({"base": "b.json", "name": "a"})");
  write_file(dir / "b.json", R"({"base": "a.json", "name": "b"})");
  const auto r = read_scenario_file((dir / "a.json").string());
  EXPECT_FALSE(r.scenario.has_value());
  ASSERT_EQ(r.problems.size(), 1u) << format_problems(r.problems);
  EXPECT_EQ(r.problems[0].file, (dir / "b.json").string());
  EXPECT_EQ(r.problems[0].pointer, "/base");
  EXPECT_NE(r.problems[0].found.find("a cycle: "), std::string::npos) << r.problems[0].found;
  EXPECT_NE(r.problems[0].found.find("b.json -> "), std::string::npos) << r.problems[0].found;

  const auto self = write_file(dir / "self.json", R"({"base": "self.json", "name": "self"})");
  EXPECT_TRUE(HasProblem(read_scenario_file(self), "/base", "a cycle"));
}

TEST(ScenarioVariant, PatchWithoutBase) {
  json doc = minimal();
  doc["patch"] = json::object();
  const auto r = read_scenario_json(doc, kLabel);
  ASSERT_EQ(r.problems.size(), 1u) << format_problems(r.problems);
  EXPECT_TRUE(HasProblem(r, "/patch", "a \"base\" naming the scenario"));
}

}  // namespace
}  // namespace homeward::io

namespace homeward::io {
namespace {

// The lever keys: a bridge, a trusted assessor, home first, a ward-round
// declaration window and an exit exempt from the discharge window.
TEST(ScenarioReaderLevers, LeverKeysParse) {
  json doc = minimal();
  doc["services"]["hart"] = json::parse(R"({"kind": "bridge", "reason": "E", "agency": "social_care", "slots": 4,
    "bridges": ["home_care"], "schedule": [{"days": ["all"], "from_hour": 0, "to_hour": 24}],
    "response_days": {"dist": "constant", "value": 0.1}, "max_days": 3,
    "overrun": {"policy": "readmit", "readmission_probability": 0.2}, "cost_per_day": 150})");
  doc["services"]["trusted_team"] = json::parse(R"({"kind": "assessment", "reason": "A", "agency": "nhs",
    "schedule": [{"days": ["all"], "from_hour": 9, "to_hour": 17, "starts": 3}],
    "duration_days": {"dist": "constant", "value": 0.2}})");
  doc["services"]["social_work"]["trusted_assessor"] = {{"service", "trusted_team"}, {"acceptance_probability", 0.7}};
  doc["home_first"] = {{"p3_to_p1", 0.3}, {"later_share", 0.2}, {"later_service", "step_down"}};
  doc["cohorts"][1]["mffd_declared"] = json::parse(R"([{"days": ["all"], "from_hour": 9, "to_hour": 12}])");
  doc["discharge_window"]["exempt_exits"] = {"care_home"};
  const auto r = read_scenario_json(doc, kLabel);
  ASSERT_TRUE(r.scenario) << format_problems(r.problems);
  const model::Scenario& s = *r.scenario;
  const auto find = [&](const std::string& name) {
    for (const auto& service : s.services)
      if (service.name == name) return service;
    throw std::runtime_error(name);
  };
  const auto hart = find("hart");
  EXPECT_EQ(hart.kind, model::ServiceKind::bridge);
  EXPECT_EQ(hart.slots, 4);
  EXPECT_EQ(hart.bridges, std::vector<std::string>{"home_care"});
  EXPECT_EQ(hart.overrun, model::OverrunPolicy::readmit);
  EXPECT_DOUBLE_EQ(hart.readmission_probability, 0.2);
  EXPECT_DOUBLE_EQ(hart.duration_days.mean(), 0.1);
  EXPECT_EQ(find("social_work").trusted_assessor, "trusted_team");
  EXPECT_DOUBLE_EQ(find("social_work").acceptance_probability, 0.7);
  EXPECT_DOUBLE_EQ(s.home_first.p3_to_p1, 0.3);
  EXPECT_EQ(s.home_first.later_service, "step_down");
  EXPECT_EQ(s.cohorts[1].mffd_declared.day(2).size(), 1u);
  EXPECT_EQ(s.discharge_window.exempt_exits, std::vector<std::string>{"care_home"});
}

TEST(ScenarioReaderLevers, BadReferencesAreReported) {
  json doc = minimal();
  doc["services"]["hart"] = json::parse(R"({"kind": "bridge", "reason": "E", "agency": "social_care", "slots": 4,
    "bridges": ["step_down"], "schedule": [{"days": ["all"], "from_hour": 0, "to_hour": 24}],
    "response_days": {"dist": "constant", "value": 0.1}, "max_days": 3})");
  doc["services"]["social_work"]["trusted_assessor"] = {{"service", "nobody"}, {"acceptance_probability", 0.7}};
  doc["discharge_window"]["exempt_exits"] = {"moon"};
  const auto r = read_scenario_json(doc, kLabel);
  EXPECT_FALSE(r.scenario);
  EXPECT_TRUE(HasProblem(r, "/services/hart/bridges/0", "the name of a package service"));
  EXPECT_TRUE(HasProblem(r, "/services/social_work/trusted_assessor/service", "another assessment service"));
  EXPECT_TRUE(HasProblem(r, "/discharge_window/exempt_exits/0", "the name of an exit"));
}

TEST(ScenarioReaderLevers, RoutesToABridgeAreAGraphProblem) {
  json doc = minimal();
  doc["services"]["hart"] = json::parse(R"({"kind": "bridge", "reason": "E", "agency": "social_care", "slots": 4,
    "bridges": ["home_care"], "schedule": [{"days": ["all"], "from_hour": 0, "to_hour": 24}],
    "response_days": {"dist": "constant", "value": 0.1}, "max_days": 3})");
  doc["routes"]["social_work"] = json::parse(R"([{"to": "hart", "probability": 1}])");
  const auto r = read_scenario_json(doc, kLabel);
  EXPECT_TRUE(HasProblem(r, "/routes/social_work", "cannot be routed to"));
}

}  // namespace
}  // namespace homeward::io
