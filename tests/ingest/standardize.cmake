# Standardisation: text, names and pinyin, dates, contact points, amounts.
credo_add_test(ingest_standardize_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/standardize_text_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/standardize_name_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/standardize_date_format_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/standardize_contact_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/standardize_amount_test.cc
  LIBS credo_ingest
  LABELS ingest)
