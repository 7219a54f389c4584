# Batches: canonical records, validation rules, record sources (Metro 2, mapped CSV/JSON lines,
# canonical JSON lines), subject attachment, the batch pipeline, data-quality reports, and the
# HTTP pull and PostgreSQL import connectors. Uses OpenSSL (SHA-256), cpp-httplib (client) and
# libpq.
find_package(OpenSSL REQUIRED)
find_package(PostgreSQL REQUIRED)
target_sources(credo_ingest PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/record.cc
  ${CMAKE_CURRENT_LIST_DIR}/rules.cc
  ${CMAKE_CURRENT_LIST_DIR}/validate.cc
  ${CMAKE_CURRENT_LIST_DIR}/sources.cc
  ${CMAKE_CURRENT_LIST_DIR}/attach.cc
  ${CMAKE_CURRENT_LIST_DIR}/associated.cc
  ${CMAKE_CURRENT_LIST_DIR}/feed_inquiries.cc
  ${CMAKE_CURRENT_LIST_DIR}/dq.cc
  ${CMAKE_CURRENT_LIST_DIR}/state.cc
  ${CMAKE_CURRENT_LIST_DIR}/pipeline.cc
  ${CMAKE_CURRENT_LIST_DIR}/prefetch.cc
  ${CMAKE_CURRENT_LIST_DIR}/quarantine.cc
  ${CMAKE_CURRENT_LIST_DIR}/connectors/http_pull.cc
  ${CMAKE_CURRENT_LIST_DIR}/connectors/postgres_import.cc
)
pkg_check_modules(CREDO_INGEST_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
# Only connectors/http_pull.cc includes httplib; its defines stay private to this target.
target_link_libraries(credo_ingest PRIVATE PkgConfig::CREDO_INGEST_HTTPLIB)
target_link_libraries(credo_ingest PUBLIC OpenSSL::Crypto PostgreSQL::PostgreSQL)
