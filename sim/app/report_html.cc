#include "sim/app/report_html.h"

#include "sim/app/report_calibration.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

namespace homeward::app::report {
namespace {

using nlohmann::ordered_json;

// How a quantity is shown: rounded to a multiple of `step` with `decimals`
// decimals, between a prefix and a suffix.
struct Format {
  double step;
  int decimals;
  std::string_view prefix, suffix;
};
constexpr Format kDays{0.01, 2, "", ""};
constexpr Format kPercent{0.1, 1, "", "%"};
constexpr Format kWhole{1, 0, "", ""};
constexpr Format kBeds{0.1, 1, "", ""};
constexpr Format kPounds{1000, 0, "\u00a3", ""};  // to the nearest £1,000
constexpr Format kPoundsExact{1, 0, "\u00a3", ""};

std::string shown(double value, const Format& f) {
  if (!std::isfinite(value)) return std::string(kDash);
  const double rounded = std::round(value / f.step) * f.step;
  const std::string digits = grouped(std::fabs(rounded), f.decimals);
  const bool negative = rounded < 0 && digits.find_first_of("123456789") != std::string::npos;
  return fmt::format("{}{}{}{}", negative ? kMinus : "", f.prefix, digits, f.suffix);
}

std::string attribute_number(double value) { return std::isfinite(value) ? fmt::format("{}", value) : ""; }

// A quantity with its 95% CI, in the unit shown.
struct Estimate {
  double value = std::nan("");
  double low = std::nan(""), high = std::nan("");
  bool known() const { return std::isfinite(value); }
};

Estimate scaled(const Statistics* s, double scale) {
  if (s == nullptr) return {};
  return {s->mean * scale, s->low * scale, s->high * scale};
}

// A saving is minus the difference, so its interval is the difference's, negated and swapped.
Estimate saving(const Statistics* d, double scale) {
  if (d == nullptr) return {};
  return {-d->mean * scale, -d->high * scale, -d->low * scale};
}

std::string ci_text(const Estimate& e, const Format& f) {
  return fmt::format("{} to {}", shown(e.low, f), shown(e.high, f));
}

// <td> with the value shown, the 95% CI below it, and the unrounded numbers in
// data- attributes for the browser test.
std::string cell(std::string_view id, const Estimate& e, const Format& f) {
  if (!e.known()) return fmt::format("<td data-measure=\"{}\" data-value=\"\">{}</td>", id, kDash);
  return fmt::format(
      "<td data-measure=\"{}\" data-value=\"{}\" data-low=\"{}\" data-high=\"{}\" data-step=\"{}\">"
      "<span class=\"value\">{}</span><span class=\"ci\">{}</span></td>",
      id, attribute_number(e.value), attribute_number(e.low), attribute_number(e.high), f.step, shown(e.value, f),
      ci_text(e, f));
}

const char* reason_label(std::string_view code) {
  static constexpr std::pair<std::string_view, const char*> kLabels[] = {
      {"A", "Completion of assessment"},      {"B", "Public funding"},
      {"C", "Further non-acute NHS care"},    {"D_i", "Residential home placement"},
      {"D_ii", "Nursing home placement"},     {"E", "Care package in own home"},
      {"F", "Community equipment, adaptations"}, {"G", "Patient or family choice"},
      {"H", "Disputes"},                      {"I", "Housing"},
      {"O", "Other"}};
  for (const auto& [c, label] : kLabels)
    if (c == code) return label;
  return "";
}

constexpr std::pair<std::string_view, std::string_view> kAgencies[] = {
    {"nhs", "NHS"}, {"social_care", "Social care"}, {"both", "Both"}};
constexpr std::pair<std::string_view, std::string_view> kPathways[] = {
    {"P0", "P0: home, no new support"},
    {"P1", "P1: home with support"},
    {"P2", "P2: rehabilitation bed"},
    {"P3", "P3: care home"}};
constexpr std::string_view kReasons[] = {"A", "B", "C", "D_i", "D_ii", "E", "F", "G", "H", "I", "O"};

std::string replications_text(std::uint64_t n) { return fmt::format("{} replication{}", grouped(n, 0), n == 1 ? "" : "s"); }

std::string names_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string end_date(const ScenarioSummary& s) {
  // The last day of the measured period, for the reader (the period ends at its midnight).
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(s.start_date.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return "";
  const std::chrono::sys_days first{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  const std::chrono::year_month_day last{first + std::chrono::days{s.duration_days - 1}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(last.year()), static_cast<unsigned>(last.month()),
                     static_cast<unsigned>(last.day()));
}

// ---- body ----

class Body {
 public:
  explicit Body(const Inputs& inputs)
      : in_(inputs), has_summary_(inputs.summary.has_value()), s_(has_summary_ ? *inputs.summary : kNoSummary) {}

  std::string html(const std::string& title);
  ordered_json data() const { return data_; }

 private:
  std::string header(const std::string& title) const;
  std::string headline();
  std::string findings() const;
  std::string delays();
  std::string reasons();
  std::string monthly();
  std::string capacity();
  std::string calibration();
  std::string about() const;
  std::string figure(std::string_view chart, std::string_view caption, ordered_json rows);

  static inline const Summary kNoSummary{};

  const Inputs& in_;
  const bool has_summary_;
  const Summary& s_;  // empty when !has_summary_ (a calibration's directory)
  ordered_json data_;
  int figures_ = 0;
};

std::string Body::figure(std::string_view chart, std::string_view caption, ordered_json rows) {
  data_["charts"][std::string(chart)] = std::move(rows);
  ++figures_;
  return fmt::format(
      "<figure class=\"chart\" id=\"figure-{0}\" data-chart=\"{1}\">\n"
      "<figcaption><strong>Figure {0}.</strong> {2}</figcaption>\n"
      "<div class=\"vis\" role=\"img\" aria-label=\"{3}\"></div>\n"
      "<noscript><p>This chart needs JavaScript; the numbers are also in summary.json and monthly.csv.</p></noscript>\n"
      "</figure>\n",
      figures_, chart, caption, escape_html(caption));
}

std::string Body::header(const std::string& title) const {
  std::string what;
  if (has_summary_) {
    const ScenarioSummary& base = s_.scenarios.front();
    what = fmt::format(
        "{}; master seed {}. Measured period {} to {} ({} days) after {} days of warm-up.",
        s_.compare ? fmt::format("{} scenarios compared with {}: {} each, paired by common random numbers",
                                 s_.scenarios.size() - 1, escape_html(base.name), replications_text(s_.replications))
                   : fmt::format("{}: {}", escape_html(base.name), replications_text(s_.replications)),
        s_.seed, base.start_date, end_date(base), grouped(base.duration_days, 0), grouped(base.warmup_days, 0));
  } else {
    const nlohmann::json& p = in_.provenance;
    what = "A calibration: the model's monthly series fitted to observed ones.";
    if (p.is_object() && p.contains("replications") && p["replications"].is_number_unsigned() && p.contains("seed"))
      what = fmt::format("A calibration: {} a point of the search, master seed {}.",
                         replications_text(p["replications"].get<std::uint64_t>()), p["seed"].dump());
  }
  return fmt::format("<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n</header>\n", escape_html(title), what);
}

std::string Body::headline() {
  const ScenarioSummary& base = s_.scenarios.front();
  std::string out = "<section id=\"headline\">\n<h2>Headline</h2>\n";
  out += findings();
  out += "<table id=\"headline-table\">\n<caption>Headline measures by scenario: mean of " +
         replications_text(s_.replications) + ", with the 95% confidence interval below</caption>\n<thead><tr>"
         "<th scope=\"col\">Scenario</th><th scope=\"col\">Mean delay after medically fit (days)</th>"
         "<th scope=\"col\">Discharged within 1 day of medically fit</th>"
         "<th scope=\"col\">Delayed bed days a year</th>";
  if (s_.compare)
    out += fmt::format(
        "<th scope=\"col\">Acute bed days saved a year against {0}</th>"
        "<th scope=\"col\">Value of the bed days saved a year</th>"
        "<th scope=\"col\">Net saving a year, service costs included</th>",
        escape_html(base.name));
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < s_.scenarios.size(); ++i) {
    const ScenarioSummary& sc = s_.scenarios[i];
    const double year = sc.year_scale();
    out += fmt::format("<tr data-scenario=\"{0}\"><th scope=\"row\" data-scenario-index=\"{1}\">{0}</th>",
                       escape_html(sc.name), i);
    out += cell("delay_days_mean", scaled(sc.find("delay_days_mean"), 1), kDays);
    out += cell("discharged_within_1_day_share", scaled(sc.find("discharged_within_1_day_share"), 100), kPercent);
    out += cell("delayed_bed_days_per_year", scaled(sc.find("delayed_bed_days"), year), kWhole);
    if (s_.compare) {
      if (i == 0) {
        out += "<td class=\"base\" colspan=\"3\">the base of the comparison</td>";
      } else {
        out += cell("acute_bed_days_saved_per_year", saving(sc.find_difference("acute_bed_days"), year), kWhole);
        out += cell("bed_days_saved_value_per_year",
                    saving(sc.find_difference("acute_bed_days"), year * sc.cost_per_bed_day()), kPounds);
        out += cell("net_saving_per_year", saving(sc.find_difference("cost_total"), year), kPounds);
      }
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<p class=\"note\">";
  out += "Delay: from the moment a patient is medically fit for discharge (MFFD) to leaving the acute bed, per "
         "discharged patient. Delayed bed days: the time ready patients spend in acute beds, scaled to 365 days.";
  if (s_.compare)
    out += fmt::format(
        " Savings are against {0}, replication by replication with common random numbers: acute bed days saved = "
        "minus the difference in acute bed days, scaled to a year; their value is at each scenario's cost per acute "
        "bed day; the net saving is minus the difference in total cost (acute bed days plus every service's costs), "
        "so what a lever spends is netted off. Money is rounded to the nearest \u00a31,000.",
        escape_html(base.name));
  out += " Definitions: docs/measures.md.</p>\n</section>\n";
  return out;
}

std::string Body::findings() const {
  std::string out = "<ul class=\"findings\">\n";
  const ScenarioSummary& base = s_.scenarios.front();
  const auto mean_of = [](const ScenarioSummary& sc, const char* m, double scale) {
    const Statistics* s = sc.find(m);
    return s ? s->mean * scale : std::nan("");
  };
  if (!s_.compare) {
    out += fmt::format(
        "<li><strong>{}</strong>: a mean delay of {} days after medically fit; {} of patients discharged within "
        "1 day; {} delayed bed days a year, {} of acute bed days.</li>\n",
        escape_html(base.name), shown(mean_of(base, "delay_days_mean", 1), kDays),
        shown(mean_of(base, "discharged_within_1_day_share", 100), kPercent),
        shown(mean_of(base, "delayed_bed_days", base.year_scale()), kWhole),
        shown(mean_of(base, "delayed_share_of_bed_days", 100), kPercent));
  }
  for (std::size_t i = 1; i < s_.scenarios.size(); ++i) {
    const ScenarioSummary& sc = s_.scenarios[i];
    const double from = mean_of(base, "delayed_bed_days", base.year_scale());
    const double to = mean_of(sc, "delayed_bed_days", sc.year_scale());
    const double change = from > 0 ? (to - from) / from * 100 : std::nan("");
    const Estimate saved = saving(sc.find_difference("acute_bed_days"), sc.year_scale());
    const Estimate value = saving(sc.find_difference("acute_bed_days"), sc.year_scale() * sc.cost_per_bed_day());
    const Estimate net = saving(sc.find_difference("cost_total"), sc.year_scale());
    out += fmt::format(
        "<li><strong>{}</strong>: delayed bed days {} {} against {} ({} \u2192 {} a year), and the mean delay "
        "goes from {} to {} days. Acute bed days saved: {} a year (95% CI {}), worth {} at {} a bed day. "
        "Net of the services' costs: {} a year (95% CI {}).</li>\n",
        escape_html(sc.name), change <= 0 ? "fall by" : "rise by", shown(std::fabs(change), Format{1, 0, "", "%"}),
        escape_html(base.name), shown(from, kWhole), shown(to, kWhole),
        shown(mean_of(base, "delay_days_mean", 1), kDays), shown(mean_of(sc, "delay_days_mean", 1), kDays),
        shown(saved.value, kWhole), ci_text(saved, kWhole), shown(value.value, kPounds),
        shown(sc.cost_per_bed_day(), kPoundsExact), shown(net.value, kPounds), ci_text(net, kPounds));
  }
  return out + "</ul>\n";
}

std::string Body::delays() {
  std::string out = "<section id=\"delays\">\n<h2>Delays after medically fit</h2>\n";
  ordered_json delay = ordered_json::array();
  static constexpr std::pair<const char*, const char*> kStatistics[] = {{"delay_days_mean", "Mean"},
                                                                        {"delay_days_p50", "Median"},
                                                                        {"delay_days_p90", "90th percentile"},
                                                                        {"delay_days_p95", "95th percentile"}};
  for (const auto& sc : s_.scenarios)
    for (const auto& [measure, label] : kStatistics)
      if (const Statistics* st = sc.find(measure))
        delay.push_back({{"scenario", sc.name}, {"statistic", label}, {"mean", st->mean}, {"low", st->low},
                         {"high", st->high}});
  if (!delay.empty())
    out += figure("delay",
                  "Delay per discharged patient from medically fit to leaving the acute bed: the mean, median, 90th and "
                  "95th percentiles of each replication's delays, averaged over the replications, with 95% confidence "
                  "intervals. Homeward summarises the delay distribution by these four statistics.",
                  std::move(delay));

  ordered_json pathway = ordered_json::array();
  for (const auto& sc : s_.scenarios) {
    for (const auto& [code, label] : kPathways) {
      const Statistics* days = sc.find("delayed_bed_days.pathway." + std::string(code));
      if (days == nullptr) continue;
      const Statistics* discharges = sc.find("discharges.pathway." + std::string(code));
      const double per = discharges && discharges->mean > 0 ? days->mean / discharges->mean : std::nan("");
      pathway.push_back({{"scenario", sc.name},
                         {"pathway", code},
                         {"label", label},
                         {"value", days->mean * sc.year_scale()},
                         {"low", days->low * sc.year_scale()},
                         {"high", days->high * sc.year_scale()},
                         {"discharges", discharges ? discharges->mean * sc.year_scale() : std::nan("")},
                         {"per_discharge", per}});
    }
  }
  if (!pathway.empty())
    out += figure("pathway",
                  "Delayed bed days by discharge pathway: a year, with 95% confidence intervals (left), and per patient "
                  "discharged on the pathway (right: the ratio of the means, without an interval). The outputs hold "
                  "delayed bed days by pathway, not each pathway's distribution of delays.",
                  std::move(pathway));
  return out + "</section>\n";
}

std::string Body::reasons() {
  ordered_json by_reason = ordered_json::array(), by_agency = ordered_json::array();
  for (const auto& sc : s_.scenarios) {
    for (std::string_view code : kReasons)
      if (const Statistics* st = sc.find("delayed_bed_days.reason." + std::string(code)))
        by_reason.push_back({{"scenario", sc.name},
                             {"reason", code},
                             {"label", fmt::format("{} {}", code, reason_label(code))},
                             {"value", st->mean * sc.year_scale()}});
    for (const auto& [code, label] : kAgencies)
      if (const Statistics* st = sc.find("delayed_bed_days.agency." + std::string(code)))
        by_agency.push_back(
            {{"scenario", sc.name}, {"agency", code}, {"label", label}, {"value", st->mean * sc.year_scale()}});
  }
  if (by_reason.empty() && by_agency.empty()) return "";
  std::string out = "<section id=\"reasons\">\n<h2>Why patients wait: DToC reasons and agencies</h2>\n";
  if (!by_reason.empty())
    out += figure("reasons",
                  "Delayed bed days a year by delayed transfer of care (DToC) reason, stacked for each scenario "
                  "(means over the replications). Each segment is labelled with its reason's code where it is wide "
                  "enough.",
                  std::move(by_reason));
  if (!by_agency.empty())
    out += figure("agencies",
                  "Delayed bed days a year by the agency responsible for the delay (NHS, social care or both), "
                  "stacked for each scenario (means over the replications).",
                  std::move(by_agency));
  out += "<p class=\"note\">summary.json splits delayed bed days by reason and by agency separately; monthly.csv "
         "holds DToC delayed days by reason and agency together.</p>\n";
  return out + "</section>\n";
}

std::string Body::monthly() {
  ordered_json delayed = ordered_json::array(), occupancy = ordered_json::array();
  for (const auto& sc : s_.scenarios) {
    const auto it = in_.monthly.find(sc.name);
    if (it == in_.monthly.end()) continue;
    for (const MonthValues& m : it->second) {
      const int days = days_in_period(m.month, sc.start_date, sc.duration_days);
      if (days <= 0 || m.delayed_days.empty()) continue;
      const std::string month = m.month + "-01";
      delayed.push_back({{"scenario", sc.name},
                         {"month", month},
                         {"days", days},
                         {"p5", percentile(m.delayed_days, 0.05)},
                         {"p50", percentile(m.delayed_days, 0.5)},
                         {"p95", percentile(m.delayed_days, 0.95)}});
      std::vector<double> beds = m.acute_bed_days;
      for (double& b : beds) b /= days;
      occupancy.push_back({{"scenario", sc.name},
                           {"month", month},
                           {"days", days},
                           {"p5", percentile(beds, 0.05)},
                           {"p50", percentile(beds, 0.5)},
                           {"p95", percentile(beds, 0.95)}});
    }
  }
  std::string out = "<section id=\"monthly\">\n<h2>Month by month</h2>\n";
  if (delayed.empty()) {
    const std::string note = in_.monthly_note.empty() ? "monthly.csv has no months of these scenarios."
                                                      : in_.monthly_note;
    return out + "<p class=\"note\">" + escape_html(note) + "</p>\n</section>\n";
  }
  out += figure("monthly_delayed",
                "Delayed days each month as NHS England's DToC returns count them (ready patients in acute beds at each "
                "midnight, all reasons and agencies): the median of the replications, with the band from the 5th to "
                "the 95th percentile. A month the measured period covers only in part is shown as it is, not scaled.",
                std::move(delayed));
  out += figure("monthly_occupancy",
                "Acute beds occupied, the mean of each month (acute bed days in the month divided by its days in the "
                "measured period): the median of the replications, with the band from the 5th to the 95th percentile.",
                std::move(occupancy));
  return out + "</section>\n";
}

std::string Body::capacity() {
  std::string out = "<section id=\"capacity\">\n<h2>Acute beds and queues</h2>\n";
  out += "<table id=\"occupancy-table\">\n<caption>Acute beds by scenario: mean of " +
         replications_text(s_.replications) +
         ", with the 95% confidence interval below</caption>\n<thead><tr><th scope=\"col\">Scenario</th>"
         "<th scope=\"col\">Acute beds occupied, mean (beds)</th><th scope=\"col\">Acute beds occupied, peak "
         "(beds)</th><th scope=\"col\">Delayed share of acute bed days</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < s_.scenarios.size(); ++i) {
    const ScenarioSummary& sc = s_.scenarios[i];
    out += fmt::format("<tr data-scenario=\"{0}\"><th scope=\"row\" data-scenario-index=\"{1}\">{0}</th>",
                       escape_html(sc.name), i);
    out += cell("acute_occupancy_mean", scaled(sc.find("acute_occupancy_mean"), 1), kBeds);
    out += cell("acute_occupancy_peak", scaled(sc.find("acute_occupancy_peak"), 1), kBeds);
    out += cell("delayed_share_of_bed_days", scaled(sc.find("delayed_share_of_bed_days"), 100), kPercent);
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";

  // Services in order of their largest mean queue; those never queued are left out.
  std::map<std::string, double> largest;
  for (const auto& sc : s_.scenarios)
    for (const auto& [name, st] : sc.measures)
      if (name.starts_with("service.") && name.ends_with(".queue_mean"))
        largest[name.substr(8, name.size() - 8 - 11)] =
            std::max(largest[name.substr(8, name.size() - 8 - 11)], st.mean);
  std::vector<std::pair<double, std::string>> services;
  std::vector<std::string> never;
  for (const auto& [service, mean] : largest) {
    if (mean > 0) services.emplace_back(-mean, service);
    else never.push_back(escape_html(service));
  }
  std::sort(services.begin(), services.end());
  ordered_json queues = ordered_json::array();
  for (const auto& [_, service] : services)
    for (const auto& sc : s_.scenarios)
      if (const Statistics* st = sc.find("service." + service + ".queue_mean"))
        queues.push_back(
            {{"scenario", sc.name}, {"service", service}, {"mean", st->mean}, {"low", st->low}, {"high", st->high}});
  if (!queues.empty())
    out += figure("queues",
                  "Patients waiting in each service's queue, time-averaged over the measured period, with 95% "
                  "confidence intervals; services in order of their longest queue.",
                  std::move(queues));
  if (!never.empty())
    out += "<p class=\"note\">No patient queued for " + names_list(never) + ".</p>\n";
  return out + "</section>\n";
}

std::string Body::calibration() {
  if (in_.fit.empty() && in_.fit_note.empty() && !in_.provenance.is_object()) return "";
  std::string out = "<section id=\"calibration\">\n<h2>Calibration: observed against simulated</h2>\n";
  if (!in_.fit.empty()) {
    ordered_json rows = ordered_json::array();
    for (const FitRow& r : in_.fit)
      rows.push_back({{"series", r.series},
                      {"month", r.month + "-01"},
                      {"split", r.split},
                      {"observed", r.observed},
                      {"mean", r.mean},
                      {"low", r.low},
                      {"high", r.high}});
    out += figure("calibration",
                  "Observed monthly series (black: diamonds on the training months, triangles on the test months the "
                  "fit never saw) against the calibrated model: the mean of the replications (line) and the band of "
                  "their 2.5th to 97.5th percentiles (shaded), from fit.csv.",
                  std::move(rows));
  }
  if (!in_.fit_note.empty()) out += "<p class=\"note\">" + escape_html(in_.fit_note) + "</p>\n";
  out += calibration_tables_html(in_.provenance);
  return out + "</section>\n";
}

std::string Body::about() const {
  std::string out = "<section id=\"about\">\n<h2>About this run</h2>\n<dl class=\"about\">\n";
  const auto row = [&](std::string_view term, const std::string& value) {
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", term, value);
  };
  const auto text_of = [](const nlohmann::json& object, const char* key) -> std::string {
    if (!object.is_object() || !object.contains(key)) return "";
    const auto& v = object[key];
    return escape_html(v.is_string() ? v.get<std::string>() : v.dump());
  };
  const ordered_json& info = in_.run_info;
  if (has_summary_) {
    std::vector<std::string> names;
    for (const auto& sc : s_.scenarios) names.push_back(escape_html(sc.name));
    row(s_.compare ? "Scenarios (base first)" : "Scenario", names_list(names));
    if (info.is_object() && info.contains("scenario_files") && info["scenario_files"].is_array()) {
      std::vector<std::string> files;
      for (const auto& f : info["scenario_files"])
        files.push_back(escape_html(f.is_string() ? f.get<std::string>() : f.dump()));
      row("Scenario files", names_list(files));
    }
    row("Replications", grouped(static_cast<double>(s_.replications), 0));
    row("Master seed", std::to_string(s_.seed));
  }
  const std::string version = text_of(info, "version");
  row("Homeward version", version.empty() ? "not recorded (no run-info.json)" : version);
  for (const auto& sc : s_.scenarios) {
    const double cost = sc.cost_per_bed_day();
    row(escape_html(sc.name),
        fmt::format("measured {} to {} after {} days of warm-up; {} per acute bed day", sc.start_date, end_date(sc),
                    grouped(sc.warmup_days, 0), cost > 0 ? shown(cost, kPoundsExact) : std::string(kDash)));
  }
  if (info.is_object() && info.contains("wall_seconds") && info["wall_seconds"].is_number())
    row("Run", fmt::format("{} s on {} with {} threads", grouped(info["wall_seconds"].get<double>(), 1),
                           text_of(info, "host"), text_of(info, "threads")));
  const nlohmann::json& p = in_.provenance;
  if (p.is_object()) {
    row("Calibration file", text_of(p, "calibration_file"));
    row("Calibrated scenario", text_of(p, "scenario_file"));
    if (p.contains("data")) row("Observed data", text_of(p["data"], "file"));
    if (p.contains("train")) row("Training months", text_of(p["train"], "from") + " to " + text_of(p["train"], "to"));
    if (p.contains("test")) row("Test months", text_of(p["test"], "from") + " to " + text_of(p["test"], "to"));
    if (!has_summary_) {
      row("Replications", text_of(p, "replications"));
      row("Master seed", text_of(p, "seed"));
    }
    if (p.contains("date")) row("Calibrated on", text_of(p, "date"));
  }
  return out + "</dl>\n</section>\n";
}

std::string Body::html(const std::string& title) {
  data_ = ordered_json::object();
  data_["base"] = has_summary_ ? s_.scenarios.front().name : "";
  data_["scenarios"] = ordered_json::array();
  for (const auto& sc : s_.scenarios) data_["scenarios"].push_back(sc.name);
  data_["charts"] = ordered_json::object();
  std::string out = header(title);
  out += "<main>\n";
  if (has_summary_) {
    out += headline();
    out += delays();
    out += reasons();
    out += monthly();
    out += capacity();
  }
  out += calibration();
  out += about();
  out += "</main>\n";
  return out;
}

void replace_once(std::string& page, std::size_t& from, std::string_view marker, std::string_view text) {
  const std::size_t at = page.find(marker, from);
  if (at == std::string::npos) throw std::logic_error(fmt::format("report page template lacks {}", marker));
  page.replace(at, marker.size(), text);
  from = at + text.size();
}

}  // namespace

std::string grouped(double value, int decimals) {
  const std::string plain = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t digits = std::min(plain.find('.'), plain.size());
  std::string text;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    if (i > 0 && i < digits && (digits - i) % 3 == 0) text += ',';
    text += plain[i];
  }
  const bool negative = value < 0 && text.find_first_of("123456789") != std::string::npos;
  return negative ? std::string(kMinus) + text : text;
}

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
  Body body(inputs);
  const std::string html = body.html(title);
  // JSON inside <script>: "<" only occurs in strings, where \u003c reads the same.
  std::string data;
  for (const char c : body.data().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) {
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

}  // namespace homeward::app::report
