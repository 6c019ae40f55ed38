#include "sim/app/run_folder.h"

#include <cstdio>
#include <filesystem>

#include "sim/io/atomic_file.h"
#include "sim/io/number_text.h"
#include "sim/io/output_folder.h"
#include "sim/io/problems.h"

namespace homeward::app {
namespace {

namespace fs = std::filesystem;

bool present(const fs::path& path) {
  std::error_code error;
  return fs::symlink_status(path, error).type() != fs::file_type::not_found;
}

}  // namespace

std::optional<RunFolder> prepare_run_folder(const RunOptions& options, const io::JournalHeader& header,
                                            bool start_journal, Status& refusal) {
  io::LockRefusal lock_refusal;
  std::optional<io::FolderLock> lock =
      io::FolderLock::acquire(options.out_dir, options.scenario_files.size() > 1 ? "compare" : "run", lock_refusal);
  if (!lock) {
    refusal = status_of(lock_refusal);
    return std::nullopt;
  }
  const std::string path = (fs::path(options.out_dir) / "journal.jsonl").string();
  RunFolder folder{std::move(*lock), std::nullopt, header.first_task};
  try {
    io::remove_leftover_temporaries(options.out_dir);
    if (options.resume) {
      if (!present(path)) {
        refusal = Status::bad_input(path + ": no journal to resume");
        return std::nullopt;
      }
      const io::JournalScan existing = io::scan_journal(path);  // every record checked
      const io::JournalHeader& old = existing.header;
      if (!old.same_run(header) || old.first_task != header.first_task || old.end_task != header.end_task) {
        refusal = Status::bad_input(path + " belongs to another run (scenarios, seed, replications, shard or version "
                                           "differ); it cannot be resumed with these options");
        return std::nullopt;
      }
      io::remove_outputs_made_from_the_journal(options.out_dir);
      folder.first_task = old.first_task + existing.records;
      folder.writer.emplace(io::JournalWriter::resume(path, existing.valid_bytes));
      return folder;
    }
    if (present(path) && !options.force) {
      std::optional<io::JournalHeader> old;
      try {
        old = io::read_journal_header(path);
      } catch (const io::JournalError& e) {
        refusal = Status::bad_input(std::string(e.what()) + " (use --force to replace it; it is moved to previous/)");
        return std::nullopt;
      }
      if (!old->same_scenarios(header)) {
        refusal = Status::bad_input(options.out_dir + " holds results of another scenario (" +
                                    io::printable(old->scenarios.front().name) +
                                    "); use --force to replace them (they are moved to previous/)");
        return std::nullopt;
      }
    } else if (!present(path) && present(fs::path(options.out_dir) / "summary.json") && !options.force) {
      refusal = Status::bad_input(options.out_dir +
                                  " holds results without a journal; use --force to replace them (they are moved "
                                  "to previous/)");
      return std::nullopt;
    }
    const auto moved = io::set_aside_previous_outputs(options.out_dir);
    if (!moved.empty() && !options.quiet)
      std::fprintf(stderr, "moved the previous run's %s in %s to %s/previous/\n", io::counted(moved.size(), "file").c_str(),
                   options.out_dir.c_str(), options.out_dir.c_str());
    if (start_journal) folder.writer.emplace(io::JournalWriter::create(path, header));
  } catch (const std::exception& e) {
    refusal = status_of(e);
    return std::nullopt;
  }
  return folder;
}

}  // namespace homeward::app
