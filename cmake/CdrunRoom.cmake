# cdrun_room(TARGET [DEPENDS room-target ...] [LIBS external ...] [EXCLUDE file.cc ...])
#
# One room = one folder = one static library. A room may use the rooms it DEPENDS on (and theirs),
# never one above it: tests/layers/check_layers.py reads these declarations and fails the build's
# test run when a file includes a header from a room that is not below its own.
function(cdrun_room target)
  cmake_parse_arguments(ROOM "" "" "DEPENDS;LIBS;EXCLUDE;SUBDIRS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  foreach(sub ${ROOM_SUBDIRS})
    file(GLOB more CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${sub}/*.cc)
    list(APPEND sources ${more})
  endforeach()
  foreach(skip ${ROOM_EXCLUDE})
    list(REMOVE_ITEM sources ${CMAKE_CURRENT_SOURCE_DIR}/${skip})
  endforeach()
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${target} PUBLIC ${ROOM_DEPENDS} ${ROOM_LIBS})
endfunction()
