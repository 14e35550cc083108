# The libFuzzer targets in the suite: one test builds tests/fuzz with clang, then each target runs
# for HALLKIOSK_FUZZ_SECONDS from its seed corpus; the three run in parallel with each other and
# with the rest of the suite. A crash, a leak or a failed property fails its test and leaves the
# input in build/test-artifacts/.
find_program(HALLKIOSK_CLANGXX NAMES clang++-14 clang++)
if(NOT HALLKIOSK_CLANGXX)
  message(WARNING "no clang++: the fuzz tests are left out (Debian: clang-14 libclang-rt-14-dev; scripts/setup-debian.sh installs them)")
  return()
endif()
set(fuzz_binary ${CMAKE_BINARY_DIR}/fuzz)
add_test(NAME fuzz_build
  COMMAND ${CMAKE_COMMAND} -DSOURCE=${CMAKE_CURRENT_SOURCE_DIR}/fuzz -DBINARY=${fuzz_binary} -DCXX=${HALLKIOSK_CLANGXX}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/build-fuzzers.cmake)
set_tests_properties(fuzz_build PROPERTIES LABELS fuzz TIMEOUT 900 FIXTURES_SETUP fuzzers)
foreach(target sam_decoder scanner_line booking_token)
  add_test(NAME fuzz_${target}
    COMMAND ${fuzz_binary}/fuzz_${target} -max_total_time=${HALLKIOSK_FUZZ_SECONDS} -timeout=10 -rss_limit_mb=2048
            -print_final_stats=1 -artifact_prefix=${HALLKIOSK_TEST_ARTIFACTS}/fuzz-${target}-
            ${fuzz_binary}/corpus/${target} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${target})
  set_tests_properties(fuzz_${target} PROPERTIES LABELS fuzz TIMEOUT 600 FIXTURES_REQUIRED fuzzers)
endforeach()
