# Operations routes (helper "ops"): subjects by name and for operators, the operator report under
# an operator purpose, batches, disputes, audit, models, exports; and the library pieces they
# stand on (report/table_export, model/bureau_validation, compliance/operator_access).
credo_add_test(report_table_export_test
  SOURCES ${PROJECT_SOURCE_DIR}/tests/report/table_export_test.cc
  LIBS credo_report
  LABELS report)

# The read gate's operator-purpose rules, on the library alone.
credo_add_test(compliance_operator_access_test
  SOURCES
    ${PROJECT_SOURCE_DIR}/tests/compliance/operator_access_test.cc
  LIBS credo_compliance
  LABELS compliance)
target_include_directories(compliance_operator_access_test PRIVATE
  ${PROJECT_SOURCE_DIR}/tests/compliance)
