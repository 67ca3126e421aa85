# A test of the include check: copies src/ to a scratch folder, makes
# parse/gzip.h include the store (a climbing include) and src/ gain a folder
# that is not a layer, runs check_layers.cmake on the copy, and fails unless
# the check fails naming both.
#
#   cmake -DSRC=<src> -DSCRATCH=<folder> -DCHECK=<check_layers.cmake> -DLAYERS=... -DUSES_<layer>=... -P
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${SCRATCH})
file(COPY ${SRC}/ DESTINATION ${SCRATCH}/src)
file(APPEND ${SCRATCH}/src/parse/gzip.h "\n#include \"store/store.h\"\n")
file(WRITE ${SCRATCH}/src/misc/helper.h "#pragma once\n")
set(args -DSRC=${SCRATCH}/src -DLAYERS=${LAYERS})
string(REPLACE "," ";" layers "${LAYERS}")
foreach(layer IN LISTS layers)
  list(APPEND args "-DUSES_${layer}=${USES_${layer}}")
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} ${args} -P ${CHECK}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(REMOVE_RECURSE ${SCRATCH})
if(rc EQUAL 0)
  message(FATAL_ERROR "the check passed a tree where parse includes the store")
endif()
foreach(expected "src/parse/gzip.h: #include \"store/store.h\": layer parse may not use store"
                 "src/misc/ is not a layer")
  string(FIND "${err}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the check failed without saying \"${expected}\":\n${err}")
  endif()
endforeach()
message(STATUS "the check refused the climbing include and the stray folder, naming both")
