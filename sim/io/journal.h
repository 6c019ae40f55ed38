// The journal: every finished replication of a run, appended as one line of
// JSON to OUT/journal.jsonl as soon as it is done, after a header line that
// says which run it belongs to. It is what makes a run safe to interrupt and
// resume, and what shards of a batch hand to `homeward merge`: every output
// file is produced from journals, so a resumed, merged or uninterrupted run
// gives byte-identical results. Doubles are written in shortest round-trip
// form, so nothing is lost.
//
// Every line, the header too, ends with its own checksum, a CRC-32C of the
// line's exact bytes without it ("crc32c" member, docs/outputs.md), and every
// record is checked against the header on every read: its task in the
// header's range and in order, its months those of the scenario's period, its
// arrays as long as the header's attributions and services say, its measures
// those of the scenario's first record. An edited, damaged or foreign line is
// refused, naming the file and the line.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/model/prepared_scenario.h"
#include "sim/model/replication_result.h"

namespace homeward::io {

// The journal format this Homeward writes and reads. 4: every line carries a
// CRC-32C; 3: months carry delay bins; 2: months carry queue_days, scenarios
// their services.
inline constexpr int kJournalFormat = 4;

// A journal that cannot be used: not a journal, another format, a line whose
// checksum or contents do not match, a symbolic link. The message names the
// file and, where there is one, the line. Commands exit 2 (bad input) on it.
class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the outputs need to know of a scenario, so that journals alone (without
// the scenario files) are enough to write them.
struct ScenarioInfo {
  std::string name;
  std::string fingerprint;  // of the resolved scenario document
  std::string start_date;   // "YYYY-MM-DD"
  int duration_days = 0;
  int warmup_days = 0;
  double cost_per_bed_day = 0;
  std::vector<int> attributions;  // (reason, agency) pairs the scenario can produce
  std::vector<std::string> services;  // names, in the order of MonthResult::queue_days
  // The scenario's description (may be empty), for summary.json and the report:
  // what the reader of the results is told the scenario is.
  std::string description;

  static ScenarioInfo of(const model::PreparedScenario& scenario, std::string fingerprint);
  bool operator==(const ScenarioInfo&) const = default;
};

struct JournalHeader {
  std::string version;
  std::uint64_t seed = 0;
  std::uint32_t replications = 0;  // per scenario
  std::vector<ScenarioInfo> scenarios;
  std::uint64_t first_task = 0;  // this journal's tasks [first_task, end_task); task = scenario × replications + r
  std::uint64_t end_task = 0;

  // Same run (version, seed, replications, scenarios), whatever the task range.
  bool same_run(const JournalHeader& other) const;
  // Same scenarios (names and fingerprints), whatever the seed or count.
  bool same_scenarios(const JournalHeader& other) const;
};

struct JournalRecord {
  std::uint64_t task = 0;
  model::ReplicationResult result;
};

// Appends to a journal. Each record reaches the file (one write of the whole
// line) before append() returns, so a killed run loses at most the line
// being written, which readers ignore as torn. Throws OutputError (disk full,
// read-only, ...) naming the path.
class JournalWriter {
 public:
  // Starts a new journal with this header. The file must not exist (a
  // previous run's journal is set aside first), and is created with
  // O_EXCL | O_NOFOLLOW, so nothing planted there is written through.
  static JournalWriter create(const std::string& path, const JournalHeader& header);
  // Starts a new journal under a unique name in the system's temporary folder
  // (for runs without --out and for MPI ranks); path() says where.
  static JournalWriter create_temporary(const JournalHeader& header);
  // Continues an existing journal whose first `valid_bytes` are complete lines
  // (as scan_journal says), cutting off a torn last line. Refuses a symbolic link.
  static JournalWriter resume(const std::string& path, std::uint64_t valid_bytes);
  JournalWriter(JournalWriter&& other) noexcept;
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;
  JournalWriter& operator=(JournalWriter&&) = delete;

  void append(std::uint64_t task, const model::ReplicationResult& result);
  // Appends record lines read from another journal (e.g. another MPI rank's).
  // REQUIRES: complete lines, checked by journal_records_text, continuing
  // this journal's task order.
  void append_lines(const std::string& lines);
  const std::string& path() const { return path_; }
  // Closes the file (appending is then an error until reopen_at_end()).
  void close();
  // Opens the file again for appending (after rewrite_journal_header).
  void reopen_at_end();

 private:
  JournalWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  void write_all(const std::string& text);
  int fd_;
  std::string path_;
};

struct JournalScan {
  JournalHeader header;
  std::uint64_t records = 0;      // complete records, in task order from header.first_task
  std::uint64_t valid_bytes = 0;  // length of the complete lines (a torn last line is ignored)
};

// Reads the journal and checks every line (checksums, the header, each
// record against the header); calls `visit` (when set) for each record in
// order. A torn last line (no newline: a run killed mid-write) is ignored.
// Throws JournalError naming the file and line.
JournalScan read_journal(const std::string& path, const std::function<void(JournalRecord&&)>& visit);

// read_journal without a visitor.
JournalScan scan_journal(const std::string& path);

// Reads only the header line (checked). Throws JournalError.
JournalHeader read_journal_header(const std::string& path);

// The record lines (without the header), as text, each line's checksum checked.
std::string journal_records_text(const std::string& path);

// Replaces the journal's header, keeping its records (temporary file, then
// rename): a run to a precision learns its replication count only when the
// base scenario's replications are done.
void rewrite_journal_header(const std::string& path, const JournalHeader& header);

// Writes a whole journal atomically (temporary file, then rename): the
// header, then `record_lines` (complete lines, checked by journal_records_text).
void write_journal_atomically(const std::string& path, const JournalHeader& header, const std::string& record_lines);

// The header's line as written (with its checksum, without the newline):
// summary.json names the journal it was made from by this line's checksum.
std::string journal_header_line(const JournalHeader& header);

// The checksum journal_header_line ends with (8 hex digits).
std::string journal_header_checksum(const JournalHeader& header);

// FNV-1a, 64 bits, as 16 hex digits: a fingerprint that is the same on every platform.
std::string fingerprint(const std::string& text);

}  // namespace homeward::io
