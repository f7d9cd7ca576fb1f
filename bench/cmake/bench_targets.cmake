# The benchmark executables, in <build>/bench/. Included from bench/CMakeLists.txt.
set(_bench_src "${CMAKE_CURRENT_LIST_DIR}/..")

# Builds every benchmark program at once.
add_custom_target(datahub_bench_tools)

function(datahub_bench_executable name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE datahub_warnings)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bench")
  add_dependencies(datahub_bench_tools ${name})
endfunction()

# The same cpp-httplib server settings as datahub-server, answering fixed bytes.
datahub_bench_executable(bench_bare_server "${_bench_src}/bare_server.cpp")
target_link_libraries(bench_bare_server PRIVATE httplib::httplib spdlog::spdlog)

# The least a /request must do, in cpp-httplib with datahub-server's settings: the proxy floor.
datahub_bench_executable(bench_bare_proxy "${_bench_src}/bare_proxy.cpp")
target_link_libraries(bench_bare_proxy PRIVATE httplib::httplib)

# Writes N connectors straight into an LMDB data directory (sync off), through the service.
datahub_bench_executable(bench_bulk_load "${_bench_src}/bulk_load.cpp")
target_link_libraries(bench_bulk_load PRIVATE datahub_backend)

# Sequential keep-alive requests to one or more targets, interleaved; prints p50/p99.
datahub_bench_executable(bench_latency_client "${_bench_src}/latency_client.cpp")
target_link_libraries(bench_latency_client PRIVATE httplib::httplib)

# Starts datahub-server, times exec -> "listening on" and -> /api/health, reads VmRSS.
datahub_bench_executable(bench_startup_probe "${_bench_src}/startup_probe.cpp")
target_link_libraries(bench_startup_probe PRIVATE httplib::httplib)

# Google Benchmark (libbenchmark-dev) timings of the store calls; built only when it is there.
find_package(benchmark QUIET)
if(benchmark_FOUND)
  datahub_bench_executable(bench_store_micro "${_bench_src}/store_micro_bench.cpp")
  target_link_libraries(bench_store_micro PRIVATE datahub_store benchmark::benchmark)
endif()

# list() latency straight on the store with 100,000 connectors (store_list_bench [count] [dir]).
datahub_bench_executable(store_list_bench "${_bench_src}/store_list_bench.cpp")
target_link_libraries(store_list_bench PRIVATE datahub_store)

# The Data Hub's frame CPU time with 100,000 rows, headless (tests/perf/web_metrics.sh). It
# drives the screens through the same headless ImGui set-up as the web unit tests.
datahub_bench_executable(web_frame_bench "${_bench_src}/web_frame_bench.cpp"
                         "${_bench_src}/../tests/unit/web/headless_ui.cpp")
target_include_directories(web_frame_bench PRIVATE "${_bench_src}/../tests/unit/web")
target_link_libraries(web_frame_bench PRIVATE datahub_web_ui)

# The HTTP client of the crash and soak programs.
add_library(bench_api_client STATIC "${_bench_src}/api_client.cpp")
target_link_libraries(bench_api_client PUBLIC httplib::httplib nlohmann_json::nlohmann_json
                                       PRIVATE datahub_warnings)

# bench/crash_bench.sh: the writer killed with the server, and the check after each restart.
datahub_bench_executable(bench_crash_client "${_bench_src}/crash_client.cpp")
target_link_libraries(bench_crash_client PRIVATE bench_api_client Threads::Threads)
datahub_bench_executable(bench_crash_check "${_bench_src}/crash_check.cpp")
target_link_libraries(bench_crash_check PRIVATE bench_api_client)

# bench/soak.sh: ten minutes of mixed traffic.
datahub_bench_executable(bench_soak_client "${_bench_src}/soak_client.cpp")
target_link_libraries(bench_soak_client PRIVATE bench_api_client Threads::Threads)

# bench/pg_store_bench.sh: the time a change made through one server takes to show on another.
datahub_bench_executable(bench_propagation "${_bench_src}/propagation_client.cpp")
target_link_libraries(bench_propagation PRIVATE bench_api_client)
