# Installing and packaging omvarld; included from CMakeLists.txt after the
# omvarld target. `cmake --install BUILD [--prefix P]` puts:
#
#   P/bin/omvarld
#   P/share/omvarld/indicators/, P/share/omvarld/feeds/   the data folder, as shipped
#   P/share/man/man1/omvarld.1.gz, omvarld-COMMAND.1.gz   one page per command, from --help
#   P/share/bash-completion/completions/omvarld
#   P/share/zsh/vendor-completions/_omvarld
#   P/lib/systemd/system/omvarld-*.service, *.timer      deploy/, ExecStart=P/bin/omvarld
#   P/share/doc/omvarld/examples/omvarld.cron
#
# and `cpack -G DEB` in the build folder makes omvarld_VERSION_ARCH.deb of
# the same files under /usr. The binary finds its data folder as
# ../share/omvarld beside itself (src/core/paths.h), so bin/ and
# share/omvarld are fixed here rather than taken from GNUInstallDirs.

# A binary run from this build tree finds the source tree through this
# marker (src/core/paths.h, kBuildTreeMarker). It is never installed.
file(GENERATE OUTPUT "$<TARGET_FILE_DIR:omvarld>/omvarld-data-dir" CONTENT "${CMAKE_SOURCE_DIR}\n")

# Man pages and completions, generated from the built binary's --help by
# cmake/make_docs.sh (help2man for the pages: Debian's help2man package,
# which scripts/setup.sh installs).
find_program(OMVARLD_HELP2MAN help2man)
if(NOT OMVARLD_HELP2MAN)
  message(WARNING "help2man not found: no man pages are built or installed "
                  "(apt-get install help2man; scripts/setup.sh does)")
endif()
set(OMVARLD_DOCS_DIR ${CMAKE_BINARY_DIR}/generated/docs)
add_custom_command(
  OUTPUT ${OMVARLD_DOCS_DIR}/docs.stamp
  COMMAND bash ${CMAKE_SOURCE_DIR}/cmake/make_docs.sh $<TARGET_FILE:omvarld> ${OMVARLD_DOCS_DIR}
          ${PROJECT_VERSION} "$<$<BOOL:${OMVARLD_HELP2MAN}>:${OMVARLD_HELP2MAN}>"
  COMMAND ${CMAKE_COMMAND} -E touch ${OMVARLD_DOCS_DIR}/docs.stamp
  DEPENDS omvarld ${CMAKE_SOURCE_DIR}/cmake/make_docs.sh
  COMMENT "Generating the man pages and shell completions from omvarld --help"
  VERBATIM)
add_custom_target(omvarld_docs ALL DEPENDS ${OMVARLD_DOCS_DIR}/docs.stamp)

install(TARGETS omvarld RUNTIME DESTINATION bin)
# The data folder: what the binary reads at runtime (indicators.toml,
# peers.toml, omvarld.toml, frameworks/, sources.toml, relevance.toml), the
# samples of `omvarld demo` and `omvarld mirror`, the labelled items of
# `omvarld flags evaluate`, and the SOURCES.md that attribute them. The
# scripts that made the samples stay in the source tree.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/indicators ${CMAKE_SOURCE_DIR}/feeds
        DESTINATION share/omvarld
        PATTERN "*.py" EXCLUDE)
install(DIRECTORY ${OMVARLD_DOCS_DIR}/man/ DESTINATION share/man/man1
        FILES_MATCHING PATTERN "*.1.gz")
install(FILES ${OMVARLD_DOCS_DIR}/bash/omvarld DESTINATION share/bash-completion/completions)
install(FILES ${OMVARLD_DOCS_DIR}/zsh/_omvarld DESTINATION share/zsh/vendor-completions)
# The units name /usr/bin/omvarld (the .deb's path); installed elsewhere,
# they name the binary where it was installed.
file(GLOB OMVARLD_UNITS ${CMAKE_SOURCE_DIR}/deploy/*.service ${CMAKE_SOURCE_DIR}/deploy/*.timer)
foreach(unit IN LISTS OMVARLD_UNITS)
  get_filename_component(name ${unit} NAME)
  install(CODE "
    file(READ \"${unit}\" text)
    string(REPLACE \"/usr/bin/omvarld\" \"\${CMAKE_INSTALL_PREFIX}/bin/omvarld\" text \"\${text}\")
    set(dest \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/lib/systemd/system\")
    file(MAKE_DIRECTORY \"\${dest}\")
    file(WRITE \"\${dest}/${name}\" \"\${text}\")
    message(STATUS \"Installing: \${dest}/${name}\")
    list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/system/${name}\")")
endforeach()
install(FILES ${CMAKE_SOURCE_DIR}/deploy/omvarld.cron DESTINATION share/doc/omvarld/examples)

# The .deb. Depends from dpkg-shlibdeps (the shared libraries the binary
# links: libcurl, SQLite, zlib, pugixml, libmicrohttpd, libcrypt, ...),
# plus passwd for the postinst's useradd.
set(OMVARLD_DEB_MAINTAINER "omvarld maintainers <omvarld@localhost>"
    CACHE STRING "The Maintainer field of the .deb")
set(CPACK_PACKAGE_NAME omvarld)
set(CPACK_PACKAGE_VENDOR "City of Stockholm")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "horizon scanning and city benchmarking for the City of Stockholm")
# The extended description (CPack puts the summary above it, indents it and
# turns the empty line into " .").
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "omvarld harvests Eurostat's city statistics (Urban Audit, the perception
survey, regional data) and EU consultations, calls and legislative news
into SQLite; ranks Stockholm against peer cities with a composite-indicator
engine and rank intervals; flags EU items for the city's influence work, for
review in a browser or on the command line; and writes HTML reports.

The shipped configuration and an offline sample are in /usr/share/omvarld
(try `omvarld demo`). Systemd units and timers for the nightly harvest, the
morning reports and a weekly backup are installed but not enabled.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${OMVARLD_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS passwd)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_SOURCE_DIR}/deploy/debian/postinst)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
