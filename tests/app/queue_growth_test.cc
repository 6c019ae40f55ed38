// Growing queues (docs/measures.md, "Growing queues"): the rule on hand
// cases, and on M/M/c queues whose stability queueing theory decides
// (utilisation ρ = λ/(cμ): above 1 the queue grows without bound, below 1 it
// settles).
#include "sim/app/queue_growth.h"

#include <gtest/gtest.h>

#include "sim/io/journal.h"
#include "support/test_scenarios.h"

namespace homeward::app {
namespace {

using testing::empty_scenario;
using testing::service;

// 2019: twelve months, quarters of 90, 91, 92 and 92 days.
io::ScenarioInfo year_2019() {
  return {"hand", "0", "2019-01-01", 365, 0, 400, {}, {"social_work"}, ""};
}

// One replication whose queue holds `level[q]` patients throughout quarter q.
model::ReplicationResult quarters(const std::array<double, 4>& level) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  model::ReplicationResult r;
  for (int m = 0; m < 12; ++m) {
    model::MonthResult month;
    month.month = {2019, m + 1};
    month.queue_days = {level[static_cast<std::size_t>(m / 3)] * kDays[m]};
    r.months.push_back(month);
  }
  return r;
}

std::vector<GrowingQueue> growing(const std::vector<std::array<double, 4>>& replications) {
  QueueGrowth growth(year_2019());
  for (const auto& levels : replications) growth.add(quarters(levels));
  return growth.growing();
}

TEST(QueueGrowth, AQueueRisingEveryQuarterIsFlaggedWithItsLevels) {
  const auto flagged = growing({{1, 2, 3, 4}, {1.2, 2.1, 3.3, 4.6}, {0.8, 2.3, 3.1, 4.5}});
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0].service, "social_work");
  EXPECT_DOUBLE_EQ(flagged[0].first_quarter, 1.0);  // (1 + 1.2 + 0.8) / 3
  EXPECT_DOUBLE_EQ(flagged[0].last_quarter, (4 + 4.6 + 4.5) / 3);
}

TEST(QueueGrowth, SettledSmallOrUnprovenQueuesAreNot) {
  EXPECT_TRUE(growing({{5, 5, 5, 5}, {5, 5.1, 4.9, 5}, {4.8, 5.2, 5, 5.1}}).empty());           // settled
  EXPECT_TRUE(growing({{20, 30, 45, 45}, {21, 32, 47, 46}, {19, 29, 44, 44.5}}).empty());     // rose, then settled
  EXPECT_TRUE(growing({{0.1, 0.3, 0.5, 0.7}, {0.1, 0.3, 0.5, 0.8}, {0.2, 0.3, 0.5, 0.7}}).empty());  // under 1 patient
  EXPECT_TRUE(growing({{1, 2, 3, 40}, {1, 2, 3, 40}, {1, 5, 3, 40}}).empty());                // fell in one replication's step
  EXPECT_TRUE(growing({{1, 20, 300, 4000}}).empty());  // one replication proves nothing
}

// An M/M/c bed service: Poisson admissions, exponential stays of one day.
std::vector<GrowingQueue> mmc_growth(double lambda_per_day, int beds) {
  model::Scenario s = empty_scenario(365);
  s.warmup_days = 30;
  s.admissions.mean_per_weekday.fill(lambda_per_day);
  s.cohorts = {model::Cohort{"all", 1.0, model::Pathway::P2, engine::Distribution::constant(0)}};
  model::ServiceConfig beds_service = service("step_down", model::ServiceKind::beds, model::Reason::C, model::Agency::nhs);
  beds_service.beds = beds;
  beds_service.duration_days = engine::Distribution::exponential(1.0);
  s.services = {beds_service};
  s.transitions = {{"P2", "step_down", 1}, {"step_down", "home", 1}};
  const model::PreparedScenario prepared(std::move(s));
  QueueGrowth growth(io::ScenarioInfo::of(prepared, "mmc"));
  for (std::uint32_t r = 0; r < 10; ++r) growth.add(model::simulate(prepared, 11, r));
  return growth.growing();
}

TEST(QueueGrowth, TheoryUnstableMMcIsFlagged) {
  // ρ = 6 / 5 = 1.2: the queue grows by about λ − cμ = 1 patient a day.
  const auto flagged = mmc_growth(6, 5);
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0].service, "step_down");
  // Quarter means near 1 × 45, 137, 228, 320 days of growth (plus the warm-up's 30).
  EXPECT_GT(flagged[0].last_quarter - flagged[0].first_quarter, 200);
}

TEST(QueueGrowth, TheoryStableMMcIsNot) {
  // ρ = 4 / 5 = 0.8: Erlang C gives a mean queue of about 2.2, steady.
  EXPECT_TRUE(mmc_growth(4, 5).empty());
}

}  // namespace
}  // namespace homeward::app
