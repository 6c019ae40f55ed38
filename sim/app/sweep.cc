#include "sim/app/sweep.h"

#include <fmt/format.h>

namespace homeward::app {

std::optional<PreparedSweep> prepare_sweep(const FamilyBase& base, std::vector<SweepAxis> axes,
                                           std::vector<io::Problem>& problems) {
  const std::size_t before = problems.size();
  if (axes.empty()) problems.push_back({base.label, "", "at least one --vary POINTER=V1,V2,...", "none", {}});
  std::size_t count = 1;
  for (const SweepAxis& axis : axes) {
    if (axis.values.empty()) problems.push_back({base.label, axis.pointer, "at least one value to vary it over", "none", {}});
    count *= std::max<std::size_t>(axis.values.size(), 1);
    if (count > kMaxSweepPoints) {
      problems.push_back({base.label, "", fmt::format("at most {} combinations of the varied values", kMaxSweepPoints),
                          "more", {}});
      return std::nullopt;
    }
  }
  for (std::size_t i = 0; i < axes.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (axes[i].pointer == axes[j].pointer)
        problems.push_back({base.label, axes[i].pointer, "each pointer varied once", "it twice", {}});
  if (problems.size() != before) return std::nullopt;

  PreparedSweep sweep{base.label, base.document.value("name", std::string()), std::move(axes), {}, {}};
  std::vector<nlohmann::json> documents;
  std::vector<std::string> labels;
  std::vector<std::size_t> index(sweep.axes.size(), 0);
  for (std::size_t p = 0; p < count; ++p) {
    std::vector<Setting> settings;
    std::vector<nlohmann::json> values;
    for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
      settings.push_back({sweep.axes[a].pointer, sweep.axes[a].values[index[a]]});
      values.push_back(sweep.axes[a].values[index[a]]);
    }
    const std::string label = fmt::format("{} (with {})", base.label, describe_settings(settings));
    if (auto document = apply_settings(base.document, settings, label, problems)) {
      documents.push_back(std::move(*document));
      labels.push_back(label);
    }
    sweep.points.push_back(std::move(values));
    // The last axis varies fastest.
    for (std::size_t a = sweep.axes.size(); a-- > 0;) {
      if (++index[a] < sweep.axes[a].values.size()) break;
      index[a] = 0;
    }
  }
  if (problems.size() != before) return std::nullopt;
  auto family = prepare_family(documents, labels, problems);
  if (!family) return std::nullopt;
  sweep.family = std::move(*family);
  return sweep;
}

std::optional<SweepResult> run_sweep(const PreparedSweep& sweep, const BatchOptions& options,
                                     const ProgressFn& progress) {
  auto outcomes = run_family(sweep.family.pointers(), options, progress);
  if (!outcomes) return std::nullopt;
  SweepResult result{sweep.label, sweep.name, sweep.axes, options.replications, options.seed, {}};
  const auto members = sweep.family.pointers();
  for (std::size_t p = 0; p < sweep.points.size(); ++p)
    result.points.push_back({sweep.points[p], members[p]->scenario().duration_days, std::move((*outcomes)[p])});
  return result;
}

}  // namespace homeward::app
