#include "dyad/config/config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>

#include "dyad/base/files.h"

namespace dyad::config {
namespace {

namespace fs = std::filesystem;

const char* GetEnv(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

// Anything readable that is not a directory: a named pipe or /dev/null is a file too.
bool IsFile(const fs::path& path) {
  std::error_code error;
  return fs::exists(path, error) && !fs::is_directory(path, error);
}

// "dyad.toml:12", or just the path when the parser knows no line.
std::string Where(std::string_view path, const toml::source_region& source) {
  if (source.begin.line == 0) return std::string(path);
  return fmt::format("{}:{}", path, source.begin.line);
}

const char* TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number with a fraction";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date or time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

Status WrongType(const std::string& where, std::string_view name, std::string_view want,
                 const toml::node& node) {
  return InvalidArgument(fmt::format("{}: {} must be {}, not {}", where, name, want, TypeName(node)));
}

// Paths in a config file are relative to the file, not to wherever dyad happens to run; "~/" is $HOME.
std::string ResolvePath(std::string_view value, const fs::path& base_dir) {
  if (value.starts_with("~/")) {
    if (const char* home = GetEnv("HOME")) return (fs::path(home) / value.substr(2)).string();
  }
  fs::path path(value);
  if (value.empty() || path.is_absolute() || base_dir.empty()) return std::string(value);
  return (base_dir / path).lexically_normal().string();
}

bool IsPathSetting(std::string_view name) {
  return name == "store.url" || name == "dict.data_dir" || name == "dict.overlay";
}

struct TomlContext {
  std::string_view path;
  fs::path base_dir;
};

Status ReadValue(const toml::node& node, std::string_view name, const std::string& where,
                 const TomlContext& context, Setting<std::string>& setting) {
  if (!node.is_string()) return WrongType(where, name, "a string", node);
  std::string value = node.as_string()->get();
  // A database URL (postgresql://...) or a special SQLite name (":memory:") is not a path.
  bool is_path = IsPathSetting(name) && value.find("://") == std::string::npos && !value.starts_with(":");
  setting.Set(is_path ? ResolvePath(value, context.base_dir) : std::move(value), where);
  return Status::Ok();
}

Status ReadValue(const toml::node& node, std::string_view name, const std::string& where, const TomlContext&,
                 Setting<int64_t>& setting) {
  if (!node.is_integer()) return WrongType(where, name, "an integer", node);
  setting.Set(node.as_integer()->get(), where);
  return Status::Ok();
}

Status ReadValue(const toml::node& node, std::string_view name, const std::string& where,
                 const TomlContext& context, Setting<std::vector<std::string>>& setting) {
  if (!node.is_array()) return WrongType(where, name, "an array of strings", node);
  std::vector<std::string> values;
  for (const toml::node& element : *node.as_array()) {
    if (!element.is_string()) {
      return WrongType(Where(context.path, element.source()), fmt::format("each of {}", name), "a string",
                       element);
    }
    values.push_back(element.as_string()->get());
  }
  setting.Set(std::move(values), where);
  return Status::Ok();
}

// The sections and the keys each has, for messages about unknown names.
std::string KnownSections() {
  const Config defaults;
  std::string sections;
  ForEachSetting(defaults, [&](std::string_view name, const auto&) {
    std::string_view section = name.substr(0, name.find('.'));
    if (sections.find(fmt::format("[{}]", section)) != std::string::npos) return;
    fmt::format_to(std::back_inserter(sections), "{}[{}]", sections.empty() ? "" : ", ", section);
  });
  return sections;
}

std::string KnownKeys(std::string_view section) {
  const Config defaults;
  std::string keys;
  ForEachSetting(defaults, [&](std::string_view name, const auto&) {
    if (name.substr(0, name.find('.')) != section) return;
    fmt::format_to(std::back_inserter(keys), "{}{}", keys.empty() ? "" : ", ",
                   name.substr(section.size() + 1));
  });
  return keys;
}

Status AtLeast(std::string_view name, const Setting<int64_t>& setting, int64_t min) {
  if (setting.value >= min) return Status::Ok();
  return InvalidArgument(
      fmt::format("{}: {} = {}: must be at least {}", setting.origin, name, setting.value, min));
}

Status Within(std::string_view name, const Setting<int64_t>& setting, int64_t min, int64_t max) {
  if (setting.value >= min && setting.value <= max) return Status::Ok();
  return InvalidArgument(
      fmt::format("{}: {} = {}: must be {} to {}", setting.origin, name, setting.value, min, max));
}

Status NotEmpty(std::string_view name, const Setting<std::string>& setting) {
  if (!setting.value.empty()) return Status::Ok();
  return InvalidArgument(fmt::format("{}: {} must not be empty", setting.origin, name));
}

}  // namespace

Result<std::pair<std::string, std::string>> FindConfigFile(std::string_view flag_path) {
  if (!flag_path.empty()) {
    if (!IsFile(flag_path)) return NotFound(fmt::format("--config {}: no such file", flag_path));
    return std::pair<std::string, std::string>(flag_path, "flag --config");
  }
  if (const char* env = GetEnv("DYAD_CONFIG")) {
    if (!IsFile(env)) return NotFound(fmt::format("$DYAD_CONFIG {}: no such file", env));
    return std::pair<std::string, std::string>(env, "env DYAD_CONFIG");
  }
  if (IsFile("dyad.toml")) return std::pair<std::string, std::string>("dyad.toml", "./dyad.toml");
  // XDG base directories: $XDG_CONFIG_HOME must be absolute to count; its default is ~/.config.
  fs::path config_home;
  std::string found_by;
  if (const char* xdg = GetEnv("XDG_CONFIG_HOME"); xdg != nullptr && fs::path(xdg).is_absolute()) {
    config_home = xdg;
    found_by = "$XDG_CONFIG_HOME/dyad/dyad.toml";
  } else if (const char* home = GetEnv("HOME")) {
    config_home = fs::path(home) / ".config";
    found_by = "~/.config/dyad/dyad.toml";
  }
  if (!config_home.empty()) {
    fs::path path = config_home / "dyad" / "dyad.toml";
    if (IsFile(path)) return std::pair<std::string, std::string>(path.string(), found_by);
  }
  return std::pair<std::string, std::string>();
}

Status ApplyToml(std::string_view toml_text, std::string_view path, Config& config) {
  toml::table document;
  try {
    document = toml::parse(toml_text, path);
  } catch (const toml::parse_error& error) {
    return InvalidArgument(fmt::format("{}: {}", Where(path, error.source()), error.description()));
  }
  TomlContext context{path, fs::path(path).parent_path()};
  for (const auto& [section_key, section] : document) {
    const std::string_view section_name = section_key.str();
    const std::string known_keys = KnownKeys(section_name);
    if (known_keys.empty()) {
      return InvalidArgument(
          fmt::format("{}: unknown {} '{}' (dyad.toml has {})", Where(path, section_key.source()),
                      section.is_table() ? "section" : "setting", section_name, KnownSections()));
    }
    if (!section.is_table()) {
      return InvalidArgument(fmt::format("{}: {} must be a section ([{}] with {})",
                                         Where(path, section.source()), section_name, section_name,
                                         known_keys));
    }
    for (const auto& [key, value] : *section.as_table()) {
      const toml::node& node = value;  // clang before 16 cannot capture a structured binding in a lambda
      const std::string name = fmt::format("{}.{}", section_name, key.str());
      const std::string where = Where(path, node.source());
      bool found = false;
      Status status;
      ForEachSetting(config, [&](std::string_view setting_name, auto& setting) {
        if (found || setting_name != name) return;
        found = true;
        status = ReadValue(node, name, where, context, setting);
      });
      if (!found) {
        return InvalidArgument(fmt::format("{}: unknown setting '{}' ([{}] has {})",
                                           Where(path, key.source()), name, section_name, known_keys));
      }
      DYAD_RETURN_IF_ERROR(status);
    }
  }
  return Status::Ok();
}

void ApplyEnvironment(Config& config) {
  if (const char* db = GetEnv("DYAD_DB")) config.store.url.Set(db, "env DYAD_DB");
  if (const char* data_dir = GetEnv("DYAD_DATA_DIR")) config.dict.data_dir.Set(data_dir, "env DYAD_DATA_DIR");
}

Status Validate(const Config& config) {
  DYAD_RETURN_IF_ERROR(NotEmpty("store.url", config.store.url));
  DYAD_RETURN_IF_ERROR(AtLeast("store.dedup_window_days", config.store.dedup_window_days, -1));
  DYAD_RETURN_IF_ERROR(Within("ingest.threads", config.ingest.threads, 1, 256));
  DYAD_RETURN_IF_ERROR(AtLeast("ingest.batch", config.ingest.batch, 1));
  for (const std::string& feed : config.watch.feeds.value) {
    if (!feed.starts_with("http://") && !feed.starts_with("https://")) {
      return InvalidArgument(fmt::format("{}: watch.feeds: '{}' is not an http:// or https:// URL",
                                         config.watch.feeds.origin, feed));
    }
  }
  DYAD_RETURN_IF_ERROR(AtLeast("watch.interval_seconds", config.watch.interval_seconds, 1));
  DYAD_RETURN_IF_ERROR(AtLeast("watch.timeout_seconds", config.watch.timeout_seconds, 1));
  DYAD_RETURN_IF_ERROR(AtLeast("watch.max_backoff_seconds", config.watch.max_backoff_seconds, 1));
  DYAD_RETURN_IF_ERROR(NotEmpty("server.host", config.server.host));
  DYAD_RETURN_IF_ERROR(Within("server.port", config.server.port, 1, 65535));
  return Status::Ok();
}

Result<Config> LoadConfig(std::string_view flag_path) {
  Config config;
  // The built-in data directory is shown as what it is rather than as "". DefaultDataDir() also reads
  // $DYAD_DATA_DIR; ApplyEnvironment below gives that case its origin.
  config.dict.data_dir.value = DefaultDataDir();
  Result<std::pair<std::string, std::string>> found = FindConfigFile(flag_path);
  if (!found.ok()) return found.status();
  if (!found->first.empty()) {
    std::error_code error;
    fs::path absolute = fs::absolute(found->first, error);
    config.file = error ? found->first : absolute.lexically_normal().string();
    config.file_found_by = found->second;
    Result<std::string> text = ReadFile(config.file);
    if (!text.ok()) return text.status();
    DYAD_RETURN_IF_ERROR(ApplyToml(*text, config.file, config));
  }
  ApplyEnvironment(config);
  DYAD_RETURN_IF_ERROR(Validate(config));
  return config;
}

}  // namespace dyad::config
