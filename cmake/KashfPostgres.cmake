# PostgreSQL: libpq for the PostgreSQL backends (docs/postgresql.md), and the throwaway cluster the
# tests run against. One cluster serves a whole ctest run: the test postgres.cluster_start
# (FIXTURES_SETUP postgres) starts it with tests/support/pg_cluster.sh, postgres.cluster_stop
# (FIXTURES_CLEANUP) removes it, and every test that needs it requires the fixture, so
# `ctest -R <one test>` starts it too. A test binary run outside ctest starts its own cluster
# (kashf/testing/postgres.h).
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)

set(KASHF_PG_TEST_STATE ${CMAKE_BINARY_DIR}/test-pg)
set(KASHF_PG_CLUSTER_SCRIPT ${PROJECT_SOURCE_DIR}/tests/support/pg_cluster.sh)
# The cluster is owned by ctest (the script's parent): a killed run leaves no server behind.
add_test(NAME postgres.cluster_start
         COMMAND bash -c "exec bash \"$0\" start \"$1\" $PPID" ${KASHF_PG_CLUSTER_SCRIPT} ${KASHF_PG_TEST_STATE})
add_test(NAME postgres.cluster_stop COMMAND bash ${KASHF_PG_CLUSTER_SCRIPT} stop ${KASHF_PG_TEST_STATE})
set_tests_properties(postgres.cluster_start PROPERTIES FIXTURES_SETUP postgres TIMEOUT 120)
set_tests_properties(postgres.cluster_stop PROPERTIES FIXTURES_CLEANUP postgres)
