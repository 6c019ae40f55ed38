#include "calib/council_template.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/io/csv_reader.h"
#include "calib/population_scaling.h"
#include "calib/problem.h"
#include "sim/io/json_checker.h"

namespace homeward::calib {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
namespace fs = std::filesystem;

struct Council {
  std::string dh;
  std::string ons;
  std::string name;
};

bool looks_like_ons(const std::string& code) {
  if (code.size() != 9 || (code[0] != 'E' && code[0] != 'W')) return false;
  for (std::size_t i = 1; i < code.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(code[i]))) return false;
  return true;
}

// The council's DH code, ONS code and name from the lookup beside the data
// file. A DH code needs no lookup (the name is then unknown without one).
std::optional<Council> find_council(const std::string& code, const std::string& data_file,
                                    std::vector<io::Problem>& problems) {
  const std::string lookup = (fs::path(data_file).parent_path() / kLocalAuthorityLookup).string();
  Council council;
  std::vector<io::Problem> lookup_problems;
  std::optional<io::CsvTable> table;
  if (fs::exists(lookup)) table = io::read_csv_file(lookup, lookup_problems);
  if (table) {
    const auto dh = table->column("la_code_dh"), ons = table->column("la_code_ons"), name = table->column("la_name");
    if (dh && ons && name) {
      for (const io::CsvRow& row : table->rows) {
        if (row.fields[*dh] != code && row.fields[*ons] != code) continue;
        return Council{row.fields[*dh], row.fields[*ons], row.fields[*name]};
      }
    }
  }
  if (looks_like_ons(code)) {
    problems.push_back(problem(
        "--council", "",
        fmt::format("an ONS code listed in {} (to find its DH code)", lookup),
        table ? io::json_quoted(code) + ", which it does not list" : io::json_quoted(code) + ", but the lookup cannot be read"));
    for (auto& p : lookup_problems) problems.push_back(std::move(p));
    return std::nullopt;
  }
  if (code.empty() || code.size() > 12 || !std::all_of(code.begin(), code.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c));
      })) {
    problems.push_back(problem("--council", "", "a council's DH code (\"820\") or ONS code (\"E10000016\")", io::json_quoted(code)));
    return std::nullopt;
  }
  council.dh = code;  // not in the lookup: the data file decides whether it exists
  return council;
}

std::string thousands(double x) {
  std::string digits = fmt::format("{:.0f}", x), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// The scenario file as written (key order, comments) when it is a plain
// scenario; the resolved document of a variant.
ordered_json document_as_written(const std::string& file, const json& resolved) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  ordered_json document = ordered_json::parse(text.str(), nullptr, false);
  if (document.is_object() && !document.contains("base")) return document;
  return ordered_json(resolved);
}

struct ReasonShare {
  model::Reason reason = model::Reason::A;
  double days = 0;
  double share = 0;
  bool selected = false;
  bool fitted = false;  // selected and some parameter is tagged with it
  std::vector<std::string> parameters;
};

// Each reason's share of the council's delayed days over the training
// months. O is left out: acute returns have none and the model's O is the
// discharge window (docs/calibration.md, "Series").
std::vector<ReasonShare> reason_shares(const ObservedData& data, MonthRange train, double min_share) {
  double total = 0;
  for (Month m = train.first; m <= train.last; ++m)
    if (const ObservedValue* v = data.find("total", m)) total += v->value;
  std::vector<ReasonShare> out;
  for (int r = 0; r < model::kReasonCount; ++r) {
    const auto reason = static_cast<model::Reason>(r);
    if (reason == model::Reason::O) continue;
    ReasonShare share;
    share.reason = reason;
    for (Month m = train.first; m <= train.last; ++m)
      if (const ObservedValue* v = data.find(reason_atom(reason), m)) share.days += v->value;
    share.share = total > 0 ? share.days / total : 0;
    share.selected = total > 0 && share.days > 0 && share.share >= min_share;
    out.push_back(share);
  }
  return out;
}

struct Instance {
  std::string council;
  std::optional<double> population;
  std::string output_name;
};

