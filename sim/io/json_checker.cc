#include "sim/io/json_checker.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/io/number_text.h"

namespace homeward::io {
namespace {

using nlohmann::json;

// Levenshtein distance, for "did you mean" hints on misspelt keys.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

thread_local KeyObserver* key_observer = nullptr;

}  // namespace

std::string json_quoted(std::string_view text) {
  // `replace` turns invalid UTF-8 (which nlohmann's parser never lets through,
  // but a caller might) into U+FFFD instead of throwing.
  return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  std::size_t end = max_bytes;
  // Step back over continuation bytes (10xxxxxx) so no character is cut in two.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

std::size_t json_depth(const json& value, std::size_t limit) {
  // Iterative: the point is to measure documents too deep for recursion.
  std::size_t deepest = 0;
  std::vector<std::pair<const json*, std::size_t>> stack{{&value, 1}};
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    if (!node->is_structured()) continue;
    deepest = std::max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const json& child : *node) stack.emplace_back(&child, depth + 1);
  }
  return deepest;
}

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string child_pointer(std::string_view parent, std::string_view key) {
  return std::string(parent) + "/" + escape_pointer_token(key);
}

std::string child_pointer(std::string_view parent, std::size_t index) {
  return std::string(parent) + "/" + std::to_string(index);
}

std::string format_number(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{}", x);
}

std::string describe_json(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case json::value_t::number_float:
      return format_number(value.get<double>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return value.dump();
    case json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      if (text.size() > 60) return json_quoted(text.substr(0, utf8_prefix_length(text, 57)) + "...");
      return json_quoted(text);
    }
    case json::value_t::array:
      if (value.empty()) return "an empty array";
      return "an array of " + counted(value.size(), "element");
    case json::value_t::object:
      return value.empty() ? "an empty object" : "an object";
    default:
      return "an unsupported value";
  }
}

void ProblemSink::add(std::string pointer, std::string expected, std::string found) {
  problems_.push_back({file_, std::move(pointer), std::move(expected), std::move(found), note_});
}

void ProblemSink::add_text(std::string pointer, std::string text) {
  problems_.push_back({file_, std::move(pointer), "", std::move(text), note_});
}

bool Bounds::contains(double x) const {
  if (lo_open ? !(x > lo) : !(x >= lo)) return false;
  if (hi_open ? !(x < hi) : !(x <= hi)) return false;
  return true;
}

std::string Bounds::describe(bool integer) const {
  const std::string kind = integer ? "an integer" : "a number";
  const bool has_lo = lo > -kInf;
  const bool has_hi = hi < kInf;
  if (has_lo && has_hi) {
    return fmt::format("{} in {}{}, {}{}", kind, lo_open ? "(" : "[", format_number(lo), format_number(hi),
                       hi_open ? ")" : "]");
  }
  if (has_lo) return fmt::format("{} {} {}", kind, lo_open ? ">" : ">=", format_number(lo));
  if (has_hi) return fmt::format("{} {} {}", kind, hi_open ? "<" : "<=", format_number(hi));
  return kind;
}

std::optional<double> check_number(const json& value, const std::string& pointer, const Bounds& bounds,
                                   ProblemSink& sink) {
  if (key_observer != nullptr) key_observer->limits(pointer, bounds, false);
  if (!value.is_number()) {
    sink.add(pointer, bounds.describe(false), describe_json(value));
    return std::nullopt;
  }
  const double x = value.get<double>();
  if (!std::isfinite(x) || !bounds.contains(x)) {
    sink.add(pointer, bounds.describe(false), describe_json(value));
    return std::nullopt;
  }
  if (x > bounds.absurd) {
    sink.add(pointer, fmt::format("{} and <= {} (a larger value is surely a mistake)", bounds.describe(false),
                                  format_number(bounds.absurd)),
             describe_json(value));
    return std::nullopt;
  }
  return x;
}

