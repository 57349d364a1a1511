#include "dyad/dict/cameo.h"

#include <fmt/format.h>

#include "dyad/base/strings.h"

#include <charconv>

#include "dyad/base/files.h"

namespace dyad::dict {

Result<CameoTable> CameoTable::Parse(std::string_view contents, std::string_view path) {
  CameoTable table;
  LineCursor lines(contents);
  std::string_view line;
  while (lines.Next(line)) {
    const int line_number = lines.number();
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#' || line.substr(0, 5) == "code\t") continue;
    std::vector<std::string_view> f;
    while (true) {
      size_t tab = line.find('\t');
      f.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    if (f.size() != 7) {
      return InvalidArgument(fmt::format("{}:{}: want 7 tab-separated fields, found {}", path, line_number, f.size()));
    }
    CameoCode code;
    code.code = std::string(f[0]);
    code.name = std::string(f[1]);
    int quad = 0;
    auto g = std::from_chars(f[2].data(), f[2].data() + f[2].size(), code.goldstein);
    auto q = std::from_chars(f[3].data(), f[3].data() + f[3].size(), quad);
    if (g.ec != std::errc() || q.ec != std::errc() || quad < 1 || quad > 4 || code.code.size() < 2 ||
        code.code.size() > 4) {
      return InvalidArgument(fmt::format("{}:{}: bad code, Goldstein value or QuadClass", path, line_number));
    }
    code.quad_class = quad;
    code.plover_type = std::string(f[4]);
    code.plover_mode = std::string(f[5]);
    code.symmetric = f[6] == "yes";
    if (!table.by_code_.emplace(code.code, table.codes_.size()).second) {
      return InvalidArgument(fmt::format("{}:{}: code {} listed twice", path, line_number, code.code));
    }
    table.codes_.push_back(std::move(code));
  }
  if (table.codes_.empty()) return InvalidArgument(fmt::format("{}: no CAMEO codes", path));
  return table;
}

Result<CameoTable> CameoTable::Load(const std::string& path) {
  Result<std::string> contents = ReadFile(path);
  if (!contents.ok()) return contents.status();
  return Parse(*contents, path);
}

const CameoCode* CameoTable::Find(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &codes_[it->second];
}

}  // namespace dyad::dict
