# kashf_layer(<name> [POSTGRES] [DEPS <targets>...])
# Builds every non-test *.cc in the current folder into the static library kashf_<name>, and every
# *_test.cc into the test executable kashf_<name>_tests (registered with CTest via gtest_discover_tests), which
# also links kashf_testing (src/testing: test-only helpers such as temporary directories and golden files).
# POSTGRES: the tests use the throwaway PostgreSQL cluster (cmake/KashfPostgres.cmake), so ctest starts it first.
function(kashf_layer NAME)
  cmake_parse_arguments(L "POSTGRES" "" "DEPS" ${ARGN})
  file(GLOB SRCS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  list(FILTER SRCS EXCLUDE REGEX "_test\\.cc$")
  if(SRCS)
    add_library(kashf_${NAME} STATIC ${SRCS})
    target_include_directories(kashf_${NAME} PUBLIC ${PROJECT_SOURCE_DIR}/include
                                             PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(kashf_${NAME} PUBLIC ${L_DEPS})
  else()  # a layer not yet written: header-only placeholder so dependents still link
    add_library(kashf_${NAME} INTERFACE)
    target_include_directories(kashf_${NAME} INTERFACE ${PROJECT_SOURCE_DIR}/include)
    target_link_libraries(kashf_${NAME} INTERFACE ${L_DEPS})
  endif()
  if(TESTS)
    add_executable(kashf_${NAME}_tests ${TESTS})
    target_include_directories(kashf_${NAME}_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(kashf_${NAME}_tests PRIVATE kashf_${NAME} kashf_testing
                          GTest::gtest GTest::gmock GTest::gtest_main)
    set(fixtures "")
    if(L_POSTGRES)
      set(fixtures FIXTURES_REQUIRED postgres)
    endif()
    gtest_discover_tests(kashf_${NAME}_tests DISCOVERY_TIMEOUT 60
                         PROPERTIES ENVIRONMENT "KASHF_TEST_TMP=${CMAKE_BINARY_DIR}/test-tmp" ${fixtures})
  endif()
endfunction()
