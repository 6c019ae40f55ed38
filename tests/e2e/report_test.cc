// End-to-end: `homeward report` and `--report` on real outputs, and the page in
// Debian's headless Chromium (report/test/check_report.mjs, through
// playwright-core; nothing is downloaded). The browser test skips, saying why,
// only where Chromium, Node.js or report/node_modules is missing; the README's
// test command (scripts/quickstart.sh test) installs them.
#include <gtest/gtest.h>

#include "support/e2e_support.h"
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSource = HOMEWARD_SOURCE_DIR;
const std::string kScenarios = kSource + "/scenarios/";
constexpr const char* kBuiltWithout = "built without the report's chart libraries";

using homeward::testing::e2e::Outcome;
using homeward::testing::e2e::shell;
using homeward::testing::e2e::slurp;

fs::path scratch(const std::string& name) { return homeward::testing::e2e::scratch("homeward_report", name); }


Outcome homeward(const std::string& args, const fs::path& dir) {
  return shell(std::string(HOMEWARD_BINARY) + " " + args, dir);
}

// The JSON the page's charts are drawn from.
json page_data(const std::string& html) {
  const std::string open = "<script id=\"homeward-data\" type=\"application/json\">";
  const std::size_t from = html.find(open);
  if (from == std::string::npos) return nullptr;
  const std::size_t to = html.find("</script>", from);
  return json::parse(html.substr(from + open.size(), to - from - open.size()));
}

// data-value of the headline cell of `measure` in the row of `scenario`.
double cell_value(const std::string& html, const std::string& scenario, const std::string& measure) {
  const std::size_t row = html.find("<tr data-scenario=\"" + scenario + "\">");
  if (row == std::string::npos) return std::nan("");
  const std::size_t end = html.find("</tr>", row);
  std::smatch match;
  const std::string text = html.substr(row, end - row);
  const std::regex pattern("data-measure=\"" + measure + "\" data-value=\"([^\"]*)\"");
  return std::regex_search(text, match, pattern) ? std::stod(match[1].str()) : std::nan("");
}

// The page with the text inside each <script> element removed (the tags stay).
std::string without_script_text(const std::string& html) {
  std::string out;
  std::size_t at = 0;
  for (;;) {
    const std::size_t open = html.find("<script", at);
    if (open == std::string::npos) break;
    const std::size_t tag_end = html.find('>', open);
    const std::size_t close = html.find("</script>", tag_end);
    if (tag_end == std::string::npos || close == std::string::npos) break;
    out += html.substr(at, tag_end + 1 - at);
    at = close;
  }
  return out + html.substr(at);
}

// A calibration's output directory as `homeward calibrate --out` writes it
// (fit.csv and provenance.json; no summary.json): two series over 24 months,
// the last 6 held out, one month unobserved.
void write_calibration_outputs(const fs::path& dir) {
  fs::create_directories(dir);
  std::ofstream fit(dir / "fit.csv");
  fit << "month,series,split,observed,simulated_mean,simulated_p2_5,simulated_p97_5\n";
  for (int i = 0; i < 24; ++i) {
    const int year = 2017 + (3 + i) / 12, month = (3 + i) % 12 + 1;
    const char* split = i < 18 ? "train" : "test";
    const double seasonal = 100 * std::sin(i / 12.0 * 6.283);
    char when[8];
    std::snprintf(when, sizeof when, "%04d-%02d", year, month);
    fit << when << ",social care," << split << "," << (i == 7 ? std::string() : std::to_string(600 + seasonal + i % 5 * 9))
        << "," << 610 + seasonal << "," << 520 + seasonal << "," << 700 + seasonal << "\n";
    fit << when << ",\"NHS, all reasons\"," << split << "," << 900 - seasonal + i % 3 * 11 << "," << 880 - seasonal
        << "," << 780 - seasonal << "," << 990 - seasonal << "\n";
  }
  std::ofstream(dir / "provenance.json") << R"({
  "tool": "homeward calibrate", "date": "2026-11-20", "calibration_file": "calibration/kent.json",
  "scenario_file": "scenarios/kent.json", "data": {"file": "data/dtoc.csv", "layout": "tidy"},
  "train": {"from": "2017-04", "to": "2018-09"}, "test": {"from": "2018-10", "to": "2019-03"},
  "replications": 8, "final_replications": 40, "seed": 11,
  "parameters": [{"name": "home care hours", "start": 1200, "value": 1350.5, "lower": 800, "upper": 2000,
                  "interval95": [1290.1, 1410.9]},
                 {"name": "assessment delay", "start": 1, "value": 0.62, "lower": 0.2, "upper": 3,
                  "interval95": [null, null], "near_bound": "lower", "restart_min": 0.55, "restart_max": 0.71}],
  "statistics": [{"series": "social care", "split": "train", "months": 17, "mape_percent": 3.2,
                  "flat_forecast_mape_percent": 7.45, "rmse_days": 21.5,
                  "bias_days": -2.1, "bias_percent": -0.4},
                 {"series": "social care", "split": "test", "months": 6, "mape_percent": 5.9, "rmse_days": 35.0,
                  "bias_days": 8.0, "bias_percent": 1.3}]
})";
}

