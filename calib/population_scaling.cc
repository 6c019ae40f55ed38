#include "calib/population_scaling.h"

#include <cmath>
#include <regex>
#include <stdexcept>

#include "sim/io/json_checker.h"
#include "sim/io/scenario_schema.h"

namespace homeward::calib {
namespace {

using nlohmann::json;

constexpr const char* kAnnotation = "x-homeward-scale";
constexpr double kRoundingNoteShare = 0.10;

const json& resolve(const json& root, const json& node) {
  const json* at = &node;
  // A chain of "$ref"s to "#/$defs/..." (the only kind the schema uses).
  for (int depth = 0; at->is_object() && at->contains("$ref") && depth < 32; ++depth) {
    const std::string ref = (*at)["$ref"].get<std::string>();
    if (!ref.starts_with("#/")) throw std::invalid_argument("schema: unsupported $ref " + ref);
    at = &root.at(json::json_pointer(ref.substr(1)));
  }
  return *at;
}

bool annotated(const json& schema) {
  const auto it = schema.find(kAnnotation);
  return it != schema.end() && *it == "population";
}

// Whether `document` (an object) could be an instance of the object schema
// `branch`: every key is a property (or additional properties are allowed)
// and every "const" property matches. Picks the service kind of a oneOf.
bool compatible(const json& root, const json& branch, const json& document) {
  if (!branch.is_object()) return false;
  const json& properties = branch.contains("properties") ? branch["properties"] : json::object();
  const bool open = !branch.contains("additionalProperties") || branch["additionalProperties"] != false;
  for (const auto& [key, value] : document.items()) {
    if (!properties.contains(key)) {
      if (!open) return false;
      continue;
    }
    const json& property = resolve(root, properties[key]);
    if (property.is_object() && property.contains("const") && property["const"] != value) return false;
  }
  return true;
}

void walk(const json& root, const json& node, const json& document, const std::string& pointer, bool inherited,
          std::vector<ScaleSite>& out);

// The schema of `key` under the object schema's patternProperties (a map keyed
// by month, say), or nullptr.
const json* matching_pattern(const json& schema, const std::string& key) {
  if (!schema.contains("patternProperties")) return nullptr;
  for (const auto& [pattern, sub] : schema["patternProperties"].items())
    if (std::regex_search(key, std::regex(pattern, std::regex::ECMAScript))) return &sub;
  return nullptr;
}

// Every schema that applies to `document` at `node`: the node itself and the
// branches of oneOf/anyOf/allOf/then/else it could match.
std::vector<const json*> applicable(const json& root, const json& node, const json& document) {
  std::vector<const json*> out;
  const json& resolved = resolve(root, node);
  out.push_back(&resolved);
  if (!resolved.is_object()) return out;
  for (const char* keyword : {"oneOf", "anyOf", "allOf"}) {
    if (!resolved.contains(keyword)) continue;
    for (const json& branch : resolved[keyword]) {
      const json& b = resolve(root, branch);
      if (!document.is_object() || compatible(root, b, document))
        for (const json* s : applicable(root, b, document)) out.push_back(s);
    }
  }
  for (const char* keyword : {"then", "else"})
    if (resolved.contains(keyword)) {
      const json& b = resolve(root, resolved[keyword]);
      if (!document.is_object() || compatible(root, b, document))
        for (const json* s : applicable(root, b, document)) out.push_back(s);
    }
  return out;
}

void walk(const json& root, const json& node, const json& document, const std::string& pointer, bool inherited,
          std::vector<ScaleSite>& out) {
  const std::vector<const json*> schemas = applicable(root, node, document);
  bool scales = inherited;
  bool integer = false;
  for (const json* s : schemas) {
    scales = scales || annotated(*s);
    integer = integer || (s->is_object() && s->value("type", json()) == "integer");
  }
  if (document.is_number()) {
    if (scales) out.push_back({pointer, integer});
    return;
  }
  if (document.is_object()) {
    for (const auto& [key, value] : document.items()) {
      for (const json* s : schemas) {
        if (!s->is_object()) continue;
        const json* child = nullptr;
        if (s->contains("properties") && (*s)["properties"].contains(key)) {
          child = &(*s)["properties"][key];
        } else if (const json* pattern = matching_pattern(*s, key)) {
          child = pattern;
        } else if (s->contains("additionalProperties") && (*s)["additionalProperties"].is_object() &&
                   !(s->contains("properties") && (*s)["properties"].contains(key))) {
          child = &(*s)["additionalProperties"];
        }
        if (child == nullptr) continue;
        walk(root, *child, value, pointer + "/" + io::escape_pointer_token(key), scales, out);
        break;  // the first schema that names the key decides
      }
    }
  } else if (document.is_array()) {
    for (const json* s : schemas) {
      if (!s->is_object() || !s->contains("items")) continue;
      for (std::size_t i = 0; i < document.size(); ++i)
        walk(root, (*s)["items"], document[i], pointer + "/" + std::to_string(i), scales, out);
      break;
    }
  }
}

}  // namespace

std::vector<ScaleSite> population_sites(const json& schema, const json& scenario) {
  std::vector<ScaleSite> out;
  walk(schema, schema.at("$defs").at("scenario"), scenario, "", false, out);
  // A property matched through several branches is listed once.
  std::vector<ScaleSite> unique;
  for (const ScaleSite& s : out) {
    bool seen = false;
    for (const ScaleSite& u : unique) seen = seen || u.pointer == s.pointer;
    if (!seen) unique.push_back(s);
  }
  return unique;
}

double round_scaled_count(double exact) {
  if (!(exact > 0)) return 0;
  return std::max(1.0, std::round(exact));
}

template <typename Json>
std::vector<RoundingNote> scale_document(Json& document, const std::vector<ScaleSite>& sites, double factor) {
  std::vector<RoundingNote> notes;
  for (const ScaleSite& site : sites) {
    Json& slot = document.at(typename Json::json_pointer(site.pointer));
    const double original = slot.template get<double>();
    const double exact = original * factor;
    if (!site.integer) {
      slot = exact;
      continue;
    }
    const double written = round_scaled_count(exact);
    slot = static_cast<std::int64_t>(written);
    if (exact > 0 && std::fabs(written - exact) > kRoundingNoteShare * exact)
      notes.push_back({site.pointer, original, exact, written});
  }
  return notes;
}

template std::vector<RoundingNote> scale_document(nlohmann::json&, const std::vector<ScaleSite>&, double);
template std::vector<RoundingNote> scale_document(nlohmann::ordered_json&, const std::vector<ScaleSite>&, double);

const json& embedded_scenario_schema() {
  static const json schema = json::parse(io::scenario_schema());
  return schema;
}

}  // namespace homeward::calib
