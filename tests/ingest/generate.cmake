# ingest/generate: the synthetic intake generator (population, risk process, corruption, feeds,
# ground truth) and `credo generate` through the binary.
credo_add_test(ingest_generate_test
  SOURCES generate_test.cc generate_population_test.cc generate_corruption_test.cc
          generate_credit_test.cc generate_mapping_test.cc generate_joint_test.cc
  LIBS credo_ingest
  LABELS ingest)
credo_add_test(ingest_generate_cli_test
  SOURCES generate_cli_test.cc
  LIBS credo_core
  LABELS ingest e2e
  NEEDS_CLI)
