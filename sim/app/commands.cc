#include "sim/app/commands.h"

#include <cstdio>
#include <string_view>

#include "sim/app/scenario_loading.h"
#include "sim/io/scenario_reader.h"
#include "sim/io/atomic_file.h"
#include "sim/io/journal.h"
#include "sim/io/output_folder.h"
#include "sim/io/scenario_schema.h"

namespace homeward::app {

Status status_of(const io::LockRefusal& refusal) {
  return Status::refused(refusal.environment ? kExitEnvironment : kExitBadInput, refusal.message);
}

Status status_of(const std::exception& e) {
  if (dynamic_cast<const io::OutputError*>(&e) != nullptr) return Status::refused(kExitEnvironment, e.what());
  if (dynamic_cast<const io::JournalError*>(&e) != nullptr || dynamic_cast<const io::FolderInTheWay*>(&e) != nullptr)
    return Status::bad_input(e.what());
  return Status::refused(kExitInternal, e.what());
}

int exit_code_for(const io::LockRefusal& refusal) { return print_status(status_of(refusal)); }

int exit_code_for(const std::exception& e) { return print_status(status_of(e)); }

int validate_command(const std::vector<std::string>& files) {
  // A JSON Schema among the files (scenarios/*.json catches scenario.schema.json)
  // is named and passed over; a file that cannot be read is left to the loader,
  // whose problems name it.
  std::vector<std::string> scenario_files;
  for (const std::string& file : files) {
    std::vector<io::Problem> ignored;
    const auto document = io::read_json_file(file, ignored);
    const auto kind = document ? io::classify_schema_document(*document) : io::SchemaDocument::not_a_schema;
    if (kind == io::SchemaDocument::not_a_schema) {
      scenario_files.push_back(file);
    } else {
      std::printf("%s: %s, not a scenario: skipped\n", file.c_str(),
                  kind == io::SchemaDocument::scenario_schema
                      ? "the scenario schema (as built into this homeward)"
                      : "a JSON Schema other than the one built into this homeward (`homeward schema` prints that)");
    }
  }
  if (scenario_files.empty()) return kExitOk;
  Status problems;
  const auto loaded = load_scenarios(scenario_files, problems);
  if (!loaded) return print_status(problems);
  for (const auto& info : loaded->info) std::printf("%s: ok\n", info.name.c_str());
  return kExitOk;
}

int schema_command() {
  const std::string_view schema = io::scenario_schema();
  std::fwrite(schema.data(), 1, schema.size(), stdout);
  return std::fflush(stdout) == 0 ? kExitOk : kExitInternal;
}

}  // namespace homeward::app
