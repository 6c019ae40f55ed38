#include "sim/io/scenario_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "sim/io/json_checker.h"
#include "sim/io/scenario_parser.h"

namespace homeward::io {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// nlohmann's what() starts "[json.exception.parse_error.101] parse error at
// line 1, column 2: "; keep only the part after the position.
std::string exception_detail(const json::exception& e) {
  std::string text = e.what();
  if (const auto bracket = text.find("] "); text.rfind("[json.exception", 0) == 0 && bracket != std::string::npos)
    text = text.substr(bracket + 2);
  if (const auto column = text.find("column "); column != std::string::npos) {
    if (const auto colon = text.find(": ", column); colon != std::string::npos) text = text.substr(colon + 2);
  }
  if (text.rfind("syntax error ", 0) == 0) text = text.substr(13);
  return text;
}

// Line and column (both 1-based) of the character at 1-based byte position `byte`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t byte) {
  const std::size_t offset = std::min(byte == 0 ? 0 : byte - 1, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, offset - line_start + 1};
}

// Builds the document from the parser's events (nlohmann's SAX interface), so
// that every defect comes with its position: a repeated key is named by its
// pointer (nlohmann keeps the last of two equal keys, which would silently drop
// the first), and a number too large for a double gets a line and column
// (nlohmann's own DOM parser throws that one without a position).
class DocumentBuilder {
 public:
  using string_t = json::string_t;

