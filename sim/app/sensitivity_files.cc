#include "sim/app/sensitivity_files.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/app/study_files.h"
#include "sim/io/csv_text.h"
#include "sim/io/number_text.h"
#include "sim/io/results_writer.h"
#include "sim/model/measure_catalogue.h"

namespace homeward::app {

using nlohmann::ordered_json;

namespace {

namespace measure = model::measure;

// 1-based rank of effect e in an order.
std::size_t rank_of(const std::vector<std::size_t>& order, std::size_t e) {
  for (std::size_t i = 0; i < order.size(); ++i)
    if (order[i] == e) return i + 1;
  return 0;
}

ordered_json side_json(const SensitivitySide& side) {
  ordered_json j;
  j["factor"] = side.factor;
  j["setting"] = side.written;
  j["run"] = side.run;
  if (!side.note.empty()) j["note"] = side.note;
  ordered_json effects = ordered_json::object();
  for (const std::string_view measure : kSensitivityMeasures)
    if (const model::Statistics* d = find_statistics(side.differences, measure))
      effects[measure] = io::statistics_json(*d);
  j["differences"] = std::move(effects);
  return j;
}

}  // namespace

std::string sensitivity_csv(const SensitivityResult& result) {
  std::string out =
      "parameter,kind,side,factor,setting,measure,base_mean,difference_mean,difference_ci95_low,"
      "difference_ci95_high,rank_delayed_bed_days,rank_cost_total,note\n";
  for (std::size_t e = 0; e < result.effects.size(); ++e) {
    const SensitivityEffect& effect = result.effects[e];
    const std::string ranks = fmt::format("{},{}", rank_of(result.by_delayed_bed_days, e), rank_of(result.by_cost_total, e));
    for (const SensitivitySide* side : {&effect.low, &effect.high}) {
      const std::string head = fmt::format("{},{},{},{},{}", io::csv_text(effect.parameter.name),
                                           kind_name(effect.parameter.kind), side == &effect.low ? "low" : "high",
                                           csv_number(side->factor), io::csv_text(side->written));
      if (!side->run) {
        out += head + ",,,,,," + ranks + "," + io::csv_text(side->note) + "\n";
        continue;
      }
      for (const std::string_view measure : kSensitivityMeasures) {
        const model::Statistics* base = find_statistics(result.base, measure);
        const model::Statistics* d = find_statistics(side->differences, measure);
        if (base == nullptr || d == nullptr) continue;
        out += fmt::format("{},{},{},{},{},{},{},\n", head, measure, csv_number(base->mean), csv_number(d->mean),
                           csv_number(d->ci95[0]), csv_number(d->ci95[1]), ranks);
      }
    }
  }
  return out;
}

ordered_json sensitivity_json(const SensitivityResult& result) {
  ordered_json j;
  j["kind"] = "sensitivity";
  j["scenario"] = result.name;
  j["scenario_file"] = result.label;
  j["change"] = result.change;
  j["replications"] = result.replications;
  j["seed"] = result.seed;
  j["duration_days"] = result.duration_days;
  ordered_json base = ordered_json::object();
  for (const std::string_view measure : kSensitivityMeasures)
    if (const model::Statistics* s = find_statistics(result.base, measure)) base[measure] = io::statistics_json(*s);
  j["base"] = std::move(base);
  j["parameters"] = ordered_json::array();
  for (const SensitivityEffect& effect : result.effects) {
    ordered_json p;
    p["name"] = effect.parameter.name;
    p["kind"] = kind_name(effect.parameter.kind);
    p["pointers"] = effect.parameter.pointers;
    p["low"] = side_json(effect.low);
    p["high"] = side_json(effect.high);
    p["swing"] = {{measure::kDelayedBedDays.name(), effect.swing_delayed_bed_days},
                  {measure::kCostTotal.name(), effect.swing_cost_total}};
    j["parameters"].push_back(std::move(p));
  }
  const auto names = [&](const std::vector<std::size_t>& order) {
    std::vector<std::string> out;
    for (std::size_t e : order) out.push_back(result.effects[e].parameter.name);
    return out;
  };
  j["ranking"] = {{measure::kDelayedBedDays.name(), names(result.by_delayed_bed_days)},
                  {measure::kCostTotal.name(), names(result.by_cost_total)}};
  return j;
}

void write_sensitivity_files(const SensitivityResult& result, const std::string& dir, const ordered_json& run_info) {
  write_files_together(dir, {{"sensitivity.csv", sensitivity_csv(result)},
                             {"sensitivity.json", json_text(sensitivity_json(result))},
                             {"run-info.json", json_text(run_info)}});
}

std::string sensitivity_table(const SensitivityResult& result, double year_scale, std::size_t top) {
  std::string out = fmt::format(
      "Sensitivity of {} — each capacity and process time × {} and × {}, one at a time; {}, common "
      "random numbers;\neffects a year against the scenario as it is (paired 95% CI)\n",
      result.name, 1 - result.change, 1 + result.change, io::counted(result.replications, "replication"));
  const auto effect_text = [&](const SensitivitySide& side, std::string_view measure) {
    const model::Statistics* d = side.run ? find_statistics(side.differences, measure) : nullptr;
    if (d == nullptr) return std::string("(not run)");
    return fmt::format("{:+.0f} [{:+.0f}, {:+.0f}]", d->mean * year_scale, d->ci95[0] * year_scale,
                       d->ci95[1] * year_scale);
  };
  for (const auto& [name, order, title] :
       {std::tuple{measure::kDelayedBedDays.pattern, &result.by_delayed_bed_days, "delayed bed days"},
        std::tuple{measure::kCostTotal.pattern, &result.by_cost_total, "total cost £"}}) {
    out += fmt::format("\n  Ranked by {}\n  {:<34} {:>18} {:>30} {:>18} {:>30}\n", title, "parameter", "low",
                       "effect", "high", "effect");
    for (std::size_t i = 0; i < order->size() && i < top; ++i) {
      const SensitivityEffect& e = result.effects[(*order)[i]];
      out += fmt::format("  {:<34} {:>18} {:>30} {:>18} {:>30}\n", e.parameter.name, e.low.written,
                         effect_text(e.low, name), e.high.written, effect_text(e.high, name));
    }
  }
  out += "\n  Every parameter and measure is in sensitivity.csv and sensitivity.json.\n";
  return out;
}

}  // namespace homeward::app
