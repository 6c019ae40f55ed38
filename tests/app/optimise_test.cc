// `homeward optimise` where the answer is known exactly: one pool of c beds
// fed by Poisson admissions with exponential stays is an M/M/c queue whose
// patients wait in acute beds. With a cost h per staffed bed day and the
// acute bed day's cost w per waiting day, the mean cost per day is
//   f(c) = h·c + w·λ·Wq(c),  Wq(c) = C(c, λ/μ) / (cμ − λ)   (Erlang C),
// and the cheapest c is found by evaluating f at every c; so is the least c
// whose waiting days meet a target. The optimiser must find both, and the
// same search on any number of threads.
#include "sim/app/optimise.h"
#include "sim/app/optimise_files.h"
#include "sim/io/json_checker.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace homeward::app {
namespace {

using nlohmann::json;

constexpr double kLambda = 4;        // admissions a day
constexpr double kStaffedBed = 88;   // £ per staffed bed day (h)
constexpr double kBedDay = 400;      // £ per acute bed day, here a waiting day (w)
constexpr int kDays = 2000;

// Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ.
double erlang_c(int c, double a) {
  double term = 1, sum = 0;  // term = a^k / k!
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double tail = term * c / (c - a);
  return tail / (sum + tail);
}

double waiting_days_per_day(int c) { return c > kLambda ? kLambda * erlang_c(c, kLambda) / (c - kLambda) : INFINITY; }

json mmc(int beds) {
  json doc = json::parse(R"({
    "name": "mmc", "start_date": "2019-04-01", "warmup_days": 200, "duration_days": 2000, "cost_per_bed_day": 400,
    "admissions": {"per_day": {"Mon": 4, "Tue": 4, "Wed": 4, "Thu": 4, "Fri": 4, "Sat": 4, "Sun": 4}},
    "cohorts": [{"name": "all", "share": 1, "pathway": "P2", "time_to_mffd_days": {"dist": "constant", "value": 0}}],
    "services": {"pool": {"kind": "beds", "reason": "C", "agency": "nhs", "beds": 5,
      "schedule": [{"days": ["all", "BankHoliday"], "from_hour": 0, "to_hour": 24}],
      "length_of_stay_days": {"dist": "exponential", "mean": 1}, "cost_per_staffed_bed_day": 88}},
    "exits": ["home"],
    "routes": {"P2": [{"to": "pool", "probability": 1}], "pool": [{"to": "home", "probability": 1}]}})");
  doc["services"]["pool"]["beds"] = beds;
  return doc;
}

OptimiseResult optimise(std::optional<OptimiseTarget> target, int threads) {
  std::vector<io::Problem> problems;
  auto problem = prepare_optimise(FamilyBase{"mmc.json", mmc(5)}, {{"/services/pool/beds", 1, 20}}, target, problems);
  EXPECT_TRUE(problem) << io::format_problems(problems);
  OptimiseSettings settings;
  settings.replications = 10;
  settings.seed = 7;
  settings.threads = threads;
  settings.evaluations = 60;
  auto result = run_optimise(*problem, settings);
  EXPECT_TRUE(result);
  return *result;
}

TEST(OptimiseErlangC, FindsTheCheapestNumberOfServers) {
  int best = 0;
  double least = INFINITY;
  for (int c = 1; c <= 20; ++c) {
    const double cost = kStaffedBed * c + kBedDay * waiting_days_per_day(c);
    if (cost < least) least = cost, best = c;
  }
  ASSERT_EQ(best, 7);  // f(6) = 756, f(7) = 685, f(8) = 725 £ a day: a clear optimum
  const OptimiseResult result = optimise(std::nullopt, 1);
  const Candidate& found = result.trace[result.best];
  EXPECT_EQ(found.values[0], best);
  EXPECT_TRUE(result.parameters[0].integer);
  // Its cost is the theory's within the noise of 10 replications of 2,000 days.
  EXPECT_NEAR(found.cost_total / kDays, least, 0.05 * least);
  // The start (5 beds) and the best are compared with every measure.
  ASSERT_EQ(result.comparison.size(), 2u);
  EXPECT_EQ(result.best_document["services"]["pool"]["beds"], best);
}

