#include "calib/calibration_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "sim/io/json_checker.h"
#include "sim/io/scenario_reader.h"

namespace homeward::calib {
namespace {

using io::ObjectReader;
using io::ProblemSink;
using nlohmann::json;

std::string resolve_path(const std::string& label, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  return (std::filesystem::path(label).parent_path() / p).lexically_normal().string();
}

std::optional<bool> check_bool(const json& value, const std::string& pointer, ProblemSink& sink) {
  if (value.is_boolean()) return value.get<bool>();
  sink.add(pointer, "true or false", io::describe_json(value));
  return std::nullopt;
}

std::optional<int> parse_delay_bin(std::string_view text) {
  for (int b = 0; b < model::kDelayBinCount; ++b)
    if (text == model::kDelayBinNames[b]) return b;
  return std::nullopt;
}

// A series name: it heads CSV rows and table lines.
bool is_series_name(const std::string& name) {
  if (name.empty() || name.size() > 40 || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return false;
  return true;
}

std::optional<MonthRange> read_months(ObjectReader& parent, const char* key, bool required) {
  const json* value = required ? parent.required(key, "an object {\"from\": \"YYYY-MM\", \"to\": \"YYYY-MM\"}")
                               : parent.optional(key);
  if (value == nullptr) return std::nullopt;
  ObjectReader r(*value, parent.at(key), parent.sink(), "an object {\"from\": \"YYYY-MM\", \"to\": \"YYYY-MM\"}");
  std::optional<Month> ends[2];
  const char* names[2] = {"from", "to"};
  for (int i = 0; i < 2; ++i) {
    const auto text = r.string(names[i], true);
    if (!text) continue;
    ends[i] = parse_month(*text);
    if (!ends[i]) r.sink().add(r.at(names[i]), "a month written YYYY-MM", io::json_quoted(*text));
  }
  if (!ends[0] || !ends[1]) return std::nullopt;
  if (*ends[1] < *ends[0]) {
    r.sink().add(r.at("to"), "a month not before \"from\" (" + month_iso(*ends[0]) + ")", io::json_quoted(month_iso(*ends[1])));
    return std::nullopt;
  }
  return MonthRange{*ends[0], *ends[1]};
}

// `in_template`: the file is a council template, whose --council gives the
// local authority (calib/council_template.cc), so the file need not.
void read_data(ObjectReader& top, CalibrationConfig& config, bool in_template) {
  const json* value = top.required("data", "an object naming the data file, its layout and the organisation");
  if (value == nullptr) return;
  ObjectReader r(*value, "/data", top.sink());
  if (const auto file = r.string("file", true)) config.data.file = resolve_path(config.file, *file);
  std::optional<std::size_t> layout;
  if (const json* v = r.required("layout", "a layout")) layout = io::check_choice(*v, r.at("layout"), "a layout", layout_names(), r.sink());
  if (!layout) {
    r.skip_unknown_keys();
    return;
  }
  const auto kind = static_cast<DataLayout>(*layout);
  config.data.layout = kind;
  const bool la_allowed = kind == DataLayout::local_authority || kind == DataLayout::provider_local_authority;
  const bool provider_allowed = kind == DataLayout::provider || kind == DataLayout::provider_local_authority;
  if (la_allowed) {
    const bool required = kind == DataLayout::local_authority && !in_template;
    if (const auto la = r.string("local_authority", required)) config.data.local_authority = *la;
  }
  if (provider_allowed) {
    if (const auto p = r.string("provider", kind == DataLayout::provider)) config.data.provider = *p;
  }
  if (kind == DataLayout::drd) {
    if (const auto org = r.string("org_code", true)) config.data.provider = *org;
  }
  if (kind != DataLayout::tidy && kind != DataLayout::drd) {
    if (const json* v = r.optional("care_type")) {
      if (const auto c = io::check_choice(*v, r.at("care_type"), "a care type", care_type_names(), r.sink()))
        config.data.care_type = static_cast<CareType>(*c);
    }
  }
  r.set_context("for the " + layout_names()[*layout] + " layout");
}

template <typename Code>
std::vector<Code> read_codes(ObjectReader& r, const char* key, const char* what, std::optional<Code> (*parse)(std::string_view)) {
  std::vector<Code> codes;
  const json* list = r.optional(key);
  if (list == nullptr) return codes;
  if (!list->is_array() || list->empty()) {
    r.sink().add(r.at(key), fmt::format("a non-empty array of {}", what), io::describe_json(*list));
    return codes;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    const auto code = item.is_string() ? parse(item.get_ref<const std::string&>()) : std::nullopt;
    if (!code) {
      r.sink().add(io::child_pointer(r.at(key), i), what, io::describe_json(item));
    } else if (std::find(codes.begin(), codes.end(), *code) != codes.end()) {
      r.sink().add(io::child_pointer(r.at(key), i), fmt::format("{}, each once", what), io::describe_json(item) + " again");
    } else {
      codes.push_back(*code);
    }
  }
  return codes;
}

void read_series(ObjectReader& top, CalibrationConfig& config) {
  const json* list = top.required("series", "a non-empty array of series to match");
  if (list == nullptr) return;
  if (!list->is_array() || list->empty()) {
    top.sink().add("/series", "a non-empty array of series to match", io::describe_json(*list));
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    ObjectReader r((*list)[i], io::child_pointer("/series", i), top.sink(), "a series object {\"name\", ...}");
    if (!r.valid()) continue;
    SeriesSpec s;
    if (const json* v = r.required("name", "a series name")) {
      if (v->is_string() && is_series_name(v->get<std::string>())) {
        s.name = v->get<std::string>();
        if (!names.insert(s.name).second) r.sink().add(r.at("name"), "a name no other series has", io::describe_json(*v));
      } else {
        r.sink().add(r.at("name"), "a series name of letters, digits, _ and . (at most 40, starting with a letter)",
                     io::describe_json(*v));
      }
    }
    if (const json* v = r.optional("measure"))
      if (const auto m = io::check_choice(*v, r.at("measure"), "a measure", series_measure_names(), r.sink()))
        s.measure = static_cast<SeriesMeasure>(*m);
    if (s.measure == SeriesMeasure::delayed_days) {
      s.reasons = read_codes<model::Reason>(r, "reasons", "a DToC reason (A B C D_i D_ii E F G H I O)", parse_reason);
      s.agencies = read_codes<model::Agency>(r, "agencies", "an agency (nhs, social_care, both)", parse_agency);
    } else {
      s.delay_bins = read_codes<int>(r, "delay_bins", "a delay bin (0 1 2_3 4_6 7_13 14_20 21plus)", parse_delay_bin);
    }
    if (const auto observed = r.string("observed", false)) {
      if (observed->empty()) r.sink().add(r.at("observed"), "the name of a series in the data file", "\"\"");
      s.observed = *observed;
    }
    if (const auto w = r.number("weight", io::Bounds::at_least(0, 1e6), false)) s.weight = *w;
    config.series.push_back(std::move(s));
  }
  bool fitted = false;
  for (const SeriesSpec& s : config.series) fitted = fitted || s.weight > 0;
  if (!config.series.empty() && !fitted)
    top.sink().add("/series", "at least one series of weight > 0 (weight 0 only reports a series)", "none");
}

// Two parameters that set one value (or one inside the other) would fight:
// the later would silently undo the earlier, and the fit would report both.
class PointersApart {
 public:
  explicit PointersApart(ProblemSink& sink) : sink_(sink) {}
  void check(const std::string& pointer, const std::string& where) {
    const auto inside = [](const std::string& outer, const std::string& inner) {
      return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 && inner[outer.size()] == '/';
    };
    for (const auto& [other, other_where] : seen_) {
      if (pointer == other) {
        sink_.add(where, "a value no other parameter sets",
                  fmt::format("{} again (set at {})", io::json_quoted(pointer), other_where));
        return;
      }
      if (inside(pointer, other) || inside(other, pointer)) {
        sink_.add(where, "a value apart from the values other parameters set",
                  fmt::format("{}, which overlaps {} (set at {})", io::json_quoted(pointer), io::json_quoted(other),
                              other_where));
        return;
      }
    }
    seen_.emplace_back(pointer, where);
  }

 private:
  ProblemSink& sink_;
  std::vector<std::pair<std::string, std::string>> seen_;  // pointer, where it was set
};

void read_parameters(ObjectReader& top, CalibrationConfig& config) {
  const json* list = top.required("parameters", "a non-empty array of parameters to fit");
  if (list == nullptr) return;
  if (!list->is_array() || list->empty()) {
    top.sink().add("/parameters", "a non-empty array of parameters to fit", io::describe_json(*list));
    return;
  }
  std::set<std::string> names;
  PointersApart apart(top.sink());
  for (std::size_t i = 0; i < list->size(); ++i) {
    ObjectReader r((*list)[i], io::child_pointer("/parameters", i), top.sink(),
                   "a parameter object {\"name\", \"pointer\", \"lower\", \"upper\", ...}");
    if (!r.valid()) continue;
    ParameterSpec p;
    if (const json* v = r.required("name", "a parameter name")) {
      if (const auto name = io::check_name(*v, r.at("name"), "a parameter name", r.sink())) {
        p.name = *name;
        if (!names.insert(p.name).second) r.sink().add(r.at("name"), "a name no other parameter has", io::describe_json(*v));
      }
    }
    const json* one = r.optional("pointer");
    const json* many = r.optional("pointers");
    if ((one == nullptr) == (many == nullptr)) {
      r.sink().add(r.pointer(), "exactly one of \"pointer\" (a JSON pointer) or \"pointers\" (an array of them)",
                   one == nullptr ? "neither" : "both");
    } else if (one != nullptr) {
      if (const auto text = io::check_string(*one, r.at("pointer"), r.sink())) {
        p.pointers.push_back(*text);
        apart.check(*text, r.at("pointer"));
      }
    } else if (!many->is_array() || many->empty()) {
      r.sink().add(r.at("pointers"), "a non-empty array of JSON pointers", io::describe_json(*many));
    } else {
      for (std::size_t k = 0; k < many->size(); ++k) {
        const std::string at = io::child_pointer(r.at("pointers"), k);
        if (const auto text = io::check_string((*many)[k], at, r.sink())) {
          p.pointers.push_back(*text);
          apart.check(*text, at);
        }
      }
    }
    if (const json* v = r.optional("apply")) {
      if (const auto c = io::check_choice(*v, r.at("apply"), "how the value is applied", {"set", "multiply"}, r.sink()))
        p.multiply = *c == 1;
    }
    const auto lower = r.number("lower", io::Bounds::any(), true);
    const auto upper = r.number("upper", io::Bounds::any(), true);
    if (const json* v = r.optional("log_scale")) p.log_scale = check_bool(*v, r.at("log_scale"), r.sink()).value_or(false);
    if (const json* v = r.optional("integer")) p.integer = check_bool(*v, r.at("integer"), r.sink()).value_or(false);
    if (const json* v = r.optional("start")) p.start = io::check_number(*v, r.at("start"), io::Bounds::any(), r.sink());
    if (const json* v = r.optional("relative")) p.relative = check_bool(*v, r.at("relative"), r.sink()).value_or(false);
    if (const json* v = r.optional("reason")) {
      const auto code = v->is_string() ? parse_reason(v->get_ref<const std::string&>()) : std::nullopt;
      if (code) {
        p.reason = model::reason_code(*code);
      } else {
        r.sink().add(r.at("reason"), "the DToC reason the parameter explains (A B C D_i D_ii E F G H I)", io::describe_json(*v));
      }
    }
    if (lower && upper) {
      p.lower = *lower;
      p.upper = *upper;
      if (!(*upper > *lower)) {
        r.sink().add(r.at("upper"), "a number > lower (" + io::format_number(*lower) + ")", io::format_number(*upper));
      } else if (p.log_scale && *lower <= 0) {
        r.sink().add(r.at("lower"), "a number > 0 (log_scale is true)", io::format_number(*lower));
      } else if (p.relative && *lower <= 0) {
        r.sink().add(r.at("lower"), "a factor > 0 (relative is true: bounds are factors of the scenario's value)",
                     io::format_number(*lower));
      }
    }
    config.parameters.push_back(std::move(p));
  }
}

void read_optimiser(ObjectReader& top, CalibrationConfig& config) {
  const json* value = top.optional("optimiser");
  if (value == nullptr) return;
  ObjectReader r(*value, "/optimiser", top.sink());
  if (const json* v = r.optional("method")) io::check_choice(*v, r.at("method"), "an optimiser", {"cma_es"}, r.sink());
  OptimiserOptions& o = config.optimiser;
  if (const auto e = r.integer("evaluations", io::Bounds::at_least(1, 1e7), false)) o.evaluations = static_cast<int>(*e);
  if (const auto p = r.integer("population", io::Bounds::at_least(2, 10000), false)) o.population = static_cast<int>(*p);
  if (const auto s = r.number("initial_step", {0, true, 1, false, io::Bounds::kInf}, false)) o.initial_step = *s;
  if (const auto t = r.number("tolerance", io::Bounds::above(0, 1), false)) o.tolerance = *t;
}

// A council template (docs/calibration.md, "Council templates").
void read_council_template(ObjectReader& top, CalibrationConfig& config) {
  const json* value = top.optional("council_template");
  if (value == nullptr) return;
  ObjectReader r(*value, "/council_template", top.sink());
  CouncilTemplate t;
  if (const auto p = r.number("reference_population", io::Bounds::above(0, 1e9), true)) t.reference_population = *p;
  if (const auto s = r.number("min_reason_share", io::Bounds::closed(0, 1), false)) t.min_reason_share = *s;
  if (const auto w = r.number("reason_weight", io::Bounds::above(0, 1e6), false)) t.reason_weight = *w;
  if (const auto n = r.integer("start_rounds", io::Bounds::closed(0, 10), false)) t.start_rounds = static_cast<int>(*n);
  config.council_template = t;
}

}  // namespace

ConfigReadResult read_calibration_json(const json& document, const std::string& label) {
  ConfigReadResult result;
  ProblemSink sink(label);
  CalibrationConfig config;
  config.file = label;
  {
    ObjectReader top(document, "", sink, "a calibration object");
    if (const auto s = top.string("scenario", true)) config.scenario_file = resolve_path(label, *s);
    read_data(top, config, document.is_object() && document.contains("council_template"));
    read_series(top, config);
    read_parameters(top, config);
    const auto train = read_months(top, "train", true);
    const auto test = read_months(top, "test", false);
    if (train) config.train = *train;
    if (test) config.test = *test;
    if (train && test && train->overlaps(*test))
      sink.add("/test", "months that do not overlap the training months",
               fmt::format("{} to {}", month_iso(test->first), month_iso(test->last)));
    if (const auto r = top.integer("replications", io::Bounds::at_least(1, 100000), false))
      config.replications = static_cast<int>(*r);
    config.final_replications = config.replications;
    if (const auto r = top.integer("final_replications", io::Bounds::at_least(1, 100000), false))
      config.final_replications = static_cast<int>(*r);
    if (const auto s = top.integer("seed", io::Bounds::at_least(0), false)) config.seed = static_cast<std::uint64_t>(*s);
    if (const auto k = top.integer("restarts", io::Bounds::at_least(1, 1000), false)) config.restarts = static_cast<int>(*k);
    read_council_template(top, config);
    read_optimiser(top, config);
    if (const json* v = top.optional("output_name")) {
      if (const auto name = io::check_name(*v, "/output_name", "a scenario name", sink)) config.output_name = *name;
    }
  }
  if (!config.train.empty()) {
    config.data.months = config.train;
    if (!config.test.empty()) {
      config.data.months.first = std::min(config.train.first, config.test.first);
      config.data.months.last = std::max(config.train.last, config.test.last);
    }
  }
  result.problems = sink.take();
  if (result.problems.empty()) result.config = std::move(config);
  return result;
}

ConfigReadResult read_calibration_file(const std::string& path) {
  ConfigReadResult result;
  const auto document = io::read_json_file(path, result.problems);
  if (!document) return result;
  if (!result.problems.empty()) return result;  // a repeated key
  ConfigReadResult read = read_calibration_json(*document, path);
  return read;
}

}  // namespace homeward::calib
