#include "sim/io/journal.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "sim/io/atomic_file.h"
#include "sim/io/number_text.h"
#include "sim/io/problems.h"
#include "sim/io/sealed_line.h"

namespace homeward::io {

using nlohmann::json;

namespace {

// ---- the header --------------------------------------------------------------
json header_json(const JournalHeader& h) {
  json scenarios = json::array();
  for (const ScenarioInfo& s : h.scenarios) {
    scenarios.push_back({{"name", s.name}, {"fingerprint", s.fingerprint}, {"start_date", s.start_date},
                         {"duration_days", s.duration_days}, {"warmup_days", s.warmup_days},
                         {"cost_per_bed_day", s.cost_per_bed_day}, {"attributions", s.attributions},
                         {"services", s.services}, {"description", s.description}});
  }
  return {{"homeward_journal", kJournalFormat}, {"version", h.version},        {"seed", h.seed},
          {"replications", h.replications}, {"scenarios", scenarios}, {"first_task", h.first_task},
          {"end_task", h.end_task}};
}

void expect_keys(const json& j, std::initializer_list<const char*> keys, const std::string& where) {
  if (!j.is_object()) throw JournalError(where + ": expected an object, found " + j.type_name());
  for (const auto& item : j.items()) {
    const std::string& key = item.key();  // not a structured binding: clang 14 cannot capture one
    if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; }))
      throw JournalError(fmt::format("{}: unexpected key \"{}\"", where, printable(key)));
  }
}

std::optional<std::chrono::year_month_day> iso_date(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

JournalHeader header_from(const json& j) {
  expect_keys(j, {"homeward_journal", "version", "seed", "replications", "scenarios", "first_task", "end_task"},
              "the header");
  JournalHeader h;
  h.version = j.at("version").get<std::string>();
  h.seed = j.at("seed").get<std::uint64_t>();
  h.replications = j.at("replications").get<std::uint32_t>();
  if (h.replications == 0) throw JournalError("the header: expected replications >= 1, found 0");
  const json& scenarios = j.at("scenarios");
  if (!scenarios.is_array() || scenarios.empty())
    throw JournalError("the header: expected a non-empty array of scenarios");
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const json& s = scenarios[i];
    const std::string where = fmt::format("the header's scenario {}", i);
    expect_keys(s, {"name", "fingerprint", "start_date", "duration_days", "warmup_days", "cost_per_bed_day",
                    "attributions", "services", "description"}, where);
    ScenarioInfo info{s.at("name").get<std::string>(), s.at("fingerprint").get<std::string>(),
                      s.at("start_date").get<std::string>(), s.at("duration_days").get<int>(),
                      s.at("warmup_days").get<int>(), s.at("cost_per_bed_day").get<double>(),
                      s.at("attributions").get<std::vector<int>>(),
                      s.at("services").get<std::vector<std::string>>(),
                      s.value("description", std::string())};
    if (!iso_date(info.start_date))
      throw JournalError(fmt::format("{}: expected a start_date YYYY-MM-DD, found \"{}\"", where, printable(info.start_date)));
    if (info.duration_days < 1 || info.duration_days > 36500 || info.warmup_days < 0)
      throw JournalError(fmt::format("{}: expected 1 to 36500 duration_days and warmup_days >= 0", where));
    std::set<int> seen;
    for (int a : info.attributions)
      if (a < 0 || a >= model::kAttributionCount || !seen.insert(a).second)
        throw JournalError(fmt::format("{}: expected distinct attributions 0 to {}, found {}", where,
                                       model::kAttributionCount - 1, a));
    h.scenarios.push_back(std::move(info));
  }
  h.first_task = j.at("first_task").get<std::uint64_t>();
  h.end_task = j.at("end_task").get<std::uint64_t>();
  const std::uint64_t tasks = h.scenarios.size() * static_cast<std::uint64_t>(h.replications);
  if (h.first_task > h.end_task || h.end_task > tasks)
    throw JournalError(fmt::format("the header: expected tasks first_task <= end_task <= {} (scenarios × "
                                   "replications), found [{}, {})", tasks, h.first_task, h.end_task));
  return h;
}

