// dyad config: placeholder while the command is written (this session).
#include "dyad/cli/common.h"

namespace dyad::cli {

void AddConfigCommand(CLI::App& app, int& exit_code) {
  (void)app;
  (void)exit_code;
}

}  // namespace dyad::cli
