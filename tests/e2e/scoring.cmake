# End-to-end tests of the bureau's model registry and scoring through the credo binary:
# bureau-data, train, register, activate, rollback, list, score-bureau, and refused bad input.
credo_add_test(scoring_registry_test
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/scoring_registry_test.cc
  LABELS e2e scoring
  NEEDS_CLI)
