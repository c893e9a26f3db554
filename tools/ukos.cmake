# SPDX-License-Identifier: MIT
# ukos.cmake: a CMake toolchain file for an installed ukos (make install
# puts it in PREFIX/lib/ukos/cmake/):
#   cmake -DCMAKE_TOOLCHAIN_FILE=PREFIX/lib/ukos/cmake/ukos.cmake -S src -B build
# Every executable is a bootable image (ukos-cc links it), run with
# ukos-run; static libraries are made as usual. Libraries and headers are
# looked for under the install only, never the host's.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
get_filename_component(UKOS_PREFIX "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(CMAKE_C_COMPILER "${UKOS_PREFIX}/bin/ukos-cc")
set(CMAKE_FIND_ROOT_PATH "${UKOS_PREFIX}/lib/ukos")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
