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

std::unique_ptr<dict::Dictionary> LoadDictionaryOrReport(const DictionaryFlags& flags) {
  Result<std::unique_ptr<dict::Dictionary>> dict = dict::Dictionary::Load(flags.Options());
  if (!dict.ok()) {
    fmt::print(stderr, "dyad: {}\n", dict.status().ToString());
    return nullptr;
  }
  return std::move(*dict);
}

}  // namespace dyad::cli
