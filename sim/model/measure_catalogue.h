// The measure catalogue: every measure Homeward reports, spelled once, with
// its unit, a label for a person and where docs/measures.md defines it. The
// replication's measures (Replication::finish), the terminal table, the
// report and --precision take names from here; a test checks the catalogue
// against docs/measures.md both ways.
//
// A measure is one name ("admissions") or a family, one per service, exit,
// reason, ...: its pattern holds one placeholder in angle brackets
// ("service.<name>.starts"), replaced by the member's name.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

namespace homeward::model {

enum class MeasureUnit {
  patients, days, bed_days, beds, share, clients, slot_days, pounds,
  pounds_per_bed_day,  // cost per acute bed day saved
  pounds_per_pound,    // return on investment
};

// The sections of docs/measures.md that define measures.
enum class MeasureSection { flow, delay, delayed_bed_days, occupancy_and_services, cost, against_the_base };

// Per replication, or of a compare's paired differences only (differences.<scenario> in summary.json).
enum class MeasureScope { replication, difference };

struct MeasureInfo {
  std::string_view pattern;  // the name, or the family's name with one <placeholder>
  MeasureUnit unit;
  std::string_view label;  // for a person; a family's label holds the same placeholder
  MeasureSection section;
  MeasureScope scope = MeasureScope::replication;

