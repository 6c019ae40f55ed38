#include "sim/app/sensitivity.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/io/json_checker.h"
#include "sim/io/scenario_reader.h"
#include "sim/model/measure_catalogue.h"

namespace homeward::app {

using nlohmann::json;

namespace {

constexpr std::size_t kNotRun = std::numeric_limits<std::size_t>::max();

// The keys holding a service's process time, by the service's kind.
std::vector<const char*> time_keys(const std::string& kind) {
  if (kind == "assessment" || kind == "delay") return {"duration_days"};
  if (kind == "package") return {"length_of_care_days"};
  if (kind == "beds") return {"length_of_stay_days"};
  if (kind == "bridge") return {"response_days", "max_days"};
  return {};
}

// The numbers of a distribution that are times; the others (shape, weights) are not.
bool is_time_field(const std::string& dist, const std::string& field) {
  if (field == "values") return dist == "empirical";
  if (field == "scale") return dist == "gamma" || dist == "weibull";
  return field == "value" || field == "mean" || field == "sd" || field == "median" || field == "min" || field == "max";
}

// A capacity written as a whole number is a count; anything else (a time) is scaled as it is.
json scaled_count_or_number(const json& value, double factor, bool capacity, std::string& before, std::string& after) {
  before = value.dump();
  json result;
  if (capacity && value.is_number_integer()) {
    const std::int64_t v = value.get<std::int64_t>();
    std::int64_t next = std::llround(static_cast<double>(v) * factor);
    if (next == v) next = factor > 1 ? v + 1 : v - 1;  // a count moves at least one step
    next = std::max<std::int64_t>(next, v >= 1 ? 1 : 0);  // a count never goes negative, nor to 0 from 1 or more
    result = next;
  } else {
    result = value.get<double>() * factor;
  }
  after = result.dump();
  return result;
}

}  // namespace

const char* kind_name(SensitivityParameter::Kind kind) {
  return kind == SensitivityParameter::Kind::capacity ? "capacity" : "time";
}

std::vector<SensitivityParameter> find_sensitivity_parameters(const json& scenario) {
  std::vector<SensitivityParameter> out;
  const auto services = scenario.find("services");
  if (services == scenario.end() || !services->is_object()) return out;
  for (const auto& [name, service] : services->items()) {
    if (!service.is_object() || !service.contains("kind") || !service["kind"].is_string()) continue;
    const std::string at = io::child_pointer("/services", name);
    for (const char* key : {"beds", "slots", "visits_capacity_per_day"})
      if (service.contains(key) && service[key].is_number())
        out.push_back({name + "." + key, SensitivityParameter::Kind::capacity, {io::child_pointer(at, key)}});
    if (service.contains("schedule") && service["schedule"].is_array()) {
      SensitivityParameter starts{name + ".starts", SensitivityParameter::Kind::capacity, {}};
      const json& rules = service["schedule"];
      for (std::size_t i = 0; i < rules.size(); ++i)
        if (rules[i].is_object() && rules[i].contains("starts") && rules[i]["starts"].is_number())
          starts.pointers.push_back(io::child_pointer(io::child_pointer(io::child_pointer(at, "schedule"), i), "starts"));
      if (!starts.pointers.empty()) out.push_back(std::move(starts));
    }
    for (const char* key : time_keys(service["kind"].get<std::string>()))
      if (service.contains(key) && (service[key].is_object() || service[key].is_number()))
        out.push_back({name + "." + key, SensitivityParameter::Kind::time, {io::child_pointer(at, key)}});
  }
  return out;
}

json scale_parameter(const json& scenario, const SensitivityParameter& parameter, double factor, std::string& written) {
  json document = scenario;
  std::vector<std::string> befores, afters;
  for (const std::string& text : parameter.pointers) {
    json& slot = document.at(json::json_pointer(text));
    if (slot.is_number()) {
      std::string before, after;
      slot = scaled_count_or_number(slot, factor, parameter.kind == SensitivityParameter::Kind::capacity, before, after);
      befores.push_back(before);
      afters.push_back(after);
      continue;
    }
    // A distribution: scale each of its times.
    const std::string dist = slot.value("dist", std::string());
    for (auto& [field, value] : slot.items()) {
      if (!is_time_field(dist, field)) continue;
      if (value.is_array()) {
        for (json& v : value)
          if (v.is_number()) v = v.get<double>() * factor;
      } else if (value.is_number()) {
        value = value.get<double>() * factor;
      }
    }
  }
  if (befores.empty()) {
    written = fmt::format("\u00d7 {}", factor);
  } else {
    std::string from, to;
    for (std::size_t i = 0; i < befores.size(); ++i) {
      from += i ? "," : "";
      from += befores[i];
      to += i ? "," : "";
      to += afters[i];
    }
    written = from + " \u2192 " + to;
  }
  return document;
}

std::optional<PreparedSensitivity> prepare_sensitivity(const FamilyBase& base, double change,
                                                       std::vector<io::Problem>& problems) {
  PreparedSensitivity prepared;
  prepared.label = base.label;
  prepared.name = base.document.value("name", std::string());
  prepared.change = change;
  std::vector<json> documents{base.document};
  std::vector<std::string> labels{base.label};
  for (const SensitivityParameter& p : find_sensitivity_parameters(base.document)) {
    SensitivityEffect effect;
    effect.parameter = p;
    for (SensitivitySide* side : {&effect.low, &effect.high}) {
      side->factor = side == &effect.low ? 1 - change : 1 + change;
      const json document = scale_parameter(base.document, p, side->factor, side->written);
      std::size_t& member = side == &effect.low ? prepared.member_of_low.emplace_back(kNotRun)
                                                : prepared.member_of_high.emplace_back(kNotRun);
      if (document == base.document) {
        side->note = "no change (a count already at its floor of 1)";
        continue;
      }
      const std::string label = fmt::format("{} (with {} {})", base.label, p.name, side->written);
      io::ScenarioReadResult read = io::read_scenario_json(document, label);
      if (!read.scenario) {
        side->note = read.problems.empty() ? "invalid" : read.problems.front().message();
        continue;
      }
      member = documents.size();
      documents.push_back(document);
      labels.push_back(label);
    }
    prepared.effects.push_back(std::move(effect));
  }
  auto family = prepare_family(documents, labels, problems);
  if (!family) return std::nullopt;
  prepared.family = std::move(*family);
  return prepared;
}

std::optional<SensitivityResult> run_sensitivity(const PreparedSensitivity& prepared, const BatchOptions& options,
                                                 const ProgressFn& progress) {
  auto outcomes = run_family(prepared.family.pointers(), options, progress);
  if (!outcomes) return std::nullopt;
  SensitivityResult result;
  result.label = prepared.label;
  result.name = prepared.name;
  result.change = prepared.change;
  result.replications = options.replications;
  result.seed = options.seed;
  result.base = (*outcomes)[0].summary;
  result.duration_days = prepared.family.pointers().front()->scenario().duration_days;
  result.effects = prepared.effects;
  const auto swing = [](const SensitivitySide& side, std::string_view measure) {
    const model::Statistics* d = side.run ? find_statistics(side.differences, measure) : nullptr;
    return d != nullptr && std::isfinite(d->mean) ? std::fabs(d->mean) : 0.0;
  };
  for (std::size_t e = 0; e < result.effects.size(); ++e) {
    SensitivityEffect& effect = result.effects[e];
    for (auto [side, member] : {std::pair{&effect.low, prepared.member_of_low[e]},
                                std::pair{&effect.high, prepared.member_of_high[e]}}) {
      if (member == kNotRun) continue;
      side->run = true;
      side->differences = std::move((*outcomes)[member].differences);
    }
    const std::string_view delayed = model::measure::kDelayedBedDays.pattern, cost = model::measure::kCostTotal.pattern;
    effect.swing_delayed_bed_days = std::max(swing(effect.low, delayed), swing(effect.high, delayed));
    effect.swing_cost_total = std::max(swing(effect.low, cost), swing(effect.high, cost));
  }
  const auto ranking = [&](double SensitivityEffect::*swing_of) {
    std::vector<std::size_t> order(result.effects.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return result.effects[a].*swing_of > result.effects[b].*swing_of;
    });
    return order;
  };
  result.by_delayed_bed_days = ranking(&SensitivityEffect::swing_delayed_bed_days);
  result.by_cost_total = ranking(&SensitivityEffect::swing_cost_total);
  return result;
}

}  // namespace homeward::app
