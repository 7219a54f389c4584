# End-to-end test of the compliance commands through the credo binary: consent -> inquiry ->
# dispute -> correction -> purge, with the refusals a user meets on the way.
credo_add_test(e2e_compliance_story_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/compliance_story_test.cc
               LIBS credo_store credo_core LABELS e2e compliance NEEDS_CLI)
