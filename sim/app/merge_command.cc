// `homeward merge DIR... --out OUT`: the journals of shards, checked to be
// parts of one run that tile it exactly, become the outputs of that run.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "sim/app/commands.h"
#include "sim/app/outputs.h"
#include "sim/app/version.h"
#include "sim/io/atomic_file.h"
#include "sim/io/folder_lock.h"
#include "sim/io/number_text.h"
#include "sim/io/output_folder.h"
#include "sim/io/journal.h"

namespace homeward::app {
namespace {

namespace fs = std::filesystem;

struct Part {
  std::string dir, journal;
  io::JournalScan scan;
};

bool refuse(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return false;
}

// Shards fit together when they come from one run and their task ranges,
// each complete, tile [0, scenarios × replications) without gap or overlap.
bool fit_together(std::vector<Part>& parts) {
  const io::JournalHeader& first = parts.front().scan.header;
  for (const Part& p : parts) {
    const io::JournalHeader& h = p.scan.header;
    if (h.version != first.version || h.version != kVersion)
      return refuse(p.dir + ": made by Homeward " + h.version + ", expected " + kVersion + " for all shards");
    if (!h.same_run(first))
      return refuse(p.dir + ": a different run from " + parts.front().dir +
                    " (scenarios, seed or replications differ)");
    if (p.scan.records != h.end_task - h.first_task)
      return refuse(p.dir + ": incomplete shard (" + std::to_string(p.scan.records) + " of " +
                    io::counted(h.end_task - h.first_task, "replication") + "); finish it with --resume");
  }
  std::sort(parts.begin(), parts.end(),
            [](const Part& a, const Part& b) { return a.scan.header.first_task < b.scan.header.first_task; });
  std::uint64_t next = 0;
  for (const Part& p : parts) {
    const io::JournalHeader& h = p.scan.header;
    if (h.first_task > next) return refuse("tasks [" + std::to_string(next) + ", " + std::to_string(h.first_task) +
                                           ") are in no shard (a shard is missing)");
    if (h.first_task < next) return refuse(p.dir + ": overlaps the shard before it");
    next = h.end_task;
  }
  const std::uint64_t total = static_cast<std::uint64_t>(first.scenarios.size()) * first.replications;
  if (next != total)
    return refuse("tasks [" + std::to_string(next) + ", " + std::to_string(total) + ") are in no shard (a shard is missing)");
  return true;
}

// Merging into one of the shards would replace the journal being read.
bool out_is_not_a_shard(const std::vector<std::string>& shard_dirs, const std::string& out_dir) {
  std::error_code error;
  for (const std::string& dir : shard_dirs) {
    if (fs::equivalent(dir, out_dir, error) && !error)
      return refuse("--out " + out_dir + " is the shard " + dir + ": merge into a folder of its own");
  }
  return true;
}

}  // namespace

int merge_command(const std::vector<std::string>& shard_dirs, const std::string& out_dir) {
  if (!out_is_not_a_shard(shard_dirs, out_dir)) return kExitBadInput;
  std::vector<Part> parts;
  for (const std::string& dir : shard_dirs) {
    const std::string journal = (fs::path(dir) / "journal.jsonl").string();
    try {
      parts.push_back({dir, journal, io::scan_journal(journal)});
    } catch (const std::exception& e) {
      return exit_code_for(e);
    }
  }
  if (!fit_together(parts)) return kExitBadInput;

  io::LockRefusal refusal;
  const std::optional<io::FolderLock> lock = io::FolderLock::acquire(out_dir, "merge", refusal);
  if (!lock) return exit_code_for(refusal);
  io::JournalHeader whole = parts.front().scan.header;
  whole.first_task = 0;
  whole.end_task = static_cast<std::uint64_t>(whole.scenarios.size()) * whole.replications;
  const std::string journal = (fs::path(out_dir) / "journal.jsonl").string();
  nlohmann::ordered_json info;
  info["version"] = kVersion;
  info["merged_from"] = shard_dirs;
  try {
    io::remove_leftover_temporaries(out_dir);
    io::set_aside_previous_outputs(out_dir);
    // The merged folder holds the whole run's journal, like an unsharded run's:
    // the shards' record lines in task order, each checked by its checksum.
    io::TemporaryFile merged(journal);
    merged.write(io::journal_header_line(whole) + "\n");
    for (const Part& p : parts) merged.write(io::journal_records_text(p.journal));
    merged.commit();
    write_outputs(FinishedRun{whole, {journal}, false}, out_dir, info);
  } catch (const std::exception& e) {
    return exit_code_for(e);
  }
  std::fprintf(stderr, "merged %s into %s\n", io::counted(parts.size(), "shard").c_str(), out_dir.c_str());
  return kExitOk;
}

}  // namespace homeward::app
