// Invariants of a replication's state: what must hold between any two events
// whatever the scenario. The checked build (HOMEWARD_CHECKED, CMakeLists.txt)
// counts them at every simulated midnight and aborts, naming the breach, when
// one fails; other builds never count. The counts are a plain struct so that
// each rule is tested on hand-made states (tests/model/invariants_test.cc).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace homeward::model {

// One service's bookkeeping as the replication keeps it, beside what its
// patients say of it.
struct ServiceCounts {
  std::string name;
  bool has_beds = false;       // beds or bridge slots: free_places counts them
  bool bridge = false;         // slots are held only by patients (no starting census)
  bool package = false;        // clients hold a package
  int capacity = 0;            // beds or slots in force now
  int largest_capacity = 0;    // the most in force so far: a cut lets beds in use drain, never evicts
  int free_places = 0;           // capacity less those in use (below 0 after a cut)
  double occupied = 0;         // the time-weighted count of beds or slots in use, now
  std::size_t queue_entries = 0;
  double queue_length = 0;     // the time-weighted queue length, now
  std::size_t queued_here = 0;      // patients whose queued_at is this service
  std::size_t misfiled_entries = 0; // queue entries of patients gone or queued elsewhere
  std::size_t holding = 0;          // patients holding a bed, slot or package here
  std::size_t clients = 0;          // package clients
  std::size_t misfiled_clients = 0; // clients whose patient does not point back at them
  double client_count = 0;          // the time-weighted client count, now
};

struct ModelCounts {
  double acute_beds_in_use = 0;      // the time-weighted acute census, now
  std::size_t patients_in_acute = 0; // patients whose location is acute
  std::vector<double> delayed_now;   // by (reason, agency)
  std::size_t patients_delayed = 0;
  std::size_t delayed_not_in_acute = 0;
  std::size_t patients_gone = 0;
  std::size_t free_slots = 0;
  std::size_t free_slots_not_gone = 0;  // free slots whose patient is still somewhere
  // Running totals that only ever grow from 0 (delayed days, discharges, ...).
  std::vector<std::pair<std::string, double>> totals;
  std::vector<ServiceCounts> services;
};

// Every rule the counts break, one line each; empty when all hold.
std::vector<std::string> invariant_breaches(const ModelCounts& counts);

}  // namespace homeward::model
