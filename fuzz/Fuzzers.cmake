# Hooks the fuzz targets into a mil-mlir build without the normal build
# knowing about them: scripts/test-sanitizers.sh configures its build with
# -DCMAKE_PROJECT_INCLUDE=<this file>, which CMake runs right after
# project(). Targets are linked by name, which CMake resolves once the whole
# tree (the libraries included) has been read.
add_subdirectory(${CMAKE_CURRENT_LIST_DIR} ${CMAKE_BINARY_DIR}/fuzz)
