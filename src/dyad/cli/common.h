// What the subcommands share: dictionary options on the command line and loading with clear messages.
#ifndef DYAD_CLI_COMMON_H_
#define DYAD_CLI_COMMON_H_

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "dyad/dict/dictionary.h"
#include "dyad/store/event_store.h"

namespace dyad::cli {

struct DictionaryFlags {
  std::string data_dir;
  std::string dict_dir;
  void Register(CLI::App& command);
  dict::DictionaryOptions Options() const;
};

// Which store a command works on: --db, else the config file's store.url, else ./dyad.db.
struct StoreFlags {
  std::string db;
  int dedup_window_days = -2;  // -2: not given on the command line
  void Register(CLI::App& command);
  std::string Location() const;
  store::StoreOptions Options() const;
};

// Opens (creating or migrating) the store; on failure prints the error and returns nullptr.
std::unique_ptr<store::EventStore> OpenStoreOrReport(const StoreFlags& flags);

// Loads the dictionaries; on failure prints the error and returns nullptr.
std::unique_ptr<dict::Dictionary> LoadDictionaryOrReport(const DictionaryFlags& flags);

// Each subcommand registers itself; the callback runs it and sets the exit code.
void AddCodeCommand(CLI::App& app, int& exit_code);
void AddEvalCommand(CLI::App& app, int& exit_code);
void AddBenchCommand(CLI::App& app, int& exit_code);
void AddDictCommand(CLI::App& app, int& exit_code);
void AddExplainCommand(CLI::App& app, int& exit_code);
void AddIngestCommand(CLI::App& app, int& exit_code);
void AddEventsCommand(CLI::App& app, int& exit_code);
void AddImportCommand(CLI::App& app, int& exit_code);
void AddExportCommand(CLI::App& app, int& exit_code);
void AddWatchCommand(CLI::App& app, int& exit_code);
void AddConfigCommand(CLI::App& app, int& exit_code);

}  // namespace dyad::cli

#endif  // DYAD_CLI_COMMON_H_