// The header from its line's body; a clear word for journals of other formats.
JournalHeader parse_header(const std::string& line) {
  std::string body, why;
  const bool sealed = unseal(line, body, why);
  json j = json::parse(sealed ? body : line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("homeward_journal"))
    throw JournalError("expected a journal header {\"homeward_journal\": ...}, found something else (not a journal)");
  const json& format = j["homeward_journal"];
  if (!format.is_number_integer() || format.get<std::int64_t>() != kJournalFormat) {
    const std::string version = j.contains("version") && j["version"].is_string() ? j["version"].get<std::string>() : "?";
    throw JournalError(fmt::format(
        "expected a journal of format {}, found format {} (written by Homeward {}{}); this Homeward cannot "
        "resume or merge it: run it again (--force replaces it)",
        kJournalFormat, format.dump(), printable(version),
        format.is_number_integer() && format.get<std::int64_t>() < 4 ? ", before journals carried checksums" : ""));
  }
  if (!sealed) throw JournalError(why);
  return header_from(j);
}

// ---- records -----------------------------------------------------------------
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

// Checks records against their journal's header, in order.
class RecordChecker {
 public:
  explicit RecordChecker(const JournalHeader& header) : header_(header), names_(header.scenarios.size()) {
    for (const ScenarioInfo& s : header.scenarios) {
      std::vector<std::string> months;
      const std::chrono::sys_days start{*iso_date(s.start_date)};
      for (int day = 0; day < s.duration_days; ++day) {
        const std::chrono::year_month_day d{start + std::chrono::days{day}};
        const std::string iso = fmt::format("{:04}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
        if (months.empty() || months.back() != iso) months.push_back(iso);
      }
      months_.push_back(std::move(months));
    }
  }

  JournalRecord read(const json& j, std::uint64_t expected_task) {
    expect_keys(j, {"task", "names", "values", "months", "events", "patient_days"}, "the record");
    JournalRecord record;
    record.task = j.at("task").get<std::uint64_t>();
    if (expected_task >= header_.end_task)
      throw JournalError(fmt::format("expected no more records (the header's tasks [{}, {}) are all there), found task {}",
                                     header_.first_task, header_.end_task, record.task));
    if (record.task != expected_task)
      throw JournalError(fmt::format("expected task {} (records in task order), found task {}", expected_task,
                                     record.task));
    const std::size_t scenario = record.task / header_.replications;
    const ScenarioInfo& info = header_.scenarios[scenario];
    const json& names = j.at("names");
    const json& values = j.at("values");
    if (!names.is_array() || !values.is_array() || names.size() != values.size() || names.empty())
      throw JournalError(fmt::format("expected as many measure names as values, found {} and {}", names.size(),
                                     values.size()));
    std::vector<std::string>& known = names_[scenario];
    if (!known.empty() && known.size() != names.size())
      throw JournalError(fmt::format("expected the {} measures of scenario {}'s first record, found {}", known.size(),
                                     printable(info.name), names.size()));
    record.result.measures.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto& name = names[i].get_ref<const std::string&>();
      if (!known.empty() && name != known[i])
        throw JournalError(fmt::format("expected measure {} to be \"{}\" as in scenario {}'s first record, found \"{}\"",
                                       i, printable(known[i]), printable(info.name), printable(name)));
      record.result.measures.push_back({name, values[i].get<double>()});
    }
    if (known.empty()) {
      std::set<std::string> unique;
      for (const model::Measure& m : record.result.measures)
        if (!unique.insert(m.name).second)
          throw JournalError(fmt::format("expected each measure once, found \"{}\" again", printable(m.name)));
      for (const model::Measure& m : record.result.measures) known.push_back(m.name);
    }
    const json& months = j.at("months");
    const std::vector<std::string>& expected_months = months_[scenario];
    if (!months.is_array() || months.size() != expected_months.size())
      throw JournalError(fmt::format("expected the {} of scenario {}'s period, found {}",
                                     counted(expected_months.size(), "month"), printable(info.name), months.size()));
    for (std::size_t k = 0; k < months.size(); ++k) record.result.months.push_back(month(months[k], expected_months[k], info));
    record.result.events = j.at("events").get<std::uint64_t>();
    record.result.patient_days = j.at("patient_days").get<double>();
    return record;
  }

