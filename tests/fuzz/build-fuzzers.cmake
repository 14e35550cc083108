# Configures and builds tests/fuzz with clang (run by the test suite's fuzz_build test):
#   cmake -DSOURCE=tests/fuzz -DBINARY=build/fuzz -DCXX=clang++-14 -P build-fuzzers.cmake
foreach(var SOURCE BINARY CXX)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "build-fuzzers.cmake: -D${var}=… is required")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
                        -DCMAKE_CXX_COMPILER=${CXX}
                RESULT_VARIABLE configured)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "configuring the fuzz build failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY} RESULT_VARIABLE built)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "building the fuzz targets failed")
endif()
# libFuzzer writes what it finds into the first corpus folder; the seeds in the repository stay as they are.
foreach(target sam_decoder scanner_line booking_token)
  file(MAKE_DIRECTORY ${BINARY}/corpus/${target})
endforeach()
