// A tiny JSON Schema (draft 2020-12) validator for the keywords that
// scenarios/scenario.schema.json uses, written for the schema tests and the
// fuzz target: no JSON Schema library for C++ is packaged in Debian. It also
// traces which declared properties each instance location was checked
// against, so a test can compare the schema with the keys the parser reads.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace homeward::testing {

struct SchemaTrace {
  struct Allowed {
    std::set<std::string> names;  // declared by `properties` of the object schemas applied here
    bool open = false;            // some applied schema lets other names through (a map)
  };
  // Instance pointer -> what the schemas that applied to it declare. Only
  // branches that matched contribute (for oneOf/anyOf/if).
  std::map<std::string, Allowed> allowed;
  // Schema locations "#/$defs/x/properties/key" that some present member was checked against.
  std::set<std::string> used;
  // Instance pointer -> the locations of every schema applied to the value there
  // ($ref targets, items, matched branches), for the limits that hold there.
  std::map<std::string, std::set<std::string>> applied;
  // Instance pointer of an object -> key -> the locations of the property
  // schemas that the schemas applied to the object declare for it, present or
  // not (for the defaults of absent keys).
  std::map<std::string, std::map<std::string, std::set<std::string>>> declared;

  void merge(const SchemaTrace& other);
};

// The keywords validate_against_schema understands; it throws
// std::invalid_argument on any other, so the schema cannot silently outgrow it.
const std::set<std::string>& supported_schema_keywords();

// Problems of `instance` against `root` ("pointer: message"); empty when valid.
// Only local references ("#/$defs/...") are followed.
std::vector<std::string> validate_against_schema(const nlohmann::json& root, const nlohmann::json& instance,
                                                 SchemaTrace* trace = nullptr);

// Calls `visit` on `node` and every schema below it, each with its location
// ("#/$defs/cohort/properties/share").
void for_each_schema_node(const nlohmann::json& node, const std::string& location,
                          const std::function<void(const nlohmann::json&, const std::string&)>& visit);

}  // namespace homeward::testing
