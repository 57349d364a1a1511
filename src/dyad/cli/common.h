// What the subcommands share: dictionary options on the command line and loading with clear messages.
#ifndef DYAD_CLI_COMMON_H_
#define DYAD_CLI_COMMON_H_

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "dyad/base/status.h"
#include "dyad/config/config.h"
#include "dyad/dict/dictionary.h"
#include "dyad/store/event_store.h"

namespace dyad::cli {

// Which dictionaries a command loads: --data-dir and --dict-dir, else the config file's dict.data_dir and
// dict.overlay (docs/config.md), else the built-in data directory and no overlay.
struct DictionaryFlags {
  std::string data_dir;
  std::string dict_dir;
  const CLI::Option* config_option = nullptr;  // --config, shared with StoreFlags (Register adds it)
  void Register(CLI::App& command);
  // Puts the flags that were given over `config`, with "flag --..." origins.
  void ApplyTo(config::Config& config) const;
  // The effective configuration: the config file (--config, else the search path) and the environment, under
  // these flags.
  Result<config::Config> LoadConfig() const;
  // From LoadConfig(); when the config file is bad, from the flags alone (LoadDictionaryOrReport reports it).
  dict::DictionaryOptions Options() const;
};

// Which store a command works on: --db, else $DYAD_DB, else the config file's store.url, else ./dyad.db; the
// same order for --dedup-window and store.dedup_window_days.
struct StoreFlags {
  std::string db;
  int dedup_window_days = -2;  // -2: not given on the command line
  const CLI::Option* config_option = nullptr;  // --config, shared with DictionaryFlags (Register adds it)
  void Register(CLI::App& command);
  // Puts the flags that were given over `config`, with "flag --..." origins.
  void ApplyTo(config::Config& config) const;
  // The effective configuration: the config file (--config, else the search path) and the environment, under
  // these flags.
  Result<config::Config> LoadConfig() const;
  // From LoadConfig(); when the config file is bad, from the flags alone (OpenStoreOrReport reports it).
  std::string Location() const;
  store::StoreOptions Options() const;
};

// Opens (creating or migrating) the store; on failure (a bad config file included) prints the error and returns
// nullptr.
std::unique_ptr<store::EventStore> OpenStoreOrReport(const StoreFlags& flags);

// Loads the dictionaries; on failure (a bad config file included) prints the error and returns nullptr.
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
void AddKbCommand(CLI::App& app, int& exit_code);
// trend, alerts, focus, align, forecast and synth.
void AddAnalyticsCommands(CLI::App& app, int& exit_code);
void AddBriefCommand(CLI::App& app, int& exit_code);
void AddServeCommand(CLI::App& app, int& exit_code);

}  // namespace dyad::cli

#endif  // DYAD_CLI_COMMON_H_
