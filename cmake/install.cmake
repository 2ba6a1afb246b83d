# What `cmake --install` (and so the package) puts where, by GNUInstallDirs: the binary, its man
# page, the bash, zsh and fish completions in the directories those shells search, and the
# documentation. Nothing here is read from the source tree at run time: the Python reference
# program and the lessons are compiled into the binary; the copies under the docs are to read.
include(GNUInstallDirs)
# Directories the install creates are readable by everyone whatever the umask of who installs.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                                WORLD_READ WORLD_EXECUTE)

install(TARGETS concur-demo RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS concur-demo-fork-parent RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/concur-demo)
install(FILES ${CONCUR_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# bash-completion loads completions/<command> on first use, from $XDG_DATA_DIRS (/usr/local/share,
# /usr/share) and ~/.local/share.
install(FILES ${CONCUR_BASH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${CONCUR_FISH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
# zsh: Debian's and Ubuntu's zsh search /usr/share/zsh/vendor-completions for packages and
# <prefix>/share/zsh/site-functions elsewhere (/usr/local); the prefix is only known at install
# time (cmake --install --prefix, and the package's /usr), so the choice is made then.
install(CODE "
  if(CMAKE_INSTALL_PREFIX MATCHES \"(^|/)usr/?$\")
    set(concur_zsh_dir \"\${CMAKE_INSTALL_PREFIX}/share/zsh/vendor-completions\")
  else()
    set(concur_zsh_dir \"\${CMAKE_INSTALL_PREFIX}/share/zsh/site-functions\")
  endif()
  file(INSTALL \"${CONCUR_ZSH_COMPLETION}\" DESTINATION \"\${concur_zsh_dir}\")")

install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Under docs/, as in the source tree, so the README's links (docs/measurement.md, …) still work.
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(FILES scenarios/python/reference.py DESTINATION ${CMAKE_INSTALL_DOCDIR}/python)
