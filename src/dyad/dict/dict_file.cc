#include "dyad/dict/dict_file.h"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>

#include "dyad/base/files.h"
#include "dyad/base/strings.h"

namespace dyad::dict {
namespace {

std::string_view Trim(std::string_view s) { return TrimBlanks(s); }

bool IsCodeChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Removes a trailing " # comment" (a '#' that starts the line is handled by the caller).
std::string_view StripComment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return line.substr(0, i);
  }
  return line;
}

// Entries and includes interleave in file order: each line is parsed as it comes, descending into includes.
void ReadTree(IncludeWalker& walker, const std::filesystem::path& path, const std::string& included_from,
              const std::string& kind, DictionaryText& out) {
  walker.Read(path, included_from, [&](const std::string& file, int line_number, std::string_view line) {
    ParsedLine parsed;
    std::string error;
    if (!ParseDictionaryLine(line, parsed, error)) {
      out.errors.push_back(fmt::format("{}:{}: {}", file, line_number, error));
    } else if (!parsed.include_path.empty()) {
      ReadTree(walker, path.parent_path() / parsed.include_path, fmt::format("{}:{}", file, line_number),
               parsed.include_kind.empty() ? kind : parsed.include_kind, out);
    } else if (parsed.is_entry) {
      parsed.entry.file = file;
      parsed.entry.line = line_number;
      parsed.entry.kind = kind;
      out.entries.push_back(std::move(parsed.entry));
    }
  });
}

}  // namespace

bool ParseDictionaryLine(std::string_view raw, ParsedLine& out, std::string& error) {
  std::string_view line = Trim(raw);
  if (line.empty() || line[0] == '#') return true;
  line = Trim(StripComment(line));
  if (line.substr(0, 8) == "include " || line.substr(0, 8) == "include\t") {
    std::string_view path = Trim(line.substr(8));
    if (size_t as = path.find(" as "); as != std::string_view::npos) {
      out.include_kind = std::string(Trim(path.substr(as + 4)));
      path = Trim(path.substr(0, as));
      if (out.include_kind.empty() || out.include_kind.find(' ') != std::string::npos) {
        error = "want 'include PATH [as KIND]'";
        return false;
      }
    }
    if (path.empty()) {
      error = "include needs a path";
      return false;
    }
    out.include_path = std::string(path);
    return true;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    error = "want 'CODE [FROM..TO]: phrase | phrase' (no ':' found)";
    return false;
  }
  std::string_view head = Trim(line.substr(0, colon));
  std::string_view body = Trim(line.substr(colon + 1));
  size_t space = head.find_first_of(" \t");
  std::string_view code = head.substr(0, space);
  if (code.empty()) {
    error = "missing code before ':'";
    return false;
  }
  for (char c : code) {
    if (!IsCodeChar(c)) {
      error = fmt::format("bad code '{}' (upper-case letters and digits only)", code);
      return false;
    }
  }
  RawEntry& entry = out.entry;
  entry.code = std::string(code);
  std::string_view attribute = space == std::string_view::npos ? "" : Trim(head.substr(space));
  if (!attribute.empty() && attribute.find("..") == std::string_view::npos) {
    // Coordinates: "39.0392,125.7625".
    size_t comma = attribute.find(',');
    std::string_view lat = comma == std::string_view::npos ? attribute : attribute.substr(0, comma);
    std::string_view lon = comma == std::string_view::npos ? "" : Trim(attribute.substr(comma + 1));
    auto parse = [](std::string_view text, double& out) {
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
      return ec == std::errc() && ptr == text.data() + text.size();
    };
    if (!parse(Trim(lat), entry.latitude) || !parse(lon, entry.longitude) || entry.latitude < -90 ||
        entry.latitude > 90 || entry.longitude < -180 || entry.longitude > 180) {
      error = fmt::format("bad date range or coordinates '{}' (want FROM..TO or LAT,LON)", attribute);
      return false;
    }
    entry.has_location = true;
  } else if (!attribute.empty()) {
    std::string_view range_text = attribute;
    Result<DateRange> range = ParseDateRange(range_text);
    if (!range.ok()) {
      error = range.status().message();
      return false;
    }
    entry.range = *range;
    entry.dated = !range->IsOpen();
  }
  while (true) {
    size_t bar = body.find('|');
    std::string_view phrase = Trim(body.substr(0, bar));
    if (phrase.empty()) {
      error = "empty phrase (check for a stray '|')";
      return false;
    }
    entry.phrases.emplace_back(phrase);
    if (bar == std::string_view::npos) break;
    body.remove_prefix(bar + 1);
  }
  out.is_entry = true;
  return true;
}

void ParseDictionaryText(std::string_view contents, std::string_view file, DictionaryText& out,
                         std::vector<std::pair<std::string, int>>* includes) {
  LineCursor lines(contents);
  std::string_view line;
  while (lines.Next(line)) {
    const int line_number = lines.number();
    ParsedLine parsed;
    std::string error;
    if (!ParseDictionaryLine(line, parsed, error)) {
      out.errors.push_back(fmt::format("{}:{}: {}", file, line_number, error));
    } else if (!parsed.include_path.empty()) {
      if (includes != nullptr) includes->emplace_back(parsed.include_path, line_number);
    } else if (parsed.is_entry) {
      parsed.entry.file = std::string(file);
      parsed.entry.line = line_number;
      out.entries.push_back(std::move(parsed.entry));
    }
  }
}

DictionaryText ReadDictionary(const std::string& path) {
  DictionaryText out;
  IncludeWalker walker(out.errors);
  ReadTree(walker, path, "", "", out);
  return out;
}

}  // namespace dyad::dict
