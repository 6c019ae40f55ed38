#include "sim/io/xlsx_writer.h"

#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <stdexcept>

#include "sim/io/atomic_file.h"
#include "sim/io/number_text.h"

namespace homeward::io {
namespace {

using json = nlohmann::ordered_json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A value and its 95% interval, already scaled for display.
struct Estimate {
  double value = kNaN, low = kNaN, high = kNaN;
};

// One column group of the headline table, as in the report (docs/report.md).
struct HeadlineMeasure {
  const char* label;
  const char* format;  // key of Formats
};

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* note = nullptr;
  lxw_format* header = nullptr;
  lxw_format* group = nullptr;
  lxw_format* text = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* days = nullptr;     // 0.00
  lxw_format* whole = nullptr;    // #,##0
  lxw_format* percent = nullptr;  // 0.0%
  lxw_format* pounds = nullptr;   // £#,##0
  lxw_format* number = nullptr;   // general, for measures of any unit
  lxw_format* month = nullptr;    // mmm yyyy
  lxw_format* base = nullptr;     // "the base of the comparison"
};

lxw_format* header_format(lxw_workbook* book, bool centred) {
  lxw_format* f = workbook_add_format(book);
  format_set_bold(f);
  format_set_text_wrap(f);
  format_set_align(f, centred ? LXW_ALIGN_CENTER : LXW_ALIGN_LEFT);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(f, 0xDCE6F1);
  format_set_bottom(f, LXW_BORDER_THIN);
  return f;
}

lxw_format* number_format(lxw_workbook* book, const char* pattern) {
  lxw_format* f = workbook_add_format(book);
  format_set_num_format(f, pattern);
  return f;
}

Formats make_formats(lxw_workbook* book) {
  Formats f;
  f.title = workbook_add_format(book);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.note = workbook_add_format(book);
  format_set_italic(f.note);
  format_set_font_color(f.note, 0x555555);
  f.header = header_format(book, false);
  f.group = header_format(book, true);
  f.text = workbook_add_format(book);
  f.bold = workbook_add_format(book);
  format_set_bold(f.bold);
  f.days = number_format(book, "0.00");
  f.whole = number_format(book, "#,##0");
  f.percent = number_format(book, "0.0%");
  f.pounds = number_format(book, "\xC2\xA3#,##0;-\xC2\xA3#,##0");
  f.number = number_format(book, "#,##0.####");
  f.month = number_format(book, "mmm yyyy");
  f.base = workbook_add_format(book);
  format_set_italic(f.base);
  format_set_font_color(f.base, 0x555555);
  return f;
}

class Sheet {
 public:
  Sheet(lxw_workbook* book, const char* name) : sheet_(workbook_add_worksheet(book, name)) {
    if (sheet_ == nullptr) throw std::runtime_error(std::string("cannot add the sheet ") + name);
    worksheet_set_paper(sheet_, 9);  // A4
  }
  lxw_worksheet* get() const { return sheet_; }
  void text(lxw_row_t row, lxw_col_t col, const std::string& value, lxw_format* format = nullptr) {
    check(worksheet_write_string(sheet_, row, col, value.c_str(), format));
  }
  // A cell that is not a finite number stays blank: Excel has no NaN.
  void number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format) {
    if (std::isfinite(value)) check(worksheet_write_number(sheet_, row, col, value, format));
  }
  void estimate(lxw_row_t row, lxw_col_t col, const Estimate& e, lxw_format* format) {
    number(row, col, e.value, format);
    number(row, col + 1, e.low, format);
    number(row, col + 2, e.high, format);
  }
  void merge(lxw_row_t row, lxw_col_t first, lxw_col_t last, const std::string& value, lxw_format* format) {
    merge(row, first, row, last, value, format);
  }
  void merge(lxw_row_t first_row, lxw_col_t first, lxw_row_t last_row, lxw_col_t last, const std::string& value,
             lxw_format* format) {
    check(worksheet_merge_range(sheet_, first_row, first, last_row, last, value.c_str(), format));
  }
  void width(lxw_col_t first, lxw_col_t last, double characters) {
    check(worksheet_set_column(sheet_, first, last, characters, nullptr));
  }

