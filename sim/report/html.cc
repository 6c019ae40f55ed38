// The page: the report's header, its sections in order and "About this run",
// set into the page template with the charts' data; and the text helpers of
// html.h.
#include "sim/report/html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/number_text.h"
#include "sim/report/format.h"
#include "sim/report/sections.h"
#include "sim/report/studies.h"

namespace homeward::report {
namespace {

using nlohmann::ordered_json;

// What a reader must know before any figure: the results are partial, or a
// queue never settled (docs/measures.md, "Growing queues").
std::string warnings(const Inputs& inputs) {
  if (!inputs.summary) return "";
  std::string out;
  if (inputs.summary->partial)
    out += "<p class=\"warning\" role=\"alert\"><strong>Partial results.</strong> The run was interrupted before "
           "all its replications finished: these figures are of fewer replications than asked for, and a comparison "
           "has no paired differences. Resume the run (the same command with <code>--resume</code>) for the full "
           "results.</p>\n";
  for (const ScenarioSummary& sc : inputs.summary->scenarios)
    for (const GrowingQueueNote& q : sc.growing_queues)
      out += fmt::format(
          "<p class=\"warning\" role=\"alert\"><strong>Growing queue.</strong> In {}, the queue for {} grew in "
          "every quarter of the measured period, from {} to {} patients waiting on average, and did not settle: "
          "patients arrive faster than the service can take them, or the run is too short to reach a steady state. "
          "Figures that depend on it grow with the length of the run.</p>\n",
          escape_html(sc.name), escape_html(q.service), grouped(q.first_quarter, 1), grouped(q.last_quarter, 1));
  return out;
}

// Each scenario's "description" under its name, as text: it is whatever the
// scenario's author wrote, so it is escaped and long words wrap (report.css).
std::string descriptions(const Inputs& inputs) {
  if (!inputs.summary) return "";
  std::string out;
  for (const ScenarioSummary& sc : inputs.summary->scenarios)
    if (!sc.description.empty())
      out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", escape_html(sc.name), escape_html(sc.description));
  return out.empty() ? out : "<dl class=\"descriptions\">\n" + out + "</dl>\n";
}

std::string header(const Inputs& inputs, const std::string& title) {
  std::string what;
  if (inputs.summary) {
    const Summary& summary = *inputs.summary;
    const ScenarioSummary& base = summary.scenarios.front();
    what = fmt::format(
        "{}; master seed {}. Measured period {} to {} ({}) after {} of warm-up.",
        summary.compare
            ? fmt::format("{} compared with {}: {} each, paired by common random numbers",
                          io::counted(summary.scenarios.size() - 1, "scenario"),
                          escape_html(base.name), io::counted(summary.replications, "replication"))
            : fmt::format("{}: {}", escape_html(base.name), io::counted(summary.replications, "replication")),
        summary.seed, base.start_date, end_date(base), io::counted(static_cast<std::size_t>(std::max(base.duration_days, 0)), "day"),
        io::counted(static_cast<std::size_t>(std::max(base.warmup_days, 0)), "day"));
  } else if (inputs.study.is_object()) {
    what = study_subtitle(inputs);
  } else {
    const nlohmann::json& p = inputs.provenance;
    what = "A calibration: the model's monthly series fitted to observed ones.";
    if (p.is_object() && p.contains("replications") && p["replications"].is_number_unsigned() && p.contains("seed"))
      what = fmt::format("A calibration: {} a point of the search, master seed {}.",
                         io::counted(p["replications"].get<std::uint64_t>(), "replication"), p["seed"].dump());
  }
  return fmt::format("<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n{}{}</header>\n", escape_html(title), what,
                     descriptions(inputs), warnings(inputs));
}

std::string about(const Inputs& inputs) {
  std::string out = "<section id=\"about\">\n<h2>About this run</h2>\n<dl class=\"about\">\n";
  const auto row = [&](std::string_view term, const std::string& value) {
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", term, value);
  };
  const auto text_of = [](const nlohmann::json& object, const char* key) -> std::string {
    if (!object.is_object() || !object.contains(key)) return "";
    const auto& v = object[key];
    return escape_html(v.is_string() ? v.get<std::string>() : v.dump());
  };
  const nlohmann::json& info = inputs.run_info;
  if (inputs.summary) {
    const Summary& summary = *inputs.summary;
    std::vector<std::string> names;
    for (const auto& sc : summary.scenarios) names.push_back(escape_html(sc.name));
    row(summary.compare ? "Scenarios (base first)" : "Scenario", names_list(names));
    if (info.is_object() && info.contains("scenario_files") && info["scenario_files"].is_array()) {
      std::vector<std::string> files;
      for (const auto& f : info["scenario_files"])
        files.push_back(escape_html(f.is_string() ? f.get<std::string>() : f.dump()));
      row("Scenario files", names_list(files));
    }
    row("Replications", grouped(static_cast<double>(summary.replications), 0));
    row("Master seed", std::to_string(summary.seed));
  } else if (inputs.study.is_object()) {
    row("Study", text_of(inputs.study, "kind"));
    row("Scenario file", text_of(inputs.study, "scenario_file"));
    row("Replications", text_of(inputs.study, "replications"));
    row("Master seed", text_of(inputs.study, "seed"));
  }
  const std::string version = text_of(info, "version");
  row("Homeward version", version.empty() ? "not recorded (no run-info.json)" : version);
  if (inputs.summary) {
    for (const auto& sc : inputs.summary->scenarios) {
      const double cost = sc.cost_per_bed_day();
      row(escape_html(sc.name),
          fmt::format("measured {} to {} after {} of warm-up; {} per acute bed day", sc.start_date, end_date(sc),
                      io::counted(static_cast<std::size_t>(std::max(sc.warmup_days, 0)), "day"),
                      cost > 0 ? shown(cost, kPoundsExact) : std::string(kDash)));
    }
  }
  if (info.is_object() && info.contains("wall_seconds") && info["wall_seconds"].is_number())
    row("Run", fmt::format("{} s on {} with {}", grouped(info["wall_seconds"].get<double>(), 1), text_of(info, "host"),
                           info.contains("threads") && info["threads"].is_number_unsigned()
                               ? io::counted(info["threads"].get<std::size_t>(), "thread")
                               : text_of(info, "threads") + " threads"));
  const nlohmann::json& p = inputs.provenance;
  if (p.is_object()) {
    row("Calibration file", text_of(p, "calibration_file"));
    row("Calibrated scenario", text_of(p, "scenario_file"));
    if (p.contains("data")) row("Observed data", text_of(p["data"], "file"));
    if (p.contains("train")) row("Training months", text_of(p["train"], "from") + " to " + text_of(p["train"], "to"));
    if (p.contains("test")) row("Test months", text_of(p["test"], "from") + " to " + text_of(p["test"], "to"));
    if (!inputs.summary) {
      row("Replications", text_of(p, "replications"));
      row("Master seed", text_of(p, "seed"));
    }
    if (p.contains("date")) row("Calibrated on", text_of(p, "date"));
  }
  return out + "</dl>\n</section>\n";
}

void replace_once(std::string& page, std::size_t& from, std::string_view marker, std::string_view text) {
  const std::size_t at = page.find(marker, from);
  if (at == std::string::npos) throw std::logic_error(fmt::format("report page template lacks {}", marker));
  page.replace(at, marker.size(), text);
  from = at + text.size();
}

}  // namespace

std::string grouped(double value, int decimals) { return io::grouped(value, decimals, kMinus); }

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string default_title(const Inputs& inputs) {
  if (!inputs.summary && inputs.study.is_object()) return study_title(inputs);
  if (!inputs.summary) {
    const nlohmann::json& p = inputs.provenance;
    const bool named = p.is_object() && p.contains("scenario_file") && p["scenario_file"].is_string();
    return named ? "Homeward calibration: " + p["scenario_file"].get<std::string>() : "Homeward calibration";
  }
  const Summary& summary = *inputs.summary;
  std::vector<std::string> others;
  for (std::size_t i = 1; i < summary.scenarios.size(); ++i) others.push_back(summary.scenarios[i].name);
  if (others.empty()) return "Homeward: " + summary.scenarios.front().name;
  return fmt::format("Homeward: {} compared with {}", summary.scenarios.front().name, names_list(others));
}

std::string render_page(const Inputs& inputs, const std::string& title, std::string_view page_template) {
  Figures figures;
  std::string html = header(inputs, title);
  html += "<main>\n";
  if (inputs.summary) {
    const Summary& summary = *inputs.summary;
    html += headline_section(summary);
    html += delays_section(summary, figures);
    html += reasons_section(summary, figures);
    html += monthly_section(inputs, figures);
    html += capacity_section(summary, figures);
  }
  html += calibration_section(inputs, figures);
  html += study_section(inputs, figures);
  html += about(inputs);
  html += "</main>\n";

  ordered_json chart_data = ordered_json::object();
  chart_data["base"] = inputs.summary ? inputs.summary->scenarios.front().name : "";
  chart_data["scenarios"] = ordered_json::array();
  if (inputs.summary)
    for (const auto& sc : inputs.summary->scenarios) chart_data["scenarios"].push_back(sc.name);
  if (inputs.study.is_object() && inputs.study.value("kind", std::string()) == "sweep")
    chart_data["sweep_axis"] = inputs.study["axes"][0].value("pointer", std::string());
  chart_data["charts"] = figures.charts();
  // JSON inside <script>: "<" only occurs in strings, where \u003c reads the same.
  std::string data;
  for (const char c : chart_data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) {
    if (c == '<') data += "\\u003c";
    else data += c;
  }
  std::string page(page_template);
  std::size_t from = 0;
  replace_once(page, from, "<!--homeward:title-->", escape_html(title));
  replace_once(page, from, "<!--homeward:body-->", html);
  replace_once(page, from, "<!--homeward:data-->", data);
  return page;
}

}  // namespace homeward::report
