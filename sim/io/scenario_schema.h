// The JSON Schema of scenario files (draft 2020-12), for editors' completion
// and checks. Its one source is scenarios/scenario.schema.json, embedded into
// the binary at build time; `homeward schema` prints it, and
// tests/io/schema_test.cc keeps it in step with the parser.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace homeward::io {

// The text of scenarios/scenario.schema.json as it was when built.
std::string_view scenario_schema();

// What a document handed over as a scenario is when it is a JSON Schema
// (an object whose "$schema" names a json-schema.org meta-schema), so that
// `homeward validate scenarios/*.json` can pass over the schema beside them.
enum class SchemaDocument { not_a_schema, scenario_schema, other_schema };
SchemaDocument classify_schema_document(const nlohmann::json& document);

}  // namespace homeward::io
