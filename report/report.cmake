# The page template of `homeward report` (docs/report.md), included by the top
# CMakeLists.txt after homeward_report. report/build.mjs inlines report/*.{html,css,js}
# and the chart libraries from report/node_modules (`npm ci --prefix report`)
# into one page; sim/report/page.cc embeds it in homeward. It runs at every
# build but rewrites the page only when its bytes change. Without Node.js, or
# without node_modules, the page is empty: homeward builds, and `homeward
# report` says what to install.
set(HOMEWARD_REPORT_PAGE ${PROJECT_BINARY_DIR}/generated/report_page.html)
find_program(HOMEWARD_NODE NAMES node nodejs DOC "Node.js, to build the report page")
if(HOMEWARD_NODE)
  add_custom_target(homeward_report_page
    COMMAND ${HOMEWARD_NODE} ${PROJECT_SOURCE_DIR}/report/build.mjs --out ${HOMEWARD_REPORT_PAGE}
    BYPRODUCTS ${HOMEWARD_REPORT_PAGE}
    COMMENT "report page: inlining Vega, Vega-Lite and vega-embed"
    VERBATIM)
  add_dependencies(homeward_report homeward_report_page)
else()
  message(STATUS "Node.js not found: homeward report will be unavailable (install nodejs and npm)")
  if(NOT EXISTS ${HOMEWARD_REPORT_PAGE})
    file(WRITE ${HOMEWARD_REPORT_PAGE} "")
  endif()
endif()
set_source_files_properties(${PROJECT_SOURCE_DIR}/sim/report/page.cc PROPERTIES
  OBJECT_DEPENDS ${HOMEWARD_REPORT_PAGE}
  COMPILE_DEFINITIONS "HOMEWARD_REPORT_PAGE=\"${HOMEWARD_REPORT_PAGE}\"")
