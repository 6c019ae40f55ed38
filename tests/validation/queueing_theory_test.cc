// The model against queueing theory: a `beds` service fed by Poisson
// admissions with exponential stays is an M/M/c queue, so the wait in the
// acute bed must match Erlang C, and occupancies must obey Little's law.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/model/simulation.h"
#include "sim/model/summary.h"
#include "support/test_scenarios.h"

namespace homeward::testing {
namespace {

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

Scenario mmc_scenario(double lambda_per_day, int beds, double mean_stay_days) {
  Scenario s = empty_scenario(2000);
  s.warmup_days = 200;
  s.admissions.mean_per_weekday.fill(lambda_per_day);
  s.cohorts = {model::Cohort{"all", 1.0, model::Pathway::P2, engine::Distribution::constant(0)}};
  ServiceConfig step_down = service("step_down", ServiceKind::beds, model::Reason::C, model::Agency::nhs);
  step_down.beds = beds;
  step_down.duration_days = engine::Distribution::exponential(mean_stay_days);
  s.services = {step_down};
  s.transitions = {{"P2", "step_down", 1}, {"step_down", "home", 1}};
  return s;
}

struct Estimate {
  double mean, standard_error;  // across replications
};

Estimate estimate(const std::vector<model::ReplicationResult>& reps, const std::string& name) {
  std::vector<double> values;
  for (const auto& r : reps) values.push_back(measure(r, name));
  const model::Statistics s = model::summarise(values);
  return {s.mean, s.sd / std::sqrt(static_cast<double>(values.size()))};
}

std::vector<model::ReplicationResult> replicate(Scenario s, int n) {
  model::PreparedScenario prepared(std::move(s));
  std::vector<model::ReplicationResult> reps;
  for (int r = 0; r < n; ++r) reps.push_back(model::simulate(prepared, 2024, r));
  return reps;
}

class ErlangC : public ::testing::TestWithParam<std::tuple<double, int>> {};

TEST_P(ErlangC, WaitMatchesTheory) {
  const auto [lambda, c] = GetParam();
  const auto reps = replicate(mmc_scenario(lambda, c, 1.0), 40);
  const double p_wait = erlang_c(c, lambda);
  const double mean_wait = p_wait / (c - lambda);  // Wq = C / (cμ − λ), μ = 1 per day

  // The seed is fixed, so each check is one draw of a test at the 99.7% level:
  // theory within three standard errors of the mean over 40 replications.
  // (Waits at 80-85% load are skewed and autocorrelated within a replication,
  // which is why a replication is long: 2,000 days after a 200-day warm-up.)
  const Estimate waited = estimate(reps, "discharged_with_delay_share");
  EXPECT_NEAR(waited.mean, p_wait, 3 * waited.standard_error) << "P(wait) theory " << p_wait;
  const Estimate wait = estimate(reps, "delay_days_mean");
  EXPECT_NEAR(wait.mean, mean_wait, 3 * wait.standard_error) << "Wq theory " << mean_wait;
  // Utilisation of the beds is the offered load per bed.
  const Estimate utilisation = estimate(reps, "service.step_down.utilisation");
  EXPECT_NEAR(utilisation.mean, lambda / c, 3 * utilisation.standard_error);
}

INSTANTIATE_TEST_SUITE_P(Loads, ErlangC, ::testing::Values(std::make_tuple(4.0, 5), std::make_tuple(8.5, 10)));

// Little's law: mean number in the acute bed = admissions per day × mean
// time in it. Here the time in the acute bed is the wait for a step-down bed.
TEST(LittlesLaw, AcuteOccupancyIsArrivalRateTimesStay) {
  const auto reps = replicate(mmc_scenario(4.0, 5, 1.0), 10);
  for (const auto& r : reps) {
    const double lambda = measure(r, "admissions") / 2000.0;
    const double stay = measure(r, "delay_days_mean");
    EXPECT_NEAR(measure(r, "acute_occupancy_mean"), lambda * stay, 0.05 * lambda * stay + 0.01);
    // And for the step-down beds: occupancy = λ × mean stay (1 day).
    EXPECT_NEAR(measure(r, "service.step_down.utilisation") * 5, lambda * 1.0, 0.05 * lambda);
  }
}

// More beds never increase the mean wait: with common random numbers each
// replication sees the same patients, so the comparison is paired.
TEST(Monotonicity, MoreBedsNeverIncreaseMeanWait) {
  const auto fewer = replicate(mmc_scenario(4.0, 5, 1.0), 10);
  const auto more = replicate(mmc_scenario(4.0, 6, 1.0), 10);
  for (std::size_t r = 0; r < fewer.size(); ++r) {
    EXPECT_EQ(measure(fewer[r], "admissions"), measure(more[r], "admissions"));
    EXPECT_LT(measure(more[r], "delay_days_mean"), measure(fewer[r], "delay_days_mean"));
  }
}

}  // namespace
}  // namespace homeward::testing
