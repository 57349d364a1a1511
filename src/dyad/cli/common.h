// What the subcommands share: dictionary options on the command line and loading with clear messages.
#ifndef DYAD_CLI_COMMON_H_
#define DYAD_CLI_COMMON_H_

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "dyad/dict/dictionary.h"

namespace dyad::cli {

struct DictionaryFlags {
  std::string data_dir;
  std::string dict_dir;
  void Register(CLI::App& command);
  dict::DictionaryOptions Options() const;
};

// Loads the dictionaries; on failure prints the error and returns nullptr.
std::unique_ptr<dict::Dictionary> LoadDictionaryOrReport(const DictionaryFlags& flags);

// Each subcommand registers itself; the callback runs it and sets the exit code.
void AddCodeCommand(CLI::App& app, int& exit_code);
void AddEvalCommand(CLI::App& app, int& exit_code);
void AddBenchCommand(CLI::App& app, int& exit_code);
void AddDictCommand(CLI::App& app, int& exit_code);
void AddExplainCommand(CLI::App& app, int& exit_code);

}  // namespace dyad::cli

#endif  // DYAD_CLI_COMMON_H_
