# `homeward serve` (docs/api.md): the homeward_serve library, the workbench page
# and the shipped scenarios it carries. Included by the top CMakeLists.txt after
# homeward_app.
#
# The page: web/build.mjs bundles web/src (with esbuild and dagre) and inlines
# it, web/index.html, web/workbench.css and the browser builds of Vega,
# Vega-Lite and vega-embed from web/node_modules (`npm ci --prefix web`) into
# one HTML page, rewritten only when its bytes change; sim/serve/embedded.cc
# embeds it. Without Node.js or node_modules the page is empty: homeward
# builds, the JSON API works, and the page's address says what to install.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

set(HOMEWARD_WORKBENCH_PAGE ${PROJECT_BINARY_DIR}/generated/workbench_page.html)
if(HOMEWARD_NODE)
  add_custom_target(homeward_workbench_page
    COMMAND ${HOMEWARD_NODE} ${PROJECT_SOURCE_DIR}/web/build.mjs --out ${HOMEWARD_WORKBENCH_PAGE}
    BYPRODUCTS ${HOMEWARD_WORKBENCH_PAGE}
    COMMENT "workbench page: bundling web/src, inlining Vega and dagre"
    VERBATIM)
else()
  message(STATUS "Node.js not found: homeward serve will have no page (install nodejs and npm)")
  if(NOT EXISTS ${HOMEWARD_WORKBENCH_PAGE})
    file(WRITE ${HOMEWARD_WORKBENCH_PAGE} "")
  endif()
endif()

# The shipped scenarios (scenarios/*.json but the schema), as byte arrays, so
# a new workspace starts with them. Regenerated when a file is added or changes.
file(GLOB HOMEWARD_SHIPPED_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.json)
list(FILTER HOMEWARD_SHIPPED_SCENARIOS EXCLUDE REGEX ".*\\.schema\\.json$")
list(SORT HOMEWARD_SHIPPED_SCENARIOS)
if(NOT HOMEWARD_SHIPPED_SCENARIOS)
  message(FATAL_ERROR "no scenarios/*.json to ship with homeward serve")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${HOMEWARD_SHIPPED_SCENARIOS})
set(shipped_arrays "")
set(shipped_table "")
set(shipped_index 0)
foreach(file IN LISTS HOMEWARD_SHIPPED_SCENARIOS)
  get_filename_component(name ${file} NAME)
  file(READ ${file} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND shipped_arrays "const unsigned char kShipped${shipped_index}[] = {${bytes}};\n")
  string(APPEND shipped_table "    {\"${name}\", kShipped${shipped_index}, sizeof kShipped${shipped_index}},\n")
  math(EXPR shipped_index "${shipped_index} + 1")
endforeach()
file(WRITE ${PROJECT_BINARY_DIR}/generated/shipped_scenarios.inc.new
  "struct ShippedFile {\n  const char* name;\n  const unsigned char* bytes;\n  unsigned long size;\n};\n"
  "${shipped_arrays}const ShippedFile kShippedScenarios[] = {\n${shipped_table}};\n")
configure_file(${PROJECT_BINARY_DIR}/generated/shipped_scenarios.inc.new
               ${PROJECT_BINARY_DIR}/generated/shipped_scenarios.inc COPYONLY)

file(GLOB SERVE_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sim/serve/*.cc)
add_library(homeward_serve STATIC ${SERVE_SOURCES})
target_link_libraries(homeward_serve PUBLIC homeward_app PkgConfig::HTTPLIB PRIVATE homeward_warnings)
target_include_directories(homeward_serve PRIVATE ${PROJECT_BINARY_DIR}/generated)
if(HOMEWARD_NODE)
  add_dependencies(homeward_serve homeward_workbench_page)
endif()
set_source_files_properties(${PROJECT_SOURCE_DIR}/sim/serve/embedded.cc PROPERTIES
  OBJECT_DEPENDS "${HOMEWARD_WORKBENCH_PAGE};${PROJECT_BINARY_DIR}/generated/shipped_scenarios.inc"
  COMPILE_DEFINITIONS "HOMEWARD_WORKBENCH_PAGE=\"${HOMEWARD_WORKBENCH_PAGE}\"")

# The names the page gives the scenarios it makes must pass the schema
# (web/test/levers.test.mjs, Node's own test runner: no browser needed).
if(HOMEWARD_NODE AND HOMEWARD_BUILD_TESTS)
  add_test(NAME web.LeverScenarioNames COMMAND ${HOMEWARD_NODE} --test ${PROJECT_SOURCE_DIR}/web/test/levers.test.mjs)
  set_tests_properties(web.LeverScenarioNames PROPERTIES LABELS web)
endif()
