#include "calib/observed_data.h"

#include <fmt/format.h>

#include "calib/data_reader_support.h"
#include "calib/problem.h"
#include "sim/io/json_checker.h"

namespace homeward::calib {
namespace detail {

const char* care_type_name(CareType c) {
  switch (c) {
    case CareType::acute:
      return "acute";
    case CareType::non_acute:
      return "non_acute";
    case CareType::all:
      return "all";
  }
  return "all";
}

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t") == std::string_view::npos; }

ObservedBuilder::ObservedBuilder(const std::string& file, std::vector<io::Problem>& problems)
    : file_(file), problems_(problems) {
  data_.file = file;
}

void ObservedBuilder::problem(std::size_t line, std::string_view column, std::string expected, std::string found) {
  problems_.push_back(calib::problem(io::at_line(file_, line), column.empty() ? "" : "column " + std::string(column),
                       std::move(expected), std::move(found)));
}

std::optional<std::size_t> ObservedBuilder::require_column(const io::CsvTable& table, std::string_view name,
                                                           std::string_view layout) {
  if (auto c = table.column(name)) return c;
  std::string columns;
  for (const auto& h : table.header) columns += (columns.empty() ? "" : ", ") + io::printable(h);
  problem(1, "", fmt::format("a column \"{}\" (the {} layout)", name, layout),
          fmt::format("the columns {}", columns.size() > 200 ? columns.substr(0, 200) + "..." : columns));
  return std::nullopt;
}

std::optional<Month> ObservedBuilder::month(const io::CsvRow& row, std::size_t column, std::string_view name) {
  if (auto m = parse_month(row.fields[column])) return m;
  problem(row.line, name, "a month written YYYY-MM", io::json_quoted(row.fields[column]));
  return std::nullopt;
}

std::optional<double> ObservedBuilder::amount(const io::CsvRow& row, std::size_t column, std::string_view name,
                                              bool blank_allowed) {
  const std::string& text = row.fields[column];
  if (is_blank(text)) {
    if (!blank_allowed) problem(row.line, name, "a number of days >= 0", "an empty value");
    return std::nullopt;
  }
  const auto value = io::parse_number(text);
  if (!value || *value < 0) {
    problem(row.line, name, "a number of days >= 0", io::json_quoted(text));
    return std::nullopt;
  }
  if (*value > kMostDaysInAMonth) {
    // England's delayed days peaked near 200,000 a month (2017): a larger
    // value is a mistake (a unit, a misplaced column) and would swamp the fit.
    problem(row.line, name, fmt::format("a number of days >= 0 and <= {:g} (England's monthly total never reached "
                                        "250,000)", kMostDaysInAMonth), io::json_quoted(text));
    return std::nullopt;
  }
  return value;
}

void ObservedBuilder::add(const std::string& atom, Month m, double value, std::size_t line) {
  auto [it, inserted] = data_.series[atom].try_emplace(m, ObservedValue{value, line});
  if (!inserted) {
    it->second.value += value;
    if (it->second.line == 0) it->second.line = line;
  }
}

void ObservedBuilder::note_row(Month m, std::size_t line) {
  ++data_.rows;
  data_.months.try_emplace(m, line);
}

}  // namespace detail

const std::vector<std::string>& layout_names() {
  static const std::vector<std::string> names = {"local_authority", "provider", "provider_local_authority",
                                                 "national", "national_by_reason_agency", "tidy", "drd"};
  return names;
}

const std::vector<std::string>& care_type_names() {
  static const std::vector<std::string> names = {"acute", "non_acute", "all"};
  return names;
}

const ObservedValue* ObservedData::find(const std::string& name, Month m) const {
  const auto s = series.find(name);
  if (s == series.end()) return nullptr;
  const auto v = s->second.find(m);
  return v == s->second.end() ? nullptr : &v->second;
}

std::string reason_atom(model::Reason r) { return std::string("reason.") + model::reason_code(r); }
std::string agency_atom(model::Agency a) { return std::string("agency.") + model::agency_code(a); }
std::string cell_atom(model::Reason r, model::Agency a) { return reason_atom(r) + "." + agency_atom(a); }

std::optional<model::Reason> parse_reason(std::string_view code) {
  using model::Reason;
  if (code == "D1" || code == "Di") return Reason::D_i;
  if (code == "D2" || code == "Dii") return Reason::D_ii;
  for (int r = 0; r < model::kReasonCount; ++r)
    if (code == model::reason_code(static_cast<Reason>(r))) return static_cast<Reason>(r);
  return std::nullopt;
}

std::optional<model::Agency> parse_agency(std::string_view code) {
  if (code == "NHS") return model::Agency::nhs;
  for (int a = 0; a < model::kAgencyCount; ++a)
    if (code == model::agency_code(static_cast<model::Agency>(a))) return static_cast<model::Agency>(a);
  return std::nullopt;
}

namespace {

std::string selection_text(const DataRequest& request) {
  std::string text;
  if (!request.local_authority.empty()) text += "local authority " + request.local_authority;
  if (!request.provider.empty()) text += (text.empty() ? "provider " : ", provider ") + request.provider;
  if (request.layout != DataLayout::tidy && request.layout != DataLayout::drd) {
    text += (text.empty() ? "" : ", ") + std::string(detail::care_type_name(request.care_type)) + " care";
  }
  return text;
}

// Every month of the requested range (or of the selection's own span) must have rows.
void check_months(const DataRequest& request, const ObservedData& data, std::vector<io::Problem>& problems) {
  if (data.months.empty()) {
    const std::string selection = selection_text(request);
    problems.push_back(problem(request.file, "", selection.empty() ? "data rows" : "rows for " + selection, "none"));
    return;
  }
  const MonthRange range = request.months.empty()
                               ? MonthRange{data.months.begin()->first, data.months.rbegin()->first}
                               : request.months;
  for (Month m = range.first; m <= range.last; ++m) {
    if (data.months.contains(m)) continue;
    // Point at the row where the month should have been: the next month's.
    const auto next = data.months.upper_bound(m);
    const std::string where = next != data.months.end() ? io::at_line(request.file, next->second) : request.file;
    const std::string selection = selection_text(request);
    problems.push_back(problem(where, "",
                               fmt::format("a row for month {}{}", month_iso(m), selection.empty() ? "" : " (" + selection + ")"),
                               "none: the month is missing"));
  }
}

}  // namespace

DataReadResult read_observed_data(const DataRequest& request) {
  DataReadResult result;
  auto table = io::read_csv_file(request.file, result.problems);
  if (!table) return result;
  detail::ObservedBuilder builder(request.file, result.problems);
  bool columns_ok = false;
  switch (request.layout) {
    case DataLayout::local_authority:
    case DataLayout::provider:
    case DataLayout::national:
      columns_ok = detail::read_wide(*table, request, builder);
      break;
    case DataLayout::provider_local_authority:
    case DataLayout::national_by_reason_agency:
      columns_ok = detail::read_long(*table, request, builder);
      break;
    case DataLayout::tidy:
      columns_ok = detail::read_tidy(*table, builder);
      break;
    case DataLayout::drd:
      columns_ok = detail::read_drd(*table, request, builder);
      break;
  }
  result.data = std::move(builder.data());
  // A missing column already said everything there is to say.
  if (columns_ok) check_months(request, result.data, result.problems);
  return result;
}

}  // namespace homeward::calib
