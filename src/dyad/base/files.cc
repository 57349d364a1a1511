#include "dyad/base/files.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

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

std::string DefaultDataDir() {
  if (const char* env = std::getenv("DYAD_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return DYAD_BUILTIN_DATA_DIR;
}

std::string DefaultGeneratedDir() {
  if (const char* env = std::getenv("DYAD_GENERATED_DIR"); env != nullptr && *env != '\0') return env;
  return DYAD_BUILTIN_GENERATED_DIR;
}

}  // namespace dyad
