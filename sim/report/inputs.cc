#include "sim/report/inputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "sim/io/csv_reader.h"
#include "sim/model/monthly_measures.h"

namespace homeward::report {
namespace {

namespace measure = model::measure;

namespace fs = std::filesystem;
using nlohmann::json;

std::optional<std::string> slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A number, or NaN for the empty or "nan" cells that stand for one.
bool parse_double(std::string_view text, double& value) {
  if (text.empty() || text == "nan" || text == "NaN") {
    value = std::nan("");
    return true;
  }
  const std::optional<double> number = io::parse_number(text);
  value = number.value_or(0);
  return number.has_value();
}

// One replication's totals in one month, summed over monthly.csv's rows.
struct MonthTotals {
  double delayed_days = 0, acute_bed_days = 0;
  std::map<std::string, double> queue_days;  // by service
};

// The service of a "service.<name>.queue_days" measure; nothing for other measures.
std::optional<std::string> queue_service(std::string_view measure) {
  std::string service;
  if (!model::monthly::kServiceQueueDays.matches(measure, &service)) return std::nullopt;
  return service;
}

std::optional<std::chrono::sys_days> iso_day(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(text.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date};
}

void add_months(const std::map<std::string, std::vector<MonthValues>>& monthly, Summary& summary) {
  for (ScenarioSummary& sc : summary.scenarios)
    if (const auto it = monthly.find(sc.name); it != monthly.end()) sc.months = it->second;
}

}  // namespace

const Statistics* ScenarioSummary::find(const std::string& measure) const {
  const auto it = measures.find(measure);
  return it == measures.end() ? nullptr : &it->second;
}

const Statistics* ScenarioSummary::find_difference(const std::string& measure) const {
  const auto it = differences.find(measure);
  return it == differences.end() ? nullptr : &it->second;
}

double ScenarioSummary::cost_per_bed_day() const {
  const Statistics* cost = find(measure::kCostAcute);
  const Statistics* days = find(measure::kAcuteBedDays);
  if (cost == nullptr || days == nullptr || !(days->mean > 0)) return 0;
  return cost->mean / days->mean;
}

Summary parse_summary(const std::string& text, const std::string& file) {
  io::Summary read;
  try {
    read = io::parse_summary(text, file);
  } catch (const io::SummaryError& e) {
    throw InputError(e.what());
  }
  Summary summary;
  summary.compare = read.compare;
  summary.partial = read.partial;
  summary.replications = read.replications;
  summary.seed = read.seed;
  for (io::ScenarioSummary& sc : read.scenarios) {
    ScenarioSummary& s = summary.scenarios.emplace_back();
    s.name = std::move(sc.name);
    s.description = std::move(sc.description);
    s.growing_queues = std::move(sc.growing_queues);
    s.start_date = std::move(sc.start_date);
    s.duration_days = sc.duration_days;
    s.warmup_days = sc.warmup_days;
    for (const model::MeasureSummary& m : sc.measures) s.measures[m.name] = m.statistics;
    for (const model::DifferenceSummary& d : sc.differences) s.differences[d.name] = d.statistics;
  }
  return summary;
}

std::map<std::string, std::vector<MonthValues>> read_monthly(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read");
  enum Column { kScenario, kReplication, kMonth, kMeasure, kReason, kAgency, kValue, kColumns };
  io::CsvRecords records(in);
  io::CsvRow row;
  constexpr std::string_view kExpected = "scenario,replication,month,measure,reason,agency,value";
  if (!records.next(row) || row.fields.size() != kColumns || row.fields[kScenario] != "scenario" ||
      row.fields[kReplication] != "replication" || row.fields[kMonth] != "month" || row.fields[kMeasure] != "measure" ||
      row.fields[kReason] != "reason" || row.fields[kAgency] != "agency" || row.fields[kValue] != "value")
    throw InputError(fmt::format("{}:1: expected the header {}", path, kExpected));
  // scenario -> month -> replication -> its totals
  std::map<std::string, std::map<std::string, std::map<std::uint64_t, MonthTotals>>> values;
  while (records.next(row)) {
    if (row.fields.size() != kColumns)
      throw InputError(fmt::format("{}:{}: expected {} fields, found {}", path, row.line, int{kColumns}, row.fields.size()));
    const std::string_view measure = row.fields[kMeasure];
    const std::optional<std::string> service = queue_service(measure);
    const bool delayed = model::monthly::kDelayedDays.matches(measure);
    const bool bed_days = model::monthly::kAcuteBedDays.matches(measure);
    if (!delayed && !bed_days && !service) continue;
    const std::string& number = row.fields[kReplication];
    std::uint64_t replication = 0;
    double value = 0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), replication);
    if (error != std::errc() || end != number.data() + number.size() || !parse_double(row.fields[kValue], value))
      throw InputError(fmt::format("{}:{}: expected a replication number and a value", path, row.line));
    MonthTotals& cell = values[row.fields[kScenario]][row.fields[kMonth]][replication];
    if (service) cell.queue_days[*service] += value;
    else if (delayed) cell.delayed_days += value;
    else cell.acute_bed_days += value;
  }
  if (records.unterminated())
    throw InputError(fmt::format("{}:{}: expected a closing quote, found the end of the file inside a quoted field", path,
                                 row.line));
  if (in.bad()) throw InputError(path + ": cannot read to the end");
  std::map<std::string, std::vector<MonthValues>> result;
  for (const auto& [scenario, months] : values) {
    for (const auto& [month, replications] : months) {
      MonthValues m;
      m.month = month;
      // A row that is not there counts as zero, for the queues as for the
      // other totals, so that each list stays in step with the replications.
      for (const auto& [r, v] : replications)
        for (const auto& [service, days] : v.queue_days) m.queue_days[service];
      for (const auto& [r, v] : replications) {
        m.delayed_days.push_back(v.delayed_days);
        m.acute_bed_days.push_back(v.acute_bed_days);
        for (auto& [service, days] : m.queue_days) {
          const auto it = v.queue_days.find(service);
          days.push_back(it == v.queue_days.end() ? 0 : it->second);
        }
      }
      result[scenario].push_back(std::move(m));
    }
  }
  return result;
}

