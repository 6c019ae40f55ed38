#include "sim/app/precision_stages.h"

#include <fmt/format.h>

#include <cstdio>

#include "sim/io/number_text.h"
#include "sim/model/precision.h"
#include "sim/model/measure_catalogue.h"
#include "sim/model/replication_tallies.h"

namespace homeward::app {

std::optional<std::size_t> precision_measure_index(const model::PreparedScenario& scenario, const std::string& name) {
  const std::vector<std::string> names = model::measure_names(scenario);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  // A family's measure for a member the scenario lacks (a misspelt service):
  // the members it has are the likeliest meant.
  const model::MeasureInfo* info = model::find_measure_info(name);
  std::string members;
  if (info != nullptr && info->is_family())
    for (const std::string& other : names)
      if (model::find_measure_info(other) == info) members += (members.empty() ? "" : ", ") + other;
  std::string such = "measures such as delayed_bed_days, delay_days_mean, dtoc_delayed_days, acute_occupancy_mean";
  if (!members.empty()) such = "of its kind: " + members;
  if (info != nullptr && info->scope == model::MeasureScope::difference)
    such = name + " is a compare's difference from the base, not a measure of a replication";
  std::fprintf(stderr,
               "error: --precision: scenario %s has no measure named %s (%s; all are in docs/measures.md and the "
               "columns of replications.csv)\n",
               scenario.scenario().name.c_str(), name.c_str(), such.c_str());
  return std::nullopt;
}

std::optional<std::uint32_t> run_base_in_stages(const std::vector<const model::PreparedScenario*>& scenarios,
                                                BatchOptions batch, const ResultConsumer& consume,
                                                const ProgressFn& progress, const std::vector<double>& tracked,
                                                const RunOptions::Precision& precision, bool quiet) {
  const model::PrecisionTarget target{precision.relative_half_width};
  const std::uint32_t cap = batch.replications;
  const auto stopped = [&](std::uint32_t n) { return (batch.stop != nullptr && batch.stop->load()) || tracked.size() < n; };
  std::uint32_t n = model::first_stage(cap);
  batch.first_task = 0;
  batch.end_task = n;
  run_batches(scenarios, batch, consume, progress);
  for (;;) {
    if (stopped(n)) return std::nullopt;
    const std::uint32_t next = model::next_stage(tracked, target, cap);
    const double achieved = model::relative_half_width(tracked);
    if (!quiet)
      std::fprintf(stderr, "precision: %s within ±%.3g%% of its mean after %s%s\n",
                   precision.measure.c_str(), 100 * achieved, io::counted(n, "replication").c_str(),
                   next == n ? "" : fmt::format("; running to {}", next).c_str());
    if (next == n) {
      if (achieved > target.relative_half_width)
        std::fprintf(stderr, "warning: --precision target ±%.3g%% not met at the cap of %s (--replications)\n",
                     100 * target.relative_half_width, io::counted(n, "replication").c_str());
      return n;
    }
    batch.first_task = n;
    batch.end_task = next;
    run_batches(scenarios, batch, consume, progress);
    n = next;
  }
}

}  // namespace homeward::app
