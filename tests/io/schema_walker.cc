#include "tests/io/schema_walker.h"

#include <cmath>
#include <functional>
#include <regex>
#include <stdexcept>

namespace homeward::testing {
namespace {

using nlohmann::json;

std::string escape(const std::string& token) {
  std::string out;
  for (char c : token) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

bool is_integer(const json& v) {
  if (v.is_number_integer() || v.is_number_unsigned()) return true;
  return v.is_number_float() && std::isfinite(v.get<double>()) && std::trunc(v.get<double>()) == v.get<double>();
}

bool has_type(const json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "number") return v.is_number();
  if (type == "integer") return is_integer(v);
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  throw std::invalid_argument("unknown type " + type);
}

// Numbers compare by value whatever their JSON representation (1 == 1.0).
bool equal(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!equal(a[i], b[i])) return false;
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a.items())
      if (!b.contains(k) || !equal(v, b.at(k))) return false;
    return true;
  }
  return a == b;
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

class Walker {
 public:
  explicit Walker(const json& root) : root_(root) {}

  void validate(const json& schema, const std::string& location, const json& instance, const std::string& pointer,
                std::vector<std::string>& errors, SchemaTrace* trace) {
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) errors.push_back(pointer + ": nothing is allowed here");
      return;
    }
    if (!schema.is_object()) throw std::invalid_argument(location + ": a schema must be an object or boolean");
    for (const auto& [keyword, value] : schema.items()) {
      (void)value;
      if (!supported_schema_keywords().contains(keyword))
        throw std::invalid_argument(location + ": unsupported keyword " + keyword);
    }
    if (trace != nullptr) trace->applied[pointer].insert(location);
    auto fail = [&](const std::string& message) { errors.push_back((pointer.empty() ? "(root)" : pointer) + ": " + message); };

    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"].get<std::string>();
      if (ref.rfind("#/", 0) != 0) throw std::invalid_argument(location + ": only local $ref: " + ref);
      validate(root_.at(json::json_pointer(ref.substr(1))), ref, instance, pointer, errors, trace);
    }
    if (schema.contains("type")) {
      const json& type = schema["type"];
      bool ok = false;
      if (type.is_string()) {
        ok = has_type(instance, type.get<std::string>());
      } else {
        for (const json& t : type) ok = ok || has_type(instance, t.get<std::string>());
      }
      if (!ok) {
        fail("expected type " + type.dump() + ", found " + instance.dump().substr(0, 60));
        return;  // the other keywords would only repeat it
      }
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const json& v : schema["enum"]) found = found || equal(v, instance);
      if (!found) fail("not one of " + schema["enum"].dump());
    }
    if (schema.contains("const") && !equal(schema["const"], instance)) fail("not " + schema["const"].dump());

    if (instance.is_number()) {
      const double x = instance.get<double>();
      if (schema.contains("minimum") && !(x >= schema["minimum"].get<double>())) fail("below minimum");
      if (schema.contains("maximum") && !(x <= schema["maximum"].get<double>())) fail("above maximum");
      if (schema.contains("exclusiveMinimum") && !(x > schema["exclusiveMinimum"].get<double>()))
        fail("not above exclusiveMinimum");
      if (schema.contains("exclusiveMaximum") && !(x < schema["exclusiveMaximum"].get<double>()))
        fail("not below exclusiveMaximum");
    }
    if (instance.is_string()) {
      const auto& s = instance.get_ref<const std::string&>();
      if (schema.contains("minLength") && code_points(s) < schema["minLength"].get<std::size_t>()) fail("too short");
      if (schema.contains("pattern") && !std::regex_search(s, regex(schema["pattern"].get<std::string>())))
        fail("does not match " + schema["pattern"].get<std::string>());
    }
    if (instance.is_array()) {
      if (schema.contains("minItems") && instance.size() < schema["minItems"].get<std::size_t>()) fail("too few items");
      if (schema.contains("maxItems") && instance.size() > schema["maxItems"].get<std::size_t>()) fail("too many items");
      if (schema.value("uniqueItems", false)) {
        for (std::size_t i = 0; i < instance.size(); ++i)
          for (std::size_t j = i + 1; j < instance.size(); ++j)
            if (equal(instance[i], instance[j])) fail("items " + std::to_string(i) + " and " + std::to_string(j) + " are equal");
      }
      if (schema.contains("items")) {
        for (std::size_t i = 0; i < instance.size(); ++i)
          validate(schema["items"], location + "/items", instance[i], pointer + "/" + std::to_string(i), errors, trace);
      }
    }
    if (instance.is_object()) validate_object(schema, location, instance, pointer, errors, trace, fail);

    if (schema.contains("allOf")) {
      for (std::size_t i = 0; i < schema["allOf"].size(); ++i)
        validate(schema["allOf"][i], location + "/allOf/" + std::to_string(i), instance, pointer, errors, trace);
    }
    for (const char* keyword : {"anyOf", "oneOf"}) {
      if (!schema.contains(keyword)) continue;
      std::size_t matched = 0;
      SchemaTrace matched_trace;
      std::vector<std::string> branch_errors;
      for (std::size_t i = 0; i < schema[keyword].size(); ++i) {
        std::vector<std::string> e;
        SchemaTrace t;
        validate(schema[keyword][i], location + "/" + keyword + "/" + std::to_string(i), instance, pointer, e, &t);
        if (e.empty()) {
          ++matched;
          matched_trace.merge(t);
        } else {
          branch_errors.push_back("[" + std::to_string(i) + "] " + e.front());
        }
      }
      const bool ok = std::string(keyword) == "anyOf" ? matched >= 1 : matched == 1;
      if (!ok) {
        std::string detail;
        for (const auto& e : branch_errors) detail += "; " + e;
        fail(std::string("matches ") + std::to_string(matched) + " branches of " + keyword + detail);
      } else if (trace != nullptr) {
        trace->merge(matched_trace);
      }
    }
    if (schema.contains("not")) {
      std::vector<std::string> e;
      validate(schema["not"], location + "/not", instance, pointer, e, nullptr);
      if (e.empty()) fail("matches a schema under not");
    }
    if (schema.contains("if")) {
      std::vector<std::string> e;
      validate(schema["if"], location + "/if", instance, pointer, e, nullptr);
      const char* branch = e.empty() ? "then" : "else";
      if (schema.contains(branch)) validate(schema[branch], location + "/" + branch, instance, pointer, errors, trace);
    }
  }

 private:
  template <typename Fail>
  void validate_object(const json& schema, const std::string& location, const json& instance,
                       const std::string& pointer, std::vector<std::string>& errors, SchemaTrace* trace, Fail& fail) {
    if (schema.contains("required")) {
      for (const json& key : schema["required"])
        if (!instance.contains(key.get<std::string>())) fail("missing required key " + key.dump());
    }
    if (schema.contains("dependentRequired")) {
      for (const auto& [key, needed] : schema["dependentRequired"].items()) {
        if (!instance.contains(key)) continue;
        for (const json& n : needed)
          if (!instance.contains(n.get<std::string>())) fail(key + " needs " + n.dump());
      }
    }
    if (schema.contains("minProperties") && instance.size() < schema["minProperties"].get<std::size_t>())
      fail("too few properties");
    const json* properties = schema.contains("properties") ? &schema["properties"] : nullptr;
    const json* patterns = schema.contains("patternProperties") ? &schema["patternProperties"] : nullptr;
    SchemaTrace::Allowed* allowed = nullptr;
    if (trace != nullptr && (properties != nullptr || patterns != nullptr || schema.contains("additionalProperties"))) {
      allowed = &trace->allowed[pointer];
      if (properties != nullptr) {
        for (const auto& [name, sub] : properties->items()) {
          (void)sub;
          allowed->names.insert(name);
          trace->declared[pointer][name].insert(location + "/properties/" + escape(name));
        }
      }
      if (schema.contains("additionalProperties") && schema["additionalProperties"] != json(false)) allowed->open = true;
      if (patterns != nullptr) allowed->open = true;  // names matching a pattern are free (a map)
    }
    for (const auto& [key, value] : instance.items()) {
      const std::string member = pointer + "/" + escape(key);
      if (schema.contains("propertyNames")) {
        std::vector<std::string> e;
        validate(schema["propertyNames"], location + "/propertyNames", json(key), member, e, nullptr);
        if (!e.empty()) fail("key \"" + key + "\" is not a valid name: " + e.front());
      }
      const json* pattern_schema = nullptr;
      std::string pattern_location;
      if (patterns != nullptr) {
        for (const auto& [pattern, sub] : patterns->items()) {
          if (std::regex_search(key, regex(pattern))) {
            pattern_schema = &sub;
            pattern_location = location + "/patternProperties/" + escape(pattern);
          }
        }
      }
      if (properties != nullptr && properties->contains(key)) {
        const std::string sub = location + "/properties/" + escape(key);
        if (trace != nullptr) trace->used.insert(sub);
        validate((*properties)[key], sub, value, member, errors, trace);
      } else if (pattern_schema != nullptr) {
        validate(*pattern_schema, pattern_location, value, member, errors, trace);
      } else if (schema.contains("additionalProperties")) {
        const json& extra = schema["additionalProperties"];
        if (extra == json(false)) {
          fail("unknown key \"" + key + "\"");
        } else {
          validate(extra, location + "/additionalProperties", value, member, errors, trace);
        }
      }
    }
  }

  const std::regex& regex(const std::string& pattern) {
    auto it = regexes_.find(pattern);
    if (it == regexes_.end()) it = regexes_.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
    return it->second;
  }

  const json& root_;
  std::map<std::string, std::regex> regexes_;
};

}  // namespace

