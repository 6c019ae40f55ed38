// The report's sections for a study of one scenario: a sweep's measures as
// curves against the varied value with their 95% bands, a sensitivity
// study's tornado charts, an optimisation's search and result. Each reads the
// study's own file (sweep.json, sensitivity.json, optimise.json) and refuses a
// malformed one with the file and key named.
#include "sim/report/studies.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "sim/io/number_text.h"
#include "sim/report/format.h"
#include "sim/report/html.h"
#include "sim/model/measure_catalogue.h"

namespace homeward::report {
namespace {

namespace measure = model::measure;

using nlohmann::json;
using nlohmann::ordered_json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const json& member(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) throw InputError(fmt::format("{}: missing \"{}\"", where, key));
  return object[key];
}

double number(const json& value) { return value.is_number() ? value.get<double>() : kNaN; }

// "1 candidate", "215 candidates"; a dash for a count that is not one.
std::string candidates_text(double n) {
  return std::isfinite(n) && n >= 0 ? io::counted(static_cast<std::size_t>(n), "candidate")
                                    : std::string(kDash) + " candidates";
}

// mean, ci95 low and high of a statistics object (NaN where null).
Estimate estimate(const json& statistics, double scale) {
  if (!statistics.is_object()) return {};
  const json& ci = statistics.value("ci95", json::array());
  return {number(statistics.value("mean", json())) * scale,
          ci.is_array() && ci.size() == 2 ? number(ci[0]) * scale : kNaN,
          ci.is_array() && ci.size() == 2 ? number(ci[1]) * scale : kNaN};
}

std::string value_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

double year_scale(const json& object) {
  const double days = number(object.value("duration_days", json()));
  return days > 0 ? 365.0 / days : kNaN;
}

// The measures a sweep draws: its name, its label, and whether it is scaled
// to a year (a sum over the period) or to a percentage (a share).
struct Drawn {
  const model::MeasureInfo& measure;
  const char* label;
  bool per_year;
  bool percent = false;
};
constexpr Drawn kSweepMeasures[] = {
    {measure::kDelayedBedDays, "Delayed bed days a year", true},
    {measure::kDelayMean, "Mean delay after medically fit (days)", false},
    {measure::kAcuteBedDays, "Acute bed days a year", true},
    {measure::kCostServices, "Services' cost a year (£)", true},
    {measure::kCostTotal, "Total cost a year: acute bed days and services (£)", true},
    {measure::kWithinOneDayShare, "Discharged within 1 day of medically fit (%)", false, true},
};

std::string sweep_section(const json& sweep, const std::string& file, Figures& figures) {
  const json& axes = member(sweep, "axes", file);
  const json& points = member(sweep, "points", file);
  if (!axes.is_array() || axes.empty() || !points.is_array() || points.empty())
    throw InputError(file + ": expected non-empty \"axes\" and \"points\"");
  std::vector<std::string> pointers;
  for (const json& a : axes) pointers.push_back(value_text(member(a, "pointer", file + "/axes")));
  std::string out = "<section id=\"sweep\">\n<h2>Sweep: the measures against ";
  out += escape_html(pointers.front()) + "</h2>\n<p>";
  out += fmt::format("{} was run at {} of ", escape_html(value_text(sweep.value("scenario", json("")))),
                     io::counted(points.size(), "combination"));
  std::vector<std::string> escaped;
  for (const auto& p : pointers) escaped.push_back("<code>" + escape_html(p) + "</code>");
  out += names_list(escaped);
  out += fmt::format(", each with {} and common random numbers (replication r of every point sees the same "
                     "admissions and patients), so differences between points are paired.</p>\n",
                     io::counted(sweep.value("replications", 0), "replication"));

  // The curves: x the first pointer's value, one line per combination of the others.
  ordered_json rows = ordered_json::array();
  std::size_t cheapest = 0;
  double least = INFINITY;
  for (std::size_t p = 0; p < points.size(); ++p) {
    const json& point = points[p];
    const json& values = member(point, "values", file + "/points");
    const json& measures = member(point, "measures", file + "/points");
    if (!values.is_array() || values.size() != pointers.size())
      throw InputError(file + "/points: expected one value per axis");
    std::string series;
    for (std::size_t a = 1; a < values.size(); ++a) {
      series += a > 1 ? ", " : "";
      series += pointers[a];
      series += " = ";
      series += value_text(values[a]);
    }
    const double year = year_scale(point);
    for (const Drawn& d : kSweepMeasures) {
      if (!measures.contains(d.measure.pattern)) continue;
      const Estimate e = estimate(measures[d.measure.name()], d.per_year ? year : d.percent ? 100 : 1);
      if (!e.known()) continue;
      rows.push_back({{"measure", d.label},
                      {"x", values[0]},
                      {"series", series.empty() ? "all" : series},
                      {"mean", e.value},
                      {"low", e.low},
                      {"high", e.high}});
    }
    const std::string cost_total = measure::kCostTotal.name();
    const Estimate total = measures.contains(cost_total) ? estimate(measures[cost_total], year) : Estimate{};
    if (total.known() && total.value < least) least = total.value, cheapest = p;
  }
  if (!rows.empty())
    out += figures.add(
        "sweep",
        fmt::format("Each measure against {}: the mean of the replications (line) with its 95% confidence interval "
                    "(band){}. Money and bed days are scaled to a year.",
                    escape_html(pointers.front()), pointers.size() > 1 ? ", one line per value of the other pointers" : ""),
        std::move(rows));

  // The table of points, the cheapest marked.
  out += "<table id=\"sweep-table\">\n<caption>Every point: means a year with 95% confidence intervals below; the "
         "net saving is paired against the first point</caption>\n<thead><tr>";
  for (const auto& p : escaped) out += "<th scope=\"col\">" + p + "</th>";
  out += "<th scope=\"col\">Delayed bed days a year</th><th scope=\"col\">Total cost a year</th>"
         "<th scope=\"col\">Net saving a year against the first point</th></tr></thead>\n<tbody>\n";
  for (std::size_t p = 0; p < points.size(); ++p) {
    const json& point = points[p];
    const double year = year_scale(point);
    const json& measures = point["measures"];
    const json& differences = point.value("differences_from_first", json::object());
    out += fmt::format("<tr{}>", p == cheapest ? " class=\"best\"" : "");
    for (const json& v : point["values"]) out += "<td>" + escape_html(value_text(v)) + "</td>";
    out += cell("delayed_bed_days_per_year", estimate(measures.value(measure::kDelayedBedDays.name(), json()), year), kWhole);
    out += cell("cost_total_per_year", estimate(measures.value(measure::kCostTotal.name(), json()), year), kPounds);
    out += p == 0 ? "<td class=\"base\">the first point</td>"
                  : cell("net_saving_per_year", estimate(differences.value(measure::kNetSaving.name(), json()), year), kPounds);
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<p class=\"note\">The highlighted row has the least total cost (acute bed days at their "
         "cost plus every service's cost: staffed capacity, use and set-up). Every measure of every point is in "
         "sweep.csv.</p>\n";
  return out + "</section>\n";
}

std::string sensitivity_section(const json& study, const std::string& file, Figures& figures) {
  const json& parameters = member(study, "parameters", file);
  if (!parameters.is_array()) throw InputError(file + "/parameters: expected an array");
  const double change = number(study.value("change", json()));
  const double year = year_scale(study);
  std::string out = "<section id=\"sensitivity\">\n<h2>Sensitivity: what moves the results</h2>\n";
  out += fmt::format(
      "<p>Each capacity and process time of {} was moved down and up by {}, one at a time with everything else as it "
      "is, and run with {} against the scenario as it is (common random numbers, so each effect is paired). The "
      "bars show the change a year; the parameters are in order of their larger effect.</p>\n",
      escape_html(value_text(study.value("scenario", json("")))), shown(change * 100, kWholePercent),
      io::counted(study.value("replications", 0), "replication"));
  constexpr std::size_t kTornadoRows = 15;  // the rest have smaller effects, and are in sensitivity.csv
  for (const auto& [measure, chart, title] :
       {std::tuple{"delayed_bed_days", "tornado_delayed_bed_days", "Change in delayed bed days a year"},
        std::tuple{"cost_total", "tornado_cost_total", "Change in total cost a year (£)"}}) {
    const auto swing_of = [&](const json& p) { return number(p.value("swing", json::object()).value(measure, json())); };
    std::vector<const json*> largest;
    for (const json& p : parameters) largest.push_back(&p);
    std::stable_sort(largest.begin(), largest.end(), [&](const json* a, const json* b) { return swing_of(*a) > swing_of(*b); });
    if (largest.size() > kTornadoRows) largest.resize(kTornadoRows);
    ordered_json rows = ordered_json::array();
    for (const json* pp : largest) {
      const json& p = *pp;
      const std::string name = value_text(member(p, "name", file + "/parameters"));
      const double swing = swing_of(p);
      for (const char* side : {"low", "high"}) {
        const json& s = member(p, side, file + "/parameters");
        if (!s.value("run", false)) continue;
        const Estimate e = estimate(s.value("differences", json::object()).value(measure, json()), year);
        if (!e.known()) continue;
        rows.push_back({{"parameter", name},
                        {"order", side == std::string_view("low") ? 0 : 1},
                        {"side", fmt::format("{}{}", side == std::string_view("low") ? "\u2212" : "+",
                                             shown(change * 100, kWholePercent))},
                        {"setting", value_text(s.value("setting", json("")))},
                        {"swing", swing * year},
                        {"mean", e.value},
                        {"low", e.low},
                        {"high", e.high}});
      }
    }
    if (!rows.empty())
      out += figures.add(chart,
                         fmt::format("{}: each parameter moved down (\u2212) and up (+), the mean paired difference "
                                     "with its 95% confidence interval; the {} largest effects, largest first.",
                                     title, std::min(kTornadoRows, parameters.size())),
                         std::move(rows));
  }
  out += "<p class=\"note\">Capacities are beds, bridge slots, package visits a day and the start quotas of a "
         "schedule (all of a service's windows together; counts move by at least one and never below one); process "
         "times are every time of a service's distribution (so the time it draws is scaled) and a bridge's planned "
         "maximum. Every effect is in sensitivity.csv.</p>\n";
  return out + "</section>\n";
}

std::string optimise_section(const json& study, const std::string& file, Figures& figures) {
  const json& parameters = member(study, "parameters", file);
  const json& trace = member(study, "trace", file);
  const double year = year_scale(study);
  const bool has_target = study.value("target", json()).is_object();
  std::string out = "<section id=\"optimise\">\n<h2>Optimisation: the capacities of least cost</h2>\n";
  const json target = study.value("target", json());
  out += fmt::format(
      "<p>{}, over {} ({} each, common random numbers). Search: {}; {} scored, {} simulated; {}.</p>\n",
      target.is_object() ? fmt::format("The least total cost with mean {} at most {}",
                                       escape_html(value_text(target.value("measure", json("")))),
                                       grouped(number(target.value("at_most", json())), 0))
                         : std::string("The least total cost (acute bed days at their cost plus every service's cost)"),
      names_list([&] {
        std::vector<std::string> p;
        for (const json& q : parameters) p.push_back("<code>" + escape_html(value_text(q.value("pointer", json("")))) + "</code>");
        return p;
      }()),
      io::counted(study.value("replications", 0), "replication"),
      escape_html(value_text(study.value("search", json::object()).value("method", json("")))),
      candidates_text(number(study.value("search", json::object()).value("scored", json()))),
      grouped(number(study.value("search", json::object()).value("simulated", json())), 0),
      escape_html(value_text(study.value("search", json::object()).value("stop_reason", json("")))));
  out += "<table id=\"optimise-parameters\">\n<caption>The parameters</caption>\n<thead><tr><th scope=\"col\">"
         "Pointer</th><th scope=\"col\">Bounds</th><th scope=\"col\">Start (the scenario)</th><th scope=\"col\">Best"
         "</th></tr></thead>\n<tbody>\n";
  for (const json& q : parameters)
    out += fmt::format("<tr><th scope=\"row\"><code>{}</code></th><td>{} to {}</td><td>{}</td><td>{}</td></tr>\n",
                       escape_html(value_text(q.value("pointer", json("")))), value_text(q.value("lower", json())),
                       value_text(q.value("upper", json())), value_text(q.value("start", json())),
                       value_text(q.value("best", json())));
  out += "</tbody>\n</table>\n";
  const json& comparison = study.value("comparison", json::object());
  if (comparison.is_object() && !comparison.empty()) {
    out += "<table id=\"optimise-comparison\">\n<caption>The scenario at its start values and at the best, a year, "
           "with 95% confidence intervals below (the difference is paired)</caption>\n<thead><tr><th scope=\"col\">"
           "Measure</th><th scope=\"col\">Start</th><th scope=\"col\">Best</th><th scope=\"col\">Best \u2212 start"
           "</th></tr></thead>\n<tbody>\n";
    static const std::map<std::string, std::string> kLabels = {
        {measure::kCostTotal.name(), "Total cost a year"},
        {measure::kCostServices.name(), "Services' cost a year"},
        {measure::kCostAcute.name(), "Acute bed days' cost a year"},
        {measure::kAcuteBedDays.name(), "Acute bed days a year"},
        {measure::kDelayedBedDays.name(), "Delayed bed days a year"},
        {measure::kDelayMean.name(), "Mean delay after medically fit (days)"},
        {measure::kWithinOneDayShare.name(), "Share discharged within 1 day of medically fit"}};
    for (const auto& [name, row] : comparison.items()) {
      const model::MeasureInfo* info = model::find_measure_info(name);
      const auto label = kLabels.find(name);
      const bool money = info != nullptr && info->unit == model::MeasureUnit::pounds;
      const bool rate = info == &measure::kDelayMean || info == &measure::kWithinOneDayShare;
      const Format f = money                         ? kPounds
                       : info == &measure::kDelayMean ? kDays
                       : rate                         ? Format{0.001, 3, "", ""}
                                                      : kWhole;
      const double k = rate ? 1 : year;
      out += "<tr><th scope=\"row\">" + escape_html(label != kLabels.end() ? label->second : name) + "</th>";
      out += cell(name + "_start", estimate(row.value("start", json()), k), f);
      out += cell(name + "_best", estimate(row.value("best", json()), k), f);
      out += cell(name + "_difference", estimate(row.value("difference", json()), k), f);
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  ordered_json rows = ordered_json::array();
  double best_so_far = INFINITY;
  for (std::size_t k = 0; k < trace.size(); ++k) {
    const json& c = trace[k];
    const double cost = number(c.value("cost_total", json()));
    if (!std::isfinite(cost)) continue;
    const bool feasible = c.value("feasible", false);
    if (feasible) best_so_far = std::min(best_so_far, cost * year);
    rows.push_back({{"candidate", k},
                    {"generation", c.value("generation", 0)},
                    {"cost", cost * year},
                    {"feasible", !has_target ? "candidate" : feasible ? "meets the target" : "misses the target"},
                    {"best", std::isfinite(best_so_far) ? json(best_so_far) : json()}});
  }
  if (!rows.empty())
    out += figures.add("optimise_trace",
                       "Every candidate simulated, in order: its mean total cost a year (points; with a target, their "
                       "shape says whether it is met) and the least cost found so far that meets it (line), on a log "
                       "scale.",
                       std::move(rows));
  out += "<p class=\"note\">optimised.json in this directory is the scenario with the best values; trace.csv lists "
         "every candidate.</p>\n";
  return out + "</section>\n";
}

}  // namespace

std::string study_section(const Inputs& inputs, Figures& figures) {
  if (!inputs.study.is_object()) return "";
  const std::string kind = inputs.study.value("kind", std::string());
  if (kind == "sweep") return sweep_section(inputs.study, inputs.study_file, figures);
  if (kind == "sensitivity") return sensitivity_section(inputs.study, inputs.study_file, figures);
  if (kind == "optimise") return optimise_section(inputs.study, inputs.study_file, figures);
  throw InputError(inputs.study_file + "/kind: expected \"sweep\", \"sensitivity\" or \"optimise\"");
}

std::string study_subtitle(const Inputs& inputs) {
  const json& s = inputs.study;
  const std::string kind = s.value("kind", std::string());
  const std::string scenario = escape_html(value_text(s.value("scenario", json(s.value("scenario_file", json(""))))));
  const std::string reps = io::counted(s.value("replications", 0), "replication");
  if (kind == "sweep")
    return fmt::format("A sweep of {}: {}, {} each, master seed {}.", scenario,
                       io::counted(s.value("points", json::array()).size(), "point"), reps, s.value("seed", 0));
  if (kind == "sensitivity")
    return fmt::format("The sensitivity of {}: {} one at a time, {} each, master seed {}.", scenario,
                       io::counted(s.value("parameters", json::array()).size(), "parameter"), reps, s.value("seed", 0));
  return fmt::format("An optimisation of {}: {} a candidate, master seed {}.",
                     escape_html(value_text(s.value("scenario_file", json("")))), reps, s.value("seed", 0));
}

std::string study_title(const Inputs& inputs) {
  const json& s = inputs.study;
  const std::string kind = s.value("kind", std::string());
  const std::string scenario = value_text(s.value("scenario", json(s.value("scenario_file", json("")))));
  if (kind == "sweep") return "Homeward sweep: " + scenario;
  if (kind == "sensitivity") return "Homeward sensitivity: " + scenario;
  return "Homeward optimisation: " + scenario;
}

}  // namespace homeward::report
