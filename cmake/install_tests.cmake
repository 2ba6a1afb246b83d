# Tests of what is installed, run by CTest against the real tools: the man page through groff
# and man, the completions through bash (bash-completion's loader and a Tab key in tmux), zsh
# and fish, `cmake --install`, and the Debian package CPack makes.
set(concur_shell_tests ${CMAKE_CURRENT_SOURCE_DIR}/tests/shell)
add_test(NAME man_page.lint COMMAND bash ${concur_shell_tests}/man_lint_test.sh ${CONCUR_MAN_PAGE}
                                    $<TARGET_FILE:concur-demo>)
foreach(shell IN ITEMS bash bash-tab zsh fish)
  add_test(NAME completion.${shell} COMMAND bash ${concur_shell_tests}/completion_test.sh ${shell}
                                            ${CONCUR_GENERATED_SHARE})
endforeach()
add_test(NAME install.tree COMMAND bash ${concur_shell_tests}/install_test.sh ${CMAKE_CURRENT_BINARY_DIR}
                                   ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME install.deb_package COMMAND bash ${concur_shell_tests}/package_test.sh ${CMAKE_CURRENT_BINARY_DIR}
                                          ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(man_page.lint completion.bash completion.bash-tab completion.zsh completion.fish install.tree
                     install.deb_package PROPERTIES TIMEOUT 300 LABELS install)

# The description the generator reads off the command line, and the files it writes from it.
add_executable(concur_docgen_tests tests/docgen_test.cpp)
target_link_libraries(concur_docgen_tests PRIVATE concur_docgen GTest::gtest GTest::gtest_main)
gtest_discover_tests(concur_docgen_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120 LABELS install)
