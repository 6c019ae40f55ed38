#include "sim/io/service_costs_parser.h"
#include "sim/io/scenario_parser.h"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/engine/calendar.h"
#include "sim/io/parser_common.h"
#include "sim/io/scenario_values.h"
#include "sim/io/service_parser.h"
#include "sim/io/waiting_parser.h"
#include "sim/model/pathway_graph.h"
#include "sim/model/prepared_scenario.h"

namespace homeward::io {
namespace {

using nlohmann::json;
using namespace parser;

std::vector<std::string> read_exits(const json& value, ProblemSink& sink) {
  std::vector<std::string> exits;
  if (!value.is_array() || value.empty()) {
    sink.add("/exits", "a non-empty array of exit names", describe_json(value));
    return exits;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string pointer = child_pointer("/exits", i);
    auto name = check_vertex_name(value[i], pointer, "an exit name", sink);
    if (!name) continue;
    if (!seen.insert(*name).second) {
      sink.add(pointer, "each exit named once", json_quoted(*name) + " again");
      continue;
    }
    exits.push_back(*name);
  }
  return exits;
}

std::vector<std::string> read_cohorts(const json& value, model::Scenario& scenario, ProblemSink& sink) {
  std::vector<std::string> names;  // every well-formed name, for fixed_admissions
  if (!value.is_array() || value.empty()) {
    sink.add("/cohorts", "a non-empty array of cohorts", describe_json(value));
    return names;
  }
  double share_sum = 0;
  bool shares_ok = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    ObjectReader r(value[i], child_pointer("/cohorts", i), sink, "an object (a cohort)");
    model::Cohort cohort;
    if (const json* v = r.required("name", "a cohort name")) {
      if (auto name = check_name(*v, r.at("name"), "a cohort name", sink)) {
        if (std::find(names.begin(), names.end(), *name) != names.end()) {
          sink.add(r.at("name"), "each cohort named once", json_quoted(*name) + " again");
        } else {
          names.push_back(*name);
        }
        cohort.name = *name;
      }
    }
    if (auto share = r.number("share", Bounds::closed(0, 1), true)) {
      cohort.share = *share;
      share_sum += *share;
    } else {
      shares_ok = false;
    }
    if (const json* v = r.required("pathway", "a pathway (P0, P1, P2 or P3)"))
      if (auto pathway = read_pathway(*v, r.at("pathway"), sink)) cohort.pathway = *pathway;
    if (const json* v = r.required("time_to_mffd_days", "a distribution object {\"dist\": ...}"))
      if (auto d = read_distribution(*v, r.at("time_to_mffd_days"), sink)) cohort.time_to_mffd_days = std::move(*d);
    if (const json* v = r.optional("mffd_declared"))
      if (auto schedule = read_schedule(*v, r.at("mffd_declared"), false, sink, true))
        cohort.mffd_declared = std::move(*schedule);
    if (const json* v = r.optional("complexity"))
      if (auto d = read_distribution(*v, r.at("complexity"), sink)) cohort.complexity = std::move(*d);
    scenario.cohorts.push_back(std::move(cohort));
  }
  if (shares_ok) check_sum_is_one(share_sum, "/cohorts", "cohort shares", sink);
  return names;
}

// {"YYYY-MM": mean admissions per day, ...}
void read_monthly_series(const json& value, const std::string& pointer, model::AdmissionsConfig& admissions,
                         ProblemSink& sink) {
  if (!value.is_object() || value.empty()) {
    sink.add(pointer, "an object {\"YYYY-MM\": mean admissions per day, ...}", describe_json(value));
    return;
  }
  for (const auto& [key, mean] : value.items()) {
    if (is_comment(key, mean, pointer, sink)) continue;
    const std::string at = child_pointer(pointer, key);
    int year = 0, month = 0;
    char dash = 0, extra = 0;
    if (key.size() != 7 || std::sscanf(key.c_str(), "%4d%c%2d%c", &year, &dash, &month, &extra) != 3 || dash != '-' ||
        month < 1 || month > 12) {
      sink.add(at, "a month \"YYYY-MM\" as the key", json_quoted(key));
      continue;
    }
    if (auto x = check_number(mean, at, Bounds::at_least(0, kAbsurdAdmissionsPerDay), sink))
      admissions.monthly_series.push_back({year, month, *x});
  }
  std::sort(admissions.monthly_series.begin(), admissions.monthly_series.end(),
            [](const auto& a, const auto& b) { return a.year * 12 + a.month < b.year * 12 + b.month; });
}

// Every simulated month (warm-up included) needs its mean in a dated series.
void check_series_covers_run(const model::Scenario& scenario, ProblemSink& sink) {
  const auto& series = scenario.admissions.monthly_series;
  if (series.empty()) return;
  const engine::Calendar calendar(scenario.start_date, scenario.bank_holidays);
  std::vector<std::string> missing;
  engine::YearMonth last{};
  for (std::int64_t day = -scenario.warmup_days; day < scenario.duration_days; ++day) {
    const engine::YearMonth m = calendar.month_of_day(day);
    if (m == last) continue;
    last = m;
    const bool found = std::any_of(series.begin(), series.end(),
                                   [&](const auto& s) { return s.year == m.year && s.month == m.month; });
    if (!found) missing.push_back(m.iso());
  }
  if (!missing.empty())
    sink.add("/admissions/monthly_series", "a mean for every simulated month (warm-up included)",
             fmt::format("none for {}", fmt::join(missing, ", ")));
}

void read_admissions(const json& value, model::AdmissionsConfig& admissions, ProblemSink& sink) {
  ObjectReader r(value, "/admissions", sink);
  if (!r.valid()) return;
  if (const json* per_day = r.required("per_day", "an object with a mean for each day Mon..Sun")) {
    ObjectReader days(*per_day, r.at("per_day"), sink, "an object with a mean for each day Mon..Sun");
    if (days.valid()) {
      std::vector<std::string> missing;
      for (int d = 0; d < 7; ++d) {
        if (!days.has(kWeekdays[d])) missing.emplace_back(kWeekdays[d]);
        if (auto mean = days.number(kWeekdays[d], Bounds::at_least(0, kAbsurdAdmissionsPerDay), false))
          admissions.mean_per_weekday[d] = *mean;
      }
      if (!missing.empty()) {
        sink.add(days.pointer(), "a mean for every day Mon Tue Wed Thu Fri Sat Sun",
                 fmt::format("no {}", fmt::join(missing, ", ")));
      }
    }
  }
  if (auto mean = r.number("bank_holiday_per_day", Bounds::at_least(0, kAbsurdAdmissionsPerDay), false))
    admissions.bank_holiday_mean = *mean;
  if (const json* v = r.optional("monthly_factor")) {
    if (!v->is_array() || v->size() != 12) {
      sink.add(r.at("monthly_factor"), "an array of 12 numbers > 0 (January..December)", describe_json(*v));
    } else {
      for (std::size_t m = 0; m < 12; ++m) {
        if (auto x = check_number((*v)[m], child_pointer(r.at("monthly_factor"), m), Bounds::above(0, kAbsurdFactor),
                                  sink))
          admissions.monthly_factor[m] = *x;
      }
    }
  }
  if (const json* v = r.optional("monthly_series")) {
    if (r.has("monthly_factor"))
      sink.add(r.at("monthly_factor"), "no monthly_factor beside monthly_series (the series sets each month)",
               describe_json(*r.optional("monthly_factor")));
    read_monthly_series(*v, r.at("monthly_series"), admissions, sink);
  }
  if (const json* v = r.optional("hour_profile")) {
    if (!v->is_array() || v->size() != 24) {
      sink.add(r.at("hour_profile"), "an array of 24 numbers >= 0 (hours 0..23)", describe_json(*v));
    } else {
      bool all_ok = true;
      double total = 0;
      for (std::size_t h = 0; h < 24; ++h) {
        if (auto x = check_number((*v)[h], child_pointer(r.at("hour_profile"), h), Bounds::at_least(0), sink)) {
          admissions.hour_weights[h] = *x;
          total += *x;
        } else {
          all_ok = false;
        }
      }
      if (all_ok && !(total > 0))
        sink.add(r.at("hour_profile"), "weights with a positive sum", "a sum of 0");
    }
  }
}

// The index of the cohort that `r`'s required "cohort" key names; a problem
// listing the cohorts when it names none.
std::optional<int> read_cohort(ObjectReader& r, const std::vector<std::string>& cohorts, ProblemSink& sink) {
  const auto name = r.string("cohort", true);
  if (!name) return std::nullopt;
  const auto it = std::find(cohorts.begin(), cohorts.end(), *name);
  if (it != cohorts.end()) return static_cast<int>(it - cohorts.begin());
  sink.add(r.at("cohort"), fmt::format("a cohort named in /cohorts ({})", fmt::join(cohorts, ", ")), json_quoted(*name));
  return std::nullopt;
}

void read_census(const json& value, const std::vector<std::string>& cohorts, model::Scenario& scenario,
                 ProblemSink& sink) {
  ObjectReader r(value, "/census", sink, "an object {\"in_hospital\": [...]}");
  if (!r.valid()) return;
  const json* list = r.required("in_hospital", "an array of {\"cohort\", \"patients\", \"waiting_for\"}");
  r.finish();
  if (list == nullptr) return;
  if (!list->is_array() || list->empty()) {
    sink.add(r.at("in_hospital"), "a non-empty array of {\"cohort\", \"patients\", \"waiting_for\"}",
             describe_json(*list));
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    ObjectReader e((*list)[i], child_pointer(r.at("in_hospital"), i), sink,
                   "an object {\"cohort\", \"patients\", \"waiting_for\"}");
    if (!e.valid()) continue;
    model::AcuteCensus entry;
    if (auto cohort = read_cohort(e, cohorts, sink)) entry.cohort = *cohort;
    if (auto n = e.integer("patients", Bounds::at_least(1, kAbsurdBeds), true)) entry.patients = static_cast<int>(*n);
    if (auto name = e.string("waiting_for", false)) {
      const auto& services = scenario.services;
      const auto waitable = [&](const model::ServiceConfig& s) { return !model::acts_for_other_services(scenario, s); };
      const auto it = std::find_if(services.begin(), services.end(), [&](const auto& s) { return s.name == *name; });
      if (it == services.end() || !waitable(*it)) {
        std::vector<std::string> names;
        for (const auto& s : services)
          if (waitable(s)) names.push_back(s.name);
        sink.add(e.at("waiting_for"),
                 fmt::format("the name of a service other than a bridge or trusted assessor team ({})",
                             fmt::join(names, ", ")),
                 json_quoted(*name));
      } else {
        entry.waiting_for = static_cast<int>(it - services.begin());
      }
    }
    scenario.acute_census.push_back(entry);
  }
}

void read_fixed_admissions(const json& value, const std::vector<std::string>& cohorts, double first_time,
                           double end_time, model::Scenario& scenario, ProblemSink& sink) {
  if (!value.is_array() || value.empty()) {
    sink.add("/fixed_admissions", "a non-empty array of admissions", describe_json(value));
    return;
  }
  const Bounds times{first_time, false, end_time, true, Bounds::kInf};
  for (std::size_t i = 0; i < value.size(); ++i) {
    ObjectReader r(value[i], child_pointer("/fixed_admissions", i), sink,
                   "an object {\"time_days\", \"cohort\", \"time_to_mffd_days\"}");
    if (!r.valid()) continue;
    model::FixedAdmission admission;
    if (auto t = r.number("time_days", times, true)) admission.time_days = *t;
    if (auto cohort = read_cohort(r, cohorts, sink)) admission.cohort = *cohort;
    if (auto t = r.number("time_to_mffd_days", Bounds::at_least(0, kAbsurdDays), true))
      admission.time_to_mffd_days = *t;
    scenario.fixed_admissions.push_back(admission);
  }
}

void read_routes(const json& value, model::Scenario& scenario, ProblemSink& sink) {
  if (!value.is_object()) {
    sink.add("/routes", "an object mapping each pathway and service to its routes", describe_json(value));
    return;
  }
  for (const auto& [from, list] : value.items()) {
    if (is_comment(from, list, "/routes", sink)) continue;
    const std::string pointer = child_pointer("/routes", from);
    if (!list.is_array() || list.empty()) {
      sink.add(pointer, "a non-empty array of routes {\"to\", \"probability\"}", describe_json(list));
      continue;
    }
    double sum = 0;
    bool all_ok = true;
    std::set<std::string> targets;
    for (std::size_t i = 0; i < list.size(); ++i) {
      ObjectReader r(list[i], child_pointer(pointer, i), sink, "a route {\"to\", \"probability\"}");
      if (!r.valid()) {
        all_ok = false;
        continue;
      }
      const auto to = r.string("to", true);
      const auto probability = r.number("probability", Bounds{0, true, 1, false, Bounds::kInf}, true);
      if (to && !targets.insert(*to).second) {
        sink.add(r.at("to"), "each destination once per route list", json_quoted(*to) + " again");
      }
      if (!to || !probability) {
        all_ok = false;
        continue;
      }
      sum += *probability;
      scenario.transitions.push_back({from, *to, *probability});
    }
    if (all_ok) check_sum_is_one(sum, pointer, "route probabilities", sink);
  }
}

void read_home_first(const json& value, model::HomeFirst& home_first, ProblemSink& sink) {
  ObjectReader r(value, "/home_first", sink);
  if (!r.valid()) return;
  auto share = [&](std::string_view key, double& out) { r.number_or_default(key, Bounds::closed(0, 1), out); };
  share("p3_to_p1", home_first.p3_to_p1);
  share("p3_to_p2", home_first.p3_to_p2);
  share("p2_to_p1", home_first.p2_to_p1);
  share("later_share", home_first.later_share);
  if (home_first.p3_to_p1 + home_first.p3_to_p2 > 1 + kSumTolerance)
    sink.add(r.at("p3_to_p2"), "p3_to_p1 + p3_to_p2 <= 1", format_number(home_first.p3_to_p1 + home_first.p3_to_p2));
  if (auto later = r.string("later_service", home_first.later_share > 0)) home_first.later_service = *later;
  r.finish();
}

void read_early_planning(const json& value, model::EarlyPlanning& planning, ProblemSink& sink) {
  ObjectReader r(value, "/early_discharge_planning", sink);
  if (!r.valid()) return;
  planning.enabled = true;
  if (auto x = r.number("lead_days", Bounds::at_least(0, kAbsurdDays), true)) planning.lead_days = *x;
  r.number_or_default("edd_set_within_days", Bounds::at_least(0, kAbsurdDays), planning.set_within_days);
  r.number_or_default("edd_error_mean_days", Bounds::closed(-kAbsurdDays, kAbsurdDays), planning.error_mean_days);
  r.number_or_default("edd_error_sd_days", Bounds::at_least(0, kAbsurdDays), planning.error_sd_days);
  r.finish();
}

void read_discharge_window(const json& value, model::DischargeWindow& window, ProblemSink& sink) {
  ObjectReader r(value, "/discharge_window", sink, "an object {\"schedule\", \"reason\", \"agency\"}");
  if (!r.valid()) return;
  if (const json* v = r.required("schedule", "an array of schedule rules"))
    if (auto s = read_schedule(*v, r.at("schedule"), false, sink)) window.schedule = std::move(*s);
  r.note_default("reason", model::reason_code(window.reason));
  r.note_default("agency", model::agency_code(window.agency));
  if (const json* v = r.optional("reason"))
    if (auto reason = read_reason(*v, r.at("reason"), sink)) window.reason = *reason;
  if (const json* v = r.optional("agency"))
    if (auto agency = read_agency(*v, r.at("agency"), sink)) window.agency = *agency;
  if (const json* v = r.optional("exempt_exits")) {
    if (!v->is_array()) {
      sink.add(r.at("exempt_exits"), "an array of exit names", describe_json(*v));
    } else {
      for (std::size_t i = 0; i < v->size(); ++i)
        if (auto name = check_name((*v)[i], child_pointer(r.at("exempt_exits"), i), "an exit name", sink))
          window.exempt_exits.push_back(*name);
    }
  }
}

}  // namespace

