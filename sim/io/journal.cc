#include "sim/io/journal.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sim/io/atomic_file.h"

namespace homeward::io {

using nlohmann::json;

namespace {

constexpr int kFormat = 3;  // 2: months carry queue_days, scenarios their services; 3: delay bins

std::runtime_error failure(const std::string& path, const std::string& what) {
  return std::runtime_error(path + ": " + what);
}

json header_json(const JournalHeader& h) {
  json scenarios = json::array();
  for (const ScenarioInfo& s : h.scenarios) {
    scenarios.push_back({{"name", s.name}, {"fingerprint", s.fingerprint}, {"start_date", s.start_date},
                         {"duration_days", s.duration_days}, {"warmup_days", s.warmup_days},
                         {"cost_per_bed_day", s.cost_per_bed_day}, {"attributions", s.attributions},
                         {"services", s.services}});
  }
  return {{"homeward_journal", kFormat}, {"version", h.version},        {"seed", h.seed},
          {"replications", h.replications}, {"scenarios", scenarios}, {"first_task", h.first_task},
          {"end_task", h.end_task}};
}

JournalHeader header_from(const json& j) {
  JournalHeader h;
  h.version = j.at("version").get<std::string>();
  h.seed = j.at("seed").get<std::uint64_t>();
  h.replications = j.at("replications").get<std::uint32_t>();
  for (const json& s : j.at("scenarios")) {
    h.scenarios.push_back({s.at("name").get<std::string>(), s.at("fingerprint").get<std::string>(),
                           s.at("start_date").get<std::string>(), s.at("duration_days").get<int>(),
                           s.at("warmup_days").get<int>(), s.at("cost_per_bed_day").get<double>(),
                           s.at("attributions").get<std::vector<int>>(),
                           s.at("services").get<std::vector<std::string>>()});
  }
  h.first_task = j.at("first_task").get<std::uint64_t>();
  h.end_task = j.at("end_task").get<std::uint64_t>();
  return h;
}

json record_json(std::uint64_t task, const model::ReplicationResult& r) {
  json names = json::array(), values = json::array();
  for (const model::Measure& m : r.measures) {
    names.push_back(m.name);
    values.push_back(m.value);
  }
  json months = json::array();
  for (const model::MonthResult& m : r.months) {
    months.push_back({{"month", m.month.iso()},
                      {"admissions", m.admissions},
                      {"discharges", m.discharges},
                      {"delayed_bed_days", m.delayed_bed_days},
                      {"acute_bed_days", m.acute_bed_days},
                      {"delayed_days", m.delayed_days},
                      {"snapshot", m.snapshot},
                      {"queue_days", m.queue_days},
                      {"discharges_by_delay", m.discharges_by_delay},
                      {"delay_days_by_delay", m.delay_days_by_delay}});
  }
  return {{"task", task}, {"names", names}, {"values", values}, {"months", months},
          {"events", r.events}, {"patient_days", r.patient_days}};
}

JournalRecord record_from(const json& j) {
  JournalRecord record;
  record.task = j.at("task").get<std::uint64_t>();
  const auto& names = j.at("names");
  const auto& values = j.at("values");
  if (names.size() != values.size()) throw std::runtime_error("names and values differ in length");
  for (std::size_t i = 0; i < names.size(); ++i)
    record.result.measures.push_back({names[i].get<std::string>(), values[i].get<double>()});
  for (const auto& m : j.at("months")) {
    model::MonthResult month;
    const std::string iso = m.at("month").get<std::string>();
    if (iso.size() != 7) throw std::runtime_error("bad month " + iso);
    month.month = {std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2))};
    month.admissions = m.at("admissions").get<double>();
    month.discharges = m.at("discharges").get<double>();
    month.delayed_bed_days = m.at("delayed_bed_days").get<double>();
    month.acute_bed_days = m.at("acute_bed_days").get<double>();
    month.delayed_days = m.at("delayed_days").get<std::array<double, model::kAttributionCount>>();
    month.snapshot = m.at("snapshot").get<std::array<double, model::kAttributionCount>>();
    month.queue_days = m.at("queue_days").get<std::vector<double>>();
    month.discharges_by_delay = m.at("discharges_by_delay").get<std::array<double, model::kDelayBinCount>>();
    month.delay_days_by_delay = m.at("delay_days_by_delay").get<std::array<double, model::kDelayBinCount>>();
    record.result.months.push_back(month);
  }
  record.result.events = j.at("events").get<std::uint64_t>();
  record.result.patient_days = j.at("patient_days").get<double>();
  return record;
}

