// Checked reading of nlohmann::json values: every getter records a Problem
// (with an RFC 6901 pointer) instead of throwing, so one pass over a document
// lists every defect, and ObjectReader reports every key nobody asked for, so
// a typo never silently falls back to a default.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/problems.h"

namespace homeward::io {

// RFC 6901: "~" becomes "~0" and "/" becomes "~1".
std::string escape_pointer_token(std::string_view token);
// `parent` + "/" + escaped key (or index).
std::string child_pointer(std::string_view parent, std::string_view key);
std::string child_pointer(std::string_view parent, std::size_t index);

// `text` as a JSON string literal, quotes and escapes included; never throws
// (invalid UTF-8 becomes U+FFFD).
std::string json_quoted(std::string_view text);
// The longest prefix of `text` of at most `max_bytes` bytes that does not cut
// a UTF-8 character in two.
std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes);

// How deep `value` nests (a scalar 0, [] or {} 1, [[1]] 2), counted without
// recursion; counting stops once it passes `limit` (the result is then > limit).
// nlohmann copies, compares and dumps values recursively, so a document nested
// hundreds of thousands deep would overflow the stack: check this first.
std::size_t json_depth(const nlohmann::json& value, std::size_t limit);
// The deepest nesting a scenario file may have (a real one nests about 6 deep).
inline constexpr std::size_t kMaxJsonDepth = 100;

// Short text for the "found" half of a problem: -3, "Mon", true, null,
// an array of 3 elements, an object, inf.
std::string describe_json(const nlohmann::json& value);
// A number as people write it: 1, 0.25, 1e+06.
std::string format_number(double x);

// Collects problems for one file; every Problem gets the same file and note.
class ProblemSink {
 public:
  explicit ProblemSink(std::string file, std::string note = {})
      : file_(std::move(file)), note_(std::move(note)) {}

  void add(std::string pointer, std::string expected, std::string found);
  // A free-text problem (message() shows only `text`).
  void add_text(std::string pointer, std::string text);

  std::size_t count() const { return problems_.size(); }
  const std::vector<Problem>& problems() const { return problems_; }
  std::vector<Problem> take() { return std::move(problems_); }

 private:
  std::string file_;
  std::string note_;
  std::vector<Problem> problems_;
};

// The allowed range of a number. `absurd` is a sanity limit: values above it
// are legal mathematically but surely a typo (100000 beds, 1e9 days).
struct Bounds {
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  double lo = -kInf;
  bool lo_open = false;  // lo itself excluded
  double hi = kInf;
  bool hi_open = false;  // hi itself excluded
  double absurd = kInf;

  static Bounds at_least(double lo, double absurd = kInf) { return {lo, false, kInf, false, absurd}; }
  static Bounds above(double lo, double absurd = kInf) { return {lo, true, kInf, false, absurd}; }
  static Bounds closed(double lo, double hi) { return {lo, false, hi, false, kInf}; }
  static Bounds any(double absurd = kInf) { return {-kInf, false, kInf, false, absurd}; }

  bool contains(double x) const;
  // "a number >= 0", "an integer >= 1", "a number in (0, 1]"; without the absurd limit.
  std::string describe(bool integer) const;
};

// Typed checks of one value at `pointer`. Each returns nullopt (and records a
// problem saying what was expected and found) when the value does not fit.
// Numbers must be finite; integers may be written 3 or 3.0 but not 3.5.
std::optional<double> check_number(const nlohmann::json& value, const std::string& pointer,
                                   const Bounds& bounds, ProblemSink& sink);
std::optional<std::int64_t> check_integer(const nlohmann::json& value, const std::string& pointer,
                                          const Bounds& bounds, ProblemSink& sink);
std::optional<std::string> check_string(const nlohmann::json& value, const std::string& pointer,
                                        ProblemSink& sink);
// A name matching ^[a-z][a-z0-9_]*$ (what = "a cohort name", ...).
bool is_valid_name(std::string_view name);
std::optional<std::string> check_name(const nlohmann::json& value, const std::string& pointer,
                                      std::string_view what, ProblemSink& sink);
// A scenario's name, safe in every output (CSV cells, JSON keys, the
// terminal): 1 to 64 ASCII letters, digits, spaces and _ . - ( ), starting
// with a letter or digit and not ending with a space; the schema's
// $defs/scenario_name pattern, kScenarioNamePattern.
inline constexpr std::string_view kScenarioNamePattern = "^[A-Za-z0-9]([A-Za-z0-9 _.()-]{0,62}[A-Za-z0-9_.()-])?$";
bool is_scenario_name(std::string_view name);
// A derived scenario's name, `stem` then `suffix` (NAME_optimised): the stem shortened so that
// the whole stays within the 64 characters a name may have. REQUIRES: is_scenario_name(stem),
// and a suffix of allowed characters, shorter than 64, not ending with a space.
std::string fitted_scenario_name(std::string_view stem, std::string_view suffix);

