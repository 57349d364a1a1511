#include "dyad/cli/common.h"

#include <fmt/format.h>

namespace dyad::cli {

void DictionaryFlags::Register(CLI::App& command) {
  command.add_option("--data-dir", data_dir, "Built-in data directory (default: the one dyad was built with)");
  command.add_option("--dict-dir", dict_dir, "A user dictionary directory overlaid on the built-in one");
}

dict::DictionaryOptions DictionaryFlags::Options() const {
  dict::DictionaryOptions options;
  options.data_dir = data_dir;
  options.user_dict_dir = dict_dir;
  return options;
}

void StoreFlags::Register(CLI::App& command) {
  command.add_option("--db", db, "The store: a SQLite file or a postgresql:// URL (default: config, else dyad.db)");
  command.add_option("--dedup-window", dedup_window_days,
                     "Days apart two reports of the same source, target and code may be and still be one event "
                     "(default 1; -1 turns cross-article deduplication off)");
}

std::string StoreFlags::Location() const {
  if (!db.empty()) return db;
  return "dyad.db";
}

store::StoreOptions StoreFlags::Options() const {
  store::StoreOptions options;
  if (dedup_window_days != -2) options.dedup_window_days = dedup_window_days;
  return options;
}

std::unique_ptr<store::EventStore> OpenStoreOrReport(const StoreFlags& flags) {
  Result<std::unique_ptr<store::EventStore>> store = store::EventStore::Open(flags.Location(), flags.Options());
  if (!store.ok()) {
    fmt::print(stderr, "dyad: {}\n", store.status().ToString());
    return nullptr;
  }
  return std::move(*store);
}

std::unique_ptr<dict::Dictionary> LoadDictionaryOrReport(const DictionaryFlags& flags) {
  Result<std::unique_ptr<dict::Dictionary>> dict = dict::Dictionary::Load(flags.Options());
  if (!dict.ok()) {
    fmt::print(stderr, "dyad: {}\n", dict.status().ToString());
    return nullptr;
  }
  return std::move(*dict);
}

}  // namespace dyad::cli