 private:
  static void check(lxw_error error) {
    if (error != LXW_NO_ERROR) throw std::runtime_error(lxw_strerror(error));
  }
  lxw_worksheet* sheet_;
};

double number_at(const json& statistics, const char* key, std::size_t index = 0) {
  const json& v = statistics.at(key);
  const json& x = v.is_array() ? v.at(index) : v;
  return x.is_number() ? x.get<double>() : kNaN;
}

Estimate scaled(const json* statistics, double scale) {
  if (statistics == nullptr) return {};
  return {number_at(*statistics, "mean") * scale, number_at(*statistics, "ci95", 0) * scale,
          number_at(*statistics, "ci95", 1) * scale};
}

// A saving is minus a difference, so its interval's ends swap.
Estimate saving(const json* difference, double scale) {
  if (difference == nullptr) return {};
  return {-number_at(*difference, "mean") * scale, -number_at(*difference, "ci95", 1) * scale,
          -number_at(*difference, "ci95", 0) * scale};
}

const json* find(const json& object, const std::string& key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// summary.json of a run holds one scenario at the top; a compare's, a list.
std::vector<const json*> scenarios_of(const json& summary) {
  std::vector<const json*> out;
  if (summary.contains("scenarios")) {
    for (const json& s : summary.at("scenarios")) out.push_back(&s);
  } else {
    out.push_back(&summary);
  }
  return out;
}

double year_scale(const json& scenario) {
  const double days = scenario.at("duration_days").get<double>();
  return days > 0 ? 365.0 / days : kNaN;
}

// £ per acute bed day: cost_acute / acute_bed_days, as in the report.
double cost_per_bed_day(const json& measures) {
  const json* cost = find(measures, "cost_acute");
  const json* days = find(measures, "acute_bed_days");
  if (cost == nullptr || days == nullptr) return kNaN;
  const double d = number_at(*days, "mean");
  return d > 0 ? number_at(*cost, "mean") / d : kNaN;
}

std::string replications_text(const json& summary) {
  return counted(summary.at("replications").get<std::size_t>(), "replication");
}

void headline_sheet(lxw_workbook* book, const Formats& f, const json& summary) {
  Sheet sheet(book, "Headline");
  const auto scenarios = scenarios_of(summary);
  const bool compare = summary.contains("scenarios");
  const std::string base = scenarios.front()->at("scenario").get<std::string>();
  std::string title = "Homeward: " + base;
  for (std::size_t i = 1; i < scenarios.size(); ++i)
    title += (i == 1                      ? " compared with "
              : i + 1 == scenarios.size() ? " and "
                                          : ", ") +
             scenarios[i]->at("scenario").get<std::string>();
  sheet.text(0, 0, title, f.title);
  sheet.text(1, 0,
             "Mean of " + replications_text(summary) + " (master seed " +
                 std::to_string(summary.at("seed").get<std::uint64_t>()) +
                 "), each with its 95% confidence interval (low, high)." +
                 (compare ? " Savings are against " + base +
                                ", replication by replication with common random numbers; the net saving is minus the "
                                "difference in total cost (acute bed days and every service's costs)."
                          : ""),
             f.note);
  std::vector<HeadlineMeasure> measures = {{"Mean delay after medically fit (days)", "days"},
                                           {"Discharged within 1 day of medically fit", "percent"},
                                           {"Delayed bed days a year", "whole"}};
  if (compare) {
    measures.push_back({"Acute bed days saved a year", "whole"});
    measures.push_back({"Value of the bed days saved a year", "pounds"});
    measures.push_back({"Net saving a year, service costs included", "pounds"});
  }
  const lxw_row_t group_row = 3, header_row = 4;
  sheet.merge(group_row, 0, header_row, 0, "Scenario", f.header);
  for (std::size_t m = 0; m < measures.size(); ++m) {
    const auto col = static_cast<lxw_col_t>(1 + 3 * m);
    sheet.merge(group_row, col, col + 2, measures[m].label, f.group);
    sheet.text(header_row, col, "Mean", f.header);
    sheet.text(header_row, col + 1, "95% CI low", f.header);
    sheet.text(header_row, col + 2, "95% CI high", f.header);
  }
  const auto format_of = [&](const char* key) {
    const std::string k = key;
    return k == "days" ? f.days : k == "percent" ? f.percent : k == "pounds" ? f.pounds : f.whole;
  };
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const json& sc = *scenarios[i];
    const json& m = sc.at("measures");
    const auto row = static_cast<lxw_row_t>(header_row + 1 + i);
    const double year = year_scale(sc);
    sheet.text(row, 0, sc.at("scenario").get<std::string>(), f.bold);
    std::vector<Estimate> values = {scaled(find(m, "delay_days_mean"), 1),
                                    scaled(find(m, "discharged_within_1_day_share"), 1),
                                    scaled(find(m, "delayed_bed_days"), year)};
    if (compare && i > 0) {
      const json& d = summary.at("differences").at(sc.at("scenario").get<std::string>());
      values.push_back(saving(find(d, "acute_bed_days"), year));
      values.push_back(saving(find(d, "acute_bed_days"), year * cost_per_bed_day(m)));
      values.push_back(saving(find(d, "cost_total"), year));
    }
    for (std::size_t v = 0; v < values.size(); ++v)
      sheet.estimate(row, static_cast<lxw_col_t>(1 + 3 * v), values[v], format_of(measures[v].format));
    if (compare && i == 0) sheet.merge(row, 10, 18, "the base of the comparison", f.base);
  }
  sheet.width(0, 0, 24);
  sheet.width(1, static_cast<lxw_col_t>(3 * measures.size()), 12);
  worksheet_set_row(sheet.get(), group_row, 45, nullptr);
  worksheet_freeze_panes(sheet.get(), header_row + 1, 1);
  worksheet_set_landscape(sheet.get());
  worksheet_fit_to_pages(sheet.get(), 1, 0);
}

