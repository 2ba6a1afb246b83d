// concur-demo: the command line wires the commands; everything else lives in the layers below
// (docs/architecture.md).
#include "cli/app.hpp"

int main(int argc, char** argv) { return concur::run_tool(argc, argv); }
