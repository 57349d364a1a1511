// Splits news text into sentences: abbreviations, initials, decimals, quotations and parentheses, datelines,
// bylines, list items and hard-wrapped wire copy. Rule-based and linear in the text's length.
// Stateless: safe to call from many threads at once.
#ifndef DYAD_TEXT_SENTENCE_SPLITTER_H_
#define DYAD_TEXT_SENTENCE_SPLITTER_H_

#include <cstddef>
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

// The sentence of `text` that holds the byte at `offset` (an event's evidence: the brief quotes it, the
// dashboard shows it); an empty span when the offset falls between sentences or past the end.
Span SentenceAt(std::string_view text, size_t offset);

}  // namespace dyad::text

#endif  // DYAD_TEXT_SENTENCE_SPLITTER_H_
