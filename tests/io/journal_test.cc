// The journal's format (docs/outputs.md, "The journal"): every line sealed
// by a CRC-32C, every record checked against the header on every read, and
// nothing planted in the folder ever written through.
#include "sim/io/journal.h"

#include <gtest/gtest.h>
#include "support/scratch_dirs.h"
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/io/atomic_file.h"
#include "sim/io/sealed_line.h"

namespace homeward::io {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path dir = homeward::testing::scratch_dir("homeward_journal", name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Two scenarios of 2 replications; the period 2019-01-30 to 2019-03-02 spans 3 months.
JournalHeader header() {
  ScenarioInfo info{"base", "0123456789abcdef", "2019-01-30", 32, 0, 400, {0, 5}, {"social_work", "home_care"}, ""};
  ScenarioInfo other = info;
  other.name = "other";
  return {"test", 7, 2, {info, other}, 0, 4};
}

model::ReplicationResult result(double value) {
  model::ReplicationResult r;
  r.measures = {{"admissions", value}, {"delayed_bed_days", value / 3}};
  for (const auto& [y, m] : {std::pair{2019, 1}, {2019, 2}, {2019, 3}}) {
    model::MonthResult month;
    month.month = {y, m};
    month.admissions = value;
    month.delayed_days[5] = 0.1 + value;
    month.queue_days = {1.5, 2.5};
    r.months.push_back(month);
  }
  r.events = 1234;
  r.patient_days = 0.1 * value;
  return r;
}

std::string error_of(const std::string& path) {
  try {
    scan_journal(path);
  } catch (const JournalError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Journal, CrcIsTheCastagnoliCheckValue) {
  // The standard check value of CRC-32C (RFC 3720, B.4): "123456789" -> e3069283.
  EXPECT_EQ(crc32c_hex("123456789"), "e3069283");
  EXPECT_EQ(crc32c_hex(""), "00000000");
}

TEST(Journal, RecordsReadBackExactlyAndEveryLineIsSealed) {
  const fs::path path = scratch("round") / "journal.jsonl";
  {
    JournalWriter writer = JournalWriter::create(path.string(), header());
    for (std::uint64_t task = 0; task < 4; ++task) writer.append(task, result(0.1 * static_cast<double>(task) + 1e-17));
  }
  std::vector<JournalRecord> records;
  const JournalScan scan = read_journal(path.string(), [&](JournalRecord&& r) { records.push_back(std::move(r)); });
  EXPECT_EQ(scan.records, 4u);
  EXPECT_EQ(scan.valid_bytes, fs::file_size(path));
  ASSERT_EQ(records.size(), 4u);
  for (std::uint64_t task = 0; task < 4; ++task) {
    const model::ReplicationResult expected = result(0.1 * static_cast<double>(task) + 1e-17);
    EXPECT_EQ(records[task].task, task);
    EXPECT_EQ(records[task].result.measures[1].value, expected.measures[1].value);  // bit for bit
    EXPECT_EQ(records[task].result.months[2].delayed_days, expected.months[2].delayed_days);
    EXPECT_EQ(records[task].result.months[1].queue_days, expected.months[1].queue_days);
  }
  // Each line ends in the CRC-32C of its bytes without the "crc32c" member.
  std::istringstream lines(slurp(path));
  std::string line;
  while (std::getline(lines, line)) {
    const std::string tail = line.substr(line.size() - 21);
    ASSERT_EQ(tail.substr(0, 11), ",\"crc32c\":\"") << line;
    EXPECT_EQ(crc32c_hex(line.substr(0, line.size() - 21) + "}"), tail.substr(11, 8));
  }
  EXPECT_EQ(journal_header_checksum(header()), slurp(path).substr(slurp(path).find('\n') - 10, 8));
}

TEST(Journal, AnyChangedByteIsRefusedNamingTheLine) {
  const fs::path dir = scratch("edited");
  const fs::path path = dir / "journal.jsonl";
  {
    JournalWriter writer = JournalWriter::create(path.string(), header());
    for (std::uint64_t task = 0; task < 3; ++task) writer.append(task, result(100));
  }
  const std::string good = slurp(path);
  // Change every byte of line 3 in turn (one digit, a quote, a brace...).
  const std::size_t start = good.find('\n', good.find('\n') + 1) + 1, end = good.find('\n', start);
  for (std::size_t at = start; at < end; at += 7) {
    std::string bad = good;
    bad[at] = bad[at] == '1' ? '2' : '1';
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bad;
    EXPECT_NE(error_of(path.string()).find("journal.jsonl: line 3: "), std::string::npos) << at;
  }
}

TEST(Journal, RecordsAreCheckedAgainstTheHeader) {
  const fs::path dir = scratch("checked");
  const auto journal_with = [&](const std::function<void(JournalWriter&)>& write) {
    const fs::path path = dir / "journal.jsonl";
    fs::remove(path);
    JournalWriter writer = JournalWriter::create(path.string(), header());
    write(writer);
    return error_of(path.string());
  };
  // The writer seals whatever it is given; the reader checks it.
  EXPECT_NE(journal_with([](JournalWriter& w) {
              for (std::uint64_t t = 0; t < 5; ++t) w.append(t, result(1));
            }).find("line 6: expected no more records (the header's tasks [0, 4) are all there), found task 4"),
            std::string::npos);
  EXPECT_NE(journal_with([](JournalWriter& w) { w.append(1, result(1)); })
                .find("line 2: expected task 0 (records in task order), found task 1"),
            std::string::npos);
  EXPECT_NE(journal_with([](JournalWriter& w) {
              w.append(0, result(1));
              model::ReplicationResult fewer = result(1);
              fewer.measures.pop_back();
              w.append(1, fewer);
            }).find("line 3: expected the 2 measures of scenario base's first record, found 1"),
            std::string::npos);
  EXPECT_NE(journal_with([](JournalWriter& w) {
              model::ReplicationResult renamed = result(1);
              w.append(0, renamed);
              renamed.measures[1].name = "cost_total";
              w.append(1, renamed);
            }).find("line 3: expected measure 1 to be \"delayed_bed_days\""),
            std::string::npos);
  EXPECT_NE(journal_with([](JournalWriter& w) {
              model::ReplicationResult twice = result(1);
              twice.measures[1].name = "admissions";
              w.append(0, twice);
            }).find("line 2: expected each measure once, found \"admissions\" again"),
            std::string::npos);
  EXPECT_NE(journal_with([](JournalWriter& w) {
              model::ReplicationResult short_run = result(1);
              short_run.months.pop_back();
              w.append(0, short_run);
            }).find("line 2: expected the 3 months of scenario base's period, found 2"),
            std::string::npos);
  EXPECT_NE(journal_with([](JournalWriter& w) {
              model::ReplicationResult shifted = result(1);
              shifted.months[0].month = {2019, 4};
              w.append(0, shifted);
            }).find("line 2: expected month 2019-01, found \"2019-04\""),
            std::string::npos);
  EXPECT_NE(journal_with([](JournalWriter& w) {
              model::ReplicationResult queues = result(1);
              queues.months[1].queue_days.push_back(3);
              w.append(0, queues);
            }).find("line 2: month 2019-02: expected 2 queue_days (one per service in the header), found 3"),
            std::string::npos);
  // A scenario's measures are its own: the other scenario may differ from the base.
  EXPECT_EQ(journal_with([](JournalWriter& w) {
              w.append(0, result(1));
              w.append(1, result(2));
              model::ReplicationResult other = result(3);
              other.measures.push_back({"service.hart.starts", 2});
              w.append(2, other);
              w.append(3, other);
            }),
            "no error");
}

TEST(Journal, HeadersAreCheckedAndOtherFormatsNamed) {
  const fs::path dir = scratch("headers");
  const fs::path path = dir / "journal.jsonl";
  const auto refusal = [&](const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    return error_of(path.string());
  };
  EXPECT_NE(refusal("").find("expected a journal header line, found none"), std::string::npos);
  EXPECT_NE(refusal("{\"a\": 1}\n").find("line 1: expected a journal header {\"homeward_journal\": ...}"),
            std::string::npos);
  EXPECT_NE(refusal("{\"homeward_journal\": 2, \"version\": \"0.3.0\"}\n")
                .find("line 1: expected a journal of format 4, found format 2 (written by Homeward 0.3.0, before "
                      "journals carried checksums)"),
            std::string::npos);
  const std::string line = journal_header_line(header());
  EXPECT_EQ(refusal(line + "\n"), "no error");
  EXPECT_NE(refusal(line).find("found none"), std::string::npos);  // torn: no newline
  JournalHeader past = header();
  past.end_task = 5;
  EXPECT_NE(refusal(journal_header_line(past) + "\n").find("expected tasks first_task <= end_task <= 4"),
            std::string::npos);
  JournalHeader attribution = header();
  attribution.scenarios[0].attributions = {0, 0};
  EXPECT_NE(refusal(journal_header_line(attribution) + "\n").find("expected distinct attributions"), std::string::npos);
}

TEST(Journal, LinksAreNeverFollowed) {
  const fs::path dir = scratch("links");
  const fs::path target = dir / "target";
  std::ofstream(target) << "precious\n";
  fs::create_symlink(target, dir / "journal.jsonl");
  EXPECT_THROW(JournalWriter::create((dir / "journal.jsonl").string(), header()), OutputError);
  EXPECT_THROW(JournalWriter::resume((dir / "journal.jsonl").string(), 0), OutputError);
  EXPECT_NE(error_of((dir / "journal.jsonl").string()).find("found a symbolic link"), std::string::npos);
  EXPECT_EQ(slurp(target), "precious\n");
}

TEST(Journal, ResumeCutsATornLastLine) {
  const fs::path path = scratch("torn") / "journal.jsonl";
  {
    JournalWriter writer = JournalWriter::create(path.string(), header());
    writer.append(0, result(1));
  }
  const std::string whole = slurp(path);
  std::ofstream(path, std::ios::binary | std::ios::app) << "{\"task\":1,\"na";
  const JournalScan scan = scan_journal(path.string());
  EXPECT_EQ(scan.records, 1u);
  EXPECT_EQ(scan.valid_bytes, whole.size());
  { JournalWriter::resume(path.string(), scan.valid_bytes).append(1, result(2)); }
  EXPECT_EQ(scan_journal(path.string()).records, 2u);
}

TEST(Journal, RewrittenHeaderKeepsTheRecords) {
  const fs::path path = scratch("rewrite") / "journal.jsonl";
  {
    JournalWriter writer = JournalWriter::create(path.string(), header());
    writer.append(0, result(1));
  }
  JournalHeader settled = header();
  settled.replications = 3;
  settled.end_task = 6;
  rewrite_journal_header(path.string(), settled);
  const JournalScan scan = scan_journal(path.string());
  EXPECT_EQ(scan.header.replications, 3u);
  EXPECT_EQ(scan.records, 1u);
  EXPECT_EQ(journal_records_text(path.string()), slurp(path).substr(slurp(path).find('\n') + 1));
}

}  // namespace
}  // namespace homeward::io
