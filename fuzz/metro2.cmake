# libFuzzer target for the Metro 2 reader, validator and JSON lines conversion (clang only):
#   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
#     -DCREDO_BUILD_FUZZ=ON -DCREDO_BUILD_TESTS=OFF && cmake --build build-fuzz --target metro2_fuzz
#   build-fuzz/fuzz/metro2_fuzz -max_total_time=60 tests/ingest/data/metro2/malformed
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  add_executable(metro2_fuzz ${CMAKE_CURRENT_LIST_DIR}/metro2_fuzz.cc)
  target_link_libraries(metro2_fuzz PRIVATE credo_ingest)
  target_compile_options(metro2_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(metro2_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
  # The library code the fuzzer drives is instrumented too.
  target_compile_options(credo_ingest PRIVATE -fsanitize=fuzzer-no-link,address,undefined)
  target_link_options(credo_ingest INTERFACE -fsanitize=address,undefined)
else()
  message(STATUS "fuzz/metro2.cmake: metro2_fuzz needs clang (libFuzzer); skipped")
endif()
