// The report's sections drawn mostly as charts: delays, DToC reasons and
// agencies, month by month, acute beds and queues (with its table of
// occupancy), and a calibration's fit; and the figures they are drawn in.
#include "sim/report/sections.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include "sim/io/number_text.h"
#include "sim/report/calibration.h"
#include "sim/report/format.h"
#include "sim/report/html.h"

namespace homeward::report {
namespace {

namespace measure = model::measure;

using nlohmann::ordered_json;

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

// One point of a monthly figure: the replications' 5th, 50th and 95th
// percentiles, after the keys that say which scenario and month it is.
ordered_json month_band(ordered_json keys, int days, const std::vector<double>& values) {
  keys["days"] = days;
  keys["p5"] = percentile(values, 0.05);
  keys["p50"] = percentile(values, 0.5);
  keys["p95"] = percentile(values, 0.95);
  return keys;
}

// A month's mean level (beds occupied, patients queueing) from each
// replication's total of days: the total over the month's days in the
// measured period, so that a month it covers in part is not understated.
std::vector<double> per_day(std::vector<double> totals, int days) {
  for (double& t : totals) t /= days;
  return totals;
}

int measured_days(const ScenarioSummary& sc, const MonthValues& m) {
  return days_in_period(m.month, sc.start_date, sc.duration_days);
}

// The services that ever had a queue, in order of their largest mean queue
// over the scenarios; `never` gets the others, escaped for the page.
std::vector<std::string> queued_services(const Summary& summary, std::vector<std::string>& never) {
  std::map<std::string, double> largest;
  std::string service;
  for (const auto& sc : summary.scenarios)
    for (const auto& [name, st] : sc.measures)
      if (measure::kServiceQueueMean.matches(name, &service)) {
        double& most = largest[service];
        most = std::max(most, st.mean);
      }
  std::vector<std::pair<double, std::string>> by_queue;
  for (const auto& [service, mean] : largest) {
    if (mean > 0) by_queue.emplace_back(-mean, service);
    else never.push_back(escape_html(service));
  }
  std::sort(by_queue.begin(), by_queue.end());
  std::vector<std::string> services;
  for (auto& [_, service] : by_queue) services.push_back(std::move(service));
  return services;
}

// Each service's utilisation (docs/measures.md: the share of its capacity in
// use over the measured period) by scenario; empty when no service reports one.
std::string utilisation_table(const Summary& summary) {
  std::map<std::string, double> busiest;  // service -> its highest mean utilisation
  std::string service;
  for (const auto& sc : summary.scenarios)
    for (const auto& [name, st] : sc.measures)
      if (measure::kServiceUtilisation.matches(name, &service)) {
        auto [it, added] = busiest.emplace(service, st.mean);
        if (!added) it->second = std::max(it->second, st.mean);
      }
  if (busiest.empty()) return "";
  std::vector<std::pair<double, std::string>> order;
  for (const auto& [name, most] : busiest) order.emplace_back(std::isfinite(most) ? -most : 0, name);
  std::sort(order.begin(), order.end());
  std::string out = "<table id=\"utilisation-table\">\n<caption>Service utilisation: the share of each service's "
                    "capacity in use over the measured period (mean of " +
                    io::counted(summary.replications, "replication") +
                    ", with the 95% confidence interval below); busiest first</caption>\n<thead><tr>"
                    "<th scope=\"col\">Service</th>";
  for (const auto& sc : summary.scenarios) out += "<th scope=\"col\">" + escape_html(sc.name) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& [_, name] : order) {
    const std::string shown_name = escape_html(name);
    out += fmt::format("<tr data-service=\"{0}\"><th scope=\"row\">{0}</th>", shown_name);
    for (const auto& sc : summary.scenarios)
      out += cell("service." + shown_name + ".utilisation", scaled(sc.find(measure::kServiceUtilisation, name), 100),
                  kPercent);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// Each service's mean queue month by month; none when monthly.csv predates its queue rows.
ordered_json monthly_queue_rows(const Summary& summary, const std::vector<std::string>& services) {
  ordered_json rows = ordered_json::array();
  for (const std::string& service : services)
    for (const auto& sc : summary.scenarios)
      for (const MonthValues& m : sc.months) {
        const auto queue = m.queue_days.find(service);
        const int days = measured_days(sc, m);
        if (queue == m.queue_days.end() || queue->second.empty() || days <= 0) continue;
        rows.push_back(month_band({{"scenario", sc.name}, {"service", service}, {"month", m.month + "-01"}}, days,
                                  per_day(queue->second, days)));
      }
  return rows;
}

}  // namespace

std::string Figures::add(std::string_view chart, std::string_view caption, ordered_json rows) {
  charts_[std::string(chart)] = std::move(rows);
  ++count_;
  return fmt::format(
      "<figure class=\"chart\" id=\"figure-{0}\" data-chart=\"{1}\">\n"
      "<figcaption><strong>Figure {0}.</strong> {2}</figcaption>\n"
      "<div class=\"vis\" role=\"img\" aria-label=\"{3}\"></div>\n"
      "<noscript><p>This chart needs JavaScript; the numbers are also in summary.json and monthly.csv.</p></noscript>\n"
      "</figure>\n",
      count_, chart, caption, escape_html(caption));
}

std::string delays_section(const Summary& summary, Figures& figures) {
  std::string out = "<section id=\"delays\">\n<h2>Delays after medically fit</h2>\n";
  ordered_json delay = ordered_json::array();
  static constexpr std::pair<const model::MeasureInfo*, const char*> kStatistics[] = {
      {&measure::kDelayMean, "Mean"},
      {&measure::kDelayP50, "Median"},
      {&measure::kDelayP90, "90th percentile"},
      {&measure::kDelayP95, "95th percentile"}};
  for (const auto& sc : summary.scenarios)
    for (const auto& [statistic, label] : kStatistics)
      if (const Statistics* st = sc.find(*statistic))
        delay.push_back({{"scenario", sc.name}, {"statistic", label}, {"mean", st->mean}, {"low", st->ci95[0]},
                         {"high", st->ci95[1]}});
  if (!delay.empty())
    out += figures.add(
        "delay",
        "Delay per discharged patient from medically fit to leaving the acute bed: the mean, median, 90th and "
        "95th percentiles of each replication's delays, averaged over the replications, with 95% confidence "
        "intervals. Homeward summarises the delay distribution by these four statistics.",
        std::move(delay));

  ordered_json pathway = ordered_json::array();
  for (const auto& sc : summary.scenarios) {
    for (const auto& [code, label] : kPathways) {
      const Statistics* days = sc.find(measure::kDelayedByPathway, code);
      if (days == nullptr) continue;
      const Statistics* discharges = sc.find(measure::kDischargesByPathway, code);
      const double per = discharges && discharges->mean > 0 ? days->mean / discharges->mean : std::nan("");
      pathway.push_back({{"scenario", sc.name},
                         {"pathway", code},
                         {"label", label},
                         {"value", days->mean * sc.year_scale()},
                         {"low", days->ci95[0] * sc.year_scale()},
                         {"high", days->ci95[1] * sc.year_scale()},
                         {"discharges", discharges ? discharges->mean * sc.year_scale() : std::nan("")},
                         {"per_discharge", per}});
    }
  }
  if (!pathway.empty())
    out += figures.add(
        "pathway",
        "Delayed bed days by discharge pathway: a year, with 95% confidence intervals (left), and per patient "
        "discharged on the pathway (right: the ratio of the means, without an interval). The outputs hold "
        "delayed bed days by pathway, not each pathway's distribution of delays.",
        std::move(pathway));
  return out + "</section>\n";
}

std::string reasons_section(const Summary& summary, Figures& figures) {
  ordered_json by_reason = ordered_json::array(), by_agency = ordered_json::array();
  for (const auto& sc : summary.scenarios) {
    for (std::string_view code : kReasons)
      if (const Statistics* st = sc.find(measure::kDelayedByReason, code))
        by_reason.push_back({{"scenario", sc.name},
                             {"reason", code},
                             {"label", fmt::format("{} {}", code, reason_label(code))},
                             {"value", st->mean * sc.year_scale()}});
    for (const auto& [code, label] : kAgencies)
      if (const Statistics* st = sc.find(measure::kDelayedByAgency, code))
        by_agency.push_back(
            {{"scenario", sc.name}, {"agency", code}, {"label", label}, {"value", st->mean * sc.year_scale()}});
  }
  if (by_reason.empty() && by_agency.empty()) return "";
  std::string out = "<section id=\"reasons\">\n<h2>Why patients wait: DToC reasons and agencies</h2>\n";
  if (!by_reason.empty())
    out += figures.add(
        "reasons",
        "Delayed bed days a year by delayed transfer of care (DToC) reason, stacked for each scenario "
        "(means over the replications). Each segment is labelled with its reason's code where it is wide "
        "enough.",
        std::move(by_reason));
  if (!by_agency.empty())
    out += figures.add("agencies",
                       "Delayed bed days a year by the agency responsible for the delay (NHS, social care or both), "
                       "stacked for each scenario (means over the replications).",
                       std::move(by_agency));
  out += "<p class=\"note\">summary.json splits delayed bed days by reason and by agency separately; monthly.csv "
         "holds DToC delayed days by reason and agency together.</p>\n";
  return out + "</section>\n";
}

std::string monthly_section(const Inputs& inputs, Figures& figures) {
  const Summary& summary = *inputs.summary;
  ordered_json delayed = ordered_json::array(), occupancy = ordered_json::array();
  for (const auto& sc : summary.scenarios) {
    for (const MonthValues& m : sc.months) {
      const int days = measured_days(sc, m);
      if (days <= 0 || m.delayed_days.empty()) continue;
      const ordered_json keys = {{"scenario", sc.name}, {"month", m.month + "-01"}};
      delayed.push_back(month_band(keys, days, m.delayed_days));
      occupancy.push_back(month_band(keys, days, per_day(m.acute_bed_days, days)));
    }
  }
  std::string out = "<section id=\"monthly\">\n<h2>Month by month</h2>\n";
  if (delayed.empty()) {
    const std::string note =
        inputs.monthly_note.empty() ? "monthly.csv has no months of these scenarios." : inputs.monthly_note;
    return out + "<p class=\"note\">" + escape_html(note) + "</p>\n</section>\n";
  }
  out += figures.add(
      "monthly_delayed",
      "Delayed days each month as NHS England's DToC returns count them (ready patients in acute beds at each "
      "midnight, all reasons and agencies): the median of the replications, with the band from the 5th to "
      "the 95th percentile. A month the measured period covers only in part is shown as it is, not scaled.",
      std::move(delayed));
  out += figures.add(
      "monthly_occupancy",
      "Acute beds occupied, the mean of each month (acute bed days in the month divided by its days in the "
      "measured period): the median of the replications, with the band from the 5th to the 95th percentile.",
      std::move(occupancy));
  return out + "</section>\n";
}

std::string capacity_section(const Summary& summary, Figures& figures) {
  std::string out = "<section id=\"capacity\">\n<h2>Acute beds and queues</h2>\n";
  out += "<table id=\"occupancy-table\">\n<caption>Acute beds by scenario: mean of " +
         io::counted(summary.replications, "replication") +
         ", with the 95% confidence interval below</caption>\n<thead><tr><th scope=\"col\">Scenario</th>"
         "<th scope=\"col\">Acute beds occupied, mean (beds)</th><th scope=\"col\">Acute beds occupied, peak "
         "(beds)</th><th scope=\"col\">Delayed share of acute bed days</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < summary.scenarios.size(); ++i) {
    const ScenarioSummary& sc = summary.scenarios[i];
    out += fmt::format("<tr data-scenario=\"{0}\"><th scope=\"row\" data-scenario-index=\"{1}\">{0}</th>",
                       escape_html(sc.name), i);
    out += cell("acute_occupancy_mean", scaled(sc.find(measure::kOccupancyMean), 1), kBeds);
    out += cell("acute_occupancy_peak", scaled(sc.find(measure::kOccupancyPeak), 1), kBeds);
    out += cell("delayed_share_of_bed_days", scaled(sc.find(measure::kDelayedShare), 100), kPercent);
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  out += utilisation_table(summary);

  std::vector<std::string> never;
  const std::vector<std::string> services = queued_services(summary, never);
  ordered_json queues = ordered_json::array();
  for (const std::string& service : services)
    for (const auto& sc : summary.scenarios)
      if (const Statistics* st = sc.find(measure::kServiceQueueMean, service))
        queues.push_back(
            {{"scenario", sc.name}, {"service", service}, {"mean", st->mean}, {"low", st->ci95[0]}, {"high", st->ci95[1]}});
  if (!queues.empty())
    out += figures.add("queues",
                       "Patients waiting in each service's queue, time-averaged over the measured period, with 95% "
                       "confidence intervals; services in order of their longest queue.",
                       std::move(queues));
  if (ordered_json monthly = monthly_queue_rows(summary, services); !monthly.empty())
    out += figures.add("monthly_queues",
                       "Patients waiting in each service's queue, the mean of each month (patient-days in the queue "
                       "in the month divided by its days in the measured period): the median of the replications, "
                       "with the band from the 5th to the 95th percentile; one panel for each service, in the order "
                       "of the figure above, each on its own scale.",
                       std::move(monthly));
  if (!never.empty())
    out += "<p class=\"note\">No patient queued for " + names_list(never) + ".</p>\n";
  return out + "</section>\n";
}

std::string calibration_section(const Inputs& inputs, Figures& figures) {
  if (inputs.fit.empty() && inputs.fit_note.empty() && !inputs.provenance.is_object()) return "";
  std::string out = "<section id=\"calibration\">\n<h2>Calibration: observed against simulated</h2>\n";
  if (!inputs.fit.empty()) {
    ordered_json rows = ordered_json::array();
    for (const FitRow& r : inputs.fit)
      rows.push_back({{"series", r.series},
                      {"month", r.month + "-01"},
                      {"split", r.split},
                      {"observed", r.observed},
                      {"mean", r.mean},
                      {"low", r.low},
                      {"high", r.high}});
    out += figures.add(
        "calibration",
        "Observed monthly series (black: diamonds on the training months, triangles on the test months the "
        "fit never saw) against the calibrated model: the mean of the replications (line) and the band of "
        "their 2.5th to 97.5th percentiles (shaded), from fit.csv.",
        std::move(rows));
  }
  if (!inputs.fit_note.empty()) out += "<p class=\"note\">" + escape_html(inputs.fit_note) + "</p>\n";
  out += calibration_tables_html(inputs.provenance);
  return out + "</section>\n";
}

}  // namespace homeward::report
