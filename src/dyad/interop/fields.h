// What the tab-separated readers and writers share: splitting a line into fields without copying, strict
// number parsing, and cells that cannot break a row.
#ifndef DYAD_INTEROP_FIELDS_H_
#define DYAD_INTEROP_FIELDS_H_

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dyad::interop {

// Splits `line` at tabs into `fields[0..]`; returns how many fields the line has, or `max_fields + 1` when it
// has more than `max_fields` (the extra ones are not stored).
inline size_t SplitTabs(std::string_view line, std::string_view* fields, size_t max_fields) {
  size_t count = 0;
  const char* p = line.data();
  const char* end = p + line.size();
  while (true) {
    const char* tab = static_cast<const char*>(std::memchr(p, '\t', static_cast<size_t>(end - p)));
    if (count == max_fields) return max_fields + 1;
    fields[count++] = std::string_view(p, static_cast<size_t>((tab == nullptr ? end : tab) - p));
    if (tab == nullptr) return count;
    p = tab + 1;
  }
}

// A whole decimal integer (an optional '-', digits); nothing else, not even blanks.
inline bool ParseInt64(std::string_view s, int64_t& value) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

// A finite decimal number ("1.9", "-10", "3e2"); an optional leading '+' is accepted. No nan, no inf.
inline bool ParseDouble(std::string_view s, double& value) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, std::chars_format::general);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(value);
}

// True when `s` is `n` ASCII digits.
inline bool AllDigits(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Appends `s` as a cell of a tab-separated row: tabs and line breaks, which would split the row, become
// spaces.
inline void AppendTabCell(std::string_view s, std::string& out) {
  if (s.find_first_of("\t\n\r") == std::string_view::npos) {
    out.append(s);
    return;
  }
  for (char c : s) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

// The shortest text that reads back as the same double ("1.9", "-10", "39.0392").
inline void AppendNumber(double value, std::string& out) {
  fmt::format_to(std::back_inserter(out), "{}", value);
}

// A field quoted in an error message, cut short when long.
inline std::string Quoted(std::string_view field) {
  if (field.size() > 40) return fmt::format("'{}...'", field.substr(0, 40));
  return fmt::format("'{}'", field);
}

}  // namespace dyad::interop

#endif  // DYAD_INTEROP_FIELDS_H_
