// Reading the scenario files a command names, reporting every problem of
// every file before giving up.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/app/status.h"
#include "sim/io/journal.h"
#include "sim/model/prepared_scenario.h"

namespace homeward::app {

struct LoadedScenarios {
  std::vector<std::unique_ptr<model::PreparedScenario>> prepared;
  std::vector<io::ScenarioInfo> info;  // with the fingerprint of each resolved document
  std::vector<const model::PreparedScenario*> pointers() const;
};

// nullopt when any file has a problem; `problems` then holds every problem
// of every file (exit 2), so one attempt shows the user all there is to fix.
std::optional<LoadedScenarios> load_scenarios(const std::vector<std::string>& files, Status& problems);

}  // namespace homeward::app