// Why the browser tests cannot run here, or "" when they can.
std::string browser_missing(const std::string& chromium) {
  if (!fs::exists(chromium))
    return "no Chromium at " + chromium + ": install Debian's chromium package (scripts/quickstart.sh test does) " +
           "or set HOMEWARD_CHROMIUM";
  if (std::system("command -v node >/dev/null 2>&1") != 0)
    return "no Node.js: install nodejs and npm (scripts/quickstart.sh test does)";
  if (!fs::exists(fs::path(kSource) / "report" / "node_modules" / "playwright-core" / "package.json"))
    return "report/node_modules lacks playwright-core: run `npm ci --prefix report` (scripts/quickstart.sh test "
           "does; it needs the npm registry)";
  return "";
}

bool browser_ready(const std::string& chromium) { return browser_missing(chromium).empty(); }

#define SKIP_IF_BUILT_WITHOUT_CHARTS(outcome)                                                   \
  if ((outcome).exit_code == 1 && (outcome).err.find(kBuiltWithout) != std::string::npos)      \
  GTEST_SKIP() << "homeward was built without report/node_modules (no npm registry?): " << (outcome).err

TEST(Report, CompareWithReportFlagWritesOneSelfContainedPage) {
  const fs::path dir = scratch("compare");
  const Outcome run = homeward("compare " + kScenarios + "baseline.json " + kScenarios +
                                   "hart.json --replications 3 --seed 5 --quiet --report --out " + dir.string(),
                               dir);
  SKIP_IF_BUILT_WITHOUT_CHARTS(run);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = slurp(dir / "report.html");
  ASSERT_EQ(html.rfind("<!doctype html>", 0), 0u);
  EXPECT_NE(html.find("<title>Homeward: baseline compared with hart</title>"), std::string::npos);
  // Nothing to fetch: no external scripts, styles, images or frames, and a policy that forbids them.
  // (The inlined scripts' own text is left out of the search: it may mention such tags in strings.)
  const std::string markup = without_script_text(html);
  EXPECT_LT(markup.size(), 200000u);
  EXPECT_FALSE(std::regex_search(markup, std::regex("<(script|img|iframe|embed|object)[^>]*\\s(src|data)=",
                                                    std::regex::icase)));
  EXPECT_FALSE(std::regex_search(markup, std::regex("<link[^>]*href=", std::regex::icase)));
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(html.find("vega-embed 7.3.0"), std::string::npos);  // the inlined libraries, with their versions

  const json data = page_data(html);
  ASSERT_TRUE(data.is_object());
  EXPECT_EQ(data.at("scenarios"), json::array({"baseline", "hart"}));
  for (const char* chart : {"delay", "pathway", "reasons", "agencies", "monthly_delayed", "monthly_occupancy", "queues",
                            "monthly_queues"})
    EXPECT_FALSE(data.at("charts").value(chart, json::array()).empty()) << chart;
  EXPECT_FALSE(data.at("charts").contains("calibration"));

  // The headline cells hold summary.json's numbers (docs/report.md gives the definitions).
  const json summary = json::parse(slurp(dir / "summary.json"));
  const json& hart = summary["scenarios"][1]["measures"];
  const json& d = summary["differences"]["hart"];
  const double year = 365.0 / summary["scenarios"][1]["duration_days"].get<double>();
  const double per_bed_day = hart["cost_acute"]["mean"].get<double>() / hart["acute_bed_days"]["mean"].get<double>();
  EXPECT_NEAR(per_bed_day, 400, 1e-9);
  const std::map<std::string, double> expected = {
      {"delay_days_mean", hart["delay_days_mean"]["mean"]},
      {"discharged_within_1_day_share", hart["discharged_within_1_day_share"]["mean"].get<double>() * 100},
      {"delayed_bed_days_per_year", hart["delayed_bed_days"]["mean"].get<double>() * year},
      {"acute_bed_days_saved_per_year", -d["acute_bed_days"]["mean"].get<double>() * year},
      {"bed_days_saved_value_per_year", -d["acute_bed_days"]["mean"].get<double>() * year * per_bed_day},
      {"net_saving_per_year", -d["cost_total"]["mean"].get<double>() * year}};
  for (const auto& [measure, value] : expected)
    EXPECT_NEAR(cell_value(html, "hart", measure), value, 1e-9 * std::max(1.0, std::fabs(value))) << measure;
  EXPECT_TRUE(std::isnan(cell_value(html, "baseline", "net_saving_per_year")));  // the base saves nothing

  // The subtitle counts one scenario in the singular ("1 scenarios" once).
  EXPECT_NE(html.find("1 scenario compared with baseline"), std::string::npos);

  // Each scenario's description, from its file, under its name in the header.
  for (const char* name : {"baseline", "hart"}) {
    const std::string description = json::parse(slurp(kScenarios + name + ".json"))["description"];
    EXPECT_NE(html.find(std::string("<dt>") + name + "</dt><dd>" + description + "</dd>"), std::string::npos) << name;
  }

  // The utilisation table: a row for every service with a utilisation in
  // summary.json, a cell for each scenario holding its mean as a percentage.
  const std::size_t busy = html.find("<table id=\"utilisation-table\">");
  ASSERT_NE(busy, std::string::npos);
  const std::string busy_table = html.substr(busy, html.find("</table>", busy) - busy);
  int services_seen = 0;
  for (const auto& [name, st] : summary["scenarios"][0]["measures"].items()) {
    const std::string prefix = "service.", suffix = ".utilisation";
    if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    ++services_seen;
    const std::string service = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    const std::size_t row = busy_table.find("<tr data-service=\"" + service + "\">");
    ASSERT_NE(row, std::string::npos) << service;
    const std::string cells = busy_table.substr(row, busy_table.find("</tr>", row) - row);
    const std::regex value("data-measure=\"" + name + "\" data-value=\"([^\"]*)\"");
    std::vector<double> shown;
    for (std::sregex_iterator it(cells.begin(), cells.end(), value), end; it != end; ++it)
      shown.push_back(std::stod((*it)[1].str()));
    ASSERT_EQ(shown.size(), 2u) << service;
    for (std::size_t s = 0; s < 2; ++s) {
      const double mean = summary["scenarios"][s]["measures"][name]["mean"].get<double>() * 100;
      EXPECT_NEAR(shown[s], mean, 1e-9 * std::max(1.0, mean)) << service;
    }
  }
  EXPECT_GT(services_seen, 3);

  // The money table: summary.json's economic differences, a year where they are sums.
  const std::size_t money = html.find("<table id=\"money-table\">");
  ASSERT_NE(money, std::string::npos);
  const std::string money_table = html.substr(money, html.find("</table>", money) - money);
  const std::map<std::string, double> money_expected = {
      {"extra_service_cost_per_year", d["cost_services"]["mean"].get<double>() * year},
      {"net_saving_per_year_money", d["net_saving"]["mean"].get<double>() * year},
      {"cost_per_acute_bed_day_saved", d["cost_per_acute_bed_day_saved"]["mean"]},
      {"return_on_investment", d["return_on_investment"]["mean"].get<double>() * 100}};
  for (const auto& [measure, value] : money_expected)
    EXPECT_NEAR(cell_value(money_table, "hart", measure), value, 1e-9 * std::max(1.0, std::fabs(value))) << measure;
  // The net saving is the same whichever way it is read: minus the difference in total cost.
  EXPECT_NEAR(d["net_saving"]["mean"].get<double>(), -d["cost_total"]["mean"].get<double>(), 1e-6);
}

