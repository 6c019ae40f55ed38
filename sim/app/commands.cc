#include "sim/app/commands.h"

#include <cstdio>
#include <string_view>

#include "sim/app/scenario_loading.h"
#include "sim/io/scenario_schema.h"

namespace homeward::app {

int validate_command(const std::vector<std::string>& scenario_files) {
  const auto loaded = load_scenarios(scenario_files);
  if (!loaded) return kExitBadInput;
  for (const auto& info : loaded->info) std::printf("%s: ok\n", info.name.c_str());
  return kExitOk;
}

int schema_command() {
  const std::string_view schema = io::scenario_schema();
  std::fwrite(schema.data(), 1, schema.size(), stdout);
  return std::fflush(stdout) == 0 ? kExitOk : kExitInternal;
}

}  // namespace homeward::app
