# The man page and the shell completions, written at build time by concur-demo-docgen. It builds
# the same CLI11 app as the tool (make_app in src/cli/app.cpp) and reads the option table and the
# registry, so the page and the completions change whenever an option, a model, a scenario, a
# lesson or a format does, and can never go out of date. A separate executable, not a hidden
# command: the installed tool keeps only the commands a user types, and the generator runs
# before anything is installed.
concur_layer(concur_docgen
  SOURCES src/cli/command_line_doc.cpp src/cli/roff.cpp src/cli/man_page_text.cpp src/cli/man_page.cpp src/cli/shell_words.cpp src/cli/completion_bash.cpp
          src/cli/completion_zsh.cpp src/cli/completion_fish.cpp
  PUBLIC concur_cli
  PRIVATE CLI11::CLI11)
add_executable(concur-demo-docgen src/cli/docgen_main.cpp)
target_link_libraries(concur-demo-docgen PRIVATE concur_docgen)

# Laid out as they are installed, so a test can point man and the shells at the build tree.
set(CONCUR_GENERATED_SHARE ${CMAKE_CURRENT_BINARY_DIR}/generated/share)
set(CONCUR_MAN_PAGE ${CONCUR_GENERATED_SHARE}/man/man1/concur-demo.1)
set(CONCUR_BASH_COMPLETION ${CONCUR_GENERATED_SHARE}/bash-completion/completions/concur-demo)
set(CONCUR_ZSH_COMPLETION ${CONCUR_GENERATED_SHARE}/zsh/site-functions/_concur-demo)
set(CONCUR_FISH_COMPLETION ${CONCUR_GENERATED_SHARE}/fish/vendor_completions.d/concur-demo.fish)
set(concur_generated_files ${CONCUR_MAN_PAGE} ${CONCUR_BASH_COMPLETION} ${CONCUR_ZSH_COMPLETION} ${CONCUR_FISH_COMPLETION})
set(concur_generated_dirs)
foreach(file IN LISTS concur_generated_files)
  get_filename_component(dir ${file} DIRECTORY)
  list(APPEND concur_generated_dirs ${dir})
endforeach()
add_custom_command(
  OUTPUT ${concur_generated_files}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${concur_generated_dirs}
  COMMAND concur-demo-docgen man ${CONCUR_MAN_PAGE} bash ${CONCUR_BASH_COMPLETION} zsh ${CONCUR_ZSH_COMPLETION}
          fish ${CONCUR_FISH_COMPLETION}
  DEPENDS concur-demo-docgen
  COMMENT "Writing the man page and the bash, zsh and fish completions"
  VERBATIM)
add_custom_target(concur_docs ALL DEPENDS ${concur_generated_files})
