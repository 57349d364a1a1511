// UTF-8 validation and repair. Repair replaces each invalid byte with U+FFFD and keeps a map so that byte offsets
// into the repaired text can be turned back into offsets into the original bytes.
#ifndef DYAD_TEXT_UTF8_H_
#define DYAD_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::text {

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

// Decodes one code point at `pos`; returns its length in bytes (1-4), or 0 when the bytes there are not valid.
int DecodeUtf8(std::string_view bytes, size_t pos, char32_t& code_point);

// Text with every invalid byte replaced by U+FFFD (3 bytes). `ToOriginal` maps an offset in `text` back to the
// offset in the input; for valid input the two are the same and the map is empty.
class RepairedText {
 public:
  static RepairedText Repair(std::string_view original);

  const std::string& text() const { return text_; }
  bool changed() const { return !shifts_.empty(); }
  size_t replaced_bytes() const { return shifts_.size(); }
  size_t ToOriginal(size_t repaired_offset) const;

 private:
  struct Shift {
    size_t repaired_end;  // the repaired offset just after a U+FFFD
    int64_t delta;        // original offset minus repaired offset from there on
  };
  std::string text_;
  std::vector<Shift> shifts_;
};

}  // namespace dyad::text

#endif  // DYAD_TEXT_UTF8_H_