void differences_sheet(lxw_workbook* book, const Formats& f, const json& summary) {
  Sheet sheet(book, "Differences");
  const std::string base = summary.at("base").get<std::string>();
  sheet.text(0, 0,
             "Paired differences from " + base + " (scenario minus base), " + replications_text(summary) +
                 " with common random numbers",
             f.title);
  sheet.text(1, 0, "Relative: the difference as a share of the base's mean. Definitions: docs/measures.md.", f.note);
  const char* headers[] = {"Scenario", "Measure", "Difference (mean)", "95% CI low", "95% CI high", "SD", "Relative"};
  const lxw_row_t header_row = 3;
  for (lxw_col_t c = 0; c < 7; ++c) sheet.text(header_row, c, headers[c], f.header);
  lxw_row_t row = header_row + 1;
  for (const auto& [scenario, measures] : summary.at("differences").items()) {
    for (const auto& [measure, d] : measures.items()) {
      sheet.text(row, 0, scenario);
      sheet.text(row, 1, measure);
      sheet.estimate(row, 2, scaled(&d, 1), f.number);
      sheet.number(row, 5, number_at(d, "sd"), f.number);
      if (d.contains("relative")) sheet.number(row, 6, number_at(d, "relative"), f.percent);
      ++row;
    }
  }
  sheet.width(0, 0, 20);
  sheet.width(1, 1, 44);
  sheet.width(2, 6, 16);
  worksheet_freeze_panes(sheet.get(), header_row + 1, 0);
  if (row > header_row + 1) worksheet_autofilter(sheet.get(), header_row, 0, row - 1, 6);
}

