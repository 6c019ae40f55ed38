#include "sim/io/scenario_values.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/engine/calendar.h"

namespace homeward::io {
namespace {

using nlohmann::json;

// Shape parameters far beyond this describe a spike, better written as constant.
constexpr double kAbsurdShape = 1e4;
// More starts than this in one window is surely a typo.
constexpr double kAbsurdStarts = 1e6;

template <typename Enum, int N>
std::optional<Enum> read_code(const json& value, const std::string& pointer, std::string_view what,
                              const char* (*code)(Enum), ProblemSink& sink) {
  std::vector<std::string> codes;
  for (int i = 0; i < N; ++i) codes.emplace_back(code(static_cast<Enum>(i)));
  const auto index = check_choice(value, pointer, what, codes, sink);
  if (!index) return std::nullopt;
  return static_cast<Enum>(*index);
}

std::optional<engine::Distribution> read_lognormal(ObjectReader& r) {
  const bool has_sd = r.has("sd");
  const bool has_median = r.has("median");
  const auto mean = r.number("mean", Bounds::above(0, kAbsurdDays), true);
  if (has_sd && has_median) {
    r.optional("sd");
    r.optional("median");
    r.sink().add(r.pointer(), "\"sd\" or \"median\" beside \"mean\", not both", "both");
    return std::nullopt;
  }
  if (!has_sd && !has_median) {
    r.optional("sd");
    r.optional("median");
    r.sink().add(r.pointer(), "\"sd\" or \"median\" beside \"mean\"", "neither");
    return std::nullopt;
  }
  if (has_median) {
    const auto median = r.number("median", Bounds::above(0, kAbsurdDays), true);
    if (!mean || !median) return std::nullopt;
    if (*median >= *mean) {
      // mean = median * e^(sigma^2 / 2), so a lognormal's mean always exceeds its median.
      r.sink().add(r.at("median"), fmt::format("a median < mean ({})", format_number(*mean)),
                   format_number(*median));
      return std::nullopt;
    }
    return engine::Distribution::lognormal_from_median_mean(*median, *mean);
  }
  const auto sd = r.number("sd", Bounds::above(0, kAbsurdDays), true);
  if (!mean || !sd) return std::nullopt;
  return engine::Distribution::lognormal_from_mean_sd(*mean, *sd);
}

std::optional<engine::Distribution> read_gamma(ObjectReader& r) {
  const bool moments = r.has("mean") || r.has("sd");
  const bool natural = r.has("shape") || r.has("scale");
  if (moments == natural) {
    for (const char* key : {"mean", "sd", "shape", "scale"}) r.optional(key);
    r.sink().add(r.pointer(), "\"shape\" and \"scale\", or \"mean\" and \"sd\"",
                 moments ? "a mix of the two" : "neither");
    return std::nullopt;
  }
  if (moments) {
    const auto mean = r.number("mean", Bounds::above(0, kAbsurdDays), true);
    const auto sd = r.number("sd", Bounds::above(0, kAbsurdDays), true);
    if (!mean || !sd) return std::nullopt;
    return engine::Distribution::gamma_from_mean_sd(*mean, *sd);
  }
  const auto shape = r.number("shape", Bounds::above(0, kAbsurdShape), true);
  const auto scale = r.number("scale", Bounds::above(0, kAbsurdDays), true);
  if (!shape || !scale) return std::nullopt;
  return engine::Distribution::gamma_from_shape_scale(*shape, *scale);
}

std::optional<engine::Distribution> read_empirical(ObjectReader& r) {
  ProblemSink& sink = r.sink();
  const std::size_t before = sink.count();
  std::vector<double> values;
  if (const json* v = r.required("values", "an array of numbers >= 0")) {
    if (!v->is_array() || v->empty()) {
      sink.add(r.at("values"), "a non-empty array of numbers >= 0", describe_json(*v));
    } else {
      for (std::size_t i = 0; i < v->size(); ++i) {
        if (auto x = check_number((*v)[i], child_pointer(r.at("values"), i), Bounds::at_least(0, kAbsurdDays), sink))
          values.push_back(*x);
      }
    }
  }
  std::vector<double> weights;
  if (const json* w = r.optional("weights")) {
    if (!w->is_array()) {
      sink.add(r.at("weights"), "an array of numbers >= 0", describe_json(*w));
    } else {
      double total = 0;
      for (std::size_t i = 0; i < w->size(); ++i) {
        if (auto x = check_number((*w)[i], child_pointer(r.at("weights"), i), Bounds::at_least(0), sink)) {
          weights.push_back(*x);
          total += *x;
        }
      }
      const json* v = r.optional("values");
      if (v != nullptr && v->is_array() && w->size() != v->size()) {
        sink.add(r.at("weights"), fmt::format("one weight per value ({})", v->size()),
                 describe_json(*w));
      } else if (weights.size() == w->size() && !(total > 0)) {
        sink.add(r.at("weights"), "weights with a positive sum", "a sum of 0");
      } else if (weights.size() == w->size() && !std::isfinite(total)) {
        sink.add(r.at("weights"), "weights with a finite sum (scale them down)", "a sum too large for a double");
      }
    }
  } else {
    weights.assign(values.size(), 1.0);  // default: equally likely
  }
  if (sink.count() != before) return std::nullopt;
  return engine::Distribution::empirical(std::move(values), weights);
}

const std::map<std::string, std::vector<int>, std::less<>>& day_names() {
  static const std::map<std::string, std::vector<int>, std::less<>> names = {
      {"Mon", {0}}, {"Tue", {1}}, {"Wed", {2}}, {"Thu", {3}}, {"Fri", {4}}, {"Sat", {5}}, {"Sun", {6}},
      {"BankHoliday", {engine::kBankHoliday}}, {"weekdays", {0, 1, 2, 3, 4}}, {"weekend", {5, 6}},
      {"all", {0, 1, 2, 3, 4, 5, 6}}};
  return names;
}

const char* day_type_name(int day_type) {
  static constexpr const char* kNames[engine::kDayTypes] = {"Mon", "Tue", "Wed", "Thu",
                                                           "Fri", "Sat", "Sun", "BankHoliday"};
  return kNames[day_type];
}

struct RuleWindow {
  std::size_t rule = 0;
  engine::ScheduleWindow window;
};

std::optional<engine::Distribution> read_distribution_parameters(const json& value, const std::string& pointer,
                                                                 ProblemSink& sink, bool allow_mixture);

// {"dist": "mixture", "components": [{"weight": w, "distribution": {...}}, ...]}
std::optional<engine::Distribution> read_mixture(ObjectReader& r) {
  ProblemSink& sink = r.sink();
  const std::size_t before = sink.count();
  const json* list = r.required("components", "an array of {\"weight\", \"distribution\"}");
  if (list == nullptr) return std::nullopt;
  if (!list->is_array() || list->size() < 2) {
    sink.add(r.at("components"), "an array of at least two {\"weight\", \"distribution\"}", describe_json(*list));
    return std::nullopt;
  }
  std::vector<engine::Distribution> parts;
  std::vector<double> weights;
  for (std::size_t i = 0; i < list->size(); ++i) {
    ObjectReader c((*list)[i], child_pointer(r.at("components"), i), sink,
                   "an object {\"weight\", \"distribution\"} (a mixture component)");
    if (!c.valid()) continue;
    const auto weight = c.number("weight", Bounds::above(0, 1e12), true);
    std::optional<engine::Distribution> part;
    if (const json* d = c.required("distribution", "a distribution object {\"dist\": ...} (not a mixture)"))
      part = read_distribution_parameters(*d, c.at("distribution"), sink, false);
    c.finish();
    if (weight && part) {
      weights.push_back(*weight);
      parts.push_back(std::move(*part));
    }
  }
  if (sink.count() != before) return std::nullopt;
  return engine::Distribution::mixture(std::move(parts), weights);
}

std::optional<engine::Distribution> read_distribution_parameters(const json& value, const std::string& pointer,
                                                                 ProblemSink& sink, bool allow_mixture) {
  ObjectReader r(value, pointer, sink, "a distribution object {\"dist\": ...}");
  if (!r.valid()) return std::nullopt;
  static const std::vector<std::string> all_kinds = {"constant", "exponential", "lognormal", "gamma",
                                                     "weibull",  "uniform",     "empirical", "mixture"};
  static const std::vector<std::string> simple_kinds(all_kinds.begin(), all_kinds.end() - 1);
  const std::vector<std::string>& kinds = allow_mixture ? all_kinds : simple_kinds;
  const json* dist = r.required("dist", fmt::format("a distribution name (one of {})", fmt::join(kinds, ", ")));
  if (dist == nullptr) {
    r.skip_unknown_keys();
    return std::nullopt;
  }
  const auto kind = check_choice(*dist, r.at("dist"), "a distribution name", kinds, sink);
  if (!kind) {
    r.skip_unknown_keys();  // no way to tell which parameters were meant
    return std::nullopt;
  }
  // "an exponential", "an empirical", but "a uniform".
  r.set_context(fmt::format("of {} {} distribution", kinds[*kind][0] == 'e' ? "an" : "a", kinds[*kind]));
  switch (*kind) {
    case 0: {
      const auto v = r.number("value", Bounds::at_least(0, kAbsurdDays), true);
      if (!v) return std::nullopt;
      return engine::Distribution::constant(*v);
    }
    case 1: {
      const auto mean = r.number("mean", Bounds::above(0, kAbsurdDays), true);
      if (!mean) return std::nullopt;
      return engine::Distribution::exponential(*mean);
    }
    case 2:
      return read_lognormal(r);
    case 3:
      return read_gamma(r);
    case 4: {
      const auto shape = r.number("shape", Bounds::above(0, kAbsurdShape), true);
      const auto scale = r.number("scale", Bounds::above(0, kAbsurdDays), true);
      if (!shape || !scale) return std::nullopt;
      return engine::Distribution::weibull(*shape, *scale);
    }
    case 5: {
      const auto lo = r.number("min", Bounds::at_least(0, kAbsurdDays), true);
      const auto hi = r.number("max", Bounds::above(0, kAbsurdDays), true);
      if (!lo || !hi) return std::nullopt;
      if (!(*hi > *lo)) {
        sink.add(r.at("max"), fmt::format("a number > min ({})", format_number(*lo)), format_number(*hi));
        return std::nullopt;
      }
      return engine::Distribution::uniform(*lo, *hi);
    }
    case 6:
      return read_empirical(r);
    default:
      return read_mixture(r);
  }
}

}  // namespace

std::optional<std::chrono::sys_days> read_date(const json& value, const std::string& pointer, ProblemSink& sink) {
  std::chrono::sys_days date{};
  // Exactly YYYY-MM-DD: the engine's parser alone would also take " 2024-1-01".
  const auto is_iso_shape = [](const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
      if (text[i] < '0' || text[i] > '9') return false;
    return true;
  };
  if (!value.is_string() || !is_iso_shape(value.get_ref<const std::string&>()) ||
      !engine::parse_iso_date(value.get<std::string>(), date)) {
    sink.add(pointer, "a date \"YYYY-MM-DD\"", describe_json(value));
    return std::nullopt;
  }
  return date;
}

std::optional<model::Reason> read_reason(const json& value, const std::string& pointer, ProblemSink& sink) {
  return read_code<model::Reason, model::kReasonCount>(value, pointer, "a DToC reason", model::reason_code, sink);
}

std::optional<model::Agency> read_agency(const json& value, const std::string& pointer, ProblemSink& sink) {
  return read_code<model::Agency, model::kAgencyCount>(value, pointer, "an agency", model::agency_code, sink);
}

std::optional<model::Pathway> read_pathway(const json& value, const std::string& pointer, ProblemSink& sink) {
  return read_code<model::Pathway, model::kPathwayCount>(value, pointer, "a pathway", model::pathway_code, sink);
}

// Each parameter can be in range while what they imply is not: a gamma or
// lognormal from a tiny mean and a large sd underflows to shape 0 or overflows
// to sigma = inf (sampling NaN), a weibull of shape 0.001 has a mean of 1e+2567
// days. The sampler's own parameters must be finite and the mean sensible.
std::optional<engine::Distribution> read_distribution(const json& value, const std::string& pointer,
                                                      ProblemSink& sink) {
  auto d = read_distribution_parameters(value, pointer, sink, true);
  if (!d) return d;
  using Kind = engine::Distribution::Kind;
  const bool shaped = d->kind == Kind::gamma || d->kind == Kind::weibull;
  const double mean = d->mean();
  if (!std::isfinite(d->a) || !std::isfinite(d->b) || (shaped && !(d->a > 0 && d->b > 0)) || !std::isfinite(mean) ||
      mean > kAbsurdDays * (1 + 1e-9)) {
    sink.add(pointer,
             fmt::format("parameters giving a distribution with finite parameters and a mean of at most {} days",
                         format_number(kAbsurdDays)),
             d->kind == Kind::lognormal ? d->describe() : fmt::format("{}, whose mean is {}", d->describe(), format_number(mean)));
    return std::nullopt;
  }
  return d;
}

std::optional<engine::WeeklySchedule> read_schedule(const json& value, const std::string& pointer,
                                                    bool allow_starts, ProblemSink& sink, bool allow_share) {
  if (!value.is_array() || value.empty()) {
    sink.add(pointer, "a non-empty array of rules {\"days\", \"from_hour\", \"to_hour\"}", describe_json(value));
    return std::nullopt;
  }
  const std::size_t before = sink.count();
  std::array<std::vector<RuleWindow>, engine::kDayTypes> windows;
  bool bank_holiday_named = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    ObjectReader rule(value[i], child_pointer(pointer, i), sink, "a rule {\"days\", \"from_hour\", \"to_hour\"}");
    if (!rule.valid()) continue;
    if (!allow_starts && !allow_share) {
      rule.set_context("of a discharge window rule (it has no start quota)");
      if (rule.has("starts")) {
        sink.add(rule.at("starts"), "no \"starts\" here: the discharge window has no quota",
                 describe_json(*rule.optional("starts")));
      }
    }
    const auto from = rule.number("from_hour", Bounds{0, false, 24, true, Bounds::kInf}, true);
    const auto to = rule.number("to_hour", Bounds{0, true, 24, false, Bounds::kInf}, true);
    std::optional<std::int64_t> starts = engine::WeeklySchedule::kUnlimited;
    if (allow_starts && rule.optional("starts") != nullptr) {
      starts = rule.integer("starts", Bounds::at_least(0, kAbsurdStarts), true);
    }
    double share = 1;
    if (allow_share) rule.number_or_default("share", Bounds{0, true, 1, false, Bounds::kInf}, share);
    if (from && to && *from >= *to) {
      sink.add(rule.pointer(), "from_hour < to_hour",
               fmt::format("from_hour {}, to_hour {}", format_number(*from), format_number(*to)));
    }
    std::array<bool, engine::kDayTypes> days{};
    if (const json* list = rule.required("days", "an array of day names")) {
      const std::string days_pointer = rule.at("days");
      if (!list->is_array() || list->empty()) {
        sink.add(days_pointer, "a non-empty array of day names", describe_json(*list));
      } else {
        for (std::size_t d = 0; d < list->size(); ++d) {
          const json& name = (*list)[d];
          const auto it = name.is_string() ? day_names().find(name.get_ref<const std::string&>()) : day_names().end();
          if (it == day_names().end()) {
            sink.add(child_pointer(days_pointer, d),
                     "a day (Mon Tue Wed Thu Fri Sat Sun BankHoliday weekdays weekend all)", describe_json(name));
            continue;
          }
          for (int day : it->second) {
            if (days[day]) {
              sink.add(child_pointer(days_pointer, d), "each day once in a rule",
                       it->first == day_type_name(day)
                           ? fmt::format("{} again", day_type_name(day))
                           : fmt::format("{} again (\"{}\" includes it)", day_type_name(day), it->first));
            }
            days[day] = true;
          }
        }
      }
    }
    if (!from || !to || !starts || *from >= *to) continue;
    for (int day = 0; day < engine::kDayTypes; ++day) {
      if (!days[day]) continue;
      windows[day].push_back({i, {*from, *to, *starts, share}});
      if (day == engine::kBankHoliday) bank_holiday_named = true;
    }
  }

