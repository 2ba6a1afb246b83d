# The Debian package: `cpack -G DEB` (or `cpack --config CPackConfig.cmake`) in the build tree.
# Included last in CMakeLists.txt: CPack learns the install components that exist when it is
# included, and every install() rule must come before.
#
# Each install component is its own package. `main` (everything without a component of its own)
# is `concur-demo`; its Depends: are computed by dpkg-shlibdeps from the binary's shared libraries.
# An optional part whose program links a library the tool must not require (the mpi model's rank
# program and Open MPI) installs into its own component, `install(... COMPONENT mpi)`: it becomes
# `concur-demo-mpi`, whose Depends: are computed from its own files, and `concur-demo` only
# Suggests it. Runtime programs that are only optional (python3 for the reference rows, mpirun for
# the mpi row) are Recommends:/Suggests:, never Depends:.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME concur-demo)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "concur-demo")
# A placeholder: whoever publishes the package sets it (-DCPACK_PACKAGE_CONTACT=... at configure).
set(CPACK_PACKAGE_CONTACT "concur-demo maintainers <maintainers@concur-demo.invalid>" CACHE STRING
    "Maintainer: field of the Debian package")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "concurrency models measured side by side on the same workloads")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

set(CPACK_DEBIAN_MAIN_PACKAGE_NAME concur-demo)
set(CPACK_COMPONENT_MAIN_DESCRIPTION
    "concur-demo runs the same workloads (timer waits, file reads, big-number factorials) under
several concurrency models: sequential, one thread per task, one process per task, a thread
pool, C++20 coroutines on one event loop (files through io_uring) and Boost.Fiber, optionally
next to Python reference rows. It prints one table per workload, measured on the machine in
front of you: wall and CPU time, CPU utilisation, speedup, threads, processes, tasks in flight,
peak memory, and whether every result was verified, with a one-line takeaway. Sweeps chart how
costs grow with the number of tasks or workers. Includes a man page, bash, zsh and fish
completions, and lessons with real output.")
# The Python reference rows are part of the lessons (python-gil): recommended, not required;
# without python3 they are skipped with a note.
set(CPACK_DEBIAN_MAIN_PACKAGE_RECOMMENDS "python3")
set(concur_suggests "openmpi-bin")

get_cmake_property(concur_components COMPONENTS)
foreach(component IN LISTS concur_components)
  if(component STREQUAL "main")
    continue()
  endif()
  string(TOUPPER "${component}" upper)
  set(CPACK_DEBIAN_${upper}_PACKAGE_NAME "concur-demo-${component}")
  set(CPACK_DEBIAN_${upper}_PACKAGE_DEPENDS "concur-demo (= ${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE})")
  if(NOT DEFINED CPACK_COMPONENT_${upper}_DESCRIPTION)
    set(CPACK_COMPONENT_${upper}_DESCRIPTION "The ${component} part of concur-demo, packaged apart so that concur-demo
itself does not depend on what it needs.")
  endif()
  list(PREPEND concur_suggests "concur-demo-${component}")
endforeach()
# The mpi part runs its ranks through mpirun: its package needs Open MPI's launcher as well as
# the libraries dpkg-shlibdeps finds.
if("mpi" IN_LIST concur_components)
  string(APPEND CPACK_DEBIAN_MPI_PACKAGE_DEPENDS ", openmpi-bin")
endif()
list(JOIN concur_suggests ", " CPACK_DEBIAN_MAIN_PACKAGE_SUGGESTS)
set(CPACK_COMPONENTS_ALL ${concur_components})

include(CPack)