  bool null() { return put(json(nullptr)); }
  bool boolean(bool value) { return put(json(value)); }
  bool number_integer(json::number_integer_t value) { return put(json(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return put(json(value)); }
  bool number_float(json::number_float_t value, const string_t& /*text*/) { return put(json(value)); }
  bool string(string_t& value) { return put(json(std::move(value))); }
  bool binary(json::binary_t& value) { return put(json::binary(std::move(value))); }
  bool start_object(std::size_t /*size*/) {
    open(json::object());
    return true;
  }
  bool key(string_t& key) {
    json& object = *stack_.back();
    if (object.contains(key)) duplicates_.push_back({child_pointer(pointer(), key), key});
    element_ = &object[key];  // the last of two equal keys wins, as in nlohmann's parser
    key_ = key;
    return true;
  }
  bool end_object() {
    stack_.pop_back();
    tokens_.pop_back();
    return true;
  }
  bool start_array(std::size_t /*size*/) {
    open(json::array());
    return true;
  }
  bool end_array() { return end_object(); }
  bool parse_error(std::size_t position, const std::string& /*last_token*/, const json::exception& e) {
    error_position_ = position;
    // nlohmann's "number overflow parsing '1e400'"
    error_ = e.id == 406 ? "a number too large for a double" : exception_detail(e);
    return false;
  }

  json& document() { return root_; }
  bool failed() const { return error_.has_value(); }
  std::size_t error_position() const { return error_position_; }
  const std::string& error() const { return *error_; }
  const std::vector<std::pair<std::string, std::string>>& duplicates() const { return duplicates_; }

 private:
  // Stores `value` where the next value goes and returns where it went.
  json* place(json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    *element_ = std::move(value);
    return element_;
  }
  bool put(json&& value) {
    place(std::move(value));
    return true;
  }
  void open(json&& container) {
    std::string token;
    if (!stack_.empty()) token = stack_.back()->is_array() ? std::to_string(stack_.back()->size()) : key_;
    stack_.push_back(place(std::move(container)));
    tokens_.push_back(std::move(token));
  }
  // Pointer of the innermost open container.
  std::string pointer() const {
    std::string p;
    for (std::size_t i = 1; i < tokens_.size(); ++i) p = child_pointer(p, tokens_[i]);
    return p;
  }

  json root_;
  std::vector<json*> stack_;            // open containers, outermost first
  std::vector<std::string> tokens_;     // tokens_[i]: the key or index of stack_[i] in stack_[i - 1]
  json* element_ = nullptr;             // the object member whose value comes next
  std::string key_;
  std::optional<std::string> error_;
  std::size_t error_position_ = 0;
  std::vector<std::pair<std::string, std::string>> duplicates_;  // pointer, key
};

// The byte offset where nesting first goes deeper than `limit` (brackets inside
// strings do not count), or npos. Checked before parsing: nlohmann parses any
// depth, but copies, compares and prints recursively.
std::size_t too_deep_at(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

// " (JSON has no NaN ...)" when the syntax error at 0-based `offset` is one of
// the non-finite spellings other languages write, else "".
std::string non_finite_hint(std::string_view text, std::size_t offset) {
  std::size_t begin = std::min(offset, text.size());
  const auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '+' ||
           c == '.';
  };
  while (begin > 0 && word_char(text[begin - 1])) --begin;
  std::size_t end = begin;
  while (end < text.size() && word_char(text[end])) ++end;
  std::string word(text.substr(begin, end - begin));
  if (!word.empty() && (word[0] == '-' || word[0] == '+')) word.erase(0, 1);
  std::transform(word.begin(), word.end(), word.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
  if (word == "nan" || word == "inf" || word == "infinity")
    return "; JSON has no NaN or Infinity: write a finite number";
  return {};
}

std::string path_identity(const std::string& path) {
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(fs::path(path), error);
  return error ? fs::path(path).lexically_normal().string() : canonical.string();
}

// Where the bases of a variant came from, for problems in the merged document.
std::string bases_note(const std::vector<std::string>& bases) {
  if (bases.empty()) return {};
  std::string note = "after applying base " + bases[0];
  for (std::size_t i = 1; i < bases.size(); ++i) note += ", itself based on " + bases[i];
  return note;
}

// Resolves variants into complete documents, following chains of bases.
class VariantResolver {
 public:
  VariantResolver(std::vector<Problem>& problems, const std::string& label)
      : problems_(problems), chain_{path_identity(label)}, chain_labels_{label} {}

  // The complete document for `document` (named `label`), or nullopt when a
  // base could not be loaded. `bases` receives the labels of the bases applied.
  std::optional<json> resolve(const json& document, const std::string& label, std::vector<std::string>& bases) {
    if (!document.is_object()) return document;  // parse_scenario reports it
    if (!document.contains("base")) return without_stray_variant_keys(document, label);

    ProblemSink sink(label);
    ObjectReader variant(document, "", sink, "a JSON object (a scenario variant)");
    variant.set_context("of a scenario variant (a variant changes its base only through patch and overrides)");
    const auto base = variant.string("base", true);
    const auto name = variant.string("name", true);
    const auto description = variant.string("description", false);
    const auto comment = variant.string("comment", false);
    const json* patch = variant.optional("patch");
    if (patch != nullptr && !patch->is_object()) {
      sink.add("/patch", "an object (a JSON Merge Patch of the base)", describe_json(*patch));
      patch = nullptr;
    }
    const auto overrides = read_overrides(variant, sink);
    variant.finish();

    std::optional<json> merged;
    if (base) merged = load_base(*base, label, sink, bases);
    append(sink);
    if (!merged) return std::nullopt;

    // The base's description and comment describe the base, not this variant.
    merged->erase("description");
    merged->erase("comment");
    if (name) (*merged)["name"] = *name;
    if (description) (*merged)["description"] = *description;
    if (comment) (*merged)["comment"] = *comment;
    if (patch != nullptr) merged->merge_patch(*patch);
    for (const Override& o : overrides) apply_override(o, *merged, sink);
    append(sink);
    return merged;
  }

 private:
  struct Override {
    std::string where;  // pointer of the override entry in the variant
    json::json_pointer target;
    std::string target_text;
    json value;
  };

  void append(ProblemSink& sink) {
    for (Problem& p : sink.take()) problems_.push_back(std::move(p));
  }

  // "patch"/"overrides" without "base" mean nothing; report them once, clearly,
  // and check the rest of the document as a plain scenario.
  json without_stray_variant_keys(const json& document, const std::string& label) {
    json copy = document;
    for (const char* key : {"patch", "overrides"}) {
      if (!copy.contains(key)) continue;
      problems_.push_back({label, child_pointer("", key), "a \"base\" naming the scenario this changes",
                           fmt::format("\"{}\" without \"base\"", key), ""});
      copy.erase(key);
    }
    return copy;
  }

  std::vector<Override> read_overrides(ObjectReader& variant, ProblemSink& sink) {
    std::vector<Override> overrides;
    const json* list = variant.optional("overrides");
    if (list == nullptr) return overrides;
    if (!list->is_array()) {
      sink.add("/overrides", "an array of {\"pointer\", \"value\"}", describe_json(*list));
      return overrides;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      ObjectReader entry((*list)[i], child_pointer("/overrides", i), sink, "an object {\"pointer\", \"value\"}");
      if (!entry.valid()) continue;
      const auto text = entry.string("pointer", true);
      const json* value = entry.required("value", "the value to put at the pointer");
      if (!text) continue;
      json::json_pointer target;
      try {
        target = json::json_pointer(*text);
      } catch (const json::exception& e) {
        sink.add(entry.at("pointer"), "a JSON pointer such as \"/services/home_care/schedule\"",
                 fmt::format("{} ({})", describe_json(json(*text)), exception_detail(e)));
        continue;
      }
      if (target.empty()) {
        sink.add(entry.at("pointer"), "a pointer below the top level (to replace everything, write a scenario)",
                 "\"\"");
        continue;
      }
      if (value != nullptr) overrides.push_back({entry.pointer(), target, *text, *value});
    }
    return overrides;
  }

  std::optional<json> load_base(const std::string& base, const std::string& label, ProblemSink& sink,
                                std::vector<std::string>& bases) {
    const fs::path base_path = (fs::path(label).parent_path() / fs::path(base)).lexically_normal();
    const std::string base_label = base_path.string();
    const std::string identity = path_identity(base_label);
    if (std::find(chain_.begin(), chain_.end(), identity) != chain_.end()) {
      std::string cycle;
      for (const std::string& l : chain_labels_) cycle += l + " -> ";
      sink.add("/base", "a base that does not lead back to this file", "a cycle: " + cycle + base_label);
      return std::nullopt;
    }
    std::error_code error;
    const fs::file_status status = fs::status(base_path, error);
    if (!fs::exists(status)) {
      sink.add("/base", "the path of a scenario file, relative to this file",
               fmt::format("{} (no such file: {})", describe_json(json(base)), base_label));
      return std::nullopt;
    }
    if (!fs::is_regular_file(status)) {
      sink.add("/base", "the path of a scenario file, relative to this file",
               fmt::format("{} ({} is not a regular file)", describe_json(json(base)), base_label));
      return std::nullopt;
    }
    std::vector<Problem> file_problems;
    const auto document = read_json_file(base_label, file_problems);
    for (Problem& p : file_problems) problems_.push_back(std::move(p));
    if (!document) return std::nullopt;
    if (!document->is_object()) {
      problems_.push_back({base_label, "", "a JSON object (a scenario)", describe_json(*document), ""});
      return std::nullopt;
    }

    chain_.push_back(identity);
    chain_labels_.push_back(base_label);
    bases.push_back(base_label);
    auto resolved = resolve(*document, base_label, bases);
    chain_.pop_back();
    chain_labels_.pop_back();
    return resolved;
  }

  void apply_override(const Override& o, json& document, ProblemSink& sink) {
    const std::string pointer_at = child_pointer(o.where, "pointer");
    const json::json_pointer parent_pointer = o.target.parent_pointer();
    if (!document.contains(parent_pointer)) {
      sink.add(pointer_at, "a pointer whose parent exists in the patched base",
               fmt::format("\"{}\" (there is no \"{}\")", o.target_text, parent_pointer.to_string()));
      return;
    }
    json& parent = document[parent_pointer];
    const std::string& last = o.target.back();
    if (parent.is_object()) {
      parent[last] = o.value;
    } else if (parent.is_array()) {
      if (last == "-") {
        parent.push_back(o.value);
        return;
      }
      const bool numeric = !last.empty() && std::all_of(last.begin(), last.end(), [](char c) {
        return c >= '0' && c <= '9';
      }) && (last.size() == 1 || last[0] != '0') && last.size() < 10;
      const std::size_t index = numeric ? std::stoul(last) : 0;
      if (!numeric || index > parent.size()) {
        sink.add(pointer_at, fmt::format("an index from 0 to {} or \"-\" in the array at \"{}\"", parent.size(),
                                         parent_pointer.to_string()),
                 describe_json(json(last)));
        return;
      }
      if (index == parent.size()) {
        parent.push_back(o.value);
      } else {
        parent[index] = o.value;
      }
    } else {
      sink.add(pointer_at, "a pointer into an object or array",
               fmt::format("\"{}\" inside {}", o.target_text, describe_json(parent)));
    }
  }

  std::vector<Problem>& problems_;
  std::vector<std::string> chain_;         // identities of the files being resolved, outermost first
  std::vector<std::string> chain_labels_;  // their labels, for the cycle message
};

}  // namespace

std::optional<json> read_json_text(std::string_view text, const std::string& label, std::vector<Problem>& problems) {
  auto fail = [&](std::string expected, std::string found) {
    problems.push_back({label, "", std::move(expected), std::move(found), ""});
    return std::nullopt;
  };
  if (text.size() > kMaxScenarioFileBytes) {
    return fail(fmt::format("a scenario file of at most {} MiB", kMaxScenarioFileBytes >> 20),
                fmt::format("{} bytes", text.size()));
  }
  // Byte order marks: UTF-8's is allowed (RFC 8259 lets parsers ignore it, and
  // some Windows editors write it); UTF-16 and UTF-32 are not JSON files.
  const auto starts_with = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
  using namespace std::string_view_literals;
  if (starts_with("\xEF\xBB\xBF"sv)) text.remove_prefix(3);
  if (starts_with("\x00\x00\xFE\xFF"sv) || starts_with("\xFF\xFE\x00\x00"sv))
    return fail("UTF-8 text", "UTF-32 (a UTF-32 byte order mark): save the file as UTF-8");
  if (starts_with("\xFE\xFF"sv) || starts_with("\xFF\xFE"sv))
    return fail("UTF-8 text", "UTF-16 (a UTF-16 byte order mark): save the file as UTF-8");
  if (text.size() >= 2 && (text[0] == '\0' || text[1] == '\0'))
    return fail("UTF-8 text", "NUL bytes at the start, as in UTF-16 or UTF-32: save the file as UTF-8");
  if (std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }))
    return fail("a JSON document", "an empty file");
  // nlohmann stops at a NUL as if the input ended there ("unexpected end of input").
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const auto [line, column] = line_and_column(text, nul + 1);
    return fail("UTF-8 text", fmt::format("a NUL byte at line {}, column {}", line, column));
  }
  if (const std::size_t deep = too_deep_at(text, kMaxJsonDepth); deep != std::string_view::npos) {
    const auto [line, column] = line_and_column(text, deep + 1);
    return fail(fmt::format("JSON nested at most {} deep (a scenario nests about 6 deep)", kMaxJsonDepth),
                fmt::format("deeper nesting at line {}, column {}", line, column));
  }

  DocumentBuilder builder;
  json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true);
  if (builder.failed()) {
    const auto [line, column] = line_and_column(text, builder.error_position());
    return fail("valid JSON", fmt::format("a syntax error at line {}, column {} ({}{})", line, column,
                                          builder.error(),
                                          non_finite_hint(text, builder.error_position() == 0 ? 0 : builder.error_position() - 1)));
  }
  for (const auto& [pointer, key] : builder.duplicates()) {
    problems.push_back({label, pointer, "each key once in an object",
                        fmt::format("{} again (only the last would count)", json_quoted(key)), ""});
  }
  return std::move(builder.document());
}

