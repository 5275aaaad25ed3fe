# The release build (-DCDRUN_STATIC=ON): only the cdrun binary, linked fully static, so one file runs
# on every Linux host (Amazon Linux 2/2023, RHEL, Ubuntu, Debian) whatever its glibc and libstdc++.
# Every library comes from Debian's .a archives; cross-building for arm64 only adds the toolchain file
# cmake/aarch64-linux-gnu.cmake.
set(CDRUN_TESTS OFF CACHE BOOL "Build the tests" FORCE)
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
set(OPENSSL_USE_STATIC_LIBS TRUE)
set(CMAKE_POSITION_INDEPENDENT_CODE OFF)

# Unused code goes (smaller file, faster start); build paths leave no trace in the binary, so two
# builds from different checkouts give the same bytes.
add_compile_options(-ffunction-sections -fdata-sections
                    -ffile-prefix-map=${PROJECT_SOURCE_DIR}/= -ffile-prefix-map=${PROJECT_BINARY_DIR}/=)
add_link_options(-static -Wl,--gc-sections -Wl,--build-id=sha1)
# CDRUN_STATIC_STRIP=OFF keeps the symbols, for profiling the start-up (bench/startup_profile.sh).
option(CDRUN_STATIC_STRIP "Strip the static binary" ON)
if(CDRUN_STATIC_STRIP)
  add_link_options(-s)
endif()

# libarchive.a needs its compressors and crypto named after it (Debian's libarchive.pc Libs.private);
# the static linker then keeps only the objects cdrun reaches.
function(cdrun_static_link_archive_deps)
  set_property(TARGET LibArchive::LibArchive APPEND PROPERTY INTERFACE_LINK_LIBRARIES
               nettle acl lzma zstd lz4 bz2 z xml2)
endfunction()
