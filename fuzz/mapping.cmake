# libFuzzer target for the CSV reader and the mapped reader on top of it (clang only):
#   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
#     -DCREDO_BUILD_FUZZ=ON -DCREDO_BUILD_TESTS=OFF && cmake --build build-fuzz --target mapping_csv_fuzz
#   build-fuzz/fuzz/mapping_csv_fuzz -max_total_time=60
# (fuzz/metro2.cmake already instruments credo_ingest with ASan/UBSan and fuzzer-no-link.)
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  add_executable(mapping_csv_fuzz ${CMAKE_CURRENT_LIST_DIR}/mapping_csv_fuzz.cc)
  target_link_libraries(mapping_csv_fuzz PRIVATE credo_ingest)
  target_compile_options(mapping_csv_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(mapping_csv_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
else()
  message(STATUS "fuzz/mapping.cmake: mapping_csv_fuzz needs clang (libFuzzer); skipped")
endif()
