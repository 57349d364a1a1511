// Small string helpers every text-file reader needs: walking lines with their numbers, trimming blanks.
#ifndef DYAD_BASE_STRINGS_H_
#define DYAD_BASE_STRINGS_H_

#include <string_view>

namespace dyad {

// Walks the lines of a text without copying: `LineCursor lines(text); while (lines.Next(line)) ... lines.number()`.
// A line excludes its '\n'; the last line needs no '\n'.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : rest_(text) {}
  bool Next(std::string_view& line) {
    if (rest_.empty()) return false;
    size_t eol = rest_.find('\n');
    line = rest_.substr(0, eol);
    rest_.remove_prefix(eol == std::string_view::npos ? rest_.size() : eol + 1);
    ++number_;
    return true;
  }
  int number() const { return number_; }  // 1-based number of the line Next() returned last

 private:
  std::string_view rest_;
  int number_ = 0;
};

// Removes spaces, tabs and carriage returns at both ends.
inline std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace dyad

#endif  // DYAD_BASE_STRINGS_H_
