// Reads dyad's dictionary text files: `CODE [FROM..TO]: phrase | phrase` lines, comments and `include PATH`.
// The same reader serves actors, agents and verb patterns; what a code means is decided by the caller.
#ifndef DYAD_DICT_DICT_FILE_H_
#define DYAD_DICT_DICT_FILE_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/base/status.h"

namespace dyad::dict {

// One line of a dictionary file.
struct RawEntry {
  std::string code;
  DateRange range;
  bool dated = false;
  bool has_location = false;  // places: `CCC LAT,LON: name` instead of a date range
  double latitude = 0, longitude = 0;
  std::vector<std::string> phrases;
  std::string kind;  // from `include PATH as KIND` ("person"), inherited by everything that file includes
  std::string file;  // as given to ReadDictionary, with includes resolved relative to their includer
  int line = 0;

  std::string Where() const { return file + ":" + std::to_string(line); }
};

struct DictionaryText {
  std::vector<RawEntry> entries;
  std::vector<std::string> errors;  // "file:line: what is wrong", in reading order
};

// Parses one line; returns false (and sets `error`) for a malformed entry line. Blank and comment lines give
// `is_entry = false`. An `include` line sets `include_path`.
struct ParsedLine {
  bool is_entry = false;
  std::string include_path;
  std::string include_kind;  // `include PATH as KIND`
  RawEntry entry;
};
bool ParseDictionaryLine(std::string_view line, ParsedLine& out, std::string& error);

// Parses a whole file's contents (no includes are followed; `include` lines are returned in `includes`).
void ParseDictionaryText(std::string_view contents, std::string_view file, DictionaryText& out,
                         std::vector<std::pair<std::string, int>>* includes = nullptr);

// Reads `path` and everything it includes, depth first, in order. A missing file, a cycle or a file included twice
// is an error; every bad line is an error; good lines are kept either way.
DictionaryText ReadDictionary(const std::string& path);

}  // namespace dyad::dict

#endif  // DYAD_DICT_DICT_FILE_H_
