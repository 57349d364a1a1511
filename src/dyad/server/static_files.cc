#include "dyad/server/static_files.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace dyad::server {

std::optional<std::string> ResolveStaticPath(const std::string& root, std::string_view url_path) {
  if (root.empty() || url_path.empty() || url_path.front() != '/') return std::nullopt;
  std::string relative(url_path.substr(1));
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  // Segment by segment: the decoded path is what the file system would see. A '%' left after decoding is
  // refused too, so that a double-encoded "%252e%252e" cannot turn into ".." anywhere later.
  size_t begin = 0;
  while (begin <= relative.size()) {
    size_t end = relative.find('/', begin);
    if (end == std::string::npos) end = relative.size();
    std::string_view segment(relative.data() + begin, end - begin);
    if (segment.empty() || segment.front() == '.') return std::nullopt;
    for (char c : segment) {
      if (c == '\\' || c == '\0' || c == '%' || c == ':') return std::nullopt;
    }
    begin = end + 1;
  }
  std::error_code error;
  const std::filesystem::path base = std::filesystem::canonical(root, error);
  if (error) return std::nullopt;
  const std::filesystem::path file = std::filesystem::canonical(base / relative, error);
  if (error || !std::filesystem::is_regular_file(file, error)) return std::nullopt;
  // Inside the root after symbolic links are followed.
  auto [root_end, unused] = std::mismatch(base.begin(), base.end(), file.begin(), file.end());
  if (root_end != base.end()) return std::nullopt;
  return file.string();
}

std::string_view ContentTypeOf(std::string_view name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  if (ends_with(".html")) return "text/html; charset=utf-8";
  if (ends_with(".js") || ends_with(".mjs")) return "text/javascript; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".json")) return "application/json";
  if (ends_with(".svg")) return "image/svg+xml";
  if (ends_with(".png")) return "image/png";
  if (ends_with(".ico")) return "image/x-icon";
  if (ends_with(".txt")) return "text/plain; charset=utf-8";
  if (ends_with(".woff2")) return "font/woff2";
  return "application/octet-stream";
}

}  // namespace dyad::server
