# Tests of api/auth: one file per source (roles, TOTP, passwords, API keys, users, sessions,
# schema and hash-only storage), on SQLite and, with CREDO_TEST_PG_URL, on PostgreSQL.
foreach(name roles totp password api_keys users sessions schema)
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/auth_${name}_test.cc)
    credo_add_test(api_auth_${name}_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/auth_${name}_test.cc
                   LIBS credo_api credo_store credo_core credo_store_test_support
                   LABELS api auth)
    target_include_directories(api_auth_${name}_test PRIVATE ${PROJECT_SOURCE_DIR}/tests
                               ${CMAKE_CURRENT_LIST_DIR})
  endif()
endforeach()
