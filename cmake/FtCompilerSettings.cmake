# Warnings, ccache and sanitizers for every target of the project.
find_program(FT_CCACHE ccache)
if(FT_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${FT_CCACHE})
  # Lets ccache cache files compiled against a precompiled header (with CCACHE_SLOPPINESS=pch_defines,time_macros).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-fpch-preprocess)
  endif()
endif()

add_library(ft_warnings INTERFACE)
target_compile_options(ft_warnings INTERFACE -Wall -Wextra)

if(FT_SANITIZE)
  string(REPLACE ";" "," _ft_san "${FT_SANITIZE}")
  add_compile_options(-fsanitize=${_ft_san} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${_ft_san})
endif()

# ft_core_area(<name> SOURCES ... LIBS ...): one static library per core area (core/<name>).
# An area with no sources yet becomes an interface library so the tree always configures.
function(ft_core_area name)
  cmake_parse_arguments(A "" "" "SOURCES;LIBS" ${ARGN})
  set(target ft_core_${name})
  if(A_SOURCES)
    add_library(${target} STATIC ${A_SOURCES})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${target} PUBLIC ft_core_common ${A_LIBS} PRIVATE ft_warnings)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  else()
    add_library(${target} INTERFACE)
    target_link_libraries(${target} INTERFACE ft_core_common ${A_LIBS})
  endif()
endfunction()
