// The JSON Schema of scenario files (draft 2020-12), for editors' completion
// and checks. Its one source is scenarios/scenario.schema.json, embedded into
// the binary at build time; `homeward schema` prints it, and
// tests/io/schema_test.cc keeps it in step with the parser.
#pragma once

#include <string_view>

namespace homeward::io {

// The text of scenarios/scenario.schema.json as it was when built.
std::string_view scenario_schema();

}  // namespace homeward::io
