// A half-open byte range [begin, end) into an article's text.
#ifndef DYAD_TEXT_SPAN_H_
#define DYAD_TEXT_SPAN_H_

#include <cstdint>
#include <string_view>

namespace dyad::text {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return end == begin; }
  std::string_view Of(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace dyad::text

#endif  // DYAD_TEXT_SPAN_H_
