// Fuzzes the dictionary line parser and the golden-file parser: arbitrary files must give entries and
// file:line errors, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dyad/base/date.h"
#include "dyad/coder/golden.h"
#include "dyad/dict/cameo.h"
#include "dyad/dict/dict_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dyad::dict::DictionaryText out;
  std::vector<std::pair<std::string, int>> includes;
  dyad::dict::ParseDictionaryText(text, "fuzz.txt", out, &includes);
  for (const std::string& error : out.errors) {
    if (error.rfind("fuzz.txt:", 0) != 0) __builtin_trap();
  }
  for (const dyad::dict::RawEntry& e : out.entries) {
    if (e.code.empty() || e.phrases.empty() || e.range.from > e.range.to) __builtin_trap();
  }
  (void)dyad::ParseDateRange(text.substr(0, 32));
  (void)dyad::dict::CameoTable::Parse(text, "fuzz.tsv");
  (void)dyad::coder::ParseGolden(text, "fuzz.golden");
  return 0;
}
