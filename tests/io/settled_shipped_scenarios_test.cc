// Settled stays on the scenarios a user runs: each shipped scenario, read as
// `homeward run` reads it, gives the same stays, counts and (to 10^-9) measures
// with its pathway-0 patients settled at admission as with every patient sent
// through events (tests/support/settled_comparison.h). The hand-made cases are
// in tests/model/settled_stays_test.cc.
#include <gtest/gtest.h>

#include <string>

#include "sim/io/problems.h"
#include "sim/io/scenario_reader.h"
#include "support/settled_comparison.h"

namespace homeward::testing {
namespace {

class SettledShipped : public ::testing::TestWithParam<const char*> {};

TEST_P(SettledShipped, SameStoryAsTheEventPath) {
  const std::string path = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/" + GetParam() + ".json";
  const io::ScenarioReadResult read = io::read_scenario_file(path);
  ASSERT_TRUE(read.scenario) << io::format_problems(read.problems);
  const model::PreparedScenario prepared(*read.scenario);
  const Outcome settled = run_with(prepared, 0, true);
  const Outcome events = run_with(prepared, 0, false);
  // Pathway 0 did settle, and no event was added by it.
  EXPECT_GT(settled.settled, 0u);
  EXPECT_EQ(events.settled, 0u);
  EXPECT_LE(settled.result.events, events.result.events);
  expect_same_story(settled, events);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, SettledShipped,
                         ::testing::Values("baseline", "seven_day", "hart", "trusted_assessor", "home_first",
                                           "early_planning", "combined", "kent", "large_trust"));

}  // namespace
}  // namespace homeward::testing
