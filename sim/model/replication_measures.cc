// The replication's measures from its tallies, in the order of
// replications.csv; definitions in docs/measures.md.
#include <cmath>
#include <numeric>

#include "sim/model/measure_catalogue.h"
#include "sim/model/measure_recorder.h"
#include "sim/model/replication_tallies.h"
#include "sim/model/service_capacity.h"
#include "sim/model/service_costs.h"

namespace homeward::model {
namespace {

using namespace measure;

// A service's own measures (none for a delay); returns what it cost.
ServiceCost record_service(MeasureRecorder& r, const ServiceConfig& config, const ServiceTallies& t,
                           const PreparedScenario& prepared) {
  const Scenario& scenario = prepared.scenario();
  const double end = scenario.duration_days;
  const ServiceCost cost = service_cost(config, {t.starts, t.occupied_days, t.client_days, t.visit_days},
                                        prepared.calendar(), scenario.duration_days);
  // A delay is a process each patient goes through, not a queue or capacity
  // (docs/scenario-format.md): nothing starts or waits there, and it costs nothing.
  if (config.kind == ServiceKind::delay) return cost;
  const std::string& name = config.name;
  r.add(kServiceStarts, name, t.starts);
  r.add(kServiceQueueMean, name, t.queue_days / end);
  switch (config.kind) {
    case ServiceKind::beds:
      r.add(kServiceUtilisation, name, t.occupied_days / capacity_days(config, end));
      r.add(kServiceBlockedBedDays, name, t.blocked_bed_days);
      break;
    case ServiceKind::package:
      if (std::isfinite(capacity_days(config, end)))
        r.add(kServiceUtilisation, name, t.visit_days / capacity_days(config, end));
      r.add(kServiceClientsMean, name, t.client_days / end);
      break;
    case ServiceKind::assessment: {
      const double offered = offered_starts(config, prepared.calendar(), scenario.duration_days);
      if (offered > 0) r.add(kServiceUtilisation, name, t.starts / offered);
      if (!config.trusted_assessor.empty()) r.add(kServiceTrustedAccepted, name, t.accepted);
      break;
    }
    case ServiceKind::bridge:
      r.add(kServiceUtilisation, name,
            capacity_days(config, end) > 0 ? t.occupied_days / capacity_days(config, end) : 0);
      r.add(kServiceBridgingDays, name, t.occupied_days);
      r.add(kServiceOverruns, name, t.overruns);
      r.add(kServiceReadmissions, name, t.readmissions);
      break;
    case ServiceKind::delay: break;
  }
  record_cost(r, kServiceCostFamily, name, cost);
  return cost;
}

}  // namespace

std::vector<Measure> measures_of(const PreparedScenario& prepared, ReplicationTallies t) {
  const Scenario& scenario = prepared.scenario();
  const double end = scenario.duration_days;
  MeasureRecorder r;
  const double delayed_bed_days =
      std::accumulate(t.delayed_by_attribution.begin(), t.delayed_by_attribution.end(), 0.0);
  r.add(kAdmissions, t.admissions);
  r.add(kReadmissions, t.readmissions);
  r.add(kDischarges, t.discharges);
  r.add(kInHospitalAtStart, t.in_hospital_at_start);
  r.add(kInHospitalAtEnd, t.in_hospital_at_end);
  r.add_delay_distribution(std::move(t.positive_delays), t.zero_delays);
  r.add(kDelayedBedDays, delayed_bed_days);
  r.add(kDelayedWaitingCapacity, t.delayed_capacity);
  r.add(kDelayedWaitingProcess, t.delayed_process);
  r.add_by_reason_agency(prepared.attributions(), t.delayed_by_attribution);
  for (int pw = 0; pw < kPathwayCount; ++pw)
    if (prepared.pathway_used(static_cast<Pathway>(pw)))
      r.add(kDelayedByPathway, pathway_code(static_cast<Pathway>(pw)), t.delayed_by_pathway[pw]);
  r.add(kDtocDelayedDays, t.dtoc_delayed_days);
  r.add(kAcuteBedDays, t.acute_bed_days);
  r.add(kDelayedShare, t.acute_bed_days > 0 ? delayed_bed_days / t.acute_bed_days : 0);
  r.add(kOccupancyMean, t.acute_bed_days / end);
  r.add(kOccupancyPeak, t.acute_occupancy_peak);
  for (int pw = 0; pw < kPathwayCount; ++pw)
    if (prepared.pathway_used(static_cast<Pathway>(pw)))
      r.add(kDischargesByPathway, pathway_code(static_cast<Pathway>(pw)), t.discharges_by_pathway[pw]);
  for (std::size_t e = 0; e < scenario.exits.size(); ++e) r.add(kExits, scenario.exits[e], t.exits[e]);
  r.add(kHomeFirstMoved, t.moved_home_first);
  r.add(kHomeFirstLaterPlacements, t.later_placements);
  if (scenario.harms.any()) {
    r.add(kDeconditioned, t.deconditioned);
    r.add(kDiedWhileWaiting, t.died_waiting);
  }
  if (scenario.readmission.enabled()) {
    r.add(kReadmissionsAfterDischarge, t.readmissions_after_discharge);
    r.add(kReadmissionBedDays, t.readmission_bed_days);
  }
  ServiceCost service_cost;
  for (std::size_t s = 0; s < scenario.services.size(); ++s)
    service_cost += record_service(r, scenario.services[s], t.services[s], prepared);
  service_cost += record_other_costs(r, scenario, prepared.calendar());
  const double acute_cost = t.acute_bed_days * scenario.cost_per_bed_day;
  r.add(kCostAcute, acute_cost);
  r.add(kCostDelayedBedDays, delayed_bed_days * scenario.cost_per_bed_day);
  record_cost(r, kCostServicesFamily, {}, service_cost);
  r.add(kCostTotal, acute_cost + service_cost.total());
  return r.take();
}

std::vector<std::string> measure_names(const PreparedScenario& prepared) {
  std::vector<std::string> names;
  for (Measure& m : measures_of(prepared, ReplicationTallies(prepared.scenario()))) names.push_back(std::move(m.name));
  return names;
}

}  // namespace homeward::model
