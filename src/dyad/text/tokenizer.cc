#include "dyad/text/tokenizer.h"

#include <unicode/uchar.h>

#include <array>

#include "dyad/text/abbreviations.h"
#include "dyad/text/normalize.h"
#include "dyad/text/utf8.h"

namespace dyad::text {
namespace {

constexpr bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Classifies the code point at i. `len` receives its byte length (at least 1, even for invalid bytes).
enum class CharClass { kSpace, kLetter, kDigit, kApostrophe, kHyphen, kPeriod, kOther };

// The class of every ASCII byte, so that the common case is one table load.
constexpr std::array<CharClass, 128> MakeAsciiClasses() {
  std::array<CharClass, 128> table{};
  for (int c = 0; c < 128; ++c) {
    char ch = static_cast<char>(c);
    table[c] = IsAsciiAlpha(ch)   ? CharClass::kLetter
               : IsAsciiDigit(ch) ? CharClass::kDigit
               : IsAsciiSpace(ch) ? CharClass::kSpace
               : ch == '\''       ? CharClass::kApostrophe
               : ch == '-'        ? CharClass::kHyphen
               : ch == '.'        ? CharClass::kPeriod
                                  : CharClass::kOther;
  }
  return table;
}
constexpr std::array<CharClass, 128> kAsciiClasses = MakeAsciiClasses();

CharClass ClassAtSlow(std::string_view s, size_t i, size_t& len);

inline CharClass ClassAt(std::string_view s, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    return kAsciiClasses[c];
  }
  return ClassAtSlow(s, i, len);
}

CharClass ClassAtSlow(std::string_view s, size_t i, size_t& len) {
  char32_t cp;
  int n = DecodeUtf8(s, i, cp);
  if (n == 0) {
    len = 1;
    return CharClass::kOther;
  }
  len = static_cast<size_t>(n);
  if (cp == 0x00A0 || cp == 0x2009 || cp == 0x202F || cp == 0x200B || cp == 0x3000) return CharClass::kSpace;
  if (IsApostropheLike(cp) && cp != 0x2018) return CharClass::kApostrophe;
  if (cp == 0x2010 || cp == 0x2011) return CharClass::kHyphen;  // hyphens proper; en and em dashes are punctuation
  if (u_isalpha(static_cast<UChar32>(cp))) return CharClass::kLetter;
  int8_t type = u_charType(static_cast<UChar32>(cp));
  if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK) return CharClass::kLetter;
  if (u_isdigit(static_cast<UChar32>(cp))) return CharClass::kDigit;
  return CharClass::kOther;
}

bool IsWordClass(CharClass c) { return c == CharClass::kLetter || c == CharClass::kDigit; }

class SentenceTokenizer {
 public:
  SentenceTokenizer(std::string_view text, Span sentence, TokenizedSentence& out)
      : text_(text.substr(0, sentence.end)), out_(out), i_(sentence.begin) {}

  void Run() {
    while (i_ < text_.size()) {
      size_t len;
      CharClass cls = ClassAt(text_, i_, len);
      if (cls == CharClass::kSpace) {
        i_ += len;
      } else if (cls == CharClass::kLetter) {
        ScanWord();
      } else if (cls == CharClass::kDigit) {
        ScanNumber();
      } else if (cls == CharClass::kApostrophe && IsPossessiveAt(i_, len)) {
        size_t end = i_ + len;
        if (end < text_.size() && (text_[end] == 's' || text_[end] == 'S')) ++end;
        Push(i_, end, TokenKind::kPossessive);
        i_ = end;
      } else {
        ScanPunct(len);
      }
    }
  }

 private:
  // An apostrophe right after a word that is followed by "s" and a non-letter ("Korea's"), or a plural
  // possessive ("allies' ").
  bool IsPossessiveAt(size_t at, size_t len) const {
    if (at == 0) return false;
    size_t prev_len;
    if (!IsWordClass(ClassAt(text_, at - 1, prev_len)) && text_[at - 1] != '.') return false;
    size_t next = at + len;
    if (next < text_.size() && (text_[next] == 's' || text_[next] == 'S')) {
      size_t after = next + 1;
      if (after >= text_.size()) return true;
      size_t l;
      return !IsWordClass(ClassAt(text_, after, l));
    }
    // "allies' " : plural possessive after an s.
    if (text_[at - 1] != 's' && text_[at - 1] != 'S') return false;
    if (next >= text_.size()) return true;
    size_t l;
    return ClassAt(text_, next, l) == CharClass::kSpace;
  }

