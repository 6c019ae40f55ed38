# Install rules and the Debian package (CPack), included at the end of the top
# CMakeLists.txt. README.md ("Installing") says how to use them.
include(GNUInstallDirs)

install(TARGETS homeward RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
file(GLOB HOMEWARD_INSTALLED_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.json)
install(FILES ${HOMEWARD_INSTALLED_SCENARIOS} ${PROJECT_SOURCE_DIR}/scenarios/README.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/homeward/scenarios)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME homeward)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Homeward maintainers <homeward@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Discrete-event simulation of hospital discharge pathways (NHS and social care, England)")
set(CPACK_PACKAGE_INSTALL_DIRECTORY homeward)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# The shared libraries homeward links (TBB, fmt, libxlsxwriter, Open MPI, ...)
# become Depends through dpkg-shlibdeps (Debian's dpkg-dev), so they are
# exactly the packages of the machine that built it; the static Boost, Eigen,
# CLI11, nlohmann/json and cpp-httplib code is inside the binary.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# `homeward run` with MPI needs mpirun; without it the binary runs as one process.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "openmpi-bin")
include(CPack)