void measures_sheet(lxw_workbook* book, const Formats& f, const json& summary) {
  Sheet sheet(book, "Measures");
  sheet.text(0, 0, "Every measure of every scenario across " + replications_text(summary), f.title);
  sheet.text(1, 0,
             "Units and definitions: docs/measures.md. The 95% CI is of the mean (Student t); p5, p50 and p95 "
             "are percentiles of the replications' values.",
             f.note);
  const char* headers[] = {"Scenario", "Measure", "Mean", "95% CI low", "95% CI high", "SD", "P5", "P50", "P95"};
  const lxw_row_t header_row = 3;
  for (lxw_col_t c = 0; c < 9; ++c) sheet.text(header_row, c, headers[c], f.header);
  lxw_row_t row = header_row + 1;
  for (const json* sc : scenarios_of(summary)) {
    for (const auto& [measure, s] : sc->at("measures").items()) {
      sheet.text(row, 0, sc->at("scenario").get<std::string>());
      sheet.text(row, 1, measure);
      sheet.estimate(row, 2, scaled(&s, 1), f.number);
      sheet.number(row, 5, number_at(s, "sd"), f.number);
      sheet.number(row, 6, number_at(s, "p5"), f.number);
      sheet.number(row, 7, number_at(s, "p50"), f.number);
      sheet.number(row, 8, number_at(s, "p95"), f.number);
      ++row;
    }
  }
  sheet.width(0, 0, 20);
  sheet.width(1, 1, 44);
  sheet.width(2, 8, 14);
  worksheet_freeze_panes(sheet.get(), header_row + 1, 0);
  if (row > header_row + 1) worksheet_autofilter(sheet.get(), header_row, 0, row - 1, 8);
}

void monthly_sheet(lxw_workbook* book, const Formats& f, const std::vector<MonthlyBand>& months) {
  Sheet sheet(book, "Monthly");
  sheet.text(0, 0, "Month by month: DToC delayed days and acute bed occupancy", f.title);
  sheet.text(1, 0,
             "Mean across replications, with the 5th to 95th percentile band of the replications. Delayed "
             "days are midnight counts of ready patients (as the DToC return); occupancy is acute bed days "
             "over the month's days in the measured period.",
             f.note);
  const char* headers[] = {"Scenario",
                           "Month",
                           "Days in period",
                           "Delayed days (mean)",
                           "Delayed days (p5)",
                           "Delayed days (p95)",
                           "Acute occupancy (mean)",
                           "Acute occupancy (p5)",
                           "Acute occupancy (p95)"};
  const lxw_row_t header_row = 3;
  for (lxw_col_t c = 0; c < 9; ++c) sheet.text(header_row, c, headers[c], f.header);
  lxw_row_t row = header_row + 1;
  // Each scenario's rows are contiguous: one series of the chart each.
  struct Series {
    std::string scenario;
    lxw_row_t first, last;
  };
  std::vector<Series> series;
  for (const MonthlyBand& m : months) {
    int year = 0, month = 0;
    if (std::sscanf(m.month.c_str(), "%4d-%2d", &year, &month) != 2)
      throw std::runtime_error("monthly series: month \"" + m.month + "\" is not YYYY-MM");
    sheet.text(row, 0, m.scenario);
    lxw_datetime first_day = {year, month, 1, 0, 0, 0};
    worksheet_write_datetime(sheet.get(), row, 1, &first_day, f.month);
    sheet.number(row, 2, m.days_in_period, f.whole);
    sheet.estimate(row, 3, {m.delayed_days.mean, m.delayed_days.p5, m.delayed_days.p95}, f.whole);
    sheet.estimate(row, 6, {m.acute_occupancy.mean, m.acute_occupancy.p5, m.acute_occupancy.p95}, f.days);
    if (series.empty() || series.back().scenario != m.scenario) series.push_back({m.scenario, row, row});
    series.back().last = row;
    ++row;
  }
  sheet.width(0, 0, 20);
  sheet.width(1, 1, 10);
  sheet.width(2, 8, 13);
  worksheet_set_row(sheet.get(), header_row, 45, nullptr);
  worksheet_freeze_panes(sheet.get(), header_row + 1, 0);
  if (series.empty()) return;
  lxw_chart* chart = workbook_add_chart(book, LXW_CHART_LINE);
  for (const Series& s : series) {
    lxw_chart_series* line = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(line, "Monthly", s.first, 1, s.last, 1);
    chart_series_set_values(line, "Monthly", s.first, 3, s.last, 3);
    chart_series_set_name(line, s.scenario.c_str());
  }
  chart_title_set_name(chart, "DToC delayed days a month (mean of the replications)");
  chart_axis_set_num_format(chart->x_axis, "mmm yy");
  chart_axis_set_name(chart->y_axis, "Delayed days");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options placement = {};
  placement.x_scale = 1.6;
  placement.y_scale = 1.4;
  worksheet_insert_chart_opt(sheet.get(), header_row + 1, 10, chart, &placement);
}

