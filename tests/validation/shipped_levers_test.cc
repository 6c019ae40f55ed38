// The shipped levers against what issue 13 asks of their money and limits,
// on the shipped files (8 paired replications of a year, seed 1):
// - seven-day working pays its weekend staff: its services cost more than
//   the baseline's, with a paired 95% interval above zero;
// - the HART variant saves between 0.5 and 1.5 acute bed days per bridged
//   patient (Lincolnshire's seed 000: 1,220 bed days for 1,250 bridged
//   patients, 0.98);
// - more HART slots never give more delayed bed days (0, 5, 10, 20 slots,
//   common random numbers), and slots past the point where every eligible
//   patient is bridged only cost: total cost rises from 10 to 20 slots by
//   about 10 slots' staffed cost.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/io/scenario_reader.h"
#include "sim/model/simulation.h"
#include "sim/model/summary.h"

namespace homeward {
namespace {

const std::string kScenarios = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/";
constexpr int kReplications = 8;

model::Scenario shipped(const std::string& file) {
  io::ScenarioReadResult read = io::read_scenario_file(kScenarios + file);
  EXPECT_TRUE(read.scenario) << io::format_problems(read.problems);
  return read.scenario ? std::move(*read.scenario) : model::Scenario{};
}

std::vector<model::ReplicationResult> replicate(model::Scenario scenario) {
  const model::PreparedScenario prepared(std::move(scenario));
  std::vector<model::ReplicationResult> out;
  for (int r = 0; r < kReplications; ++r) out.push_back(model::simulate(prepared, 1, static_cast<std::uint32_t>(r)));
  return out;
}

double mean(const std::vector<model::ReplicationResult>& reps, const std::string& name) {
  double sum = 0;
  for (const auto& rep : reps) {
    bool found = false;
    for (const auto& m : rep.measures)
      if (m.name == name) sum += m.value, found = true;
    EXPECT_TRUE(found) << name;
  }
  return sum / static_cast<double>(reps.size());
}

model::Statistics difference(const std::vector<model::ReplicationResult>& base,
                             const std::vector<model::ReplicationResult>& other, const std::string& name) {
  for (const auto& d : model::paired_differences(base, other))
    if (d.name == name) return d.statistics;
  ADD_FAILURE() << "no difference for " << name;
  return {};
}

model::Scenario with_hart_slots(model::Scenario scenario, int slots) {
  bool found = false;
  for (auto& service : scenario.services)
    if (service.name == "hart") service.slots = slots, found = true;
  EXPECT_TRUE(found);
  return scenario;
}

TEST(ShippedLevers, SevenDayWorkingPaysForItsWeekendStaff) {
  const auto base = replicate(shipped("baseline.json"));
  const auto seven = replicate(shipped("seven_day.json"));
  const model::Statistics cost = difference(base, seven, "cost_services");
  EXPECT_GT(cost.ci95[0], 0) << "mean " << cost.mean;
  // Its staffed cost alone rises: the weekend hours are paid whether used or not.
  EXPECT_GT(difference(base, seven, "cost_services.staffed").mean, 0);
}

TEST(ShippedLevers, HartSavesAboutOneBedDayPerBridgedPatient) {
  const auto base = replicate(shipped("baseline.json"));
  const auto hart = replicate(shipped("hart.json"));
  const double saved = -difference(base, hart, "acute_bed_days").mean;
  const double bridged = mean(hart, "service.hart.starts");
  ASSERT_GT(bridged, 100);
  EXPECT_GE(saved / bridged, 0.5) << saved << " bed days for " << bridged;
  EXPECT_LE(saved / bridged, 1.5) << saved << " bed days for " << bridged;
}

TEST(ShippedLevers, MoreHartSlotsNeverMeanMoreDelayedBedDaysAndIdleSlotsOnlyCost) {
  const model::Scenario hart = shipped("hart.json");
  std::vector<double> delayed, total;
  std::vector<std::vector<model::ReplicationResult>> runs;
  for (int slots : {0, 5, 10, 20}) {
    runs.push_back(replicate(with_hart_slots(hart, slots)));
    delayed.push_back(mean(runs.back(), "delayed_bed_days"));
    total.push_back(mean(runs.back(), "cost_total"));
  }
  // Within 0.1%: past saturation the same patients are bridged, and what is
  // left is the last bits of a chaotic system.
  for (std::size_t k = 1; k < delayed.size(); ++k)
    EXPECT_LE(delayed[k], delayed[k - 1] * 1.001) << "slots step " << k;
  EXPECT_LT(delayed[1], delayed[0] * 0.99);  // bridging does something
  // From 10 to 20 slots hardly anybody more is bridged (the README's sweep:
  // 341 a year either way); each slot costs its staffed slot days (the
  // scenario's rate, a year) and saves nothing.
  EXPECT_NEAR(mean(runs[3], "service.hart.starts"), mean(runs[2], "service.hart.starts"),
              0.01 * mean(runs[2], "service.hart.starts"));
  const double slot_year = mean(runs[3], "service.hart.cost.staffed") / 20;
  EXPECT_GT(slot_year, 0);
  EXPECT_NEAR(total[3] - total[2], 10 * slot_year, 0.25 * 10 * slot_year);
}

}  // namespace
}  // namespace homeward