  void ScanWord() {
    size_t start = i_;
    size_t j = i_;
    bool has_inner_period = false;
    while (j < text_.size()) {
      size_t len;
      CharClass cls = ClassAt(text_, j, len);
      if (IsWordClass(cls)) {
        j += len;
        continue;
      }
      size_t next_len;
      bool next_is_letter = j + len < text_.size() && ClassAt(text_, j + len, next_len) == CharClass::kLetter;
      bool next_is_word = j + len < text_.size() && IsWordClass(ClassAt(text_, j + len, next_len));
      if (cls == CharClass::kHyphen && next_is_word) {
        j += len;
      } else if (cls == CharClass::kApostrophe && next_is_letter) {
        // "don't" -> "do" "n't"; "Korea's" stops before the possessive; "O'Brien" and "d'Ivoire" stay whole.
        if (IsPossessiveAt(j, len)) break;
        if (j > start && (text_[j - 1] == 'n' || text_[j - 1] == 'N') && (text_[j + len] == 't' || text_[j + len] == 'T') &&
            (j + len + 1 >= text_.size() || !IsAsciiAlpha(text_[j + len + 1]))) {
          if (j - 1 > start) Push(start, j - 1, TokenKind::kWord);
          Push(j - 1, j + len + 1, TokenKind::kWord);
          i_ = j + len + 1;
          return;
        }
        j += len;
      } else if (cls == CharClass::kPeriod && next_is_letter && j > start && IsAsciiAlpha(text_[j - 1]) &&
                 (j + 2 >= text_.size() || !IsAsciiAlpha(text_[j + 2]) || text_[j + 2] == '.')) {
        // Dotted letters: "U.S", "a.m", "J.R.R". A period between longer words ("end.Next") is not taken.
        has_inner_period = true;
        j += len;
      } else if (cls == CharClass::kOther && text_[j] == '&' && next_is_letter && j > start &&
                 text_[j - 1] >= 'A' && text_[j - 1] <= 'Z') {
        j += len;  // "AT&T", "S&P"
      } else {
        break;
      }
    }
    // A trailing period belongs to the word when the word is an abbreviation or initials.
    if (j < text_.size() && text_[j] == '.') {
      std::string_view word = text_.substr(start, j - start);
      if (has_inner_period || ClassifyAbbreviation(word) != AbbreviationKind::kNone) ++j;
    }
    Push(start, j, TokenKind::kWord);
    i_ = j;
  }

  void ScanNumber() {
    size_t start = i_;
    size_t j = i_;
    while (j < text_.size()) {
      size_t len;
      CharClass cls = ClassAt(text_, j, len);
      if (IsWordClass(cls)) {
        j += len;
        continue;
      }
      char c = text_[j];
      bool next_digit = j + 1 < text_.size() && IsAsciiDigit(text_[j + 1]);
      size_t next_len;
      bool next_word = j + len < text_.size() && IsWordClass(ClassAt(text_, j + len, next_len));
      if ((c == ',' || c == '.' || c == ':' || c == '/') && next_digit) {
        j += 1;
      } else if (cls == CharClass::kHyphen && next_word) {
        j += len;
      } else {
        break;
      }
    }
    Push(start, j, TokenKind::kNumber);
    i_ = j;
  }

  void ScanPunct(size_t len) {
    size_t start = i_;
    size_t end = i_ + len;
    char c = text_[i_];
    if (c == '.' || c == '-' || c == '!' || c == '?') {  // "...", "--", "?!"
      while (end < text_.size() && (text_[end] == c || (c == '?' && text_[end] == '!'))) ++end;
    }
    Push(start, end, TokenKind::kPunct);
    i_ = end;
  }

  void Push(size_t begin, size_t end, TokenKind kind) {
    Token t;
    t.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
    t.kind = kind;
    const size_t fold_begin = out_.folded.size();
    t.fold_begin = static_cast<uint32_t>(fold_begin);
    std::string_view raw = text_.substr(begin, end - begin);
    // One pass folds ASCII and reads the shape; a non-ASCII byte sends the token down the Unicode path.
    uint8_t shape = 0;
    int letters = 0, uppers = 0;
    bool ascii = true;
    out_.folded.resize(fold_begin + raw.size());
    char* folded = out_.folded.data() + fold_begin;
    for (size_t k = 0; k < raw.size(); ++k) {
      char ch = raw[k];
      if (static_cast<unsigned char>(ch) >= 0x80) {
        ascii = false;
        break;
      }
      if (ch >= 'A' && ch <= 'Z') {
        if (++letters == 1) shape |= kCapitalized;
        ++uppers;
        ch = static_cast<char>(ch + 32);
      } else if (ch >= 'a' && ch <= 'z') {
        ++letters;
      } else if (ch >= '0' && ch <= '9') {
        shape |= kHasDigit;
      }
      folded[k] = ch;
    }
    if (!ascii) {
      out_.folded.resize(fold_begin);
      AppendFolded(raw, out_.folded);
      letters = uppers = 0;
      shape = 0;
      for (char ch : raw) {
        if (IsAsciiAlpha(ch)) {
          ++letters;
          if (ch <= 'Z') ++uppers;
          if (letters == 1 && ch <= 'Z') shape |= kCapitalized;
        } else if (IsAsciiDigit(ch)) {
          shape |= kHasDigit;
        }
      }
    }
    t.fold_end = static_cast<uint32_t>(out_.folded.size());
    if (letters == 0 && !raw.empty() && static_cast<unsigned char>(raw[0]) >= 0x80) {
      char32_t cp;
      if (DecodeUtf8(raw, 0, cp) > 0 && u_isupper(static_cast<UChar32>(cp))) shape |= kCapitalized;
    }
    if (letters >= 2 && uppers == letters) shape |= kAllCaps;
    t.shape = shape;
    out_.tokens.push_back(t);
  }

  std::string_view text_;
  TokenizedSentence& out_;
  size_t i_;
};

}  // namespace

void Tokenize(std::string_view text, Span sentence, TokenizedSentence& out) {
  SentenceTokenizer(text, sentence, out).Run();
}

std::vector<std::string> FoldedTokens(std::string_view text) {
  TokenizedSentence sentence;
  Tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, sentence);
  std::vector<std::string> out;
  out.reserve(sentence.tokens.size());
  for (const Token& t : sentence.tokens) out.emplace_back(sentence.Folded(t));
  return out;
}

}  // namespace dyad::text