  bool is_family() const { return pattern.find('<') != std::string_view::npos; }
  // The name of a single measure (not a family).
  std::string name() const { return std::string(pattern); }
  // The family's measure for `member` (a service's name, an exit, a reason code, ...).
  std::string name_for(std::string_view member) const;
  std::string label_for(std::string_view member) const;
  // True when `name` is this measure or a member of this family; `member` gets the member.
  bool matches(std::string_view name, std::string* member = nullptr) const;
  // "docs/measures.md#flow": where the measure is defined.
  std::string docs_link() const;
};

// As docs/measures.md spells the unit ("share 0–1", "£", "bed days").
std::string_view docs_unit(MeasureUnit unit);
// As the terminal table prints it (app::measure_text): "GBP" for money, "share" for shares.
std::string_view table_unit(MeasureUnit unit);
// The anchor of the section's heading in docs/measures.md (GitHub's slug).
std::string_view docs_anchor(MeasureSection section);

namespace measure {
// ---- flow ------------------------------------------------------------------
inline constexpr MeasureInfo kAdmissions{"admissions", MeasureUnit::patients, "Admissions", MeasureSection::flow};
inline constexpr MeasureInfo kReadmissions{"readmissions", MeasureUnit::patients, "Readmissions", MeasureSection::flow};
inline constexpr MeasureInfo kDischarges{"discharges", MeasureUnit::patients, "Discharges", MeasureSection::flow};
inline constexpr MeasureInfo kDischargesByPathway{"discharges.pathway.<pathway>", MeasureUnit::patients,
                                                  "Discharges, pathway <pathway>", MeasureSection::flow};
inline constexpr MeasureInfo kExits{"exits.<exit>", MeasureUnit::patients, "Exits to <exit>", MeasureSection::flow};
inline constexpr MeasureInfo kInHospitalAtStart{"in_hospital_at_start", MeasureUnit::patients, "In hospital at start",
                                                MeasureSection::flow};
inline constexpr MeasureInfo kInHospitalAtEnd{"in_hospital_at_end", MeasureUnit::patients, "In hospital at end",
                                              MeasureSection::flow};
inline constexpr MeasureInfo kReadmissionsAfterDischarge{"readmissions.after_discharge", MeasureUnit::patients,
                                                         "Readmissions after discharge", MeasureSection::flow};
inline constexpr MeasureInfo kReadmissionBedDays{"readmissions.acute_bed_days", MeasureUnit::bed_days,
                                                 "Acute bed days of readmissions", MeasureSection::flow};
inline constexpr MeasureInfo kDeconditioned{"harms.deconditioned", MeasureUnit::patients,
                                            "Deconditioned while waiting", MeasureSection::flow};
inline constexpr MeasureInfo kDiedWhileWaiting{"harms.died_while_waiting", MeasureUnit::patients,
                                               "Died while waiting", MeasureSection::flow};
inline constexpr MeasureInfo kHomeFirstMoved{"home_first.moved", MeasureUnit::patients, "Moved by home first",
                                             MeasureSection::flow};
inline constexpr MeasureInfo kHomeFirstLaterPlacements{"home_first.later_placements", MeasureUnit::patients,
                                                       "Home first: later long-term placements", MeasureSection::flow};
// ---- delay per discharged patient -------------------------------------------
inline constexpr MeasureInfo kDelayMean{"delay_days_mean", MeasureUnit::days, "Delay per discharge, mean",
                                        MeasureSection::delay};
inline constexpr MeasureInfo kDelayP50{"delay_days_p50", MeasureUnit::days, "Delay per discharge, median",
                                       MeasureSection::delay};
inline constexpr MeasureInfo kDelayP90{"delay_days_p90", MeasureUnit::days, "Delay per discharge, p90",
                                       MeasureSection::delay};
inline constexpr MeasureInfo kDelayP95{"delay_days_p95", MeasureUnit::days, "Delay per discharge, p95",
                                       MeasureSection::delay};
inline constexpr MeasureInfo kWithinOneDayShare{"discharged_within_1_day_share", MeasureUnit::share,
                                                "Discharged within 1 day of MFFD", MeasureSection::delay};
inline constexpr MeasureInfo kWithDelayShare{"discharged_with_delay_share", MeasureUnit::share,
                                             "Discharged with a delay", MeasureSection::delay};
// ---- delayed bed days --------------------------------------------------------
inline constexpr MeasureInfo kDelayedBedDays{"delayed_bed_days", MeasureUnit::bed_days, "Delayed bed days",
                                             MeasureSection::delayed_bed_days};
inline constexpr MeasureInfo kDelayedByReason{"delayed_bed_days.reason.<code>", MeasureUnit::bed_days,
                                              "Delayed bed days, reason <code>", MeasureSection::delayed_bed_days};
inline constexpr MeasureInfo kDelayedByAgency{"delayed_bed_days.agency.<agency>", MeasureUnit::bed_days,
                                              "Delayed bed days, agency <agency>", MeasureSection::delayed_bed_days};
inline constexpr MeasureInfo kDelayedByPathway{"delayed_bed_days.pathway.<pathway>", MeasureUnit::bed_days,
                                               "Delayed bed days, pathway <pathway>", MeasureSection::delayed_bed_days};
inline constexpr MeasureInfo kDelayedWaitingCapacity{"delayed_bed_days.waiting.capacity", MeasureUnit::bed_days,
                                                     "Delayed bed days waiting for capacity",
                                                     MeasureSection::delayed_bed_days};
inline constexpr MeasureInfo kDelayedWaitingProcess{"delayed_bed_days.waiting.process", MeasureUnit::bed_days,
                                                    "Delayed bed days in a process", MeasureSection::delayed_bed_days};
inline constexpr MeasureInfo kDtocDelayedDays{"dtoc_delayed_days", MeasureUnit::days, "DToC delayed days (midnights)",
                                              MeasureSection::delayed_bed_days};
inline constexpr MeasureInfo kAcuteBedDays{"acute_bed_days", MeasureUnit::bed_days, "Acute bed days",
                                           MeasureSection::delayed_bed_days};
inline constexpr MeasureInfo kDelayedShare{"delayed_share_of_bed_days", MeasureUnit::share,
                                           "Delayed share of acute bed days", MeasureSection::delayed_bed_days};
// ---- occupancy and services -----------------------------------------------------
inline constexpr MeasureInfo kOccupancyMean{"acute_occupancy_mean", MeasureUnit::beds, "Acute beds occupied, mean",
                                            MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kOccupancyPeak{"acute_occupancy_peak", MeasureUnit::beds, "Acute beds occupied, peak",
                                            MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceStarts{"service.<name>.starts", MeasureUnit::patients, "<name>: starts",
                                            MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceQueueMean{"service.<name>.queue_mean", MeasureUnit::patients,
                                               "<name>: patients queueing, mean",
                                               MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceUtilisation{"service.<name>.utilisation", MeasureUnit::share,
                                                 "<name>: utilisation", MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceBlockedBedDays{"service.<name>.blocked_bed_days", MeasureUnit::bed_days,
                                                    "<name>: blocked bed days", MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceClientsMean{"service.<name>.clients_mean", MeasureUnit::clients,
                                                 "<name>: clients, mean", MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceTrustedAccepted{"service.<name>.trusted_accepted", MeasureUnit::patients,
                                                     "<name>: trusted assessments accepted",
                                                     MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceBridgingDays{"service.<name>.bridging_days", MeasureUnit::slot_days,
                                                  "<name>: bridging days", MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceOverruns{"service.<name>.overruns", MeasureUnit::patients, "<name>: overruns",
                                              MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceReadmissions{"service.<name>.readmissions", MeasureUnit::patients,
                                                  "<name>: readmissions from overruns",
                                                  MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceCost{"service.<name>.cost", MeasureUnit::pounds, "<name>: cost",
                                          MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceCostStaffed{"service.<name>.cost.staffed", MeasureUnit::pounds,
                                                 "<name>: staffed cost", MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceCostUse{"service.<name>.cost.use", MeasureUnit::pounds, "<name>: cost of use",
                                             MeasureSection::occupancy_and_services};
inline constexpr MeasureInfo kServiceCostSetup{"service.<name>.cost.setup", MeasureUnit::pounds,
                                               "<name>: set-up cost", MeasureSection::occupancy_and_services};
// ---- cost ----------------------------------------------------------------------------
inline constexpr MeasureInfo kCostAcute{"cost_acute", MeasureUnit::pounds, "Cost of acute bed days",
                                        MeasureSection::cost};
inline constexpr MeasureInfo kCostDelayedBedDays{"cost_delayed_bed_days", MeasureUnit::pounds,
                                                 "Cost of delayed bed days", MeasureSection::cost};
inline constexpr MeasureInfo kOtherCost{"other_cost.<name>", MeasureUnit::pounds, "<name>: cost", MeasureSection::cost};
inline constexpr MeasureInfo kOtherCostStaffed{"other_cost.<name>.staffed", MeasureUnit::pounds,
                                               "<name>: staffed cost", MeasureSection::cost};
inline constexpr MeasureInfo kOtherCostUse{"other_cost.<name>.use", MeasureUnit::pounds, "<name>: cost of use",
                                           MeasureSection::cost};
inline constexpr MeasureInfo kOtherCostSetup{"other_cost.<name>.setup", MeasureUnit::pounds, "<name>: set-up cost",
                                             MeasureSection::cost};
inline constexpr MeasureInfo kCostServices{"cost_services", MeasureUnit::pounds, "Cost of services",
                                           MeasureSection::cost};
inline constexpr MeasureInfo kCostServicesStaffed{"cost_services.staffed", MeasureUnit::pounds,
                                                  "Cost of services, staffed", MeasureSection::cost};
inline constexpr MeasureInfo kCostServicesUse{"cost_services.use", MeasureUnit::pounds, "Cost of services, use",
                                              MeasureSection::cost};
inline constexpr MeasureInfo kCostServicesSetup{"cost_services.setup", MeasureUnit::pounds,
                                                "Cost of services, set-up", MeasureSection::cost};
inline constexpr MeasureInfo kCostTotal{"cost_total", MeasureUnit::pounds, "Cost, total", MeasureSection::cost};
// ---- of a compare's paired differences only ------------------------------------------------
inline constexpr MeasureInfo kNetSaving{"net_saving", MeasureUnit::pounds, "Net saving",
                                        MeasureSection::against_the_base, MeasureScope::difference};
inline constexpr MeasureInfo kCostPerBedDaySaved{"cost_per_acute_bed_day_saved", MeasureUnit::pounds_per_bed_day,
                                                 "Cost per acute bed day saved", MeasureSection::against_the_base,
                                                 MeasureScope::difference};
inline constexpr MeasureInfo kReturnOnInvestment{"return_on_investment", MeasureUnit::pounds_per_pound,
                                                 "Return on investment", MeasureSection::against_the_base,
                                                 MeasureScope::difference};

// A cost and its parts, as record_cost writes them: the total, .staffed, .use, .setup.
using CostFamily = std::array<const MeasureInfo*, 4>;
inline constexpr CostFamily kServiceCostFamily{&kServiceCost, &kServiceCostStaffed, &kServiceCostUse,
                                               &kServiceCostSetup};
inline constexpr CostFamily kOtherCostFamily{&kOtherCost, &kOtherCostStaffed, &kOtherCostUse, &kOtherCostSetup};
inline constexpr CostFamily kCostServicesFamily{&kCostServices, &kCostServicesStaffed, &kCostServicesUse,
                                                &kCostServicesSetup};
}  // namespace measure

// Every measure, in the order of docs/measures.md.
std::span<const MeasureInfo* const> measure_catalogue();

// The catalogue's entry for a measure's name: the single measure of that
// name, else the family it belongs to (the longest pattern that fits, so that
// service.x.cost.use is a cost.use, not a service "x.cost"'s use); null when none.
const MeasureInfo* find_measure_info(std::string_view name);

}  // namespace homeward::model