// A scenario's description is whatever its author wrote: markup, quotes,
// ampersands and a very long word are shown as text, wrapped, not obeyed.
TEST(Report, HostileDescriptionIsShownAsText) {
  const fs::path dir = scratch("hostile_description");
  fs::create_directories(dir);
  json scenario = json::parse(slurp(kScenarios + "baseline.json"));
  const std::string hostile = "</dd></dl><script>alert('x')</script> & \"quoted\" <b>bold</b> " +
                              std::string(20000, 'W');
  scenario["description"] = hostile;
  std::ofstream(dir / "hostile.json") << scenario.dump(2);
  const Outcome run = homeward("run " + (dir / "hostile.json").string() +
                                   " --replications 1 --quiet --report --out " + (dir / "out").string(), dir);
  SKIP_IF_BUILT_WITHOUT_CHARTS(run);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(json::parse(slurp(dir / "out" / "summary.json"))["description"], hostile);
  const std::string html = slurp(dir / "out" / "report.html");
  const std::string escaped = "&lt;/dd&gt;&lt;/dl&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                              "&quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt; " + std::string(20000, 'W');
  EXPECT_NE(html.find("<dl class=\"descriptions\">\n<dt>baseline</dt><dd>" + escaped + "</dd>\n</dl>"),
            std::string::npos);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<b>bold"), std::string::npos);
  // The page's own stylesheet wraps a long description instead of widening the page.
  EXPECT_NE(html.find("dl.descriptions dd { margin: 0 0 .4rem; overflow-wrap: anywhere;"), std::string::npos);
}