std::optional<std::int64_t> check_integer(const json& value, const std::string& pointer, const Bounds& bounds,
                                          ProblemSink& sink) {
  if (key_observer != nullptr) key_observer->limits(pointer, bounds, true);
  // Accept 3.0 as well as 3: calibration writes fitted integers back as doubles.
  const bool integral = value.is_number_integer() || value.is_number_unsigned() ||
                        (value.is_number_float() && std::isfinite(value.get<double>()) &&
                         std::trunc(value.get<double>()) == value.get<double>());
  if (!integral) {
    sink.add(pointer, bounds.describe(true), describe_json(value));
    return std::nullopt;
  }
  const double x = value.get<double>();
  if (!bounds.contains(x)) {
    sink.add(pointer, bounds.describe(true), describe_json(value));
    return std::nullopt;
  }
  if (x > bounds.absurd) {
    sink.add(pointer, fmt::format("{} and <= {} (a larger value is surely a mistake)", bounds.describe(true),
                                  format_number(bounds.absurd)),
             describe_json(value));
    return std::nullopt;
  }
  if (value.is_number_float() && std::fabs(x) >= 9e15) {  // beyond exact integers in a double
    sink.add(pointer, bounds.describe(true) + " of at most 15 digits", describe_json(value));
    return std::nullopt;
  }
  if (value.is_number_unsigned()) {
    if (value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      sink.add(pointer, bounds.describe(true) + " of at most 18 digits", describe_json(value));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(value.get<std::uint64_t>());
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return static_cast<std::int64_t>(x);
}

std::optional<std::string> check_string(const json& value, const std::string& pointer, ProblemSink& sink) {
  if (!value.is_string()) {
    sink.add(pointer, "a string", describe_json(value));
    return std::nullopt;
  }
  return value.get<std::string>();
}

bool is_valid_name(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool is_scenario_name(std::string_view name) {
  const auto alphanumeric = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  const auto allowed = [&](char c) { return alphanumeric(c) || c == ' ' || c == '_' || c == '.' || c == '-' || c == '(' || c == ')'; };
  return !name.empty() && name.size() <= 64 && alphanumeric(name.front()) && name.back() != ' ' &&
         std::all_of(name.begin(), name.end(), allowed);
}

std::string fitted_scenario_name(std::string_view stem, std::string_view suffix) {
  constexpr std::size_t kLongest = 64;
  const std::size_t keep = std::max<std::size_t>(1, kLongest - std::min(suffix.size(), kLongest - 1));
  return std::string(stem.substr(0, keep)) + std::string(suffix);
}

std::optional<std::string> check_name(const json& value, const std::string& pointer, std::string_view what,
                                      ProblemSink& sink) {
  const std::string expected = fmt::format("{} matching ^[a-z][a-z0-9_]*$", what);
  if (!value.is_string() || !is_valid_name(value.get_ref<const std::string&>())) {
    sink.add(pointer, expected, describe_json(value));
    return std::nullopt;
  }
  return value.get<std::string>();
}

std::optional<std::size_t> check_choice(const json& value, const std::string& pointer, std::string_view what,
                                        const std::vector<std::string>& choices, ProblemSink& sink) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    const auto it = std::find(choices.begin(), choices.end(), text);
    if (it != choices.end()) return static_cast<std::size_t>(it - choices.begin());
  }
  sink.add(pointer, fmt::format("{} (one of {})", what, fmt::join(choices, ", ")), describe_json(value));
  return std::nullopt;
}

KeyObserver* set_key_observer(KeyObserver* observer) { return std::exchange(key_observer, observer); }

void observe_known_key(std::string_view object_pointer, std::string_view key) {
  if (key_observer != nullptr) key_observer->known_key(object_pointer, key);
}

void observe_default(std::string_view object_pointer, std::string_view key, const json& value) {
  if (key_observer != nullptr) key_observer->default_value(object_pointer, key, value);
}

ObjectReader::ObjectReader(const json& value, std::string pointer, ProblemSink& sink, std::string_view what)
    : pointer_(std::move(pointer)), sink_(sink) {
  if (value.is_object()) {
    object_ = &value;
    if (key_observer != nullptr) key_observer->known_key(pointer_, "comment");
  } else {
    sink_.add(pointer_, std::string(what), describe_json(value));
    finished_ = true;
  }
}

ObjectReader::~ObjectReader() { finish(); }

bool ObjectReader::has(std::string_view key) const {
  return object_ != nullptr && object_->find(key) != object_->end();
}

const json* ObjectReader::optional(std::string_view key) {
  known_.emplace(key);
  if (object_ == nullptr) return nullptr;
  if (key_observer != nullptr) key_observer->known_key(pointer_, key);
  const auto it = object_->find(key);
  return it == object_->end() ? nullptr : &*it;
}

const json* ObjectReader::required(std::string_view key, std::string_view what) {
  const json* value = optional(key);
  if (value == nullptr && object_ != nullptr) sink_.add(at(key), std::string(what), "no such key");
  return value;
}

std::optional<double> ObjectReader::number(std::string_view key, const Bounds& bounds, bool is_required) {
  const json* value = is_required ? required(key, bounds.describe(false)) : optional(key);
  if (value == nullptr) return std::nullopt;
  return check_number(*value, at(key), bounds, sink_);
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, const Bounds& bounds, bool is_required) {
  const json* value = is_required ? required(key, bounds.describe(true)) : optional(key);
  if (value == nullptr) return std::nullopt;
  return check_integer(*value, at(key), bounds, sink_);
}

std::optional<std::string> ObjectReader::string(std::string_view key, bool is_required) {
  const json* value = is_required ? required(key, "a string") : optional(key);
  if (value == nullptr) return std::nullopt;
  return check_string(*value, at(key), sink_);
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool is_required) {
  const json* value = is_required ? required(key, "true or false") : optional(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    sink_.add(at(key), "true or false", describe_json(*value));
    return std::nullopt;
  }
  return value->get<bool>();
}

void ObjectReader::note_default(std::string_view key, const json& value) {
  if (object_ != nullptr) observe_default(pointer_, key, value);
}

std::optional<double> ObjectReader::number_or_default(std::string_view key, const Bounds& bounds, double& value) {
  note_default(key, value);
  const auto x = number(key, bounds, false);
  if (x) value = *x;
  return x;
}

std::optional<std::int64_t> ObjectReader::integer_or_default(std::string_view key, const Bounds& bounds, int& value) {
  note_default(key, value);
  const auto x = integer(key, bounds, false);
  if (x) value = static_cast<int>(*x);
  return x;
}

std::optional<bool> ObjectReader::boolean_or_default(std::string_view key, bool& value) {
  note_default(key, value);
  const auto x = boolean(key, false);
  if (x) value = *x;
  return x;
}

void ObjectReader::finish() {
  if (finished_) return;
  finished_ = true;
  std::vector<std::string> known(known_.begin(), known_.end());
  known.push_back("comment");
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  for (const auto& [key, value] : object_->items()) {
    if (key == "comment") {
      if (!known_.contains(key) && !value.is_string()) sink_.add(at(key), "a string", describe_json(value));
      continue;
    }
    if (known_.contains(key)) continue;
    // Suggest the nearest known key when it is a plausible misspelling.
    std::string hint;
    std::size_t best = key.size() / 3 + 2;  // hint only within about a third of the key
    for (const auto& candidate : known) {
      const std::size_t d = edit_distance(key, candidate);
      if (d < best) {
        best = d;
        hint = candidate;
      }
    }
    std::string expected = "one of the keys";
    if (!context_.empty()) expected += " " + context_;
    expected += fmt::format(" ({})", fmt::join(known, ", "));
    std::string found = "unknown key " + json_quoted(key);
    if (!hint.empty()) found += " (did you mean " + json_quoted(hint) + "?)";
    sink_.add(at(key), std::move(expected), std::move(found));
  }
}

}  // namespace homeward::io
