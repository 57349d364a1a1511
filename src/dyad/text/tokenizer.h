// Splits a sentence into tokens with byte offsets into the article text and case-folded matching keys.
// Words keep internal hyphens, apostrophes and periods ("Jong-un", "O'Brien", "U.S."); possessives and "n't" are
// tokens of their own; numbers keep their separators ("1,000", "3.5"). Stateless: thread-safe.
#ifndef DYAD_TEXT_TOKENIZER_H_
#define DYAD_TEXT_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/text/span.h"

namespace dyad::text {

enum class TokenKind : uint8_t {
  kWord,
  kNumber,
  kPossessive,  // 's or ' after a noun
  kPunct,
};

// Bits of Token::shape.
inline constexpr uint8_t kCapitalized = 1;  // first letter upper case
inline constexpr uint8_t kAllCaps = 2;      // two or more letters, all upper case
inline constexpr uint8_t kHasDigit = 4;

struct Token {
  Span span;            // bytes of the article text
  uint32_t fold_begin;  // the folded form is folded[fold_begin, fold_end) of its TokenizedSentence
  uint32_t fold_end;
  TokenKind kind;
  uint8_t shape;
};

// The tokens of one sentence and their folded forms. Reuse one across sentences to avoid allocation.
struct TokenizedSentence {
  std::vector<Token> tokens;
  std::string folded;

  void clear() {
    tokens.clear();
    folded.clear();
  }
  std::string_view Folded(const Token& t) const { return std::string_view(folded).substr(t.fold_begin, t.fold_end - t.fold_begin); }
  std::string_view Folded(size_t i) const { return Folded(tokens[i]); }
};

// Appends the tokens of text[sentence] to `out` (which is not cleared).
void Tokenize(std::string_view text, Span sentence, TokenizedSentence& out);

// Convenience for tests and dictionary loading: tokenizes the whole string and returns the folded forms.
std::vector<std::string> FoldedTokens(std::string_view text);

}  // namespace dyad::text

#endif  // DYAD_TEXT_TOKENIZER_H_