 private:
  static model::MonthResult month(const json& m, const std::string& expected, const ScenarioInfo& info) {
    expect_keys(m, {"month", "admissions", "discharges", "delayed_bed_days", "acute_bed_days", "delayed_days",
                    "snapshot", "queue_days", "discharges_by_delay", "delay_days_by_delay"}, "a month");
    const std::string iso = m.at("month").get<std::string>();
    if (iso != expected)
      throw JournalError(fmt::format("expected month {}, found \"{}\"", expected, printable(iso)));
    model::MonthResult month;
    month.month = {std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2))};
    month.admissions = m.at("admissions").get<double>();
    month.discharges = m.at("discharges").get<double>();
    month.delayed_bed_days = m.at("delayed_bed_days").get<double>();
    month.acute_bed_days = m.at("acute_bed_days").get<double>();
    for (const char* key : {"delayed_days", "snapshot"})
      if (m.at(key).size() != model::kAttributionCount)
        throw JournalError(fmt::format("month {}: expected {} {} (one per reason and agency), found {}", iso,
                                       model::kAttributionCount, key, m.at(key).size()));
    month.delayed_days = m.at("delayed_days").get<std::array<double, model::kAttributionCount>>();
    month.snapshot = m.at("snapshot").get<std::array<double, model::kAttributionCount>>();
    month.queue_days = m.at("queue_days").get<std::vector<double>>();
    if (month.queue_days.size() != info.services.size())
      throw JournalError(fmt::format("month {}: expected {} queue_days (one per service in the header), found {}", iso,
                                     info.services.size(), month.queue_days.size()));
    for (const char* key : {"discharges_by_delay", "delay_days_by_delay"})
      if (m.at(key).size() != model::kDelayBinCount)
        throw JournalError(fmt::format("month {}: expected {} {} (one per delay bin), found {}", iso,
                                       model::kDelayBinCount, key, m.at(key).size()));
    month.discharges_by_delay = m.at("discharges_by_delay").get<std::array<double, model::kDelayBinCount>>();
    month.delay_days_by_delay = m.at("delay_days_by_delay").get<std::array<double, model::kDelayBinCount>>();
    return month;
  }

  const JournalHeader& header_;
  std::vector<std::vector<std::string>> names_;  // by scenario: its first record's measures
  std::vector<std::vector<std::string>> months_;  // by scenario: "YYYY-MM" of its period
};

// ---- files -------------------------------------------------------------------
// Opens a journal for reading without following a symbolic link; a FIFO or
// device is refused before anything blocks on it.
std::FILE* open_for_reading(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ELOOP)
      throw JournalError(path + ": expected a journal file, found a symbolic link (journals are never followed "
                                "through links; copy the file instead)");
    throw JournalError(path + ": cannot read the journal: " + describe_errno(error));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw JournalError(path + ": expected a journal file, found something that is not a regular file");
  }
  std::FILE* file = ::fdopen(fd, "rb");
  if (file == nullptr) {
    ::close(fd);
    throw JournalError(path + ": cannot read the journal: " + describe_errno(errno));
  }
  return file;
}

// Calls on_line(line, number) for each complete line. Returns the bytes they span.
std::uint64_t for_each_line(const std::string& path,
                            const std::function<void(std::string_view, std::size_t)>& on_line) {
  std::FILE* file = open_for_reading(path);
  char* buffer = nullptr;
  std::size_t capacity = 0;
  std::uint64_t bytes = 0;
  std::size_t number = 0;
  try {
    for (ssize_t n; (n = ::getline(&buffer, &capacity, file)) > 0;) {
      const auto length = static_cast<std::size_t>(n);
      if (buffer[length - 1] != '\n') break;  // no newline: a torn last line
      ++number;
      on_line(std::string_view(buffer, length - 1), number);
      bytes += length;
    }
  } catch (...) {
    std::free(buffer);
    std::fclose(file);
    throw;
  }
  std::free(buffer);
  std::fclose(file);
  return bytes;
}

std::string at_line(const std::string& path, std::size_t number, const std::string& what) {
  return fmt::format("{}: line {}: {}", path, number, what);
}

}  // namespace

ScenarioInfo ScenarioInfo::of(const model::PreparedScenario& p, std::string fingerprint) {
  const model::Scenario& s = p.scenario();
  std::vector<std::string> services;
  for (const model::ServiceConfig& c : s.services) services.push_back(c.name);
  return {s.name, std::move(fingerprint), p.calendar().iso_date(0), s.duration_days, s.warmup_days,
          s.cost_per_bed_day, p.attributions(), std::move(services), s.description};
}

bool JournalHeader::same_scenarios(const JournalHeader& o) const { return scenarios == o.scenarios; }

bool JournalHeader::same_run(const JournalHeader& o) const {
  return version == o.version && seed == o.seed && replications == o.replications && same_scenarios(o);
}

std::string journal_header_line(const JournalHeader& header) { return seal(header_json(header).dump()); }

std::string journal_header_checksum(const JournalHeader& header) {
  const std::string line = journal_header_line(header);
  return line.substr(line.size() - 10, 8);
}

