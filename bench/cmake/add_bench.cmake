# Adds the benchmark programs to a build of the top-level project without editing its
# CMakeLists.txt (the scripts use this for their own build directory):
#   cmake -S . -B build/helper-bench -G Ninja -DCMAKE_BUILD_TYPE=Release \
#         -DCMAKE_PROJECT_datahub_INCLUDE=$PWD/bench/cmake/add_bench.cmake
# Deferred to the end of the top-level directory, after backend/ exists; does nothing when the
# top level already has add_subdirectory(bench).
function(datahub_add_bench_late)
  if(NOT EMSCRIPTEN AND NOT TARGET datahub_bench_tools)
    include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/bench_targets.cmake")
  endif()
endfunction()
cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL datahub_add_bench_late)
