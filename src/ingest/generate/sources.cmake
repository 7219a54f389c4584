# ingest/generate: the synthetic bureau-intake generator (credo generate).
target_sources(credo_ingest PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/generate.cc
  ${CMAKE_CURRENT_LIST_DIR}/population.cc
  ${CMAKE_CURRENT_LIST_DIR}/credit.cc
  ${CMAKE_CURRENT_LIST_DIR}/corruption.cc
  ${CMAKE_CURRENT_LIST_DIR}/feeds.cc
  ${CMAKE_CURRENT_LIST_DIR}/company_feeds.cc
  ${CMAKE_CURRENT_LIST_DIR}/metro2_feed.cc
  ${CMAKE_CURRENT_LIST_DIR}/mapping_files.cc
  ${CMAKE_CURRENT_LIST_DIR}/internal/name_data.cc
  ${CMAKE_CURRENT_LIST_DIR}/internal/output.cc
)
