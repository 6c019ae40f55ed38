#include "sim/report/page.h"

// HOMEWARD_REPORT_PAGE is the path of the built page (report/report.cmake);
// the assembler copies its bytes into read-only data.
#ifdef HOMEWARD_REPORT_PAGE
__asm__(
    ".pushsection .rodata\n"
    ".balign 16\n"
    ".globl homeward_report_page_begin\n"
    "homeward_report_page_begin:\n"
    ".incbin \"" HOMEWARD_REPORT_PAGE "\"\n"
    ".globl homeward_report_page_end\n"
    "homeward_report_page_end:\n"
    ".byte 0\n"
    ".popsection\n");

extern "C" const char homeward_report_page_begin[];
extern "C" const char homeward_report_page_end[];
#endif

namespace homeward::report {

std::string_view page_template() {
#ifdef HOMEWARD_REPORT_PAGE
  return {homeward_report_page_begin,
          static_cast<std::string_view::size_type>(homeward_report_page_end - homeward_report_page_begin)};
#else
  return {};
#endif
}

}  // namespace homeward::report