  // Overlaps, reported once per pair of rules with every day they share.
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::string>> overlaps;
  for (int day = 0; day < engine::kDayTypes; ++day) {
    auto& list = windows[day];
    std::stable_sort(list.begin(), list.end(),
                     [](const RuleWindow& a, const RuleWindow& b) { return a.window.from_hour < b.window.from_hour; });
    for (std::size_t a = 0; a < list.size(); ++a) {
      for (std::size_t b = a + 1; b < list.size(); ++b) {
        if (list[b].window.from_hour < list[a].window.to_hour) {
          const auto key = std::minmax(list[a].rule, list[b].rule);
          overlaps[{key.first, key.second}].push_back(day_type_name(day));
        }
      }
    }
    if (list.size() > static_cast<std::size_t>(engine::WeeklySchedule::kMaxWindowsPerDay)) {
      sink.add(pointer, fmt::format("at most {} windows on one day", engine::WeeklySchedule::kMaxWindowsPerDay),
               fmt::format("{} on {}", list.size(), day_type_name(day)));
    }
  }
  for (const auto& [rules, days] : overlaps) {
    const auto& first = value[rules.first];
    const auto& second = value[rules.second];
    sink.add(child_pointer(pointer, rules.second), "windows that do not overlap on the same day",
             fmt::format("rule {} ({}-{}h) and rule {} ({}-{}h) both open on {}", rules.first,
                         format_number(first["from_hour"].get<double>()), format_number(first["to_hour"].get<double>()),
                         rules.second, format_number(second["from_hour"].get<double>()),
                         format_number(second["to_hour"].get<double>()), fmt::join(days, ", ")));
  }
  if (sink.count() != before) return std::nullopt;

  engine::WeeklySchedule schedule;
  for (int day = 0; day < engine::kDayTypes; ++day) {
    std::vector<engine::ScheduleWindow> list;
    // A bank holiday with no rule of its own is run like a Sunday.
    const int source = (day == engine::kBankHoliday && !bank_holiday_named) ? 6 : day;
    for (const auto& w : windows[source]) list.push_back(w.window);
    schedule.set_day(day, std::move(list));
  }
  if (allow_starts && schedule.never_open()) {
    sink.add(pointer, "at least one window with starts > 0", "a schedule that never starts anything");
    return std::nullopt;
  }
  return schedule;
}

}  // namespace homeward::io
