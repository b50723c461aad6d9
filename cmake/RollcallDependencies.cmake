# Third-party packages, all from Debian (scripts/setup.sh installs them). Imported targets
# are created once here so that every part links the same names.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(OpenCV 4 REQUIRED COMPONENTS core imgproc imgcodecs videoio dnn objdetect)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(FPRINT REQUIRED IMPORTED_TARGET libfprint-2)
pkg_check_modules(GLIB REQUIRED IMPORTED_TARGET glib-2.0 gobject-2.0 gio-2.0)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)

# Howard Hinnant's date/tz library (Debian: libhowardhinnant-date-dev), reading system tzdata.
find_path(DATE_TZ_INCLUDE_DIR date/tz.h REQUIRED)
find_library(DATE_TZ_LIBRARY NAMES date-tz REQUIRED)
add_library(rollcall_thirdparty_date_tz INTERFACE)
target_include_directories(rollcall_thirdparty_date_tz SYSTEM INTERFACE ${DATE_TZ_INCLUDE_DIR})
target_link_libraries(rollcall_thirdparty_date_tz INTERFACE ${DATE_TZ_LIBRARY})
target_compile_definitions(rollcall_thirdparty_date_tz INTERFACE USE_OS_TZDB=1 HAS_REMOTE_API=0)
add_library(date::tz ALIAS rollcall_thirdparty_date_tz)

if(ROLLCALL_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(ROLLCALL_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

# Boost.Asio/Beast are header-only in 1.74 (with BOOST_ASIO_NO_DEPRECATED for a cleaner API).
add_library(rollcall_thirdparty_asio INTERFACE)
target_link_libraries(rollcall_thirdparty_asio INTERFACE Boost::headers OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
target_compile_definitions(rollcall_thirdparty_asio INTERFACE BOOST_ASIO_NO_DEPRECATED BOOST_ASIO_DISABLE_CONCEPTS)
add_library(rollcall::asio ALIAS rollcall_thirdparty_asio)
