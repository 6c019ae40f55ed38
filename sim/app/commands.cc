#include "sim/app/commands.h"

#include <cstdio>
#include <string_view>

#include "sim/app/scenario_loading.h"
#include "sim/io/atomic_file.h"
#include "sim/io/journal.h"
#include "sim/io/output_folder.h"
#include "sim/io/scenario_schema.h"

namespace homeward::app {

int exit_code_for(const io::LockRefusal& refusal) {
  std::fprintf(stderr, "error: %s\n", refusal.message.c_str());
  return refusal.environment ? kExitEnvironment : kExitBadInput;
}

int exit_code_for(const std::exception& e) {
  if (dynamic_cast<const io::OutputError*>(&e) != nullptr) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitEnvironment;
  }
  if (dynamic_cast<const io::JournalError*>(&e) != nullptr || dynamic_cast<const io::FolderInTheWay*>(&e) != nullptr) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitBadInput;
  }
  std::fprintf(stderr, "internal error: %s\n", e.what());
  return kExitInternal;
}

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
