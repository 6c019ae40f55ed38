#include "sim/app/report.h"

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "sim/app/commands.h"
#include "sim/app/report_html.h"
#include "sim/app/report_inputs.h"
#include "sim/app/report_page.h"
#include "sim/io/atomic_file.h"

namespace homeward::app {

int report_command(const ReportOptions& options) {
  const std::string_view page = report::page_template();
  if (page.empty()) {
    std::fprintf(stderr,
                 "error: this homeward was built without the report's chart libraries; install them with "
                 "`npm ci --prefix report` (scripts/quickstart.sh build does) and build again\n");
    return kExitInternal;
  }
  report::Inputs inputs;
  try {
    inputs = report::read_inputs(options.out_dir);
  } catch (const report::InputError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitBadInput;
  }
  const std::string title = options.title.empty() ? report::default_title(inputs) : options.title;
  const std::string path = (std::filesystem::path(options.out_dir) / "report.html").string();
  try {
    io::write_file_atomically(path, report::render_page(inputs, title, page));
  } catch (const report::InputError& e) {  // a study's file the sections cannot read
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitInternal;
  }
  if (!options.quiet) std::fprintf(stderr, "wrote %s\n", path.c_str());
  return kExitOk;
}

}  // namespace homeward::app