void about_sheet(lxw_workbook* book, const Formats& f, const json& summary, const std::string& version) {
  Sheet sheet(book, "About");
  sheet.text(0, 0, "About these results", f.title);
  const auto scenarios = scenarios_of(summary);
  std::string names;
  for (const json* sc : scenarios) names += (names.empty() ? "" : ", ") + sc->at("scenario").get<std::string>();
  const json& first = *scenarios.front();
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"Scenarios", names},
      {"Base of the comparison", summary.contains("base") ? summary.at("base").get<std::string>() : "(a single run)"},
      {"Replications", std::to_string(summary.at("replications").get<std::uint64_t>())},
      {"Master seed", std::to_string(summary.at("seed").get<std::uint64_t>())},
      {"Measured period", first.at("start_date").get<std::string>() + ", " +
                              counted(first.at("duration_days").get<std::size_t>(), "day") + " after a warm-up of " +
                              counted(first.at("warmup_days").get<std::size_t>(), "day")},
      {"Written by", "Homeward " + version},
      {"Definitions", "docs/measures.md (every measure) and docs/report.md (the headline table)"},
      {"Same numbers as", "summary.json in the same folder; these cells are its values, unrounded"}};
  lxw_row_t row = 2;
  for (const auto& [key, value] : rows) {
    sheet.text(row, 0, key, f.bold);
    sheet.text(row, 1, value);
    ++row;
  }
  sheet.width(0, 0, 24);
  sheet.width(1, 1, 90);
}

struct WorkbookCloser {
  void operator()(lxw_workbook* book) const {
    if (book != nullptr) workbook_close(book);
  }
};

}  // namespace

void write_summary_xlsx(const std::string& path, const nlohmann::ordered_json& summary,
                        const std::vector<MonthlyBand>& months, const std::string& version) {
  // A unique temporary (mkstemp) beside the target, never a name planted in
  // advance: libxlsxwriter writes it by name, then it is synced and renamed.
  TemporaryFile file(path);
  const std::string temporary = file.temporary_path();
  // libxlsxwriter assembles the parts in temporary files: in the workbook's own folder, not the
  // system's, so nothing is written outside the folder the caller chose (a server's workspace).
  std::string folder = std::filesystem::path(path).parent_path().string();
  if (folder.empty()) folder = ".";
  lxw_workbook_options options = {};
  options.tmpdir = folder.data();
  std::unique_ptr<lxw_workbook, WorkbookCloser> book(workbook_new_opt(temporary.c_str(), &options));
  if (!book) throw std::runtime_error(path + ": cannot create the workbook");
  try {
    // A fixed creation time: the same results give the same bytes.
    lxw_doc_properties properties = {};
    std::string title = "Homeward results";
    properties.title = title.data();
    std::string author = "Homeward " + version;
    properties.author = author.data();
    properties.created = 946684800;  // 2000-01-01T00:00:00Z
    workbook_set_properties(book.get(), &properties);
    const Formats formats = make_formats(book.get());
    headline_sheet(book.get(), formats, summary);
    if (summary.contains("differences")) differences_sheet(book.get(), formats, summary);
    measures_sheet(book.get(), formats, summary);
    monthly_sheet(book.get(), formats, months);
    about_sheet(book.get(), formats, summary, version);
  } catch (const std::exception& e) {
    book.reset();
    throw std::runtime_error(path + ": " + e.what());  // the temporary goes with `file`
  }
  const lxw_error closed = workbook_close(book.release());
  if (closed != LXW_NO_ERROR) throw std::runtime_error(path + ": cannot write: " + lxw_strerror(closed));
  file.commit();
}

}  // namespace homeward::io
