// Scenario: the plain, already-validated description of one hospital system
// that a simulation runs. Read from JSON by sim/io (see docs/scenario-format.md,
// whose field descriptions these comments repeat); the model assumes it is valid.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/engine/random.h"
#include "sim/engine/weekly_schedule.h"

namespace homeward::model {

// DToC delay reasons, in the order of the NHS England return.
enum class Reason : std::uint8_t { A, B, C, D_i, D_ii, E, F, G, H, I, O };
inline constexpr int kReasonCount = 11;
// DToC responsible agency.
enum class Agency : std::uint8_t { nhs, social_care, both };
inline constexpr int kAgencyCount = 3;
// Discharge pathways (discharge to assess names).
enum class Pathway : std::uint8_t { P0, P1, P2, P3 };
inline constexpr int kPathwayCount = 4;

const char* reason_code(Reason r);    // "A", ..., "D_i", "D_ii", ..., "O"
const char* agency_code(Agency a);    // "nhs", "social_care", "both"
const char* pathway_code(Pathway p);  // "P0" ... "P3"

enum class ServiceKind : std::uint8_t {
  assessment,  // a team that starts a quota of assessments per window
  package,     // home care / reablement: start quota plus visits-per-day capacity
  beds,        // step-down, intermediate care, care home: beds with admission windows
  delay,       // a process time, not a queue (choice, equipment, housing)
  bridge,      // HART: takes ready patients home until their package starts
};

// What happens when bridging runs past its maximum time.
enum class OverrunPolicy : std::uint8_t {
  extend,  // the slot stays taken (and costed) until the package starts
  readmit  // with a probability the patient is readmitted; otherwise extend
};

// A service's capacity from a date on (a HART team that starts on 1 December
// 2015, winter beds, seven-day working from July 2017): from `from_day` until
// the next phase, these values replace the service's own. io fills every
// field, carrying forward what a change does not name.
struct ServicePhase {
  double from_day = 0;  // days since 00:00 on start_date; negative in the warm-up
  engine::WeeklySchedule schedule;
  int beds = 0;
  int slots = 0;
  double visits_capacity_per_day = std::numeric_limits<double>::infinity();
};

struct ServiceConfig {
  std::string name;
  ServiceKind kind = ServiceKind::assessment;
  Reason reason = Reason::A;  // DToC reason of a patient waiting for this service
  Agency agency = Agency::social_care;
  // When the service can start work, with a start quota per window.
  // assessment/package: starts; beds: admissions. Unused by delay.
  engine::WeeklySchedule schedule;
  // assessment: time to complete once started; delay: the process time;
  // beds: length of stay; package: length of care. Days.
  engine::Distribution duration_days = engine::Distribution::constant(0);
  int beds = 0;                          // beds only: number of beds
  // beds only: a census, beds occupied when the simulation starts (the start
  // of the warm-up) by people who leave after the remaining time of a stay in
  // progress (Distribution::sample_remaining of the length of stay). For
  // stays far longer than the warm-up (care homes), so the beds start as full
  // as they are. REQUIRES: <= beds.
  int initial_occupied = 0;
  double probability = 1.0;              // delay only: chance a patient goes through it
  // package only: capacity of the provider in care visits per day, and the
  // visits a client needs per day, tapering linearly from initial to final
  // over the length of care. REQUIRES: final <= initial.
  double visits_capacity_per_day = std::numeric_limits<double>::infinity();
  double initial_visits_per_day = 0;
  double final_visits_per_day = 0;
  // assessment only: a trusted assessor team (an assessment service) that
  // assesses on this service's behalf; its assessment is accepted with a
  // probability, otherwise this service's own assessment follows.
  std::string trusted_assessor;  // empty: none
  double acceptance_probability = 1.0;
  // bridge only: concurrent slots, the package services it bridges to, the
  // longest planned bridge, and the overrun policy. `schedule` gives the hours
  // when bridging can start and `duration_days` the response time from the
  // slot being allocated to the patient leaving hospital.
  int slots = 0;
  std::vector<std::string> bridges;
  double max_days = 3;
  OverrunPolicy overrun = OverrunPolicy::extend;
  double readmission_probability = 0;  // readmit policy only
  // bridge only, referral criteria: the share of waiting patients suitable
  // for bridging (decided once per patient), and the most complex patient it
  // takes (Patient complexity above it needs more than a bridging team gives).
  double eligible_share = 1;
  double max_complexity = std::numeric_limits<double>::infinity();
  // The patient's complexity (Cohort::complexity) multiplies this service's
  // durations: assessment and process times, stays, lengths of care.
  bool scales_with_complexity = false;
  // delay only: the process runs alongside the rest of the route (equipment or
  // housing while a package is sought): the patient goes on at once, and
  // cannot leave the acute bed until it is done. While the patient also waits
  // for something else, the delay is that other thing's; once nothing else
  // holds them, it is this process's.
  bool alongside = false;
  // Capacity changes from dates, in date order; empty: none.
  std::vector<ServicePhase> phases;
  // Costs in pounds. cost_per_day applies to occupied beds (beds), client-days
  // (package) or occupied slots (bridge); cost_per_visit to package visits.
  double cost_per_episode = 0;
  double cost_per_day = 0;
  double cost_per_visit = 0;

