// dyad import: placeholder while the command is written (this session).
#include "dyad/cli/common.h"

namespace dyad::cli {

void AddImportCommand(CLI::App& app, int& exit_code) {
  (void)app;
  (void)exit_code;
}

}  // namespace dyad::cli