SetupResult instantiate(CalibrationConfig config, const Instance& instance) {
  SetupResult failed;
  std::vector<io::Problem>& problems = failed.problems;
  const CouncilTemplate& t = *config.council_template;
  if (instance.council.empty())
    problems.push_back(problem(config.file, "", "a council for this template: --council CODE (DH \"820\" or ONS \"E10000016\")", "none"));
  if (!instance.population)
    problems.push_back(problem(config.file, "", "the council's population for this template: --population PEOPLE", "none"));
  else if (!(*instance.population >= 1 && *instance.population < 1e9))
    problems.push_back(problem("--population", "", "a number of people, 1 or more", io::format_number(*instance.population)));
  if (config.data.layout != DataLayout::provider_local_authority && config.data.layout != DataLayout::local_authority)
    problems.push_back(problem(config.file, "/data/layout",
                               "a layout selected by local authority (provider_local_authority or local_authority)",
                               io::json_quoted(layout_names()[static_cast<std::size_t>(config.data.layout)])));
  if (!problems.empty()) return failed;
  const std::optional<Council> council = find_council(instance.council, config.data.file, problems);
  if (!council) return failed;
  config.data.local_authority = council->dh;
  config.data.provider.clear();

  // The scenario, scaled.
  io::ScenarioReadResult base = io::read_scenario_file(config.scenario_file);
  if (!base.scenario) return {std::nullopt, std::move(base.problems)};
  const double factor = *instance.population / t.reference_population;
  const std::vector<ScaleSite> sites = population_sites(embedded_scenario_schema(), base.resolved);
  json scaled = base.resolved;
  const std::vector<RoundingNote> roundings = scale_document(scaled, sites, factor);
  ordered_json written = document_as_written(config.scenario_file, base.resolved);
  scale_document(written, sites, factor);
  const std::string place = council->name.empty() ? "Local authority " + council->dh : council->name;
  const std::string name = name_slug(council->name.empty() ? "council_" + council->dh : council->name);
  const std::string description = fmt::format(
      "{} (DH code {}{}), {} people: the template scenario {} ({} people) scaled by {:.4g}", place, council->dh,
      council->ons.empty() ? "" : ", ONS " + council->ons, thousands(*instance.population), base.scenario->name,
      thousands(t.reference_population), factor);
  for (auto* doc : {&scaled}) {
    (*doc)["name"] = name;
    (*doc)["description"] = description;
  }
  written["name"] = name;
  written["description"] = description;
  io::ScenarioReadResult scenario = io::read_scenario_json(scaled, config.scenario_file);
  for (io::Problem& p : scenario.problems)
    p.note = fmt::format("in the template scenario scaled by {:.4g} to {} people", factor, thousands(*instance.population));

  // The council's data, and the reasons that matter there.
  DataReadResult data = read_observed_data(config.data);
  std::vector<std::string> notes;
  std::vector<ReasonShare> shares;
  if (data.problems.empty() && scenario.scenario) {
    shares = reason_shares(data.data, config.train, t.min_reason_share);
    std::set<std::string> names;
    for (const SeriesSpec& s : config.series) names.insert(s.name);
    std::vector<ParameterSpec> kept;
    for (ParameterSpec& p : config.parameters) {
      bool keep = p.reason.empty();
      for (ReasonShare& s : shares)
        if (s.selected && p.reason == model::reason_code(s.reason)) {
          keep = true;
          s.fitted = true;
          s.parameters.push_back(p.name);
        }
      if (keep) {
        kept.push_back(std::move(p));
      } else if (p.multiply) {
        for (const ReasonShare& s : shares)
          if (s.days > 0 && p.reason == model::reason_code(s.reason)) config.reported_parameters.push_back(p);
      }
    }
    config.parameters = std::move(kept);
    for (const ReasonShare& s : shares) {
      if (s.days <= 0) continue;
      const std::string code = model::reason_code(s.reason);
      if (s.selected && !s.fitted)
        notes.push_back(fmt::format("reason {} holds {:.1f}% of {}'s delayed days in the training months but the template "
                                    "has no parameter tagged \"{}\": its series is reported, not fitted",
                                    code, 100 * s.share, place, code));
      if (names.contains(code)) continue;
      SeriesSpec series;
      series.name = code;
      series.reasons = {s.reason};
      series.weight = s.fitted ? t.reason_weight : 0;  // the others are reported beside, not fitted
      config.series.push_back(series);
    }
    if (config.parameters.empty())
      problems.push_back(problem(config.file, "/parameters",
                                 fmt::format("a parameter to fit for {} (untagged, or tagged with a reason holding at least "
                                             "{:g}% of its delayed days)", place, 100 * t.min_reason_share),
                                 "none"));
  }
  for (const RoundingNote& r : roundings)
    notes.push_back(fmt::format("{} scaled from {:g} to {:.3g}, written {:g} (rounded by more than 10%)", r.pointer,
                                r.original, r.exact, r.written));
  if (!instance.output_name.empty()) config.output_name = instance.output_name;

  ordered_json record;
  record["file"] = config.file;
  record["scenario"] = config.scenario_file;
  record["reference_population"] = t.reference_population;
  record["population"] = *instance.population;
  record["scale"] = factor;
  record["council"] = {{"dh_code", council->dh}, {"ons_code", council->ons}, {"name", council->name}};
  record["min_reason_share"] = t.min_reason_share;
  record["scaled_values"] = sites.size();
  record["rounding"] = ordered_json::array();
  for (const RoundingNote& r : roundings)
    record["rounding"].push_back({{"pointer", r.pointer}, {"original", r.original}, {"exact", r.exact}, {"written", r.written}});
  record["reasons"] = ordered_json::array();
  for (const ReasonShare& s : shares) {
    const std::string why =
        s.days <= 0 ? "no delayed days in the training months"
        : !s.selected ? fmt::format("{:.1f}% of the delayed days, below {:g}%: left at its scaled values, reported", 100 * s.share,
                                    100 * t.min_reason_share)
        : s.fitted ? fmt::format("{:.1f}% of the delayed days, at least {:g}%: fitted", 100 * s.share, 100 * t.min_reason_share)
                   : fmt::format("{:.1f}% of the delayed days, at least {:g}%, but no parameter is tagged with it: reported",
                                 100 * s.share, 100 * t.min_reason_share);
    record["reasons"].push_back({{"reason", model::reason_code(s.reason)}, {"train_days", s.days}, {"share", s.share},
                                 {"selected", s.selected}, {"fitted", s.fitted}, {"parameters", s.parameters}, {"why", why}});
  }
  if (!problems.empty()) {
    for (auto& p : scenario.problems) problems.push_back(std::move(p));
    return failed;
  }
  SetupResult result = prepare_calibration(std::move(config), std::move(scenario), std::move(data));
  if (result.setup) {
    result.setup->scenario_document = std::move(written);
    result.setup->template_record = std::move(record);
    result.setup->notes = std::move(notes);
  }
  return result;
}