TEST(Report, SameOutputsGiveTheSameBytes) {
  const fs::path dir = scratch("same");
  const Outcome run = homeward("run " + kScenarios + "baseline.json --replications 2 --quiet --report --out " +
                                   dir.string(), dir);
  SKIP_IF_BUILT_WITHOUT_CHARTS(run);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string first = slurp(dir / "report.html");
  const Outcome again = homeward("report " + dir.string(), dir);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("report.html"), std::string::npos);
  EXPECT_EQ(slurp(dir / "report.html"), first);
  EXPECT_FALSE(fs::exists(dir / "report.html.tmp"));
}

TEST(Report, RunWithTitleMonthlyBandsAndCalibration) {
  const fs::path dir = scratch("run");
  const Outcome run = homeward("run " + kScenarios + "baseline.json --replications 4 --seed 9 --quiet --out " +
                                   dir.string(), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::ofstream(dir / "fit.csv") << "series,month,split,observed,mean,low,high\n"
                                    "delayed days,2018-04,train,950,1000,800,1200\n"
                                    "delayed days,2018-05,test,990,980,790,1190\n";
  const Outcome report = homeward("report " + dir.string() + " --title 'Board <paper> & \"notes\"'", dir);
  SKIP_IF_BUILT_WITHOUT_CHARTS(report);
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string html = slurp(dir / "report.html");
  EXPECT_NE(html.find("<title>Board &lt;paper&gt; &amp; &quot;notes&quot;</title>"), std::string::npos);
  EXPECT_NE(html.find("<h1>Board &lt;paper&gt; &amp; &quot;notes&quot;</h1>"), std::string::npos);
  const json data = page_data(html);
  ASSERT_EQ(data.at("charts").at("calibration").size(), 2u);
  EXPECT_EQ(data["charts"]["calibration"][1]["split"], "test");
  EXPECT_EQ(data["charts"]["calibration"][0]["month"], "2018-04-01");

  // The monthly bands are percentiles across replications of monthly.csv's values.
  std::map<int, double> delayed, beds;                 // replication -> April 2018
  std::map<std::string, std::map<int, double>> queue;  // service -> replication -> April 2018
  std::istringstream csv(slurp(dir / "monthly.csv"));
  std::string line;
  std::getline(csv, line);
  while (std::getline(csv, line)) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    if (f[2] != "2018-04") continue;
    if (f[3] == "delayed_days") delayed[std::stoi(f[1])] += std::stod(f[6]);
    if (f[3] == "acute_bed_days") beds[std::stoi(f[1])] = std::stod(f[6]);
    if (f[3].starts_with("service.") && f[3].ends_with(".queue_days"))
      queue[f[3].substr(8, f[3].size() - 8 - 11)][std::stoi(f[1])] = std::stod(f[6]);
  }
  ASSERT_EQ(delayed.size(), 4u);
  std::vector<double> d, b;
  for (const auto& [r, v] : delayed) d.push_back(v);
  for (const auto& [r, v] : beds) b.push_back(v / 30);  // April has 30 days, all in the period
  std::sort(d.begin(), d.end());
  std::sort(b.begin(), b.end());
  const json& april = data["charts"]["monthly_delayed"][0];
  EXPECT_EQ(april["month"], "2018-04-01");
  EXPECT_EQ(april["days"], 30);
  EXPECT_DOUBLE_EQ(april["p50"].get<double>(), (d[1] + d[2]) / 2);   // type 7 with n = 4
  EXPECT_DOUBLE_EQ(april["p5"].get<double>(), d[0] + 0.15 * (d[1] - d[0]));
  EXPECT_DOUBLE_EQ(data["charts"]["monthly_occupancy"][0]["p95"].get<double>(), b[2] + 0.85 * (b[3] - b[2]));
  EXPECT_EQ(data["charts"]["monthly_delayed"].size(), 12u);

  // The baseline's services queue, so each month of each queued service has
  // its mean queue (queue days ÷ the month's days), in the queues figure's order.
  const json& queues = data["charts"]["queues"];
  const json& monthly_queues = data["charts"].value("monthly_queues", json::array());
  ASSERT_EQ(monthly_queues.size(), 12 * queues.size());
  for (std::size_t i = 0; i < queues.size(); ++i)
    EXPECT_EQ(monthly_queues[12 * i]["service"], queues[i]["service"]) << i;
  const json& first = monthly_queues[0];
  EXPECT_EQ(first["month"], "2018-04-01");
  std::vector<double> q;
  for (const auto& [r, v] : queue.at(first["service"].get<std::string>())) q.push_back(v / 30);
  ASSERT_EQ(q.size(), 4u);
  std::sort(q.begin(), q.end());
  EXPECT_DOUBLE_EQ(first["p50"].get<double>(), (q[1] + q[2]) / 2);
  EXPECT_LT(html.find("data-chart=\"queues\""), html.find("data-chart=\"monthly_queues\""));

  // A monthly.csv written before it had queue rows: the figure is left out, without a note.
  std::istringstream all(slurp(dir / "monthly.csv"));
  std::ofstream older(dir / "monthly.csv");
  while (std::getline(all, line))
    if (line.find(".queue_days,") == std::string::npos) older << line << "\n";
  older.close();
  ASSERT_EQ(homeward("report " + dir.string(), dir).exit_code, 0);
  const std::string without = slurp(dir / "report.html");
  EXPECT_FALSE(page_data(without)["charts"].contains("monthly_queues"));
  EXPECT_FALSE(page_data(without)["charts"]["queues"].empty());
  EXPECT_EQ(without.find("data-chart=\"monthly_queues\""), std::string::npos);
}

