#include "tests/io/scenario_documents.h"

namespace homeward::testing {
namespace {

using nlohmann::json;

// A scenario that uses every key of the format: every service kind, every
// distribution form, both overrun policies, every optional section, and (added
// by with_comments) a comment in every object.
constexpr const char* kMaximal = R"({
  "name": "maximal", "description": "every key the parser knows",
  "start_date": "2024-01-01", "warmup_days": 7, "duration_days": 28,
  "bank_holidays": ["2024-01-01", "2024-03-29"],
  "cost_per_bed_day": 400,
  "other_costs": {"discharge_coordinators": {"schedule": [{"days": ["weekdays"], "from_hour": 8, "to_hour": 18}],
    "cost_per_staffed_hour": 70, "staffed_hour_multipliers": {"Sat": 1.3}, "setup_cost": 1000,
    "setup_spread_over_days": 365}},
  "early_discharge_planning": {"lead_days": 1, "edd_set_within_days": 2, "edd_error_mean_days": 0.5,
                               "edd_error_sd_days": 1.5},
  "home_first": {"p3_to_p1": 0.3, "p3_to_p2": 0.2, "p2_to_p1": 0.3, "later_share": 0.25, "later_service": "placement"},
  "admissions": {
    "per_day": {"Mon": 52, "Tue": 50, "Wed": 49, "Thu": 49, "Fri": 48, "Sat": 38, "Sun": 36},
    "bank_holiday_per_day": 30,
    "monthly_factor": [1.05, 1, 1, 0.97, 0.98, 0.96, 0.98, 0.95, 0.98, 1.0, 1.02, 1.06],
    "hour_profile": [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1]},
  "fixed_admissions": [{"time_days": -1.5, "cohort": "p1_patients", "time_to_mffd_days": 2}],
  "census": {"in_hospital": [{"cohort": "p2_patients", "patients": 12},
                             {"cohort": "p1_patients", "patients": 3, "waiting_for": "home_care"}]},
  "cohorts": [
    {"name": "p0_patients", "share": 0.4, "pathway": "P0", "time_to_mffd_days": {"dist": "constant", "value": 2},
     "mffd_declared": [{"days": ["all", "BankHoliday"], "from_hour": 8, "to_hour": 14}]},
    {"name": "p1_patients", "share": 0.3, "pathway": "P1", "time_to_mffd_days": {"dist": "exponential", "mean": 3},
     "mffd_declared": [{"days": ["weekdays", "BankHoliday"], "from_hour": 8, "to_hour": 14},
                       {"days": ["weekend"], "from_hour": 9, "to_hour": 12, "share": 0.5}],
     "complexity": {"dist": "mixture", "components": [
       {"weight": 0.8, "distribution": {"dist": "constant", "value": 1}},
       {"weight": 0.2, "distribution": {"dist": "lognormal", "median": 3, "mean": 4}}]}},
    {"name": "p2_patients", "share": 0.2, "pathway": "P2", "time_to_mffd_days": {"dist": "lognormal", "mean": 5, "sd": 4}},
    {"name": "p3_patients", "share": 0.1, "pathway": "P3",
     "time_to_mffd_days": {"dist": "lognormal", "median": 3, "mean": 5}}],
  "services": {
    "social_work": {"kind": "assessment", "reason": "A", "agency": "social_care",
      "schedule": [{"days": ["weekdays"], "from_hour": 9, "to_hour": 17, "starts": 6},
                   {"days": ["weekend"], "from_hour": 10, "to_hour": 12, "starts": 2}],
      "duration_days": {"dist": "gamma", "shape": 2, "scale": 0.5}, "cost_per_episode": 150,
      "cost_per_staffed_hour": 141, "cost_per_staffed_start": 25, "setup_cost": 5000, "setup_spread_over_days": 730,
      "staffed_hour_multipliers": {"Mon": 1, "Tue": 1, "Wed": 1, "Thu": 1, "Fri": 1, "Sat": 1.5, "Sun": 1.5,
                                   "BankHoliday": 2},
      "trusted_assessor": {"service": "trusted_team", "acceptance_probability": 0.7}, "scales_with_complexity": true,
      "changes": [{"from": "2024-01-15", "schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20, "starts": 8}]}]},
    "trusted_team": {"kind": "assessment", "reason": "A", "agency": "nhs",
      "schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20}],
      "duration_days": {"dist": "gamma", "mean": 0.5, "sd": 0.3}},
    "home_care": {"kind": "package", "reason": "E", "agency": "social_care",
      "schedule": [{"days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "from_hour": 9, "to_hour": 17, "starts": 10},
                   {"days": ["Sat", "Sun"], "from_hour": 9, "to_hour": 13, "starts": 2}],
      "length_of_care_days": {"dist": "weibull", "shape": 1.5, "scale": 40},
      "visits_capacity_per_day": 400, "visits_per_day": {"initial": 4, "final": 2},
      "cost_per_visit": 20, "cost_per_day": 5, "cost_per_episode": 100, "cost_per_staffed_visit": 9,
      "cost_per_staffed_hour": 30, "cost_per_staffed_start": 15, "staffed_hour_multipliers": {"Sat": 1.5}, "setup_cost": 1000,
      "setup_spread_over_days": 365, "scales_with_complexity": false,
      "changes": [{"from": "2024-01-08", "visits_capacity_per_day": 450,
                   "schedule": [{"days": ["all"], "from_hour": 9, "to_hour": 17, "starts": 8}]}]},
    "reablement": {"kind": "package", "reason": "E", "agency": "both",
      "schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 18}],
      "length_of_care_days": {"dist": "uniform", "min": 14, "max": 42}},
    "step_down": {"kind": "beds", "reason": "C", "agency": "nhs", "beds": 12,
      "schedule": [{"days": ["weekdays"], "from_hour": 9, "to_hour": 16, "starts": 3}],
      "length_of_stay_days": {"dist": "empirical", "values": [7, 14, 21], "weights": [0.5, 0.3, 0.2]},
      "cost_per_day": 200, "cost_per_episode": 50, "cost_per_staffed_bed_day": 160, "cost_per_staffed_hour": 50,
      "cost_per_staffed_start": 40,
      "staffed_hour_multipliers": {"Sun": 1.6}, "setup_cost": 2000, "setup_spread_over_days": 365,
      "scales_with_complexity": true,
      "changes": [{"from": "2024-01-10", "beds": 14}, {"from": "2024-01-20", "beds": 10,
                   "schedule": [{"days": ["all"], "from_hour": 9, "to_hour": 16, "starts": 2}]}]},
    "placement": {"kind": "beds", "reason": "D_ii", "agency": "social_care", "beds": 20, "initial_occupied": 15,
      "schedule": [{"days": ["weekdays"], "from_hour": 10, "to_hour": 15}],
      "length_of_stay_days": {"dist": "empirical", "values": [30, 60]}},
    "choice": {"kind": "delay", "reason": "G", "agency": "both", "probability": 0.4,
      "duration_days": {"dist": "uniform", "min": 0, "max": 3}, "scales_with_complexity": true},
    "equipment": {"kind": "delay", "reason": "F", "agency": "nhs", "probability": 0.2, "alongside": true,
      "duration_days": {"dist": "gamma", "mean": 2, "sd": 1}},
    "hart": {"kind": "bridge", "reason": "E", "agency": "nhs", "slots": 5, "bridges": ["home_care"],
      "schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20, "starts": 4}],
      "response_days": {"dist": "constant", "value": 0.5}, "max_days": 3,
      "overrun": {"policy": "readmit", "readmission_probability": 0.1}, "cost_per_day": 120, "cost_per_episode": 30,
      "cost_per_staffed_slot_day": 62, "cost_per_staffed_hour": 20, "staffed_hour_multipliers": {"BankHoliday": 2},
      "setup_cost": 30000, "setup_spread_over_days": 1095,
      "eligible_share": 0.6, "max_complexity": 2.5, "changes": [{"from": "2024-01-05", "slots": 0},
                  {"from": "2024-01-12", "slots": 6, "schedule": [{"days": ["all"], "from_hour": 0, "to_hour": 24}]}]},
    "rapid_response": {"kind": "bridge", "reason": "E", "agency": "both", "slots": 2, "bridges": ["reablement"],
      "schedule": [{"days": ["weekdays"], "from_hour": 9, "to_hour": 17}],
      "response_days": {"dist": "exponential", "mean": 0.5}, "max_days": 2, "overrun": {"policy": "extend"}}},
  "exits": ["home", "care_home", "died"],
  "routes": {
    "P0": [{"to": "home", "probability": 0.95}, {"to": "died", "probability": 0.05}],
    "P1": [{"to": "social_work", "probability": 1}],
    "P2": [{"to": "step_down", "probability": 1}],
    "P3": [{"to": "choice", "probability": 1}],
    "social_work": [{"to": "equipment", "probability": 1}],
    "equipment": [{"to": "home_care", "probability": 0.7}, {"to": "reablement", "probability": 0.3}],
    "home_care": [{"to": "home", "probability": 1}],
    "reablement": [{"to": "home", "probability": 1}],
    "step_down": [{"to": "home", "probability": 1}],
    "choice": [{"to": "placement", "probability": 1}],
    "placement": [{"to": "care_home", "probability": 1}]},
  "discharge_window": {"schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20}], "reason": "O", "agency": "nhs",
                       "exempt_exits": ["died"]},
  "waiting_harms": {
    "deconditioning": [{"from": "P0", "time_days": {"dist": "weibull", "shape": 1.5, "scale": 60}, "to": {"P1": 1}},
                       {"from": "P1", "time_days": {"dist": "weibull", "shape": 1.5, "scale": 30},
                        "to": {"P2": 0.7, "P3": 0.3}}],
    "deaths_while_waiting": {"per_day": {"P0": 0.0001, "P1": 0.0005, "P2": 0.001, "P3": 0.002}, "exit": "died"}},
  "readmission": {"probability": {"P0": 0.1, "P1": 0.15, "P2": 0.12, "P3": 0.1},
                  "time_days": {"dist": "uniform", "min": 0, "max": 30},
                  "cohort": "p0_patients"}
})";

// Adds "comment" to every object of `value` (every object may have one).
void with_comments(json& value) {
  if (value.is_object() && !value.contains("comment")) value["comment"] = "where the numbers come from";
  if (value.is_structured())
    for (json& child : value) with_comments(child);
}


// Each object only with the keys it requires; every optional object present.
constexpr const char* kMinimal = R"({
  "name": "minimal", "start_date": "2024-01-01", "duration_days": 28,
  "other_costs": {"coordinators": {"schedule": [{"days": ["weekdays"], "from_hour": 8, "to_hour": 18}]}},
  "early_discharge_planning": {"lead_days": 1},
  "home_first": {},
  "admissions": {"per_day": {"Mon": 5, "Tue": 5, "Wed": 5, "Thu": 5, "Fri": 5, "Sat": 3, "Sun": 3}},
  "census": {"in_hospital": [{"cohort": "p1_patients", "patients": 3}]},
  "cohorts": [
    {"name": "p0_patients", "share": 0.5, "pathway": "P0", "time_to_mffd_days": {"dist": "constant", "value": 2}},
    {"name": "p1_patients", "share": 0.5, "pathway": "P1", "time_to_mffd_days": {"dist": "exponential", "mean": 3}}],
  "services": {
    "social_work": {"kind": "assessment", "reason": "A", "agency": "social_care",
      "schedule": [{"days": ["weekdays"], "from_hour": 9, "to_hour": 17}],
      "duration_days": {"dist": "constant", "value": 0.5}},
    "equipment": {"kind": "delay", "reason": "F", "agency": "nhs", "duration_days": {"dist": "constant", "value": 1}},
    "home_care": {"kind": "package", "reason": "E", "agency": "social_care",
      "schedule": [{"days": ["all"], "from_hour": 9, "to_hour": 17}],
      "length_of_care_days": {"dist": "empirical", "values": [14, 42]}},
    "step_down": {"kind": "beds", "reason": "C", "agency": "nhs", "beds": 5,
      "schedule": [{"days": ["all"], "from_hour": 9, "to_hour": 17}],
      "length_of_stay_days": {"dist": "uniform", "min": 7, "max": 21}},
    "hart": {"kind": "bridge", "reason": "E", "agency": "nhs", "slots": 2, "bridges": ["home_care"],
      "schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20}],
      "response_days": {"dist": "constant", "value": 0.5}, "max_days": 3}},
  "exits": ["home", "died"],
  "routes": {
    "P0": [{"to": "home", "probability": 1}],
    "P1": [{"to": "social_work", "probability": 1}],
    "social_work": [{"to": "equipment", "probability": 1}],
    "equipment": [{"to": "home_care", "probability": 0.5}, {"to": "step_down", "probability": 0.5}],
    "home_care": [{"to": "home", "probability": 1}],
    "step_down": [{"to": "home", "probability": 1}]},
  "discharge_window": {"schedule": [{"days": ["all"], "from_hour": 8, "to_hour": 20}]},
  "waiting_harms": {
    "deconditioning": [{"from": "P0", "time_days": {"dist": "exponential", "mean": 30}, "to": {"P1": 1}}],
    "deaths_while_waiting": {"per_day": {"P1": 0.001}, "exit": "died"}},
  "readmission": {"probability": {"P1": 0.1}, "cohort": "p1_patients"}
})";

}  // namespace

json maximal() {
  json doc = json::parse(kMaximal);
  with_comments(doc);
  return doc;
}

json maximal_variant(const std::string& base) {
  json doc = {{"base", base},
              {"name", "maximal_variant"},
              {"description", "a variant using every variant key"},
              {"patch", {{"duration_days", 14},
                         {"admissions", {{"monthly_factor", nullptr},
                                         {"monthly_series", {{"2023-12", 40}, {"2024-01", 45}}}}},
                         {"services", {{"choice", nullptr}}},
                         {"routes", {{"choice", nullptr}}}}},
              {"overrides", json::array({{{"pointer", "/services/step_down/beds"}, {"value", 10}}})}};
  // The patch deletes "choice"; route P3 around it.
  doc["overrides"].push_back({{"pointer", "/routes/P3"}, {"value", json::array({{{"to", "placement"}, {"probability", 1}}})}});
  with_comments(doc);
  doc["patch"].erase("comment");  // a comment in the patch would replace the base's
  return doc;
}

json minimal() { return json::parse(kMinimal); }

}  // namespace homeward::testing