std::vector<FitRow> read_fit(const std::string& path, std::string& note) {
  std::vector<io::Problem> problems;
  const std::optional<io::CsvTable> table = io::read_csv_file(path, problems);
  if (!problems.empty()) {
    note = problems.front().message() + "; the calibration is not shown";
    return {};
  }
  const auto column = [&](std::initializer_list<const char*> names) -> int {
    for (const char* name : names)
      if (const auto i = table->column(name)) return static_cast<int>(*i);
    return -1;
  };
  const int month = column({"month"}), observed = column({"observed"});
  const int mean = column({"mean", "simulated_mean", "simulated"});
  const int low = column({"low", "simulated_p2_5", "simulated_low"});
  const int high = column({"high", "simulated_p97_5", "simulated_high"});
  const int series = column({"series", "measure"}), split = column({"split"});
  if (month < 0 || observed < 0 || mean < 0) {
    note = "fit.csv has no columns month, observed and mean (or simulated_mean), so the calibration's fit is not "
           "shown";
    return {};
  }
  std::vector<FitRow> rows;
  for (const io::CsvRow& r : table->rows) {
    const std::vector<std::string>& f = r.fields;
    FitRow row;
    row.series = series >= 0 ? f[series] : "observed series";
    row.split = split >= 0 ? f[split] : "";
    row.month = f[month].substr(0, 7);
    bool ok = parse_double(f[observed], row.observed) && parse_double(f[mean], row.mean);
    row.low = row.high = row.mean;
    if (low >= 0) ok = ok && parse_double(f[low], row.low);
    if (high >= 0) ok = ok && parse_double(f[high], row.high);
    if (!ok || !iso_day(row.month + "-01")) {
      note = fmt::format("fit.csv line {}: expected a month YYYY-MM and numbers; the calibration is not shown", r.line);
      return {};
    }
    rows.push_back(std::move(row));
  }
  if (rows.empty()) note = "fit.csv has no rows";
  return rows;
}