std::string resolve_against(const std::string& label, const std::string& path) {
  const fs::path p(path);
  if (p.is_absolute()) return path;
  return (fs::path(label).parent_path() / p).lexically_normal().string();
}

// An instance file: {"template": PATH, "council": CODE, "population": N, "output_name": NAME}.
std::optional<Instance> read_instance(const json& document, const std::string& label, std::string& template_file,
                                      std::vector<io::Problem>& problems) {
  io::ProblemSink sink(label);
  Instance instance;
  {
    io::ObjectReader r(document, "", sink, "an instance of a council template");
    if (const auto t = r.string("template", true)) template_file = resolve_against(label, *t);
    if (const auto c = r.string("council", true)) instance.council = *c;
    if (const auto p = r.number("population", io::Bounds::at_least(1, 1e9), true)) instance.population = *p;
    if (const json* v = r.optional("output_name"))
      if (const auto name = io::check_name(*v, "/output_name", "a scenario name", sink)) instance.output_name = *name;
  }
  for (auto& p : sink.take()) problems.push_back(std::move(p));
  if (!problems.empty()) return std::nullopt;
  return instance;
}

}  // namespace

std::string name_slug(const std::string& text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) out = "council_" + out;
  return out.substr(0, 60);
}

SetupResult prepare_calibration(const CalibrationRequest& request) {
  SetupResult failed;
  auto document = io::read_json_file(request.file, failed.problems);
  if (!document || !failed.problems.empty()) return failed;
  std::string label = request.file;
  Instance instance{request.council, request.population, ""};
  if (document->is_object() && document->contains("template") && (*document)["template"].is_string()) {
    std::string template_file;
    const auto read = read_instance(*document, request.file, template_file, failed.problems);
    if (!request.council.empty() || request.population)
      failed.problems.push_back(problem(request.file, "", "--council and --population only with a template (this file "
                                        "is an instance of one and names its own)", "them on the command line"));
    if (!read || !failed.problems.empty()) return failed;
    instance = *read;
    label = template_file;
    document = io::read_json_file(template_file, failed.problems);
    if (!document || !failed.problems.empty()) return failed;
  }
  ConfigReadResult config = read_calibration_json(*document, label);
  if (!config.config) return {std::nullopt, std::move(config.problems)};
  CalibrationConfig c = std::move(*config.config);
  if (!request.data_dir.empty()) {
    c.data.file = (fs::path(request.data_dir) / fs::path(c.data.file).filename()).string();
  }
  if (request.restarts) c.restarts = *request.restarts;
  if (c.council_template) return instantiate(std::move(c), instance);
  if (!instance.council.empty() || instance.population) {
    failed.problems.push_back(problem(request.file, "", "a council template (a file with \"council_template\") for "
                                      "--council and --population", "a plain calibration file"));
    return failed;
  }
  return prepare_calibration(std::move(c));
}

}  // namespace homeward::calib
