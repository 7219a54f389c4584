# End-to-end: `credo attributes` through the binary on a bureau the test fills with the library.
credo_add_test(features_e2e_test
  SOURCES features_attributes_test.cc ${CMAKE_SOURCE_DIR}/tests/features/file_builder.cc
  LIBS credo_features credo_store credo_core
  LABELS e2e features
  NEEDS_CLI)
target_include_directories(features_e2e_test PRIVATE ${CMAKE_SOURCE_DIR}/tests/features)
