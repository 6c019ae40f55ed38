// The report's headline section: the findings in words (a run's measures, or
// each scenario against the base), then the table of headline measures with,
// for a compare, the savings.
#include "sim/report/sections.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/io/number_text.h"
#include "sim/report/format.h"
#include "sim/report/html.h"

namespace homeward::report {
namespace {

namespace measure = model::measure;

std::string money_finding(const ScenarioSummary& sc);

std::string findings(const Summary& summary) {
  std::string out = "<ul class=\"findings\">\n";
  const ScenarioSummary& base = summary.scenarios.front();
  const auto mean_of = [](const ScenarioSummary& sc, const model::MeasureInfo& m, double scale) {
    const Statistics* s = sc.find(m);
    return s ? s->mean * scale : std::nan("");
  };
  if (!summary.compare) {
    out += fmt::format(
        "<li><strong>{}</strong>: a mean delay of {} days after medically fit; {} of patients discharged within "
        "1 day; {} delayed bed days a year, {} of acute bed days.</li>\n",
        escape_html(base.name), shown(mean_of(base, measure::kDelayMean, 1), kDays),
        shown(mean_of(base, measure::kWithinOneDayShare, 100), kPercent),
        shown(mean_of(base, measure::kDelayedBedDays, base.year_scale()), kWhole),
        shown(mean_of(base, measure::kDelayedShare, 100), kPercent));
  }
  for (std::size_t i = 1; i < summary.scenarios.size(); ++i) {
    const ScenarioSummary& sc = summary.scenarios[i];
    const double from = mean_of(base, measure::kDelayedBedDays, base.year_scale());
    const double to = mean_of(sc, measure::kDelayedBedDays, sc.year_scale());
    const double change = from > 0 ? (to - from) / from * 100 : std::nan("");
    const Estimate saved = saving(sc.find_difference(measure::kAcuteBedDays), sc.year_scale());
    const Estimate value = saving(sc.find_difference(measure::kAcuteBedDays), sc.year_scale() * sc.cost_per_bed_day());
    const Estimate net = saving(sc.find_difference(measure::kCostTotal), sc.year_scale());
    out += fmt::format(
        "<li><strong>{}</strong>: delayed bed days {} {} against {} ({} \u2192 {} a year), and the mean delay "
        "goes from {} to {} days. Acute bed days saved: {} a year (95% CI {}), worth {} at {} a bed day. "
        "Net of the services' costs: {} a year (95% CI {}).{}</li>\n",
        escape_html(sc.name), change <= 0 ? "fall by" : "rise by", shown(std::fabs(change), Format{1, 0, "", "%"}),
        escape_html(base.name), shown(from, kWhole), shown(to, kWhole),
        shown(mean_of(base, measure::kDelayMean, 1), kDays), shown(mean_of(sc, measure::kDelayMean, 1), kDays),
        shown(saved.value, kWhole), ci_text(saved, kWhole), shown(value.value, kPounds),
        shown(sc.cost_per_bed_day(), kPoundsExact), shown(net.value, kPounds), ci_text(net, kPounds),
        money_finding(sc));
  }
  return out + "</ul>\n";
}

// What the lever costs and returns, in words (a sentence that follows the
// savings); nothing when the outputs predate these measures.
std::string money_finding(const ScenarioSummary& sc) {
  const Statistics* extra = sc.find_difference(measure::kCostServices);
  const Statistics* per_day = sc.find_difference(measure::kCostPerBedDaySaved);
  const Statistics* roi = sc.find_difference(measure::kReturnOnInvestment);
  if (extra == nullptr || per_day == nullptr || roi == nullptr) return "";
  const Estimate spend = scaled(extra, sc.year_scale());
  std::string text = fmt::format(" Its services cost {} a year {} (95% CI {})", shown(std::fabs(spend.value), kPounds),
                                 spend.value >= 0 ? "more" : "less", ci_text(spend, kPounds));
  if (!std::isfinite(per_day->mean)) {
    text += ", and it saves no acute bed days on average";
  } else if (per_day->mean >= 0) {
    text += fmt::format(": {} for each acute bed day saved (95% CI {})", shown(per_day->mean, kPoundsExact),
                        ci_text(scaled(per_day, 1), kPoundsExact));
  }
  text += std::isfinite(roi->mean) ? fmt::format("; a return on investment of {} (95% CI {}).",
                                                 shown(roi->mean * 100, kWholePercent),
                                                 ci_text(scaled(roi, 100), kWholePercent))
                                   : std::string(".");
  return text;
}

// The money of each lever against the base: spending, value, net saving,
// cost per acute bed day saved and return on investment.
std::string money_table(const Summary& summary) {
  const ScenarioSummary& base = summary.scenarios.front();
  std::string out = fmt::format(
      "<table id=\"money-table\">\n<caption>Money against {}: mean of {}, with the 95% confidence interval "
      "below</caption>\n<thead><tr><th scope=\"col\">Scenario</th>"
      "<th scope=\"col\">Extra service cost a year</th><th scope=\"col\">Value of the acute bed days saved a year</th>"
      "<th scope=\"col\">Net saving a year</th><th scope=\"col\">Cost per acute bed day saved</th>"
      "<th scope=\"col\">Return on investment</th></tr></thead>\n<tbody>\n",
      escape_html(base.name), io::counted(summary.replications, "replication"));
  for (std::size_t i = 1; i < summary.scenarios.size(); ++i) {
    const ScenarioSummary& sc = summary.scenarios[i];
    const double year = sc.year_scale();
    out += fmt::format("<tr data-scenario=\"{0}\"><th scope=\"row\" data-scenario-index=\"{1}\">{0}</th>",
                       escape_html(sc.name), i);
    out += cell("extra_service_cost_per_year", scaled(sc.find_difference(measure::kCostServices), year), kPounds);
    out += cell("bed_days_saved_value_per_year_money",
                saving(sc.find_difference(measure::kAcuteBedDays), year * sc.cost_per_bed_day()), kPounds);
    out += cell("net_saving_per_year_money", scaled(sc.find_difference(measure::kNetSaving), year), kPounds);
    out += cell("cost_per_acute_bed_day_saved", scaled(sc.find_difference(measure::kCostPerBedDaySaved), 1),
                kPoundsExact);
    out += cell("return_on_investment", scaled(sc.find_difference(measure::kReturnOnInvestment), 100), kWholePercent);
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<p class=\"note\">Extra service cost: the paired difference in the services' costs "
         "(staffed capacity paid whether used or not, use, and set-up), scaled to a year. Net saving: the value of the "
         "acute bed days saved less the extra service cost. Cost per acute bed day saved: the mean extra service cost "
         "over the mean acute bed days saved; return on investment: the mean net saving over the mean extra service "
         "cost, as a percentage. Both are ratios of means with Fieller's 95% interval, shown as a dash when the lever "
         "saves no bed days or spends no more, and as unbounded when the replications cannot tell the denominator "
         "from zero.</p>\n";
  return out;
}

}  // namespace

std::string headline_section(const Summary& summary) {
  const ScenarioSummary& base = summary.scenarios.front();
  std::string out = "<section id=\"headline\">\n<h2>Headline</h2>\n";
  out += findings(summary);
  out += "<table id=\"headline-table\">\n<caption>Headline measures by scenario: mean of " +
         io::counted(summary.replications, "replication") +
         ", with the 95% confidence interval below</caption>\n<thead><tr>"
         "<th scope=\"col\">Scenario</th><th scope=\"col\">Mean delay after medically fit (days)</th>"
         "<th scope=\"col\">Discharged within 1 day of medically fit</th>"
         "<th scope=\"col\">Delayed bed days a year</th>";
  if (summary.compare)
    out += fmt::format(
        "<th scope=\"col\">Acute bed days saved a year against {0}</th>"
        "<th scope=\"col\">Value of the bed days saved a year</th>"
        "<th scope=\"col\">Net saving a year, service costs included</th>",
        escape_html(base.name));
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < summary.scenarios.size(); ++i) {
    const ScenarioSummary& sc = summary.scenarios[i];
    const double year = sc.year_scale();
    out += fmt::format("<tr data-scenario=\"{0}\"><th scope=\"row\" data-scenario-index=\"{1}\">{0}</th>",
                       escape_html(sc.name), i);
    out += cell("delay_days_mean", scaled(sc.find(measure::kDelayMean), 1), kDays);
    out += cell("discharged_within_1_day_share", scaled(sc.find(measure::kWithinOneDayShare), 100), kPercent);
    out += cell("delayed_bed_days_per_year", scaled(sc.find(measure::kDelayedBedDays), year), kWhole);
    if (summary.compare) {
      if (i == 0) {
        out += "<td class=\"base\" colspan=\"3\">the base of the comparison</td>";
      } else {
        out += cell("acute_bed_days_saved_per_year", saving(sc.find_difference(measure::kAcuteBedDays), year), kWhole);
        out += cell("bed_days_saved_value_per_year",
                    saving(sc.find_difference(measure::kAcuteBedDays), year * sc.cost_per_bed_day()), kPounds);
        out += cell("net_saving_per_year", saving(sc.find_difference(measure::kCostTotal), year), kPounds);
      }
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<p class=\"note\">";
  out += "Delay: from the moment a patient is medically fit for discharge (MFFD) to leaving the acute bed, per "
         "discharged patient. Delayed bed days: the time ready patients spend in acute beds, scaled to 365 days.";
  if (summary.compare)
    out += fmt::format(
        " Savings are against {0}, replication by replication with common random numbers: acute bed days saved = "
        "minus the difference in acute bed days, scaled to a year; their value is at each scenario's cost per acute "
        "bed day; the net saving is minus the difference in total cost (acute bed days plus every service's costs), "
        "so what a lever spends is netted off. Money is rounded to the nearest \u00a31,000.",
        escape_html(base.name));
  out += " Definitions: docs/measures.md.</p>\n";
  if (summary.compare) out += money_table(summary);
  out += "</section>\n";
  return out;
}

}  // namespace homeward::report
