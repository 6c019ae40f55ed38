#include "sim/io/waiting_parser.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/io/parser_common.h"
#include "sim/io/scenario_values.h"

namespace homeward::io::parser {
namespace {

// {"P0": x, ...}: a value per pathway, each within `bounds`; pathways left out
// are 0. `first` is the first pathway the map is meant to name (the default of
// the others reported to a KeyObserver).
bool read_per_pathway(const json& value, const std::string& pointer, const Bounds& bounds,
                      std::array<double, model::kPathwayCount>& out, ProblemSink& sink,
                      model::Pathway first = model::Pathway::P0) {
  if (!value.is_object() || value.empty()) {
    sink.add(pointer, "an object {\"P0\".. \"P3\": number}", describe_json(value));
    return false;
  }
  const std::size_t before = sink.count();
  for (int p = static_cast<int>(first); p < model::kPathwayCount; ++p)
    observe_default(pointer, model::pathway_code(static_cast<model::Pathway>(p)), out[p]);
  for (const auto& [key, x] : value.items()) {
    if (is_comment(key, x, pointer, sink)) continue;
    if (!is_pathway_name(key)) {
      sink.add(child_pointer(pointer, key), "a pathway P0, P1, P2 or P3 as the key", json_quoted(key));
      continue;
    }
    if (auto number = check_number(x, child_pointer(pointer, key), bounds, sink)) out[key[1] - '0'] = *number;
  }
  return sink.count() == before;
}

}  // namespace

void read_waiting_harms(const json& value, const std::set<std::string>& exits, model::WaitingHarms& harms,
                        ProblemSink& sink) {
  ObjectReader r(value, "/waiting_harms", sink, "an object {\"deconditioning\", \"deaths_while_waiting\"}");
  if (!r.valid()) return;
  if (const json* list = r.optional("deconditioning")) {
    if (!list->is_array() || list->empty()) {
      sink.add(r.at("deconditioning"), "a non-empty array of {\"from\", \"time_days\", \"to\"}", describe_json(*list));
    } else {
      std::set<int> seen;
      for (std::size_t i = 0; i < list->size(); ++i) {
        ObjectReader d((*list)[i], child_pointer(r.at("deconditioning"), i), sink,
                       "an object {\"from\", \"time_days\", \"to\"}");
        if (!d.valid()) continue;
        model::Deconditioning entry;
        bool ok = true;
        if (const json* v = d.required("from", "a pathway P0..P3")) {
          if (auto p = read_pathway(*v, d.at("from"), sink)) {
            entry.from = *p;
            if (!seen.insert(static_cast<int>(*p)).second) {
              sink.add(d.at("from"), "each pathway in one deconditioning entry", describe_json(*v) + " again");
              ok = false;
            }
          } else {
            ok = false;
          }
        }
        if (const json* v = d.required("time_days", "a distribution object {\"dist\": ...} (days waited)")) {
          if (auto t = read_distribution(*v, d.at("time_days"), sink)) entry.time_days = std::move(*t);
          else ok = false;
        }
        if (const json* v = d.required("to", "an object {\"P1\".. \"P3\": probability}")) {
          // Nobody deconditions to P0, the least dependent pathway.
          if (read_per_pathway(*v, d.at("to"), Bounds::closed(0, 1), entry.to, sink, model::Pathway::P1)) {
            double sum = 0;
            for (double p : entry.to) sum += p;
            check_sum_is_one(sum, d.at("to"), "probabilities", sink);
            // Deconditioning makes a patient more dependent: only to a later
            // pathway. P0 is never one, so it may not be named even with 0 (as
            // in the schema, whose `to` has no P0).
            for (int p = 0; p <= static_cast<int>(entry.from); ++p) {
              if (entry.to[p] > 0 || (p == 0 && v->contains("P0"))) {
                sink.add(child_pointer(d.at("to"), model::pathway_code(static_cast<model::Pathway>(p))),
                         fmt::format("a pathway after {} (deconditioning makes a patient more dependent)",
                                     model::pathway_code(entry.from)),
                         model::pathway_code(static_cast<model::Pathway>(p)));
                ok = false;
              }
            }
          } else {
            ok = false;
          }
        }
        d.finish();
        if (ok) harms.deconditioning.push_back(std::move(entry));
      }
    }
  }
  if (const json* v = r.optional("deaths_while_waiting")) {
    ObjectReader d(*v, r.at("deaths_while_waiting"), sink, "an object {\"per_day\", \"exit\"}");
    if (d.valid()) {
      if (const json* hazard = d.required("per_day", "an object {\"P0\".. \"P3\": daily hazard}"))
        read_per_pathway(*hazard, d.at("per_day"), Bounds::closed(0, 1), harms.death_hazard_per_day, sink);
      if (auto name = d.string("exit", true)) {
        if (!exits.contains(*name))
          sink.add(d.at("exit"), fmt::format("the name of an exit ({})", fmt::join(exits, ", ")), json_quoted(*name));
        harms.death_exit = *name;
      }
      d.finish();
    }
  }
  r.finish();
}

void read_readmission(const json& value, const std::vector<std::string>& cohorts, model::Readmission& readmission,
                      ProblemSink& sink) {
  ObjectReader r(value, "/readmission", sink, "an object {\"probability\", \"time_days\", \"cohort\"}");
  if (!r.valid()) return;
  if (const json* v = r.required("probability", "an object {\"P0\".. \"P3\": probability of readmission}"))
    read_per_pathway(*v, r.at("probability"), Bounds::closed(0, 1), readmission.probability, sink);
  if (const json* v = r.optional("time_days"))
    if (auto t = read_distribution(*v, r.at("time_days"), sink)) readmission.time_days = std::move(*t);
  if (auto name = r.string("cohort", true)) {
    const auto it = std::find(cohorts.begin(), cohorts.end(), *name);
    if (it == cohorts.end()) {
      sink.add(r.at("cohort"), fmt::format("a cohort named in /cohorts ({})", fmt::join(cohorts, ", ")),
               json_quoted(*name));
    } else {
      readmission.cohort = static_cast<int>(it - cohorts.begin());
    }
  }
  r.finish();
}

}  // namespace homeward::io::parser