std::optional<json> read_json_file(const std::string& path, std::vector<Problem>& problems) {
  auto fail = [&](std::string expected, std::string found) {
    problems.push_back({path, "", std::move(expected), std::move(found), ""});
    return std::nullopt;
  };
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) return fail("a readable file", "no such file");
  if (fs::is_directory(status)) return fail("a file", "a directory");
  if (fs::is_regular_file(status)) {
    const auto size = fs::file_size(path, error);
    if (!error && size > kMaxScenarioFileBytes) {
      return fail(fmt::format("a scenario file of at most {} MiB", kMaxScenarioFileBytes >> 20),
                  fmt::format("{} bytes", size));
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("a readable file", "a file that cannot be opened");
  // At most one byte past the limit, so a device or pipe that never ends
  // (/dev/zero) is reported as too large instead of filling memory.
  std::string text;
  char buffer[1 << 16];
  while (text.size() <= kMaxScenarioFileBytes && in.read(buffer, sizeof buffer).gcount() > 0)
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return fail("a readable file", "a read error");
  return read_json_text(text, path, problems);
}

ScenarioReadResult read_scenario_file(const std::string& path) {
  ScenarioReadResult result;
  const auto document = read_json_file(path, result.problems);
  if (!document) return result;
  if (!document->is_object()) {
    result.problems.push_back({path, "", "a JSON object (a scenario)", describe_json(*document), ""});
    return result;
  }
  ScenarioReadResult checked = read_scenario_json(*document, path);
  result.resolved = std::move(checked.resolved);
  result.problems.insert(result.problems.end(), std::make_move_iterator(checked.problems.begin()),
                         std::make_move_iterator(checked.problems.end()));
  if (result.problems.empty()) {
    result.scenario = std::move(checked.scenario);
    result.prepared = std::move(checked.prepared);
  }
  return result;
}

ScenarioReadResult read_scenario_json(const json& document, const std::string& file_label) {
  ScenarioReadResult result;
  // Before anything copies the document (copies recurse).
  if (const std::size_t depth = json_depth(document, kMaxJsonDepth); depth > kMaxJsonDepth) {
    result.problems.push_back({file_label, "",
                               fmt::format("JSON nested at most {} deep (a scenario nests about 6 deep)", kMaxJsonDepth),
                               "deeper nesting", ""});
    return result;
  }
  VariantResolver resolver(result.problems, file_label);
  std::vector<std::string> bases;
  auto merged = resolver.resolve(document, file_label, bases);
  if (!merged) return result;
  result.resolved = std::move(*merged);
  ProblemSink sink(file_label, bases_note(bases));
  auto scenario = parse_scenario(result.resolved, sink);
  if (scenario && sink.count() == 0) {
    // The graph is only meaningful once every name and probability is sound,
    // and is built once: the prepared scenario keeps it.
    model::Preparation preparation = model::prepare(*scenario);
    for (const auto& problem : preparation.problems)
      sink.add_text(problem.vertex.empty() ? "/routes" : child_pointer("/routes", problem.vertex), problem.message);
    result.prepared = std::move(preparation.scenario);
  }
  for (Problem& p : sink.take()) result.problems.push_back(std::move(p));
  if (result.problems.empty()) {
    result.scenario = std::move(scenario);
  } else {
    result.prepared.reset();
  }
  return result;
}

}  // namespace homeward::io
