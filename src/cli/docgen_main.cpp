// concur-demo-docgen: writes the man page and the shell completions of concur-demo at build
// time. It builds the same CLI11 app as the tool (make_app), so what it writes cannot drift from
// what the tool accepts. Usage: concur-demo-docgen KIND FILE [KIND FILE ...], KIND one of man,
// bash, zsh, fish.
#include <cstdio>
#include <exception>
#include <fstream>
#include <string>
#include <string_view>

#include "cli/command_line_doc.hpp"
#include "cli/completions.hpp"
#include "cli/man_page.hpp"

namespace {

int usage() {
  std::fputs("usage: concur-demo-docgen KIND FILE [KIND FILE ...] (KIND: man, bash, zsh, fish)\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc % 2 == 0) return usage();
  try {
    const concur::CommandLineDoc doc = concur::describe_command_line();
    for (int i = 1; i + 1 < argc; i += 2) {
      const std::string_view kind = argv[i];
      std::string text;
      if (kind == "man")
        text = concur::man_page(doc);
      else if (kind == "bash")
        text = concur::bash_completion(doc);
      else if (kind == "zsh")
        text = concur::zsh_completion(doc);
      else if (kind == "fish")
        text = concur::fish_completion(doc);
      else
        return usage();
      std::ofstream out(argv[i + 1], std::ios::binary | std::ios::trunc);
      out << text;
      out.close();
      if (!out) {
        std::fprintf(stderr, "concur-demo-docgen: cannot write %s\n", argv[i + 1]);
        return 1;
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "concur-demo-docgen: %s\n", e.what());
    return 1;
  }
  return 0;
}