TEST(Report, CalibrationDirectoryWithoutSummary) {
  const fs::path dir = scratch("calibration");
  write_calibration_outputs(dir / "out");
  const Outcome report = homeward("report " + (dir / "out").string(), dir);
  SKIP_IF_BUILT_WITHOUT_CHARTS(report);
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string html = slurp(dir / "out" / "report.html");
  EXPECT_NE(html.find("<title>Homeward calibration: scenarios/kent.json</title>"), std::string::npos);
  const json data = page_data(html);
  ASSERT_EQ(data.at("charts").size(), 1u);
  const json& rows = data["charts"].at("calibration");
  ASSERT_EQ(rows.size(), 48u);
  EXPECT_EQ(rows[1]["series"], "NHS, all reasons");  // a quoted CSV field
  EXPECT_TRUE(rows[14]["observed"].is_null());        // the unobserved month
  EXPECT_EQ(rows[47]["split"], "test");
  EXPECT_NE(html.find("<table id=\"fit-statistics\">"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">home care hours</th><td>1200</td><td>1350</td><td>1290 to 1411</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>3.2</td><td>7.45</td><td>21.5</td>"), std::string::npos);  // MAPE beside the flat forecast's
  EXPECT_NE(html.find("<td>0.62 <strong>(near the lower bound)</strong></td>"), std::string::npos);
  EXPECT_NE(html.find("<td>0.55 to 0.71</td>"), std::string::npos);
  EXPECT_EQ(html.find("id=\"headline-table\""), std::string::npos);
}

TEST(Report, FitWithoutTheExpectedColumnsIsNotedNotFatal) {
  const fs::path dir = scratch("fit");
  ASSERT_EQ(homeward("run " + kScenarios + "baseline.json --replications 1 --quiet --out " + dir.string(), dir)
                .exit_code, 0);
  std::ofstream(dir / "fit.csv") << "when,what\n2018-04,3\n";
  const Outcome report = homeward("report " + dir.string(), dir);
  SKIP_IF_BUILT_WITHOUT_CHARTS(report);
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string html = slurp(dir / "report.html");
  EXPECT_NE(html.find("fit.csv has no columns month, observed and mean"), std::string::npos);
  EXPECT_FALSE(page_data(html)["charts"].contains("calibration"));
}

