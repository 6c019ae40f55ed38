#include "sim/model/invariants.h"

#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>

#include "sim/model/replication.h"

namespace homeward::model {
namespace {

std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", x);
  return text;
}

void check_service(const ServiceCounts& s, std::vector<std::string>& breaches) {
  const auto breach = [&](const std::string& what) { breaches.push_back("service " + s.name + ": " + what); };
  if (static_cast<double>(s.queue_entries) != s.queue_length)
    breach("queue holds " + std::to_string(s.queue_entries) + " but its length is " + number(s.queue_length));
  if (s.queued_here != s.queue_entries)
    breach(std::to_string(s.queued_here) + " patients say they queue here, the queue holds " +
           std::to_string(s.queue_entries));
  if (s.misfiled_entries > 0) breach(std::to_string(s.misfiled_entries) + " queue entries are gone or queued elsewhere");
  if (s.has_beds) {
    const int in_use = s.capacity - s.free_places;
    if (in_use < 0) breach(std::to_string(in_use) + " beds in use");
    if (in_use > s.largest_capacity)
      breach(std::to_string(in_use) + " beds in use, more than the " + std::to_string(s.largest_capacity) +
             " it ever had");
    if (static_cast<double>(in_use) != s.occupied)
      breach(std::to_string(in_use) + " beds in use but the occupancy is " + number(s.occupied));
    if (s.bridge ? s.holding != static_cast<std::size_t>(std::max(in_use, 0))
                 : s.holding > static_cast<std::size_t>(std::max(in_use, 0)))
      breach(std::to_string(s.holding) + " patients hold a bed or slot, " + std::to_string(in_use) + " in use");
  }
  if (s.package) {
    if (s.clients != s.holding)
      breach(std::to_string(s.clients) + " clients but " + std::to_string(s.holding) + " patients hold the package");
    if (s.misfiled_clients > 0) breach(std::to_string(s.misfiled_clients) + " clients' patients do not point back");
    if (static_cast<double>(s.clients) != s.client_count)
      breach(std::to_string(s.clients) + " clients but the client count is " + number(s.client_count));
  }
}

}  // namespace

std::vector<std::string> invariant_breaches(const ModelCounts& counts) {
  std::vector<std::string> breaches;
  if (static_cast<double>(counts.patients_in_acute) != counts.acute_beds_in_use)
    breaches.push_back(std::to_string(counts.patients_in_acute) + " patients in acute beds but the census is " +
                       number(counts.acute_beds_in_use));
  double delayed = 0;
  for (std::size_t a = 0; a < counts.delayed_now.size(); ++a) {
    if (counts.delayed_now[a] < 0)
      breaches.push_back("delayed now, attribution " + std::to_string(a) + ": " + number(counts.delayed_now[a]));
    delayed += counts.delayed_now[a];
  }
  if (delayed != static_cast<double>(counts.patients_delayed))
    breaches.push_back(number(delayed) + " delayed by attribution but " + std::to_string(counts.patients_delayed) +
                       " patients delayed");
  if (counts.delayed_not_in_acute > 0)
    breaches.push_back(std::to_string(counts.delayed_not_in_acute) + " delayed patients are not in an acute bed");
  if (counts.free_slots != counts.patients_gone)
    breaches.push_back(std::to_string(counts.patients_gone) + " patients gone but " +
                       std::to_string(counts.free_slots) + " free slots");
  if (counts.free_slots_not_gone > 0)
    breaches.push_back(std::to_string(counts.free_slots_not_gone) + " free slots hold a patient still in the system");
  for (const auto& [name, value] : counts.totals)
    if (!(value >= 0)) breaches.push_back(name + " is " + number(value));
  for (const ServiceCounts& s : counts.services) check_service(s, breaches);
  return breaches;
}

