#include "sim/app/report.h"

#include <fmt/format.h>

#include <cstdio>
#include <optional>
#include <filesystem>
#include <stdexcept>

#include "sim/app/commands.h"
#include "sim/io/number_text.h"
#include "sim/report/html.h"
#include "sim/report/inputs.h"
#include "sim/report/page.h"
#include "sim/io/atomic_file.h"
#include "sim/io/folder_lock.h"
#include "sim/io/journal.h"

namespace homeward::app {
namespace {

// A summary made from another journal than the one beside it, or from fewer
// of its records, is stale: it would be drawn as this folder's result.
// run-info.json says which journal the files were made from ("journal");
// files of older versions do not, and are not checked.
void check_summary_is_current(const std::string& out_dir, const nlohmann::json& run_info) {
  const std::string journal = (std::filesystem::path(out_dir) / "journal.jsonl").string();
  if (!run_info.is_object() || !run_info.contains("journal") || !std::filesystem::exists(journal)) return;
  const nlohmann::json& stamp = run_info["journal"];
  if (!stamp.is_object() || !stamp.contains("header_crc32c") || !stamp["header_crc32c"].is_string() ||
      !stamp.contains("records") || !stamp["records"].is_number_unsigned())
    throw report::InputError(out_dir + "/run-info.json/journal: expected {\"header_crc32c\": \"...\", \"records\": N}");
  const std::uint64_t records = stamp["records"].get<std::uint64_t>();
  io::JournalScan scan;
  try {
    scan = io::scan_journal(journal);
  } catch (const io::JournalError& e) {
    throw report::InputError(e.what());
  }
  if (io::journal_header_checksum(scan.header) != stamp["header_crc32c"].get<std::string>())
    throw report::InputError(fmt::format(
        "{}/summary.json is stale: it was made from another run's journal than {}; make the files again (run that "
        "journal's command with --resume) or report another folder", out_dir, journal));
  if (scan.records != records)
    throw report::InputError(fmt::format(
        "{}/summary.json is stale: it was made from {}, but {} now holds {}; make the files again (run "
        "the same command with --resume)", out_dir, io::counted(records, "replication"), journal, scan.records));
}

}  // namespace

int report_command(const ReportOptions& options) {
  const std::string_view page = report::page_template();
  if (page.empty()) {
    std::fprintf(stderr,
                 "error: this homeward was built without the report's chart libraries; install them with "
                 "`npm ci --prefix report` (scripts/quickstart.sh build does) and build again\n");
    return kExitInternal;
  }
  // report.html is written into the folder: one writer at a time, and never
  // while a run is writing the files it reads.
  io::LockRefusal refusal;
  const std::optional<io::FolderLock> lock =
      std::filesystem::is_directory(options.out_dir) ? io::FolderLock::acquire(options.out_dir, "report", refusal)
                                                     : std::nullopt;
  if (!lock) {
    if (refusal.message.empty())
      refusal.message = (std::filesystem::path(options.out_dir) / "summary.json").string() +
                        ": cannot read: there is no folder " + options.out_dir +
                        " (run `homeward run`, `compare` or `calibrate` with --out first)";
    return exit_code_for(refusal);
  }
  report::Inputs inputs;
  try {
    inputs = report::read_inputs(options.out_dir);
    if (inputs.summary) check_summary_is_current(options.out_dir, inputs.run_info);
  } catch (const report::InputError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitBadInput;
  }
  if (inputs.summary && inputs.summary->partial)
    std::fprintf(stderr, "warning: %s/summary.json holds the partial results of an interrupted run; the report says "
                         "so on its first page\n", options.out_dir.c_str());
  const std::string title = options.title.empty() ? report::default_title(inputs) : options.title;
  const std::string path = (std::filesystem::path(options.out_dir) / "report.html").string();
  try {
    io::write_file_atomically(path, report::render_page(inputs, title, page));
  } catch (const report::InputError& e) {  // a study's file the sections cannot read
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    return exit_code_for(e);
  }
  if (!options.quiet) std::fprintf(stderr, "wrote %s\n", path.c_str());
  return kExitOk;
}

}  // namespace homeward::app
