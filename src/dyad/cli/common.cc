#include "dyad/cli/common.h"

#include <fmt/format.h>

namespace dyad::cli {

namespace {

// One --config per command, whichever flag group registers first; each group reads it from the option.
const CLI::Option* RegisterConfigOption(CLI::App& command) {
  if (const CLI::Option* existing = command.get_option_no_throw("--config")) return existing;
  return command
      .add_option("--config", "The config file (default: $DYAD_CONFIG, else ./dyad.toml, else "
                              "~/.config/dyad/dyad.toml; see docs/config.md)")
      ->type_name("PATH");
}

std::string ConfigPath(const CLI::Option* config_option) {
  if (config_option == nullptr || config_option->count() == 0) return {};
  return config_option->as<std::string>();
}

}  // namespace

void DictionaryFlags::Register(CLI::App& command) {
  command.add_option("--data-dir", data_dir,
                     "Built-in data directory (default: $DYAD_DATA_DIR, else config, else the one dyad was "
                     "built with)");
  command.add_option("--dict-dir", dict_dir,
                     "A user dictionary directory overlaid on the built-in one (default: config, else none)");
  config_option = RegisterConfigOption(command);
}

void DictionaryFlags::ApplyTo(config::Config& config) const {
  if (!data_dir.empty()) config.dict.data_dir.Set(data_dir, "flag --data-dir");
  if (!dict_dir.empty()) config.dict.overlay.Set(dict_dir, "flag --dict-dir");
}

Result<config::Config> DictionaryFlags::LoadConfig() const {
  Result<config::Config> config = config::LoadConfig(ConfigPath(config_option));
  if (!config.ok()) return config;
  ApplyTo(*config);
  DYAD_RETURN_IF_ERROR(config::Validate(*config));
  return config;
}

dict::DictionaryOptions DictionaryFlags::Options() const {
  dict::DictionaryOptions options;
  options.data_dir = data_dir;
  options.user_dict_dir = dict_dir;
  if (Result<config::Config> config = LoadConfig(); config.ok()) {
    options.data_dir = config->dict.data_dir.value;
    options.user_dict_dir = config->dict.overlay.value;
  }
  return options;
}

void StoreFlags::Register(CLI::App& command) {
  command.add_option("--db", db,
                     "The store: a SQLite file or a postgresql:// URL (default: $DYAD_DB, else config, else "
                     "dyad.db)");
  command.add_option("--dedup-window", dedup_window_days,
                     "Days apart two reports of the same source, target and code may be and still be one "
                     "event (default: config, else 1; -1 turns cross-article deduplication off)");
  config_option = RegisterConfigOption(command);
}

void StoreFlags::ApplyTo(config::Config& config) const {
  if (!db.empty()) config.store.url.Set(db, "flag --db");
  if (dedup_window_days != -2) config.store.dedup_window_days.Set(dedup_window_days, "flag --dedup-window");
}

Result<config::Config> StoreFlags::LoadConfig() const {
  Result<config::Config> config = config::LoadConfig(ConfigPath(config_option));
  if (!config.ok()) return config;
  ApplyTo(*config);
  DYAD_RETURN_IF_ERROR(config::Validate(*config));
  return config;
}

std::string StoreFlags::Location() const {
  if (!db.empty()) return db;
  Result<config::Config> config = LoadConfig();
  return config.ok() ? config->store.url.value : "dyad.db";
}

store::StoreOptions StoreFlags::Options() const {
  store::StoreOptions options;
  if (Result<config::Config> config = LoadConfig(); config.ok()) {
    options.dedup_window_days = static_cast<int>(config->store.dedup_window_days.value);
  }
  if (dedup_window_days != -2) options.dedup_window_days = dedup_window_days;
  return options;
}

std::unique_ptr<store::EventStore> OpenStoreOrReport(const StoreFlags& flags) {
  if (Result<config::Config> config = flags.LoadConfig(); !config.ok()) {
    fmt::print(stderr, "dyad: {}\n", config.status().ToString());
    return nullptr;
  }
  Result<std::unique_ptr<store::EventStore>> store = store::EventStore::Open(flags.Location(), flags.Options());
  if (!store.ok()) {
    fmt::print(stderr, "dyad: {}\n", store.status().ToString());
    return nullptr;
  }
  return std::move(*store);
}

std::unique_ptr<dict::Dictionary> LoadDictionaryOrReport(const DictionaryFlags& flags) {
  if (Result<config::Config> config = flags.LoadConfig(); !config.ok()) {
    fmt::print(stderr, "dyad: {}\n", config.status().ToString());
    return nullptr;
  }
  Result<std::unique_ptr<dict::Dictionary>> dict = dict::Dictionary::Load(flags.Options());
  if (!dict.ok()) {
    fmt::print(stderr, "dyad: {}\n", dict.status().ToString());
    return nullptr;
  }
  return std::move(*dict);
}

}  // namespace dyad::cli