void SchemaTrace::merge(const SchemaTrace& other) {
  for (const auto& [pointer, a] : other.allowed) {
    Allowed& mine = allowed[pointer];
    mine.names.insert(a.names.begin(), a.names.end());
    mine.open = mine.open || a.open;
  }
  used.insert(other.used.begin(), other.used.end());
  for (const auto& [pointer, locations] : other.applied) applied[pointer].insert(locations.begin(), locations.end());
  for (const auto& [pointer, keys] : other.declared)
    for (const auto& [key, locations] : keys) declared[pointer][key].insert(locations.begin(), locations.end());
}

const std::set<std::string>& supported_schema_keywords() {
  static const std::set<std::string> keywords = {
      // annotations
      "$schema", "$defs", "$comment", "title", "description", "default", "examples", "format",
      "x-homeward-scale",  // calib/population_scaling: the keys that scale with the population
      // applicators and assertions
      "$ref", "type", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
      "pattern", "minItems", "maxItems", "uniqueItems", "items", "required", "dependentRequired", "properties",
      "patternProperties", "minProperties", "propertyNames", "additionalProperties", "allOf", "anyOf", "oneOf", "not", "if", "then", "else"};
  return keywords;
}

void for_each_schema_node(const json& node, const std::string& location,
                          const std::function<void(const json&, const std::string&)>& visit) {
  if (!node.is_object()) return;
  visit(node, location);
  for (const char* k : {"properties", "patternProperties", "$defs"}) {
    if (!node.contains(k)) continue;
    for (const auto& [name, sub] : node[k].items()) for_each_schema_node(sub, location + "/" + k + "/" + name, visit);
  }
  for (const char* k : {"items", "additionalProperties", "propertyNames", "not", "if", "then", "else"})
    if (node.contains(k)) for_each_schema_node(node[k], location + "/" + k, visit);
  for (const char* k : {"allOf", "anyOf", "oneOf"}) {
    if (!node.contains(k)) continue;
    for (std::size_t i = 0; i < node[k].size(); ++i)
      for_each_schema_node(node[k][i], location + "/" + k + "/" + std::to_string(i), visit);
  }
}

std::vector<std::string> validate_against_schema(const json& root, const json& instance, SchemaTrace* trace) {
  std::vector<std::string> errors;
  Walker(root).validate(root, "#", instance, "", errors, trace);
  return errors;
}

}  // namespace homeward::testing