TEST(OptimiseErlangC, ReachesAWaitingTargetAtLeastCost) {
  // The least c whose expected waiting days in the period are at most 200:
  // 7 beds wait about 347 days, 8 beds about 104.
  int least_meeting = 0;
  for (int c = 20; c >= 1; --c)
    if (kDays * waiting_days_per_day(c) <= 200) least_meeting = c;
  ASSERT_EQ(least_meeting, 8);
  const OptimiseResult result = optimise(OptimiseTarget{"delayed_bed_days", 200}, 1);
  const Candidate& found = result.trace[result.best];
  EXPECT_EQ(found.values[0], least_meeting);
  EXPECT_TRUE(found.feasible);
  EXPECT_LE(found.target_value, 200);
}

TEST(OptimiseErlangC, TheSameSearchOnAnyNumberOfThreads) {
  const OptimiseResult one = optimise(std::nullopt, 1);
  const OptimiseResult two = optimise(std::nullopt, 2);
  ASSERT_EQ(one.trace.size(), two.trace.size());
  for (std::size_t k = 0; k < one.trace.size(); ++k) {
    EXPECT_EQ(one.trace[k].values, two.trace[k].values);
    EXPECT_EQ(one.trace[k].cost_total, two.trace[k].cost_total);  // bit for bit
  }
  EXPECT_EQ(one.best, two.best);
}

// optimised.json must validate: NAME_optimised is shortened to the 64 characters a scenario
// name may have (a 64-character name gave 74, which `homeward validate` refused).
TEST(OptimisedScenario, ALongNameStaysAScenarioName) {
  OptimiseResult result;
  result.trace.resize(1);
  result.best_document = {{"name", std::string(64, 'K')}};
  const std::string name = optimised_scenario(result, "long.json").at("name");
  EXPECT_TRUE(io::is_scenario_name(name)) << name;
  EXPECT_EQ(name, std::string(54, 'K') + "_optimised");
  result.best_document = {{"name", "pool"}};
  EXPECT_EQ(optimised_scenario(result, "pool.json").at("name"), "pool_optimised");
}

TEST(OptimiseProblems, BadPointersBoundsAndTargetsAreNamed) {
  std::vector<io::Problem> problems;
  EXPECT_FALSE(prepare_optimise(FamilyBase{"mmc.json", mmc(5)},
                                {{"/services/pool/nope", 1, 20}, {"/services/pool/reason", 1, 2},
                                 {"/services/pool/beds", 9, 3}},
                                std::nullopt, problems));
  const std::string text = io::format_problems(problems);
  EXPECT_NE(text.find("mmc.json: /services/pool/nope: expected a pointer to a number"), std::string::npos) << text;
  EXPECT_NE(text.find("/services/pool/reason: expected a pointer to a number in the scenario (after resolving any "
                      "base), found \"C\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("--param: /services/pool/beds: expected bounds LOW:HIGH with LOW < HIGH, found 9:3"),
            std::string::npos)
      << text;
  problems.clear();
  EXPECT_FALSE(prepare_optimise(FamilyBase{"mmc.json", mmc(5)}, {{"/services/pool/beds", 1, 20}},
                                OptimiseTarget{"delayed_bed_dayz", 10}, problems));
  EXPECT_NE(io::format_problems(problems).find("\"delayed_bed_dayz\""), std::string::npos);
}

TEST(OptimiseProblems, CountsStayWithinBoundsThatAreNotWhole) {
  std::vector<io::Problem> problems;
  auto problem = prepare_optimise(FamilyBase{"mmc.json", mmc(5)}, {{"/services/pool/beds", 5.5, 8.5}}, std::nullopt,
                                  problems);
  ASSERT_TRUE(problem) << io::format_problems(problems);
  EXPECT_EQ(problem->parameters[0].start, 6);  // 5 clamped into the bounds, then to a count within them
  OptimiseSettings settings;
  settings.replications = 2;
  settings.evaluations = 20;
  const auto result = run_optimise(*problem, settings);
  ASSERT_TRUE(result);
  for (const Candidate& c : result->trace) {
    EXPECT_GE(c.values[0], 6);
    EXPECT_LE(c.values[0], 8);
  }
}

TEST(OptimiseProblems, AnInfeasibleCandidateRanksAfterEveryFeasibleOne) {
  EXPECT_GT(infeasible_objective(201, 200), 1e14);
  EXPECT_LT(infeasible_objective(201, 200), infeasible_objective(260, 200));
}

}  // namespace
}  // namespace homeward::app