TEST(Report, MissingOrMalformedOutputsExitTwoNamingTheFile) {
  const fs::path dir = scratch("bad");
  Outcome report = homeward("report " + (dir / "empty").string(), dir);
  SKIP_IF_BUILT_WITHOUT_CHARTS(report);
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_NE(report.err.find("summary.json"), std::string::npos) << report.err;

  fs::create_directories(dir / "broken");
  std::ofstream(dir / "broken" / "summary.json") << "{\"replications\": 3,";
  report = homeward("report " + (dir / "broken").string(), dir);
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_NE(report.err.find("broken/summary.json: not JSON"), std::string::npos) << report.err;

  const fs::path ok = dir / "monthly";
  ASSERT_EQ(homeward("run " + kScenarios + "baseline.json --replications 1 --quiet --out " + ok.string(), dir)
                .exit_code, 0);
  std::ofstream(ok / "monthly.csv") << "month,value\n2018-04,3\n";
  report = homeward("report " + ok.string(), dir);
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_NE(report.err.find("monthly.csv:1: expected the header"), std::string::npos) << report.err;
  EXPECT_FALSE(fs::exists(ok / "report.html"));

  // --report needs somewhere to write.
  EXPECT_EQ(homeward("run " + kScenarios + "baseline.json --replications 1 --quiet --report", dir).exit_code, 2);
}

// The page in a real browser. Its screenshot, A4 print and check.json go to
// test-output/report_browser/ in the directory ctest runs in (the build directory).
TEST(ReportBrowser, ShippedScenariosRenderInHeadlessChromium) {
  const char* chromium_env = std::getenv("HOMEWARD_CHROMIUM");
  const std::string chromium = chromium_env != nullptr ? chromium_env : "/usr/bin/chromium";
  const fs::path checker = fs::path(kSource) / "report" / "test" / "check_report.mjs";
  if (!browser_ready(chromium)) GTEST_SKIP() << browser_missing(chromium);

  const fs::path output = fs::absolute("test-output/report_browser");
  fs::remove_all(output);
  fs::create_directories(output);
  const fs::path out = output / "compare";
  const Outcome run = homeward("compare " + kScenarios + "baseline.json " + kScenarios + "seven_day.json " +
                                   kScenarios + "hart.json --replications 20 --seed 1 --quiet --report --out " +
                                   out.string(), output);
  SKIP_IF_BUILT_WITHOUT_CHARTS(run);
  ASSERT_EQ(run.exit_code, 0) << run.err;

  const Outcome check = shell("node " + checker.string() + " --report " + (out / "report.html").string() +
                                  " --summary " + (out / "summary.json").string() + " --out " + output.string() +
                                  " --chromium " + chromium, output);
  std::cout << check.out << check.err;
  ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_GT(fs::file_size(output / "report.png"), 50000u);
  EXPECT_GT(fs::file_size(output / "report.pdf"), 10000u);
  const json result = json::parse(slurp(output / "check.json"));
  EXPECT_TRUE(result.at("failures").empty());
  EXPECT_EQ(result.at("headline_cells"), 15);  // 3 for the base, 6 for each other scenario
  EXPECT_EQ(result.at("charts").size(), 8u);
  // The queues over time: a panel per queued service, each scenario's line in each.
  const json& monthly_queues = result.at("charts").at("monthly_queues");
  EXPECT_EQ(monthly_queues.at("rendered"), "ok");
  EXPECT_GT(monthly_queues.at("panels"), 1);
  EXPECT_EQ(monthly_queues.at("lines"), monthly_queues.at("series"));
  // One facet cell per panel, each drawn, each with its own month axis and
  // count axis; every chart's texts were measured and none overlap.
  EXPECT_EQ(monthly_queues.at("cells").size(), monthly_queues.at("panels").get<std::size_t>());
  EXPECT_EQ(monthly_queues.at("axes").at("axes"), 2 * monthly_queues.at("panels").get<int>());
  for (const auto& [name, chart] : result.at("charts").items()) {
    EXPECT_GT(chart.at("axes").at("labels"), 0) << name;
    EXPECT_TRUE(chart.at("axes").at("collisions").empty()) << name;
    EXPECT_GT(chart.at("texts").at("texts"), chart.at("axes").at("labels")) << name;
    EXPECT_TRUE(chart.at("texts").at("collisions").empty()) << name;
    EXPECT_TRUE(chart.at("hanging").empty()) << name;
    EXPECT_TRUE(chart.at("spilling").empty()) << name;
  }
  EXPECT_TRUE(result.at("plurals").empty());
}

