// The rules of sim/model/invariants.h on hand-made states: a consistent state
// passes, and each kind of corruption is caught and named. (The checked build
// applies them at every simulated midnight of every test that simulates.)
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/model/invariants.h"

namespace homeward::model {
namespace {

// Two patients in acute beds, one of them delayed and queued for a step-down
// bed service of 3 beds (1 in use by a third patient, 1 by the starting
// census); a fourth patient holds a package; one slot free and its patient gone.
ModelCounts consistent() {
  ModelCounts c;
  c.acute_beds_in_use = 2;
  c.patients_in_acute = 2;
  c.delayed_now = {0, 1, 0};
  c.patients_delayed = 1;
  c.patients_gone = 1;
  c.free_slots = 1;
  c.totals = {{"discharges", 12}};
  ServiceCounts beds;
  beds.name = "step_down";
  beds.has_beds = true;
  beds.capacity = beds.largest_capacity = 3;
  beds.free_places = 1;
  beds.occupied = 2;
  beds.queue_entries = beds.queued_here = 1;
  beds.queue_length = 1;
  beds.holding = 1;
  ServiceCounts package;
  package.name = "home_care";
  package.package = true;
  package.clients = package.holding = 1;
  package.client_count = 1;
  c.services = {beds, package};
  return c;
}

bool mentions(const std::vector<std::string>& breaches, const std::string& fragment) {
  for (const std::string& b : breaches)
    if (b.find(fragment) != std::string::npos) return true;
  return false;
}

TEST(Invariants, AConsistentStatePasses) { EXPECT_TRUE(invariant_breaches(consistent()).empty()); }

TEST(Invariants, MoreBedsInUseThanEverExistedIsCaught) {
  ModelCounts c = consistent();
  c.services[0].free_places = -1;  // 4 in use of 3
  c.services[0].occupied = 4;
  const auto breaches = invariant_breaches(c);
  ASSERT_EQ(breaches.size(), 1u);
  EXPECT_TRUE(mentions(breaches, "service step_down: 4 beds in use, more than the 3 it ever had"));
}

TEST(Invariants, BedsOverACutCapacityDrainAndAreNotABreach) {
  ModelCounts c = consistent();
  c.services[0].capacity = 1;  // cut from 3 to 1 while 2 are in use
  c.services[0].free_places = -1;
  EXPECT_TRUE(invariant_breaches(c).empty());
}

TEST(Invariants, NegativeBedsInUseAreCaught) {
  ModelCounts c = consistent();
  c.services[0].free_places = 4;
  c.services[0].occupied = -1;
  c.services[0].holding = 0;
  EXPECT_TRUE(mentions(invariant_breaches(c), "-1 beds in use"));
}

TEST(Invariants, OccupancyOutOfStepWithFreeBedsIsCaught) {
  ModelCounts c = consistent();
  c.services[0].occupied = 3;
  EXPECT_TRUE(mentions(invariant_breaches(c), "2 beds in use but the occupancy is 3"));
}

TEST(Invariants, BridgeSlotsHeldOnlyByPatients) {
  ModelCounts c = consistent();
  c.services[0].bridge = true;  // 2 slots in use, but only 1 patient holds one
  EXPECT_TRUE(mentions(invariant_breaches(c), "1 patients hold a bed or slot, 2 in use"));
}

TEST(Invariants, NegativeDelayedCountIsCaught) {
  ModelCounts c = consistent();
  c.delayed_now = {-1, 2, 0};
  const auto breaches = invariant_breaches(c);
  ASSERT_EQ(breaches.size(), 1u);  // the sum still matches: only the sign is wrong
  EXPECT_TRUE(mentions(breaches, "delayed now, attribution 0: -1"));
}

TEST(Invariants, DelayedCountOutOfStepWithPatientsIsCaught) {
  ModelCounts c = consistent();
  c.patients_delayed = 2;
  EXPECT_TRUE(mentions(invariant_breaches(c), "1 delayed by attribution but 2 patients delayed"));
}

TEST(Invariants, APatientInTwoQueuesOrNoneIsCaught) {
  ModelCounts c = consistent();
  c.services[0].queue_entries = 2;  // the queue holds the patient twice
  c.services[0].queue_length = 2;
  EXPECT_TRUE(mentions(invariant_breaches(c), "1 patients say they queue here, the queue holds 2"));
  c = consistent();
  c.services[0].misfiled_entries = 1;
  EXPECT_TRUE(mentions(invariant_breaches(c), "1 queue entries are gone or queued elsewhere"));
}

TEST(Invariants, QueueLengthOutOfStepIsCaught) {
  ModelCounts c = consistent();
  c.services[0].queue_length = 0;
  EXPECT_TRUE(mentions(invariant_breaches(c), "queue holds 1 but its length is 0"));
}

TEST(Invariants, AcuteCensusOutOfStepWithPatientsIsCaught) {
  ModelCounts c = consistent();
  c.acute_beds_in_use = 3;
  EXPECT_TRUE(mentions(invariant_breaches(c), "2 patients in acute beds but the census is 3"));
}

TEST(Invariants, DelayedOutsideAnAcuteBedIsCaught) {
  ModelCounts c = consistent();
  c.delayed_not_in_acute = 1;
  EXPECT_TRUE(mentions(invariant_breaches(c), "1 delayed patients are not in an acute bed"));
}

TEST(Invariants, GonePatientsAndFreeSlotsMatch) {
  ModelCounts c = consistent();
  c.free_slots = 2;
  EXPECT_TRUE(mentions(invariant_breaches(c), "1 patients gone but 2 free slots"));
  c = consistent();
  c.free_slots_not_gone = 1;
  EXPECT_TRUE(mentions(invariant_breaches(c), "1 free slots hold a patient still in the system"));
}

TEST(Invariants, PackageClientsMatchTheirPatients) {
  ModelCounts c = consistent();
  c.services[1].clients = 2;
  c.services[1].client_count = 2;
  EXPECT_TRUE(mentions(invariant_breaches(c), "service home_care: 2 clients but 1 patients hold the package"));
  c = consistent();
  c.services[1].misfiled_clients = 1;
  EXPECT_TRUE(mentions(invariant_breaches(c), "1 clients' patients do not point back"));
  c = consistent();
  c.services[1].client_count = 0;
  EXPECT_TRUE(mentions(invariant_breaches(c), "1 clients but the client count is 0"));
}

TEST(Invariants, ARunningTotalBelowZeroIsCaught) {
  ModelCounts c = consistent();
  c.totals.emplace_back("delayed days (capacity)", -0.5);
  EXPECT_TRUE(mentions(invariant_breaches(c), "delayed days (capacity) is -0.5"));
}

}  // namespace
}  // namespace homeward::model
