# Mapping files (TOML) and the CSV / JSON-lines readers they drive. Uses toml++ (header-only),
# nlohmann-json and zlib (gzip input).
find_package(nlohmann_json REQUIRED)
find_package(ZLIB REQUIRED)
target_sources(credo_ingest PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/canonical_fields.cc
  ${CMAKE_CURRENT_LIST_DIR}/byte_source.cc
  ${CMAKE_CURRENT_LIST_DIR}/csv_reader.cc
  ${CMAKE_CURRENT_LIST_DIR}/jsonl_reader.cc
  ${CMAKE_CURRENT_LIST_DIR}/mapping.cc
  ${CMAKE_CURRENT_LIST_DIR}/transform.cc
  ${CMAKE_CURRENT_LIST_DIR}/mapped_reader.cc
)
target_link_libraries(credo_ingest PUBLIC nlohmann_json::nlohmann_json ZLIB::ZLIB)
