// dyad: news text in, CAMEO-coded political events out. One binary, one subcommand per job.
#include <CLI/CLI.hpp>

#include "dyad/cli/common.h"

int main(int argc, char** argv) {
  CLI::App app{"dyad: codes world news into political events (who did what to whom, when)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "dyad 0.1.0");
  int exit_code = 0;
  dyad::cli::AddCodeCommand(app, exit_code);
  dyad::cli::AddExplainCommand(app, exit_code);
  dyad::cli::AddEvalCommand(app, exit_code);
  dyad::cli::AddBenchCommand(app, exit_code);
  dyad::cli::AddDictCommand(app, exit_code);
  dyad::cli::AddIngestCommand(app, exit_code);
  dyad::cli::AddEventsCommand(app, exit_code);
  dyad::cli::AddImportCommand(app, exit_code);
  dyad::cli::AddExportCommand(app, exit_code);
  dyad::cli::AddWatchCommand(app, exit_code);
  dyad::cli::AddConfigCommand(app, exit_code);
  dyad::cli::AddAnalyticsCommands(app, exit_code);
  dyad::cli::AddBriefCommand(app, exit_code);
  dyad::cli::AddServeCommand(app, exit_code);
  dyad::cli::AddKbCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
