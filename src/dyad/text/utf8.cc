#include "dyad/text/utf8.h"

#include <algorithm>

namespace dyad::text {

int DecodeUtf8(std::string_view s, size_t pos, char32_t& cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  const size_t left = s.size() - pos;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  auto cont = [&](size_t i) { return i < left && (p[i] & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (!cont(1)) return 0;
    cp = ((b0 & 0x1F) << 6) | (p[1] & 0x3F);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (b0 == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (b0 == 0xED && p[1] > 0x9F) return 0;  // surrogate
    cp = ((b0 & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (b0 == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && p[1] > 0x8F) return 0;  // above U+10FFFF
    cp = ((b0 & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    return 4;
  }
  return 0;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Skip ASCII eight bytes at a time: news text is mostly ASCII.
    while (i + 8 <= s.size()) {
      uint64_t chunk;
      __builtin_memcpy(&chunk, s.data() + i, 8);
      if (chunk & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= s.size()) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    int n = DecodeUtf8(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

RepairedText RepairedText::Repair(std::string_view original) {
  RepairedText out;
  if (IsValidUtf8(original)) {
    out.text_.assign(original);
    return out;
  }
  out.text_.reserve(original.size() + 16);
  size_t i = 0;
  while (i < original.size()) {
    char32_t cp;
    int n = DecodeUtf8(original, i, cp);
    if (n > 0) {
      out.text_.append(original.substr(i, n));
      i += n;
      continue;
    }
    out.text_.append("\xEF\xBF\xBD");
    ++i;
    out.shifts_.push_back({out.text_.size(), static_cast<int64_t>(i) - static_cast<int64_t>(out.text_.size())});
  }
  return out;
}

size_t RepairedText::ToOriginal(size_t repaired_offset) const {
  if (shifts_.empty()) return repaired_offset;
  // The last shift that ends at or before the offset decides the delta.
  auto it = std::upper_bound(shifts_.begin(), shifts_.end(), repaired_offset,
                             [](size_t off, const Shift& s) { return off < s.repaired_end; });
  if (it == shifts_.begin()) return repaired_offset;
  --it;
  return static_cast<size_t>(static_cast<int64_t>(repaired_offset) + it->delta);
}

}  // namespace dyad::text
