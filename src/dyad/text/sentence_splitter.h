// Splits news text into sentences: abbreviations, initials, decimals, quotations and parentheses, datelines,
// bylines, list items and hard-wrapped wire copy. Rule-based and linear in the text's length.
// Stateless: safe to call from many threads at once.
#ifndef DYAD_TEXT_SENTENCE_SPLITTER_H_
#define DYAD_TEXT_SENTENCE_SPLITTER_H_

#include <string_view>
#include <vector>

#include "dyad/text/span.h"

namespace dyad::text {

struct SplitterOptions {
  // A sentence longer than this is cut at the last white space before the limit, so that one runaway sentence
  // (1 MB without a full stop) cannot make later stages slow.
  uint32_t max_sentence_bytes = 4096;
};

// Appends the sentences of `text` to `sentences` in order. Spans are trimmed of white space and never empty.
void SplitSentences(std::string_view text, std::vector<Span>& sentences, const SplitterOptions& options = {});

}  // namespace dyad::text

#endif  // DYAD_TEXT_SENTENCE_SPLITTER_H_