void write_line(std::FILE* file, const std::string& path, const json& j) {
  const std::string line = j.dump() + "\n";
  if (std::fwrite(line.data(), 1, line.size(), file) != line.size() || std::fflush(file) != 0)
    throw failure(path, std::string("cannot write: ") + std::strerror(errno));
}

}  // namespace

ScenarioInfo ScenarioInfo::of(const model::PreparedScenario& p, std::string fingerprint) {
  const model::Scenario& s = p.scenario();
  std::vector<std::string> services;
  for (const model::ServiceConfig& c : s.services) services.push_back(c.name);
  return {s.name, std::move(fingerprint), p.calendar().iso_date(0), s.duration_days, s.warmup_days,
          s.cost_per_bed_day, p.attributions(), std::move(services)};
}

bool JournalHeader::same_scenarios(const JournalHeader& o) const { return scenarios == o.scenarios; }

bool JournalHeader::same_run(const JournalHeader& o) const {
  return version == o.version && seed == o.seed && replications == o.replications && same_scenarios(o);
}

JournalWriter JournalWriter::create(const std::string& path, const JournalHeader& header) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) throw failure(path, std::string("cannot write: ") + std::strerror(errno));
  JournalWriter writer(file, path);
  write_line(file, path, header_json(header));
  return writer;
}

JournalWriter JournalWriter::resume(const std::string& path, std::uint64_t valid_bytes) {
  // Drop a torn last line left by a run killed mid-write.
  if (::truncate(path.c_str(), static_cast<off_t>(valid_bytes)) != 0)
    throw failure(path, std::string("cannot truncate: ") + std::strerror(errno));
  std::FILE* file = std::fopen(path.c_str(), "ab");
  if (file == nullptr) throw failure(path, std::string("cannot append: ") + std::strerror(errno));
  return JournalWriter(file, path);
}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept : file_(other.file_), path_(std::move(other.path_)) {
  other.file_ = nullptr;
}

JournalWriter::~JournalWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

void JournalWriter::append(std::uint64_t task, const model::ReplicationResult& result) {
  write_line(file_, path_, record_json(task, result));
}

void JournalWriter::append_lines(const std::string& lines) {
  if (std::fwrite(lines.data(), 1, lines.size(), file_) != lines.size() || std::fflush(file_) != 0)
    throw failure(path_, std::string("cannot write: ") + std::strerror(errno));
}

namespace {

// Reads complete lines; calls on_line(line, number) for each. Returns the bytes they span.
std::uint64_t for_each_line(const std::string& path, const std::function<void(const std::string&, std::size_t)>& on_line) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw failure(path, "cannot read the journal");
  std::string line;
  std::uint64_t bytes = 0;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no newline: a torn last line
    ++number;
    on_line(line, number);
    bytes += line.size() + 1;
  }
  return bytes;
}

}  // namespace

JournalScan scan_journal(const std::string& path) {
  JournalScan scan;
  bool have_header = false;
  scan.valid_bytes = for_each_line(path, [&](const std::string& line, std::size_t number) {
    try {
      const json j = json::parse(line);
      if (!have_header) {
        if (!j.is_object() || j.value("homeward_journal", 0) != kFormat) throw std::runtime_error("not a journal header");
        scan.header = header_from(j);
        have_header = true;
        return;
      }
      const std::uint64_t task = j.at("task").get<std::uint64_t>();
      if (task != scan.header.first_task + scan.records)
        throw std::runtime_error(fmt::format("task {} where {} was expected", task, scan.header.first_task + scan.records));
      ++scan.records;
    } catch (const std::exception& e) {
      throw failure(path, fmt::format("line {}: {}", number, e.what()));
    }
  });
  if (!have_header) throw failure(path, "no journal header (empty or not a journal)");
  return scan;
}

std::string journal_records_text(const std::string& path) {
  std::string text;
  bool header = true;
  for_each_line(path, [&](const std::string& line, std::size_t) {
    if (!header) text += line + "\n";
    header = false;
  });
  return text;
}

void rewrite_journal_header(const std::string& path, const JournalHeader& header) {
  const std::string records = journal_records_text(path);
  const std::string temporary = path + ".tmp";
  JournalWriter::create(temporary, header).append_lines(records);
  rename_into_place(temporary, path);
}

void read_journal(const std::string& path, const std::function<void(JournalRecord&&)>& visit) {
  bool header = true;
  for_each_line(path, [&](const std::string& line, std::size_t number) {
    if (header) {
      header = false;
      return;
    }
    try {
      visit(record_from(json::parse(line)));
    } catch (const nlohmann::json::exception& e) {
      throw failure(path, fmt::format("line {}: {}", number, e.what()));
    }
  });
}

std::string fingerprint(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", hash);
}

}  // namespace homeward::io
