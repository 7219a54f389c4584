# Metro 2 reader, validator, writer, JSON lines form and mapping to core types (part of
# credo_ingest). The reader and validator are the hot path: built with -O3 for vectorisation.
set(CREDO_METRO2_DIR ${CMAKE_CURRENT_LIST_DIR})
target_sources(credo_ingest PRIVATE
  ${CREDO_METRO2_DIR}/internal/layout.cc
  ${CREDO_METRO2_DIR}/internal/codec.cc
  ${CREDO_METRO2_DIR}/rules.cc
  ${CREDO_METRO2_DIR}/reader.cc
  ${CREDO_METRO2_DIR}/totals.cc
  ${CREDO_METRO2_DIR}/validator.cc
  ${CREDO_METRO2_DIR}/internal/validate_on_threads.cc
  ${CREDO_METRO2_DIR}/internal/validate_in_parts.cc
  ${CREDO_METRO2_DIR}/writer.cc
  ${CREDO_METRO2_DIR}/jsonl.cc
  ${CREDO_METRO2_DIR}/to_core.cc
)
set_source_files_properties(
  ${CREDO_METRO2_DIR}/internal/codec.cc
  ${CREDO_METRO2_DIR}/reader.cc
  ${CREDO_METRO2_DIR}/validator.cc
  PROPERTIES COMPILE_OPTIONS "-O3")
