# Standardisation (Unicode, names, pinyin, dates, phones, e-mail, amounts). Uses ICU.
pkg_check_modules(CREDO_ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
target_sources(credo_ingest PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/text.cc
  ${CMAKE_CURRENT_LIST_DIR}/name.cc
  ${CMAKE_CURRENT_LIST_DIR}/date_format.cc
  ${CMAKE_CURRENT_LIST_DIR}/contact.cc
  ${CMAKE_CURRENT_LIST_DIR}/amount.cc
)
target_link_libraries(credo_ingest PUBLIC PkgConfig::CREDO_ICU)
