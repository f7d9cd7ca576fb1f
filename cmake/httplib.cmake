# cpp-httplib 0.18.7 from Debian 13's source package (fetched by tests/setup.sh into .cache/),
# built as its authors and Debian's package build it: split.py turns the single header into
# httplib.h + httplib.cc, compiled once into a static library with OpenSSL and zlib.
# Bookworm's 0.11.4 reads request lines, header counts and chunked bodies without bound.
set(DATAHUB_HTTPLIB_DIR "${CMAKE_SOURCE_DIR}/.cache/cpp-httplib-0.18.7"
    CACHE PATH "cpp-httplib 0.18.7 sources (fetched by tests/setup.sh)")
if(NOT EXISTS "${DATAHUB_HTTPLIB_DIR}/httplib.h")
  message(FATAL_ERROR "cpp-httplib sources not found in ${DATAHUB_HTTPLIB_DIR}: run tests/setup.sh")
endif()

find_package(Python3 REQUIRED COMPONENTS Interpreter)
find_package(OpenSSL 3 REQUIRED)
find_package(ZLIB REQUIRED)

set(_httplib_split "${CMAKE_BINARY_DIR}/deps/httplib")
add_custom_command(
  OUTPUT "${_httplib_split}/httplib.h" "${_httplib_split}/httplib.cc"
  COMMAND "${Python3_EXECUTABLE}" "${DATAHUB_HTTPLIB_DIR}/split.py" -o "${_httplib_split}"
  DEPENDS "${DATAHUB_HTTPLIB_DIR}/httplib.h" "${DATAHUB_HTTPLIB_DIR}/split.py"
  COMMENT "Splitting cpp-httplib into header and source")

add_library(httplib STATIC "${_httplib_split}/httplib.cc" "${_httplib_split}/httplib.h")
add_library(httplib::httplib ALIAS httplib)
target_include_directories(httplib SYSTEM PUBLIC "${_httplib_split}")
# poll(), not select(): with select() a socket numbered 1024 or above (a thousand open
# connections) fails every request, and FD_SET past FD_SETSIZE would write out of bounds.
# No CPPHTTPLIB_BROTLI_SUPPORT: httplib compresses with brotli's default quality (11), which
# took 220-325 ms for a 60 KB list page that gzip sends in 7-17 ms (2.6 KB vs 3.5 KB), and
# browsers ask for br first. gzip for answers made on the fly; the web build's big files are
# served precompressed (static_files.h).
target_compile_definitions(httplib PUBLIC CPPHTTPLIB_OPENSSL_SUPPORT CPPHTTPLIB_ZLIB_SUPPORT
                                          CPPHTTPLIB_USE_POLL)
# A listen backlog of 5 (httplib's default) drops connections that arrive in a burst: their
# SYNs are retried after a second, and a client with many connections waits for each.
# One range per request: httplib's default (1024, with up to two overlaps) still builds a
# multipart answer of several copies of a file; a browser never asks for more than one.
target_compile_definitions(httplib PRIVATE CPPHTTPLIB_LISTEN_BACKLOG=1024
                                           CPPHTTPLIB_RANGE_MAX_COUNT=1)
target_link_libraries(httplib PUBLIC OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB Threads::Threads)