  // ---- Costs paid whether the service is used or not (service_costs.h) ----
  // Pounds, over the measured period only. Every kind but delay.
  // The staff on duty for each open hour of `schedule` (windows with starts
  // > 0), times the multiplier of the hour's day type (Monday..Sunday, bank
  // holiday; 1 by default, bank holiday as Sunday): weekend and bank-holiday
  // enhancements.
  double cost_per_staffed_hour = 0;
  // Each start of the schedule's quota offered (an assessor's caseload slot,
  // a contracted start), each day, used or not, times the day's multiplier:
  // what more capacity costs. REQUIRES every window's starts finite when > 0.
  double cost_per_staffed_start = 0;
  std::array<double, engine::kDayTypes> staffed_hour_multiplier{1, 1, 1, 1, 1, 1, 1, 1};
  double cost_per_staffed_bed_day = 0;   // beds only: each bed, each day
  double cost_per_staffed_slot_day = 0;  // bridge only: each slot, each day
  // package only: each visit of visits_capacity_per_day, each day (REQUIRES a finite capacity when > 0)
  double cost_per_staffed_visit = 0;
  // One-off set-up cost, paid evenly over setup_spread_over_days days (0: the
  // measured period); the run pays the share that falls in its measured period.
  double setup_cost = 0;
  double setup_spread_over_days = 0;
};

struct Cohort {
  std::string name;
  double share = 1.0;  // of admissions; shares sum to 1
  Pathway pathway = Pathway::P0;
  engine::Distribution time_to_mffd_days = engine::Distribution::constant(1);
  // When fitness is declared (ward rounds): a patient who becomes fit outside
  // these windows is declared fit when the next one opens. Quotas unused.
  engine::WeeklySchedule mffd_declared = engine::WeeklySchedule::always_open();
  // Per-patient complexity, drawn once at admission: the multiplier of the
  // durations of every service with scales_with_complexity (a complex
  // patient's assessments, searches and disputes take longer). Mean about 1.
  engine::Distribution complexity = engine::Distribution::constant(1);
};

// One edge of the pathway graph. `from` is a pathway ("P0".."P3") or a
// service; `to` is a service or an exit.
struct Transition {
  std::string from;
  std::string to;
  double probability = 1.0;
};

struct MonthlyAdmissions {
  int year = 0;
  int month = 0;        // 1..12
  double mean_per_day = 0;
};

struct AdmissionsConfig {
  std::array<double, 7> mean_per_weekday{};  // Monday..Sunday, admissions per day
  double bank_holiday_mean = -1;             // < 0: as on a Sunday
  std::array<double, 12> monthly_factor{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};  // Jan..Dec
  std::array<double, 24> hour_weights{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  // A dated series: each simulated month's mean admissions per day. When
  // non-empty it replaces monthly_factor, and mean_per_weekday (with
  // bank_holiday_mean) only shapes the month: its expected total is the mean
  // times its days, shared out over its days in proportion to their weekday's
  // (or bank holiday's) mean.
  std::vector<MonthlyAdmissions> monthly_series;
};

// A dated admission, instead of sampled ones (historic replay and hand-checked tests).
struct FixedAdmission {
  double time_days = 0;  // since 00:00 on the start date
  int cohort = 0;
  double time_to_mffd_days = 0;
};

// Patients in acute beds when the simulation starts (the start of the warm-up):
// a census of the hospital today (DESIGN §2). Without `waiting_for` they are
// not yet fit, and their remaining time to MFFD is drawn as that of a stay in
// progress (Distribution::sample_remaining of the cohort's time to MFFD);
// with it, they are fit now and waiting for that service, their route going
// on from it. Bed services' own census is ServiceConfig::initial_occupied.
struct AcuteCensus {
  int cohort = 0;
  int patients = 0;
  int waiting_for = -1;  // a service index, or -1
};

struct DischargeWindow {
  // Hours and weekdays when patients can leave (transport, pharmacy). Quotas unused.
  engine::WeeklySchedule schedule = engine::WeeklySchedule::always_open();
  Reason reason = Reason::O;  // attributed to a ready patient waiting only for the window
  Agency agency = Agency::nhs;
  std::vector<std::string> exempt_exits;  // e.g. "died": these leave without waiting for the window
};

// Home first / discharge to assess: shares of patients moved, at admission,
// to a pathway with less in-hospital assessment; the long-term decision is
// made after discharge, when a share of the moved patients enters
// `later_service` (e.g. a care home placement) instead of going to their exit.
struct HomeFirst {
  double p3_to_p1 = 0;
  double p3_to_p2 = 0;
  double p2_to_p1 = 0;
  double later_share = 0;
  std::string later_service;  // required when later_share > 0
};

// Early discharge planning: an expected date of discharge (EDD) is set at a
// time uniform within `set_within_days` of admission, equal to the true MFFD
// plus a normal error; referrals go out `lead_days` before the EDD (never
// before the EDD is set, never after MFFD).
struct EarlyPlanning {
  bool enabled = false;
  double lead_days = 0;
  double set_within_days = 2;
  double error_mean_days = 0;
  double error_sd_days = 0;
};

// What waiting in an acute bed does to patients (DESIGN §2; docs/scenario-format.md).
// Deconditioning: a patient of pathway `from` who is still waiting `time_days`
// after their delay began (a hazard that rises with days waited when the
// distribution's is rising, e.g. a Weibull of shape > 1) becomes more
// dependent: their pathway changes to one of `to` and their route starts
// again from its entry.
struct Deconditioning {
  Pathway from = Pathway::P1;
  engine::Distribution time_days = engine::Distribution::constant(0);
  std::array<double, kPathwayCount> to{};  // probabilities, summing to 1
};

struct WaitingHarms {
  std::vector<Deconditioning> deconditioning;
  // Deaths while waiting: a constant daily hazard for a delayed patient, by
  // their current pathway. A death ends the stay at exit `death_exit`.
  std::array<double, kPathwayCount> death_hazard_per_day{};
  std::string death_exit;  // required when a hazard is positive
  bool any() const {
    for (double h : death_hazard_per_day)
      if (h > 0) return true;
    return !deconditioning.empty();
  }
};

// Readmission after leaving the acute bed: with a probability by pathway, the
// patient comes back `time_days` later as a new acute stay of `cohort` (which
// sets its time to MFFD and pathway). Not for patients who died.
struct Readmission {
  std::array<double, kPathwayCount> probability{};
  engine::Distribution time_days = engine::Distribution::uniform(0, 30);
  int cohort = -1;  // -1: none (readmission off)
  bool enabled() const { return cohort >= 0; }
};

struct Scenario {
  std::string name;
  std::string description;
  std::chrono::sys_days start_date{};  // first measured day
  int warmup_days = 0;                 // simulated before start_date and discarded
  int duration_days = 365;             // measured period
  std::vector<std::chrono::sys_days> bank_holidays;
  double cost_per_bed_day = 400;  // acute bed day, pounds
  HomeFirst home_first;
  EarlyPlanning early_planning;
  WaitingHarms harms;
  Readmission readmission;
  AdmissionsConfig admissions;
  std::vector<FixedAdmission> fixed_admissions;  // when non-empty, replaces sampled admissions
  std::vector<AcuteCensus> acute_census;
  std::vector<Cohort> cohorts;
  std::vector<ServiceConfig> services;
  // Costs of a lever that no service carries (posts, teams, systems): each a
  // name, a `schedule` of staffed hours and the staffed and set-up costs of
  // ServiceConfig (kind assessment, no routes; service_costs.h).
  std::vector<ServiceConfig> other_costs;
  std::vector<std::string> exits;  // e.g. "home", "care_home", "died"
  std::vector<Transition> transitions;
  DischargeWindow discharge_window;
};

// Bridges and trusted assessor teams act on behalf of other services: their
// patients wait for the package bridged to, or the service assessed for, so
// they are neither steps of a route nor waited for in their own right.
bool acts_for_other_services(const Scenario& scenario, const ServiceConfig& service);

}  // namespace homeward::model
