#include "sim/app/scenario_loading.h"

#include "sim/io/scenario_reader.h"

namespace homeward::app {

std::vector<const model::PreparedScenario*> LoadedScenarios::pointers() const {
  std::vector<const model::PreparedScenario*> out;
  for (const auto& p : prepared) out.push_back(p.get());
  return out;
}

std::optional<LoadedScenarios> load_scenarios(const std::vector<std::string>& files, Status& problems) {
  LoadedScenarios loaded;
  bool ok = true;
  for (const std::string& file : files) {
    io::ScenarioReadResult read = io::read_scenario_file(file);
    for (const io::Problem& p : read.problems) problems.merge(Status::bad_input(p.message()));
    if (!read.scenario) {
      ok = false;
      continue;
    }
    loaded.prepared.push_back(std::move(read.prepared));
    loaded.info.push_back(io::ScenarioInfo::of(*loaded.prepared.back(), io::fingerprint(read.resolved.dump())));
  }
  if (!ok) return std::nullopt;
  return loaded;
}

}  // namespace homeward::app
