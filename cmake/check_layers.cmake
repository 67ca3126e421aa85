# Fails when a file of src/ includes a layer its own layer may not use.
#
#   cmake -DSRC=<src> -DLAYERS=core,model,... -DUSES_<layer>=a,b,... -P check_layers.cmake
#
# A layer is a folder of src/; an include is `#include "<folder>/<file>"`.
# Includes within the same layer and of the generated "omvarld/" headers are
# always allowed. The table itself comes from CMakeLists.txt (OMVARLD_USES_*),
# where every layer may only use layers listed before it, so the graph has no
# cycle; this script checks that too.
cmake_minimum_required(VERSION 3.25)
if(NOT SRC OR NOT LAYERS)
  message(FATAL_ERROR "check_layers: SRC and LAYERS are required")
endif()
get_filename_component(SRC "${SRC}" ABSOLUTE)
if(NOT IS_DIRECTORY "${SRC}")
  message(FATAL_ERROR "check_layers: ${SRC} is not a folder")
endif()
string(REPLACE "," ";" layers "${LAYERS}")

set(seen "")
set(problems "")
foreach(layer IN LISTS layers)
  string(REPLACE "," ";" uses "${USES_${layer}}")
  foreach(used IN LISTS uses)
    if(NOT used IN_LIST seen)
      list(APPEND problems "layer ${layer} uses ${used}, which is not a layer listed before it")
    endif()
  endforeach()
  list(APPEND seen ${layer})
endforeach()

file(GLOB folders LIST_DIRECTORIES true RELATIVE ${SRC} ${SRC}/*)
foreach(folder IN LISTS folders)
  if(IS_DIRECTORY ${SRC}/${folder} AND NOT folder IN_LIST layers)
    list(APPEND problems "src/${folder}/ is not a layer: add it to OMVARLD_LAYERS in CMakeLists.txt")
  endif()
endforeach()

foreach(layer IN LISTS layers)
  string(REPLACE "," ";" uses "${USES_${layer}}")
  file(GLOB_RECURSE files RELATIVE ${SRC} ${SRC}/${layer}/*.h ${SRC}/${layer}/*.cpp)
  foreach(file IN LISTS files)
    file(STRINGS ${SRC}/${file} lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
      if(line MATCHES "#[ \t]*include[ \t]*\"([^\"/]+)/[^\"]*\"")
        set(target_layer ${CMAKE_MATCH_1})
        if(target_layer STREQUAL layer OR target_layer STREQUAL "omvarld")
          continue()
        endif()
        if(NOT target_layer IN_LIST uses)
          string(STRIP "${line}" shown)
          list(APPEND problems "src/${file}: ${shown}: layer ${layer} may not use ${target_layer}")
        endif()
      elseif(line MATCHES "#[ \t]*include[ \t]*\"[^\"/]+\"")
        string(STRIP "${line}" shown)
        list(APPEND problems "src/${file}: ${shown}: include headers by their layer, \"<layer>/<file>\"")
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems)
  list(JOIN problems "\n  " shown)
  message(FATAL_ERROR "The layers of src/ are crossed (docs/architecture.md):\n  ${shown}")
endif()
