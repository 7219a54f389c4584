# End-to-end tests of `credo model train|score|validate` through the binary.
credo_add_test(model_cli_test
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/model_cli_test.cc
  LIBS credo_model
  LABELS e2e model
  NEEDS_CLI)
