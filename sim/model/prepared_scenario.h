// PreparedScenario: a validated Scenario with everything a replication needs
// resolved once (calendar, pathway graph, cumulative weights), shared
// read-only by all replications.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "sim/engine/calendar.h"
#include "sim/model/pathway_graph.h"
#include "sim/model/scenario.h"

namespace homeward::model {

// A (reason, agency) pair, the unit in which DToC delays are attributed.
inline constexpr int kAttributionCount = kReasonCount * kAgencyCount;
inline int attribution_of(Reason r, Agency a) { return static_cast<int>(r) * kAgencyCount + static_cast<int>(a); }
inline Reason reason_of(int attribution) { return static_cast<Reason>(attribution / kAgencyCount); }
inline Agency agency_of(int attribution) { return static_cast<Agency>(attribution % kAgencyCount); }

inline constexpr std::uint32_t kNoService = 0xFFFFFFFFu;

// Pathways some patient can follow: a cohort's, or one that home first moves patients to.
std::array<bool, kPathwayCount> pathways_in_use(const Scenario& scenario);
// Expected admissions on a day (before Poisson sampling): the weekday's mean
// times the month's factor, or the dated series' month shaped by the weekday.
double admissions_mean(const AdmissionsConfig& admissions, const engine::Calendar& calendar, std::int64_t day);
// Expected admissions of one replication, warm-up included (before Poisson
// sampling; fixed admissions not counted).
double expected_admissions(const Scenario& scenario);
// The index of the service with this name, or kNoService.
std::uint32_t find_service(const Scenario& scenario, const std::string& name);

class PreparedScenario;

// A scenario made ready to simulate, or why it cannot be: the problems of its
// pathway graph (unknown names, probabilities that do not sum to 1, services
// with no routes or no way out). The graph is built once, here.
struct Preparation {
  std::unique_ptr<PreparedScenario> scenario;  // set when problems is empty
  std::vector<GraphProblem> problems;
};
// REQUIRES: the scenario's fields are each within their documented ranges
// (io's parser checks them); prepare() checks how they fit together.
Preparation prepare(Scenario scenario);

class PreparedScenario {
 public:
  // For a scenario known to be sound (built in code by a test, or one that
  // prepare() accepted before): asserts that its graph has no problems.
  explicit PreparedScenario(Scenario scenario);

  const Scenario& scenario() const { return scenario_; }
  const engine::Calendar& calendar() const { return calendar_; }
  const PathwayGraph& graph() const { return graph_; }
  const std::vector<double>& cohort_cumulative() const { return cohort_cumulative_; }
  // Share of a day's admissions arriving in each hour (sums to 1).
  const std::array<double, 24>& hour_shares() const { return hour_shares_; }
  // Attributions (reason, agency) that some service or the discharge window can produce.
  const std::vector<int>& attributions() const { return attributions_; }
  bool pathway_used(Pathway p) const { return pathway_used_[static_cast<int>(p)]; }
  // The bridge service that bridges to package service s, or kNoService.
  std::uint32_t bridge_of(std::uint32_t s) const { return bridge_of_[s]; }
  // The trusted assessor service that assesses for service s, or kNoService.
  std::uint32_t trusted_assessor_of(std::uint32_t s) const { return trusted_assessor_of_[s]; }
  // Home first: the service a moved patient enters for a later placement.
  std::uint32_t later_service() const { return later_service_; }
  bool exit_exempt_from_window(std::uint32_t exit) const { return exempt_exit_[exit]; }
  // The exit of a death while waiting (WaitingHarms::death_exit), or kNoService.
  std::uint32_t death_exit() const { return death_exit_; }
  // Deaths are never readmitted: the death exit, or an exit named "died".
  bool exit_is_death(std::uint32_t exit) const { return exit == death_exit_ || exit == died_exit_; }
  // Expected admissions on a day (before Poisson sampling).
  double admissions_mean(std::int64_t day) const;

 private:
  friend Preparation prepare(Scenario scenario);
  // Takes the scenario from the reference once the graph has been built from it.
  PreparedScenario(Scenario&& scenario, PathwayGraph graph);

  Scenario scenario_;
  engine::Calendar calendar_;
  PathwayGraph graph_;
  std::vector<double> cohort_cumulative_;
  std::array<double, 24> hour_shares_{};
  std::vector<int> attributions_;
  std::array<bool, kPathwayCount> pathway_used_{};
  std::vector<std::uint32_t> bridge_of_;
  std::vector<std::uint32_t> trusted_assessor_of_;
  std::uint32_t later_service_ = kNoService;
  std::vector<bool> exempt_exit_;
  std::uint32_t death_exit_ = kNoService;
  std::uint32_t died_exit_ = kNoService;
};

}  // namespace homeward::model
