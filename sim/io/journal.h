// The journal: every finished replication of a run, appended as one line of
// JSON to OUT/journal.jsonl as soon as it is done, after a header line that
// says which run it belongs to. It is what makes a run safe to interrupt and
// resume, and what shards of a batch hand to `homeward merge`: every output
// file is produced from journals, so a resumed, merged or uninterrupted run
// gives byte-identical results. Doubles are written in shortest round-trip
// form, so nothing is lost.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "sim/model/prepared_scenario.h"
#include "sim/model/replication_result.h"

namespace homeward::io {

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

// Appends to a journal. Each record is flushed to the file before append() returns.
class JournalWriter {
 public:
  // Starts a new journal (truncating any file there) with this header.
  // Throws std::runtime_error naming the path.
  static JournalWriter create(const std::string& path, const JournalHeader& header);
  // Continues an existing journal whose first `valid_bytes` are complete lines.
  static JournalWriter resume(const std::string& path, std::uint64_t valid_bytes);
  JournalWriter(JournalWriter&& other) noexcept;
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;
  JournalWriter& operator=(JournalWriter&&) = delete;

  void append(std::uint64_t task, const model::ReplicationResult& result);
  // Appends record lines read from another journal (e.g. another MPI rank's).
  // REQUIRES: complete lines, continuing this journal's task order.
  void append_lines(const std::string& lines);

 private:
  JournalWriter(std::FILE* file, std::string path) : file_(file), path_(std::move(path)) {}
  std::FILE* file_;
  std::string path_;
};

struct JournalScan {
  JournalHeader header;
  std::uint64_t records = 0;      // complete records, in task order from header.first_task
  std::uint64_t valid_bytes = 0;  // length of the complete lines (a torn last line is ignored)
};

// Reads the header and counts complete records. Throws std::runtime_error
// (naming the file and line) when the file is not a journal, records are out
// of order, or a line other than the last is damaged.
JournalScan scan_journal(const std::string& path);

// The record lines (without the header), as text.
std::string journal_records_text(const std::string& path);

// Replaces the journal's header, keeping its records (temporary file, then
// rename): a run to a precision learns its replication count only when the
// base scenario's replications are done.
void rewrite_journal_header(const std::string& path, const JournalHeader& header);

// Calls `visit` for each complete record in order.
void read_journal(const std::string& path, const std::function<void(JournalRecord&&)>& visit);

// FNV-1a, 64 bits, as 16 hex digits: a fingerprint that is the same on every platform.
std::string fingerprint(const std::string& text);

}  // namespace homeward::io
