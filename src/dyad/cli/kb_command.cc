// (being written) `dyad kb`: the knowledge base.
#include "dyad/cli/common.h"

namespace dyad::cli {
void AddKbCommand(CLI::App&, int&) {}
}  // namespace dyad::cli