namespace detail {

// Counts what Replication keeps and what its patients say, then aborts on a
// breach: a broken invariant is a bug in the model, and results built on it
// must not be written.
void Replication::check_invariants() const {
  ModelCounts counts;
  counts.acute_beds_in_use = acute_.value();
  counts.delayed_now.assign(delayed_now_.begin(), delayed_now_.end());
  counts.free_slots = free_slots_.size();
  for (std::uint32_t slot : free_slots_)
    if (patients_[slot].location != Location::gone) ++counts.free_slots_not_gone;
  counts.totals = {{"delayed days (capacity)", tally_.delayed_capacity},
                   {"delayed days (process)", tally_.delayed_process},
                   {"admissions", tally_.admissions},
                   {"discharges", tally_.discharges},
                   {"patient days", patient_days_}};
  for (std::size_t a = 0; a < tally_.delayed_by_attribution.size(); ++a)
    counts.totals.emplace_back("delayed days, attribution " + std::to_string(a), tally_.delayed_by_attribution[a]);
  for (std::size_t s = 0; s < services_.size(); ++s) {
    const ServiceConfig& config = scenario_.services[s];
    const ServiceState& state = services_[s];
    ServiceCounts c;
    c.name = config.name;
    c.bridge = config.kind == ServiceKind::bridge;
    c.has_beds = config.kind == ServiceKind::beds || c.bridge;
    c.package = config.kind == ServiceKind::package;
    c.capacity = state.capacity;
    c.largest_capacity = c.bridge ? config.slots : config.beds;
    for (std::size_t k = 0; k < state.phase && k < config.phases.size(); ++k)
      c.largest_capacity = std::max(c.largest_capacity, c.bridge ? config.phases[k].slots : config.phases[k].beds);
    c.free_places = state.free_places;
    c.occupied = state.occupied.value();
    c.queue_entries = state.queue.size();
    c.queue_length = state.queue_length.value();
    for (std::uint32_t id : state.queue)
      if (patients_[id].queued_at != s || patients_[id].location == Location::gone) ++c.misfiled_entries;
    c.clients = state.clients.size();
    for (std::size_t k = 0; k < state.clients.size(); ++k) {
      const Patient& p = patients_[state.clients[k].patient];
      if (p.client_slot != k || p.held != s) ++c.misfiled_clients;
    }
    c.client_count = state.client_count.value();
    counts.services.push_back(std::move(c));
  }
  for (const Patient& p : patients_) {
    if (p.location == Location::gone) {
      ++counts.patients_gone;
      continue;
    }
    if (p.location == Location::acute) ++counts.patients_in_acute;
    if (p.delayed) {
      ++counts.patients_delayed;
      if (p.location != Location::acute) ++counts.delayed_not_in_acute;
    }
    if (p.queued_at != kNone) ++counts.services[p.queued_at].queued_here;
    if (p.held != kNone) ++counts.services[p.held].holding;
    if (p.bridge != kNone) ++counts.services[p.bridge].holding;
  }
  // Settled stays are patients too; those delayed now are counted by midnight, not in delayed_now_.
  for (std::uint32_t k : free_settled_)
    if (settled_[k].live) ++counts.free_slots_not_gone;
  counts.free_slots += free_settled_.size();
  for (const SettledStay& stay : settled_) {
    if (!stay.live) {
      ++counts.patients_gone;
      continue;
    }
    if (!stay.in_acute) continue;
    ++counts.patients_in_acute;
    if (stay.mffd < now_) ++counts.patients_delayed;
  }
  counts.delayed_now[window_attribution_] += settled_delayed_at_midnight(Calendar::day_of(now_ + 0.5));
  const std::vector<std::string> breaches = invariant_breaches(counts);
  if (breaches.empty()) return;
  std::fprintf(stderr, "homeward: model invariant broken on day %.6f of scenario %s:\n", now_, scenario_.name.c_str());
  for (const std::string& b : breaches) std::fprintf(stderr, "  %s\n", b.c_str());
  std::abort();
}

}  // namespace detail
}  // namespace homeward::model
