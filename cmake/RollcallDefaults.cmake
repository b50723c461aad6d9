# Compiler settings for Rollcall's own targets (not applied to third-party code).

# Adds every immediate sub-folder of DIR that has a CMakeLists.txt, in name order.
function(rollcall_add_parts dir)
  file(GLOB children LIST_DIRECTORIES true RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/${dir}
       ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*)
  list(SORT children)
  foreach(child IN LISTS children)
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/${child}/CMakeLists.txt)
      add_subdirectory(${dir}/${child})
    endif()
  endforeach()
endfunction()

set(ROLLCALL_WARNINGS -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
    -Wcast-align -Wunused -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
if(ROLLCALL_WERROR)
  list(APPEND ROLLCALL_WARNINGS -Werror)
endif()

if(ROLLCALL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Applies the project's warnings and the Boost 1.74 / C++23 workaround (Asio's awaitable.hpp
# uses std::exchange without including <utility>).
function(rollcall_defaults target)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    return()
  endif()
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:${ROLLCALL_WARNINGS}>
    $<$<COMPILE_LANGUAGE:CXX>:-include utility>)
endfunction()

# rollcall_library(NAME SOURCES... [LINK libs...]) : a static library of Rollcall's own code.
function(rollcall_library name)
  cmake_parse_arguments(arg "" "" "SOURCES;PUBLIC;PRIVATE;INCLUDE" ${ARGN})
  add_library(${name} STATIC ${arg_SOURCES})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(${name} PUBLIC ${arg_PUBLIC} PRIVATE ${arg_PRIVATE})
  rollcall_defaults(${name})
endfunction()

# rollcall_test(NAME SOURCES... LINK libs...) : a GoogleTest executable registered with ctest.
function(rollcall_test name)
  cmake_parse_arguments(arg "" "TIMEOUT" "SOURCES;LINK;LABELS" ${ARGN})
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE ${arg_LINK} GTest::gtest GTest::gmock GTest::gtest_main)
  rollcall_defaults(${name})
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 300)
  endif()
  # gtest_discover_tests flattens PROPERTIES into one argument list: a value that is itself a
  # list must keep its semicolons escaped and come last, and each ENVIRONMENT-like property
  # carries a single variable, or the properties after it are silently lost.
  string(REPLACE ";" "\\;" labels "${arg_LABELS}")
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
    PROPERTIES TIMEOUT ${arg_TIMEOUT}
               ENVIRONMENT "ROLLCALL_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
               ENVIRONMENT_MODIFICATION "ROLLCALL_BINARY_DIR=set:${PROJECT_BINARY_DIR}"
               LABELS "${labels}")
endfunction()
