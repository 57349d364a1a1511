// dyad config show: every effective setting, its value and where the value came from (docs/config.md).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "dyad/cli/common.h"
#include "dyad/coder/event_writer.h"
#include "dyad/config/config.h"

namespace dyad::cli {
namespace {

struct ConfigShowOptions {
  StoreFlags store;
  DictionaryFlags dict;
  bool json = false;
};

// A value as it would be written in dyad.toml: strings quoted, lists in brackets.
std::string TomlValue(const std::string& value) {
  std::string out;
  coder::AppendJsonString(value, out);  // JSON string escapes are valid TOML basic-string escapes
  return out;
}
std::string TomlValue(int64_t value) { return std::to_string(value); }
std::string TomlValue(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const std::string& value : values) {
    if (out.size() > 1) out += ", ";
    out += TomlValue(value);
  }
  return out + "]";
}

int RunConfigShow(const ConfigShowOptions& options) {
  Result<config::Config> config = options.store.LoadConfig();
  if (config.ok()) {
    options.dict.ApplyTo(*config);
    if (Status valid = config::Validate(*config); !valid.ok()) config = valid;
  }
  if (!config.ok()) {
    fmt::print(stderr, "dyad config: {}\n", config.status().message());
    return 1;
  }
  std::string out;
  if (options.json) {
    out = "{\"file\":";
    if (config->file.empty()) {
      out += "null";
    } else {
      coder::AppendJsonString(config->file, out);
    }
    out += ",\"found_by\":";
    coder::AppendJsonString(config->file_found_by, out);
    out += ",\"settings\":{";
    bool first = true;
    config::ForEachSetting(*config, [&](std::string_view name, const auto& setting) {
      if (!first) out += ',';
      first = false;
      coder::AppendJsonString(name, out);
      out += ":{\"value\":";
      out += TomlValue(setting.value);  // a TOML string, integer or array of strings is also JSON
      out += ",\"origin\":";
      coder::AppendJsonString(setting.origin, out);
      out += '}';
    });
    out += "}}\n";
  } else {
    out = config->file.empty()
              ? "# no config file: defaults, environment and flags\n"
              : fmt::format("# config file: {} (found by {})\n", config->file, config->file_found_by);
    // A long value (a list of feeds) overflows its column rather than pushing every origin to the right.
    constexpr size_t kMaxValueWidth = 40;
    size_t name_width = 0, value_width = 0;
    config::ForEachSetting(*config, [&](std::string_view name, const auto& setting) {
      name_width = std::max(name_width, name.size());
      value_width = std::max(value_width, std::min(kMaxValueWidth, TomlValue(setting.value).size()));
    });
    config::ForEachSetting(*config, [&](std::string_view name, const auto& setting) {
      fmt::format_to(std::back_inserter(out), "{:<{}}  {:<{}}  {}\n", name, name_width,
                     TomlValue(setting.value), value_width, setting.origin);
    });
  }
  std::fputs(out.c_str(), stdout);
  return 0;
}

}  // namespace

void AddConfigCommand(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("config", "Show the settings from dyad.toml, the environment and flags");
  cmd->require_subcommand(1);
  auto options = std::make_shared<ConfigShowOptions>();
  CLI::App* show = cmd->add_subcommand(
      "show",
      "Print every effective setting, its value and where it came from (flag, env, file:line, default)");
  show->add_flag("--json", options->json, "Print JSON instead of a table");
  options->store.Register(*show);
  options->dict.Register(*show);
  show->callback([options, &exit_code] { exit_code = RunConfigShow(*options); });
}

}  // namespace dyad::cli