// The browser check fails on what it is there to catch: a copy of a real
// report broken each way on its own (axis labels drawn too large to fit,
// legend labels too large to fit, the labels on stacked bars too large for
// their segments, one service's monthly queue panel emptied, the queue panels
// back on shared month axes, so that one hangs under an empty cell, and
// "1 scenarios" and "1 files" in the text).
TEST(ReportBrowser, TheCheckFailsOnOverlapsEmptyPanelsAndWrongPlurals) {
  const char* chromium_env = std::getenv("HOMEWARD_CHROMIUM");
  const std::string chromium = chromium_env != nullptr ? chromium_env : "/usr/bin/chromium";
  if (!browser_ready(chromium)) GTEST_SKIP() << browser_missing(chromium);
  const fs::path output = fs::absolute("test-output/report_browser_broken");
  fs::remove_all(output);
  fs::create_directories(output);
  const fs::path out = output / "compare";
  const Outcome run = homeward("compare " + kScenarios + "baseline.json " + kScenarios + "hart.json --replications 3 "
                                   "--seed 1 --quiet --report --out " + out.string(), output);
  SKIP_IF_BUILT_WITHOUT_CHARTS(run);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string page = slurp(out / "report.html");

  const std::string data_open = "<script id=\"homeward-data\" type=\"application/json\">";
  const std::size_t data_at = page.find(data_open) + data_open.size();
  const std::size_t data_end = page.find("</script>", data_at);
  ASSERT_NE(data_end, std::string::npos);
  json data = json::parse(page.substr(data_at, data_end - data_at));
  json& queues = data.at("charts").at("monthly_queues");
  ASSERT_FALSE(queues.empty());
  const std::string emptied = queues.at(0).at("service");
  for (json& row : queues)
    if (row.at("service") == emptied)
      for (const char* key : {"p5", "p50", "p95"}) row[key] = nullptr;
  std::string data_text = data.dump();
  for (std::size_t at = 0; (at = data_text.find("</", at)) != std::string::npos; at += 3) data_text.replace(at, 2, "<\\/");

  const auto styled = [&](const std::string& css) {
    return std::regex_replace(page, std::regex("</head>"), "<style>" + css + "</style></head>",
                              std::regex_constants::format_first_only);
  };
  // The page script as main drew the queue panels: the month axes shared, so
  // under each column's last row (11 services on 3 columns leave an empty cell).
  const std::string own_axes = "axis: { x: \"independent\" }";
  ASSERT_NE(page.find(own_axes), std::string::npos);
  std::string shared_axes = page;
  for (std::size_t at = 0; (at = shared_axes.find(own_axes, at)) != std::string::npos;)
    shared_axes.replace(at, own_axes.size(), "axis: {}");
  const std::map<std::string, std::pair<std::string, std::string>> broken = {
      {"labels", {styled("g.role-axis-label text { font-size: 30px !important; }"), "axis labels overlap"}},
      {"legend", {styled("g.role-legend-label text { font-size: 40px !important; }"), "texts overlap"}},
      {"bars", {styled("g.mark-text.role-mark text { font-size: 40px !important; }"), "does not fit its bar"}},
      {"axes", {shared_axes, "hangs"}},
      {"noun", {std::regex_replace(page, std::regex("</h1>"), "</h1><p>Wrote 1 files.</p>",
                                   std::regex_constants::format_first_only),
                "the page says \"1 files\""}},
      {"panel", {page.substr(0, data_at) + data_text + page.substr(data_end), "panels have no marks"}},
      {"plural", {std::regex_replace(page, std::regex("</h1>"), "</h1><p>Compared 1 scenarios.</p>",
                                     std::regex_constants::format_first_only),
                  "the page says \"1 scenarios\""}}};
  for (const auto& [name, broke] : broken) {
    SCOPED_TRACE(name);
    const fs::path html = output / (name + ".html");
    std::ofstream(html, std::ios::binary) << broke.first;
    const Outcome check = shell("node " + kSource + "/report/test/check_report.mjs --report " + html.string() +
                                    " --out " + (output / name).string() + " --chromium " + chromium, output);
    EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
    EXPECT_NE(check.err.find(broke.second), std::string::npos) << check.err;
  }
}

// A single run of one replication: every plural in the page agrees with its number.
TEST(ReportBrowser, OneReplicationOfOneScenarioReadsInTheSingular) {
  const char* chromium_env = std::getenv("HOMEWARD_CHROMIUM");
  const std::string chromium = chromium_env != nullptr ? chromium_env : "/usr/bin/chromium";
  if (!browser_ready(chromium)) GTEST_SKIP() << browser_missing(chromium);
  const fs::path output = fs::absolute("test-output/report_browser_single");
  fs::remove_all(output);
  fs::create_directories(output);
  const fs::path out = output / "run";
  const Outcome run = homeward("run " + kScenarios + "baseline.json --replications 1 --seed 1 --quiet --report --out " +
                                   out.string(), output);
  SKIP_IF_BUILT_WITHOUT_CHARTS(run);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Outcome check = shell("node " + kSource + "/report/test/check_report.mjs --report " +
                                  (out / "report.html").string() + " --summary " + (out / "summary.json").string() +
                                  " --out " + output.string() + " --chromium " + chromium, output);
  std::cout << check.out << check.err;
  ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
  const json result = json::parse(slurp(output / "check.json"));
  EXPECT_TRUE(result.at("plurals").empty());
  EXPECT_NE(slurp(out / "report.html").find("1 replication"), std::string::npos);
}