// One of `choices` (a string); `what` describes the field, e.g. "a reason".
std::optional<std::size_t> check_choice(const nlohmann::json& value, const std::string& pointer,
                                        std::string_view what, const std::vector<std::string>& choices,
                                        ProblemSink& sink);

// Testing hook (tests/io/schema_test.cc, tests/io/format_facts_test.cc):
// while an observer is set on a thread, every ObjectReader on it reports each
// key it knows ("comment" and every key looked up, present or not) with the
// pointer of its object, the default it applies when an optional key is
// absent, and every number check reports its bounds, so a test can check the
// JSON Schema against the keys, defaults and limits the parser applies.
class KeyObserver {
 public:
  virtual ~KeyObserver() = default;
  virtual void known_key(std::string_view object_pointer, std::string_view key) = 0;
  // The value used when `key` is absent from the object at `object_pointer`;
  // a non-finite number means no limit (e.g. unlimited capacity).
  virtual void default_value(std::string_view /*object_pointer*/, std::string_view /*key*/,
                             const nlohmann::json& /*value*/) {}
  // The number at `pointer` (a key's value or an array's element) was checked against `bounds`.
  virtual void limits(std::string_view /*pointer*/, const Bounds& /*bounds*/, bool /*integer*/) {}
};
// Sets this thread's observer (nullptr: none) and returns the previous one.
KeyObserver* set_key_observer(KeyObserver* observer);
// Tell this thread's observer, if any, of a key known in (and the default of a
// key of) the object at `object_pointer`, for objects read without an
// ObjectReader (maps of names, maps by pathway).
void observe_known_key(std::string_view object_pointer, std::string_view key);
void observe_default(std::string_view object_pointer, std::string_view key, const nlohmann::json& value);

// Reads one JSON object. Keys are looked up through optional()/required(),
// which also declare them known; finish() (or the destructor) then reports
// every other key as unknown, with a did-you-mean hint for near misses.
// A "comment" key holding a string is allowed in every object.
class ObjectReader {
 public:
  // When `value` is not an object, records "expected <what>" and reads as empty.
  ObjectReader(const nlohmann::json& value, std::string pointer, ProblemSink& sink,
               std::string_view what = "an object");
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;
  ~ObjectReader();

  bool valid() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  std::string at(std::string_view key) const { return child_pointer(pointer_, key); }
  ProblemSink& sink() { return sink_; }
  // Added to the "expected" text of unknown keys, e.g. "for a service of kind beds".
  void set_context(std::string context) { context_ = std::move(context); }

  bool has(std::string_view key) const;
  // The value of `key` (declared known), or nullptr when absent.
  const nlohmann::json* optional(std::string_view key);
  // As optional(), but records "expected <what>, found no such key" when absent.
  const nlohmann::json* required(std::string_view key, std::string_view what);

  // Typed shortcuts: nullopt when absent (recorded if `required`) or invalid.
  std::optional<double> number(std::string_view key, const Bounds& bounds, bool required);
  std::optional<std::int64_t> integer(std::string_view key, const Bounds& bounds, bool required);
  std::optional<std::string> string(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key, bool required);

  // Optional keys with a default: `value` holds the default on entry and keeps
  // it when the key is absent (or invalid: the problem is recorded), and a
  // KeyObserver sees it as the key's default. Return what was read: nullopt
  // when absent or invalid.
  std::optional<double> number_or_default(std::string_view key, const Bounds& bounds, double& value);
  std::optional<std::int64_t> integer_or_default(std::string_view key, const Bounds& bounds, int& value);
  std::optional<bool> boolean_or_default(std::string_view key, bool& value);
  // Tells a KeyObserver the value used when `key` is absent, for defaults the
  // typed readers above do not see (codes, objects).
  void note_default(std::string_view key, const nlohmann::json& value);

  // Reports unknown keys once; later calls do nothing.
  void finish();
  // Suppresses the unknown-key report (e.g. when the kind of the object is
  // unknown, so any key list would be a guess).
  void skip_unknown_keys() { finished_ = true; }

 private:
  const nlohmann::json* object_ = nullptr;
  std::string pointer_;
  ProblemSink& sink_;
  std::set<std::string, std::less<>> known_;
  std::string context_;
  bool finished_ = false;
};

}  // namespace homeward::io
