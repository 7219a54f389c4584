# libFuzzer targets for the mapped readers and the mapping file (clang only): the CSV reader and
# the mapped reader on top of it, the JSON-lines reader with its paths and mapped reader, and the
# mapping-file parser. scripts/fuzz.sh builds and runs them all (CI runs it for a bounded time):
#   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
#     -DCREDO_BUILD_FUZZ=ON -DCREDO_BUILD_TESTS=OFF && cmake --build build-fuzz --target mapping_csv_fuzz
#   build-fuzz/fuzz/mapping_csv_fuzz -max_total_time=60
# (fuzz/metro2.cmake already instruments credo_ingest with ASan/UBSan and fuzzer-no-link.)
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  foreach(target mapping_csv_fuzz mapping_jsonl_fuzz mapping_file_fuzz)
    add_executable(${target} ${CMAKE_CURRENT_LIST_DIR}/${target}.cc)
    target_link_libraries(${target} PRIVATE credo_ingest)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
  endforeach()
else()
  message(STATUS "fuzz/mapping.cmake: the mapping fuzz targets need clang (libFuzzer); skipped")
endif()
