// dyad export: placeholder while the command is written (this session).
#include "dyad/cli/common.h"

namespace dyad::cli {

void AddExportCommand(CLI::App& app, int& exit_code) {
  (void)app;
  (void)exit_code;
}

}  // namespace dyad::cli
