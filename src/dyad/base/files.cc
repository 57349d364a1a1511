#include "dyad/base/files.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "dyad/base/strings.h"

namespace dyad {

Result<std::string> ReadFile(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::string contents;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file.get())) > 0) contents.append(buffer, n);
  if (std::ferror(file.get())) return IoError(fmt::format("{}: read failed: {}", path, std::strerror(errno)));
  return contents;
}

void IncludeWalker::Read(const std::filesystem::path& path, const std::string& included_from,
                         const OnLine& on_line) {
  std::string key = std::filesystem::weakly_canonical(path).string();
  for (const std::string& open : stack_) {
    if (open == key) {
      errors_.push_back(fmt::format("{}: include cycle through {}", included_from, path.string()));
      return;
    }
  }
  if (!seen_.insert(key).second) {
    errors_.push_back(fmt::format("{}: {} is included twice", included_from, path.string()));
    return;
  }
  Result<std::string> contents = ReadFile(path.string());
  if (!contents.ok()) {
    errors_.push_back(included_from.empty()
                          ? contents.status().message()
                          : fmt::format("{}: {}", included_from, contents.status().message()));
    return;
  }
  stack_.push_back(std::move(key));
  const std::string file = path.string();
  LineCursor lines(*contents);
  std::string_view line;
  while (lines.Next(line)) on_line(file, lines.number(), line);
  stack_.pop_back();
}

std::string DefaultDataDir() {
  if (const char* env = std::getenv("DYAD_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return DYAD_BUILTIN_DATA_DIR;
}

std::string DefaultGeneratedDir() {
  if (const char* env = std::getenv("DYAD_GENERATED_DIR"); env != nullptr && *env != '\0') return env;
  return DYAD_BUILTIN_GENERATED_DIR;
}

}  // namespace dyad