// A calibration's report (no summary.json) in the browser.
TEST(ReportBrowser, CalibrationRendersInHeadlessChromium) {
  const char* chromium_env = std::getenv("HOMEWARD_CHROMIUM");
  const std::string chromium = chromium_env != nullptr ? chromium_env : "/usr/bin/chromium";
  if (!browser_ready(chromium)) GTEST_SKIP() << browser_missing(chromium);
  const fs::path output = fs::absolute("test-output/report_browser_calibration");
  fs::remove_all(output);
  write_calibration_outputs(output / "calibration");
  const Outcome report = homeward("report " + (output / "calibration").string(), output);
  SKIP_IF_BUILT_WITHOUT_CHARTS(report);
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const Outcome check = shell("node " + kSource + "/report/test/check_report.mjs --report " +
                                  (output / "calibration" / "report.html").string() + " --out " + output.string() +
                                  " --chromium " + chromium, output);
  std::cout << check.out << check.err;
  ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(json::parse(slurp(output / "check.json")).at("charts").size(), 1u);
}

// A sweep's, a sensitivity study's and an optimisation's reports in the browser:
// each chart draws its marks with no console error or outside request.
TEST(ReportBrowser, StudiesRenderInHeadlessChromium) {
  const char* chromium_env = std::getenv("HOMEWARD_CHROMIUM");
  const std::string chromium = chromium_env != nullptr ? chromium_env : "/usr/bin/chromium";
  if (!browser_ready(chromium)) GTEST_SKIP() << browser_missing(chromium);
  const fs::path output = fs::absolute("test-output/report_browser_studies");
  fs::remove_all(output);
  fs::create_directories(output);
  const std::map<std::string, std::pair<std::string, std::vector<std::string>>> studies = {
      {"sweep", {"sweep " + kScenarios + "hart.json --vary /services/hart/slots=0,5,10 --vary /cost_per_bed_day=300,400",
                 {"sweep"}}},
      // One point: an axis of zero width, which Vega labelled "5.000000".
      {"sweep_one_point", {"sweep " + kScenarios + "hart.json --vary /services/hart/slots=5", {"sweep"}}},
      {"sensitivity", {"sensitivity " + kScenarios + "hart.json", {"tornado_delayed_bed_days", "tornado_cost_total"}}},
      {"optimise", {"optimise " + kScenarios + "hart.json --param /services/hart/slots=0:20 --evaluations 12",
                    {"optimise_trace"}}}};
  for (const auto& [name, study] : studies) {
    SCOPED_TRACE(name);
    const fs::path out = output / name;
    const Outcome run = homeward(study.first + " -n 2 --quiet --report --out " + out.string(), output);
    SKIP_IF_BUILT_WITHOUT_CHARTS(run);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const Outcome check = shell("node " + kSource + "/report/test/check_report.mjs --report " +
                                    (out / "report.html").string() + " --out " + out.string() + " --chromium " + chromium,
                                output);
    std::cout << check.out << check.err;
    ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
    const json result = json::parse(slurp(out / "check.json"));
    EXPECT_TRUE(result.at("failures").empty());
    for (const std::string& chart : study.second) {
      EXPECT_EQ(result.at("charts").at(chart).at("rendered"), "ok") << chart;
      EXPECT_GT(result.at("charts").at(chart).at("marks"), 0) << chart;
    }
    if (name == "sweep_one_point") {
      const json& labels = result.at("charts").at("sweep").at("axes").at("texts");
      EXPECT_NE(std::find(labels.begin(), labels.end(), "5"), labels.end()) << labels.dump();
      EXPECT_EQ(std::find(labels.begin(), labels.end(), "5.000000"), labels.end()) << labels.dump();
      const std::string html = slurp(out / "report.html");
      EXPECT_NE(html.find("at 1 combination of"), std::string::npos);
      EXPECT_NE(html.find("A sweep of hart: 1 point, "), std::string::npos);
    }
  }
}

}  // namespace