std::optional<model::Scenario> parse_scenario(const json& document, ProblemSink& sink) {
  const std::size_t before = sink.count();
  ObjectReader top(document, "", sink, "a JSON object (a scenario)");
  if (!top.valid()) return std::nullopt;
  model::Scenario scenario;

  if (auto name = top.string("name", true)) {
    if (!is_scenario_name(*name))
      sink.add("/name", fmt::format("a scenario name matching {} (it heads CSV rows and tables)", kScenarioNamePattern),
               json_quoted(*name));
    scenario.name = *name;
  }
  if (auto description = top.string("description", false)) scenario.description = *description;
  if (const json* v = top.required("start_date", "a date \"YYYY-MM-DD\""))
    if (auto date = read_date(*v, "/start_date", sink)) scenario.start_date = *date;
  const auto warmup = top.integer_or_default("warmup_days", Bounds::at_least(0, kAbsurdDays), scenario.warmup_days);
  const auto duration = top.integer("duration_days", Bounds::at_least(1, kAbsurdDays), true);
  if (duration) scenario.duration_days = static_cast<int>(*duration);
  if (const json* v = top.optional("bank_holidays")) {
    if (!v->is_array()) {
      sink.add("/bank_holidays", "an array of dates \"YYYY-MM-DD\"", describe_json(*v));
    } else {
      for (std::size_t i = 0; i < v->size(); ++i) {
        const std::string pointer = child_pointer("/bank_holidays", i);
        if (auto date = read_date((*v)[i], pointer, sink)) {
          if (std::find(scenario.bank_holidays.begin(), scenario.bank_holidays.end(), *date) !=
              scenario.bank_holidays.end()) {
            sink.add(pointer, "each bank holiday once", describe_json((*v)[i]) + " again");
          }
          scenario.bank_holidays.push_back(*date);
        }
      }
    }
  }
  top.number_or_default("cost_per_bed_day", Bounds::at_least(0, kAbsurdMoney), scenario.cost_per_bed_day);
  if (const json* v = top.optional("home_first")) read_home_first(*v, scenario.home_first, sink);
  if (const json* v = top.optional("early_discharge_planning")) read_early_planning(*v, scenario.early_planning, sink);
  if (const json* v = top.optional("other_costs")) parser::read_other_costs(*v, scenario, sink);

  std::set<std::string> exit_names;
  if (const json* v = top.required("exits", "a non-empty array of exit names")) {
    scenario.exits = read_exits(*v, sink);
    exit_names.insert(scenario.exits.begin(), scenario.exits.end());
  }
  if (const json* v = top.required("services", "an object mapping service names to services (may be empty)"))
    read_services(*v, exit_names, scenario, sink);

  std::vector<std::string> cohort_names;
  if (const json* v = top.required("cohorts", "a non-empty array of cohorts"))
    cohort_names = read_cohorts(*v, scenario, sink);

  const json* fixed = top.optional("fixed_admissions");
  const json* admissions = fixed != nullptr
                               ? top.optional("admissions")
                               : top.required("admissions", "an admissions object (or fixed_admissions)");
  if (admissions != nullptr) read_admissions(*admissions, scenario.admissions, sink);
  if (fixed != nullptr) {
    // Admissions outside the simulated span would be silently dropped.
    const double first = warmup ? -static_cast<double>(*warmup) : -Bounds::kInf;
    const double end = duration ? static_cast<double>(*duration) : Bounds::kInf;
    read_fixed_admissions(*fixed, cohort_names, first, end, scenario, sink);
  }

  if (const json* v = top.optional("census")) read_census(*v, cohort_names, scenario, sink);

  if (const json* v = top.required("routes", "an object mapping each pathway and service to its routes"))
    read_routes(*v, scenario, sink);
  if (const json* v = top.optional("discharge_window")) read_discharge_window(*v, scenario.discharge_window, sink);
  if (const json* v = top.optional("waiting_harms")) read_waiting_harms(*v, exit_names, scenario.harms, sink);
  if (const json* v = top.optional("readmission")) read_readmission(*v, cohort_names, scenario.readmission, sink);
  top.finish();
  if (sink.count() == before) check_service_references(scenario, sink);
  if (sink.count() == before) check_series_covers_run(scenario, sink);
  if (sink.count() == before) resolve_service_phases(scenario, sink);
  if (sink.count() == before && fixed == nullptr) {
    if (const double expected = model::expected_admissions(scenario); expected > kAbsurdAdmissionsPerRun) {
      sink.add("/admissions/per_day",
               fmt::format("a run of at most {:g} admissions on average, warm-up included (a larger one would take "
                           "hours and tens of GB)",
                           kAbsurdAdmissionsPerRun),
               fmt::format("{:.3g} (per_day x monthly_factor, summed over warmup_days + duration_days)", expected));
    }
  }

  // How the routes fit together (the pathway graph) is model::prepare's to check.
  if (sink.count() != before) return std::nullopt;
  return scenario;
}

}  // namespace homeward::io
