// Normalisation for matching: NFC, Unicode case folding, diacritics removed, curly quotes folded to ' and ",
// hyphens and dashes folded to '-'. Evidence keeps the original text; only matching keys are folded.
#ifndef DYAD_TEXT_NORMALIZE_H_
#define DYAD_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>

namespace dyad::text {

// Appends the matching key of `in` to `out`. ASCII input takes a fast path (lower-casing only).
void AppendFolded(std::string_view in, std::string& out);

inline std::string Fold(std::string_view in) {
  std::string out;
  AppendFolded(in, out);
  return out;
}

// True for the code points folded to '\'' and '"' and '-'.
bool IsApostropheLike(char32_t cp);
bool IsDoubleQuoteLike(char32_t cp);
bool IsDashLike(char32_t cp);

}  // namespace dyad::text

#endif  // DYAD_TEXT_NORMALIZE_H_