JournalWriter JournalWriter::create(const std::string& path, const JournalHeader& header) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) throw OutputError(path, "cannot start a journal (something is already there)", errno);
    throw OutputError(path, "cannot start a journal", errno);
  }
  JournalWriter writer(fd, path);
  writer.write_all(journal_header_line(header) + "\n");
  return writer;
}

JournalWriter JournalWriter::create_temporary(const JournalHeader& header) {
  std::string pattern = (std::filesystem::temp_directory_path() / "homeward-journal-XXXXXX").string();
  const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0) throw OutputError(pattern, "cannot create a temporary journal", errno);
  JournalWriter writer(fd, pattern);
  writer.write_all(journal_header_line(header) + "\n");
  return writer;
}

JournalWriter JournalWriter::resume(const std::string& path, std::uint64_t valid_bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) throw OutputError(path, "cannot append to the journal", errno);
  // Drop a torn last line left by a run killed mid-write.
  if (::ftruncate(fd, static_cast<off_t>(valid_bytes)) != 0) {
    const int error = errno;
    ::close(fd);
    throw OutputError(path, "cannot cut the journal's torn last line", error);
  }
  return JournalWriter(fd, path);
}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) {
  other.fd_ = -1;
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::close() {
  if (fd_ < 0) return;
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) throw OutputError(path_, "cannot write the journal", errno);
}

void JournalWriter::reopen_at_end() {
  close();
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
  if (fd_ < 0) throw OutputError(path_, "cannot append to the journal", errno);
}

void JournalWriter::write_all(const std::string& text) {
  std::string_view rest(text);
  while (!rest.empty()) {
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw OutputError(path_, "cannot append to the journal", n < 0 ? errno : ENOSPC);
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

void JournalWriter::append(std::uint64_t task, const model::ReplicationResult& result) {
  write_all(seal(record_json(task, result).dump()) + "\n");
}

void JournalWriter::append_lines(const std::string& lines) { write_all(lines); }

JournalScan read_journal(const std::string& path, const std::function<void(JournalRecord&&)>& visit) {
  JournalScan scan;
  std::optional<RecordChecker> checker;
  std::string body, why;
  scan.valid_bytes = for_each_line(path, [&](std::string_view line, std::size_t number) {
    try {
      if (!checker) {
        scan.header = parse_header(std::string(line));
        checker.emplace(scan.header);
        return;
      }
      if (!unseal(line, body, why)) throw JournalError(why);
      const json j = json::parse(body);
      JournalRecord record = checker->read(j, scan.header.first_task + scan.records);
      ++scan.records;
      if (visit) visit(std::move(record));
    } catch (const JournalError& e) {
      throw JournalError(at_line(path, number, e.what()));
    } catch (const json::exception& e) {
      throw JournalError(at_line(path, number, std::string("expected a journal record, found ") + e.what()));
    }
  });
  if (!checker) throw JournalError(path + ": expected a journal header line, found none (an empty file or not a journal)");
  return scan;
}

JournalScan scan_journal(const std::string& path) { return read_journal(path, nullptr); }

JournalHeader read_journal_header(const std::string& path) {
  std::optional<JournalHeader> header;
  std::FILE* file = open_for_reading(path);
  char* buffer = nullptr;
  std::size_t capacity = 0;
  const ssize_t n = ::getline(&buffer, &capacity, file);
  const std::string line = n > 0 && buffer[n - 1] == '\n' ? std::string(buffer, static_cast<std::size_t>(n - 1)) : "";
  std::free(buffer);
  std::fclose(file);
  if (line.empty()) throw JournalError(path + ": expected a journal header line, found none (an empty file or not a journal)");
  try {
    return parse_header(line);
  } catch (const JournalError& e) {
    throw JournalError(at_line(path, 1, e.what()));
  } catch (const json::exception& e) {
    throw JournalError(at_line(path, 1, std::string("expected a journal header, found ") + e.what()));
  }
}

std::string journal_records_text(const std::string& path) {
  std::string text, body, why;
  for_each_line(path, [&](std::string_view line, std::size_t number) {
    if (!unseal(line, body, why)) throw JournalError(at_line(path, number, why));
    if (number == 1) return;
    text += line;
    text += '\n';
  });
  return text;
}

void rewrite_journal_header(const std::string& path, const JournalHeader& header) {
  const std::string records = journal_records_text(path);
  TemporaryFile file(path);
  file.write(journal_header_line(header) + "\n");
  file.write(records);
  file.commit();
}

void write_journal_atomically(const std::string& path, const JournalHeader& header, const std::string& record_lines) {
  TemporaryFile file(path);
  file.write(journal_header_line(header) + "\n");
  file.write(record_lines);
  file.commit();
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