Inputs read_inputs(const std::string& out_dir) {
  const fs::path dir(out_dir);
  Inputs inputs;
  const std::string summary_path = (dir / "summary.json").string();
  const fs::path fit = dir / "fit.csv";
  const std::string provenance_path = (dir / "provenance.json").string();
  const std::optional<std::string> summary = slurp(summary_path);
  const std::optional<std::string> provenance = slurp(provenance_path);
  for (const char* name : {"sweep.json", "sensitivity.json", "optimise.json"}) {
    const std::string path = (dir / name).string();
    const std::optional<std::string> text = slurp(path);
    if (!text) continue;
    inputs.study = json::parse(*text, nullptr, false);
    if (!inputs.study.is_object() || !inputs.study.contains("kind"))
      throw InputError(path + ": expected the JSON object a homeward study writes, with \"kind\"");
    inputs.study_file = path;
    break;
  }
  if (!summary && fs::exists(dir / "journal.jsonl"))
    throw InputError((dir / "journal.jsonl").string() +
                     ": a run's journal without its summary.json: the run is under way, or stopped before it wrote its "
                     "files (run the same command again with --resume to finish it)");
  if (!summary && !provenance && !fs::exists(fit) && inputs.study.is_null())
    throw InputError(summary_path + ": cannot read, and no calibration's fit.csv or provenance.json, nor a "
                     "sweep.json, sensitivity.json or optimise.json is there either (run `homeward run`, `compare`, "
                     "`calibrate`, `sweep`, `sensitivity` or `optimise` with --out first)");
  if (summary) inputs.summary = parse_summary(*summary, summary_path);
  if (provenance) {
    try {
      inputs.provenance = json::parse(*provenance);
    } catch (const json::parse_error& e) {
      throw InputError(fmt::format("{}: not JSON: {}", provenance_path, e.what()));
    }
    if (!inputs.provenance.is_object()) throw InputError(provenance_path + ": expected an object");
  }

  const std::string info_path = (dir / "run-info.json").string();
  if (const std::optional<std::string> info = slurp(info_path)) {
    try {
      inputs.run_info = json::parse(*info);
    } catch (const json::parse_error& e) {
      throw InputError(fmt::format("{}: not JSON: {}", info_path, e.what()));
    }
    if (!inputs.run_info.is_object()) throw InputError(info_path + ": expected an object");
  }

  const fs::path monthly = dir / "monthly.csv";
  if (!summary) {
    // A calibration's directory: no run to chart month by month.
  } else if (fs::exists(monthly)) {
    add_months(read_monthly(monthly.string()), *inputs.summary);
  } else {
    inputs.monthly_note = "monthly.csv is not in the output directory, so the monthly charts are left out.";
  }
  if (fs::exists(fit)) inputs.fit = read_fit(fit.string(), inputs.fit_note);
  return inputs;
}

int days_in_period(const std::string& month, const std::string& start_date, int duration_days) {
  const auto first = iso_day(month.substr(0, 7) + "-01");
  const auto start = iso_day(start_date);
  if (!first || !start) return 0;
  const std::chrono::year_month_day ymd{*first};
  const std::chrono::sys_days next{ymd + std::chrono::months{1}};
  const std::chrono::sys_days end = *start + std::chrono::days{duration_days};
  const auto from = std::max(*first, *start);
  const auto to = std::min(next, end);
  return to > from ? static_cast<int>((to - from).count()) : 0;
}

}  // namespace homeward::report
