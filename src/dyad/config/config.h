// dyad's settings: one TOML file (dyad.toml) for the store, the dictionaries, ingestion, the feed watcher and
// the server, under the environment and the command line. Every effective setting remembers where its value
// came from, so that `dyad config show` can say why a value is what it is (docs/config.md).
//
// Precedence, highest first: a command-line flag, the environment, the config file, the built-in default.
// Loading is plain data work with no global state; it reads the process environment and the file system only.
#ifndef DYAD_CONFIG_CONFIG_H_
#define DYAD_CONFIG_CONFIG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/base/status.h"

namespace dyad::config {

// A value and where it came from: "default", "/home/ana/.config/dyad/dyad.toml:12", "env DYAD_DB", "flag
// --db".
template <typename T>
struct Setting {
  T value{};
  std::string origin = "default";

  void Set(T new_value, std::string new_origin) {
    value = std::move(new_value);
    origin = std::move(new_origin);
  }
};

struct Config {
  struct Store {
    Setting<std::string> url{"dyad.db"};    // a SQLite file or a postgresql:// URL
    Setting<int64_t> dedup_window_days{1};  // -1 turns cross-article deduplication off
  } store;
  struct Dict {
    Setting<std::string> data_dir;  // the built-in data directory (empty: the one dyad was built with)
    Setting<std::string> overlay;   // a user dictionary directory overlaid on it (empty: none)
  } dict;
  struct Ingest {
    Setting<int64_t> threads{1};
    Setting<int64_t> batch{4096};  // articles per store transaction
  } ingest;
  struct Watch {
    Setting<std::vector<std::string>> feeds;  // RSS or Atom URLs
    Setting<int64_t> interval_seconds{300};
    Setting<int64_t> timeout_seconds{20};  // per HTTP request
    Setting<int64_t> max_backoff_seconds{3600};
    Setting<std::string> user_agent{"dyad/0.1.0 (news event coder)"};
  } watch;
  struct Server {
    Setting<std::string> host{"127.0.0.1"};
    Setting<int64_t> port{8080};
  } server;

  // The file the settings were read from ("" when none was found) and how it was found: "flag --config",
  // "env DYAD_CONFIG", "./dyad.toml" or "$XDG_CONFIG_HOME" (which covers ~/.config).
  std::string file;
  std::string file_found_by;
};

// Calls `visit(name, setting)` for every setting, as "section.key", in the order of docs/config.md. `C` is
// Config or const Config; `visit` is called with Setting<std::string>, Setting<int64_t> or
// Setting<vector<string>>.
template <typename C, typename Visit>
void ForEachSetting(C& config, Visit&& visit) {
  visit("store.url", config.store.url);
  visit("store.dedup_window_days", config.store.dedup_window_days);
  visit("dict.data_dir", config.dict.data_dir);
  visit("dict.overlay", config.dict.overlay);
  visit("ingest.threads", config.ingest.threads);
  visit("ingest.batch", config.ingest.batch);
  visit("watch.feeds", config.watch.feeds);
  visit("watch.interval_seconds", config.watch.interval_seconds);
  visit("watch.timeout_seconds", config.watch.timeout_seconds);
  visit("watch.max_backoff_seconds", config.watch.max_backoff_seconds);
  visit("watch.user_agent", config.watch.user_agent);
  visit("server.host", config.server.host);
  visit("server.port", config.server.port);
}

// Where the config file is: `flag_path` (--config) when given, else $DYAD_CONFIG, else ./dyad.toml, else
// $XDG_CONFIG_HOME/dyad/dyad.toml ($HOME/.config/dyad/dyad.toml when XDG_CONFIG_HOME is unset). Returns the
// path and how it was found (see Config::file_found_by), or two empty strings when there is no file: defaults
// are fine. A file named by --config or $DYAD_CONFIG that does not exist is an error.
Result<std::pair<std::string, std::string>> FindConfigFile(std::string_view flag_path);

// Applies the settings of a TOML document over `config`, each with the origin "<path>:<line>". Relative paths
// (store.url when it is not a URL, dict.data_dir, dict.overlay) are taken relative to the file's directory,
// and a leading "~/" means $HOME. Unknown sections or keys, wrong types and parse errors are errors naming
// path:line; `config` may then be partly updated.
Status ApplyToml(std::string_view toml, std::string_view path, Config& config);

// Applies the environment: DYAD_DB (store.url) and DYAD_DATA_DIR (dict.data_dir). Empty variables are
// ignored.
void ApplyEnvironment(Config& config);

// Checks the values' ranges (a port is 1..65535, a count at least 1); the message names the bad value's
// origin.
Status Validate(const Config& config);

// Defaults, the config file FindConfigFile finds, the environment, validated. Flags are the caller's to apply
// (Setting::Set with an origin such as "flag --db"), followed by another Validate.
Result<Config> LoadConfig(std::string_view flag_path = {});

}  // namespace dyad::config

#endif  // DYAD_CONFIG_CONFIG_H_
