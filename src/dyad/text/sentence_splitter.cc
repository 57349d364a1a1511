#include "dyad/text/sentence_splitter.h"

#include <algorithm>
#include <array>

#include "dyad/text/abbreviations.h"

namespace dyad::text {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }

// Multi-byte punctuation that matters here, by its UTF-8 bytes.
constexpr std::string_view kRightDoubleQuote = "\xE2\x80\x9D";  // ”
constexpr std::string_view kRightSingleQuote = "\xE2\x80\x99";  // ’
constexpr std::string_view kLeftDoubleQuote = "\xE2\x80\x9C";   // “
constexpr std::string_view kLeftSingleQuote = "\xE2\x80\x98";   // ‘
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";          // …
constexpr std::string_view kBullet = "\xE2\x80\xA2";            // •
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

// Called for every byte in the hot loop: test the first byte before comparing the rest.
bool At(std::string_view text, size_t i, std::string_view what) {
  return i < text.size() && text[i] == what[0] && text.substr(i, what.size()) == what;
}

// Length of a closing quote or bracket at i, or 0.
size_t ClosingAt(std::string_view text, size_t i) {
  char c = text[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') return 1;
  if (At(text, i, kRightDoubleQuote) || At(text, i, kRightSingleQuote)) return 3;
  return 0;
}

// Length of an opening quote or bracket at i, or 0.
size_t OpeningAt(std::string_view text, size_t i) {
  char c = text[i];
  if (c == '"' || c == '\'' || c == '(' || c == '[') return 1;
  if (At(text, i, kLeftDoubleQuote) || At(text, i, kLeftSingleQuote)) return 3;
  return 0;
}

size_t SkipSpaces(std::string_view text, size_t i, bool& saw_blank_line) {
  int newlines = 0;
  saw_blank_line = false;
  while (i < text.size()) {
    if (text[i] == '\n') {
      if (++newlines >= 2) saw_blank_line = true;
      ++i;
    } else if (IsSpace(text[i])) {
      ++i;
    } else if (At(text, i, kNoBreakSpace)) {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

// The word that starts at i (letters, digits, hyphens and periods), without a trailing period.
std::string_view WordAt(std::string_view text, size_t i) {
  size_t j = i;
  while (j < text.size() && (IsAlpha(text[j]) || IsDigit(text[j]) || text[j] == '-' || text[j] == '.' ||
                             static_cast<unsigned char>(text[j]) >= 0x80)) {
    ++j;
  }
  while (j > i && text[j - 1] == '.') --j;
  return text.substr(i, j - i);
}

// The word that ends just before the period at `dot` ("U.S" for "U.S.", "Gen" for "Gen.").
std::string_view WordBefore(std::string_view text, size_t dot) {
  size_t j = dot;
  while (j > 0 && (IsAlpha(text[j - 1]) || (text[j - 1] == '.' && j >= 2 && IsAlpha(text[j - 2])))) --j;
  return text.substr(j, dot - j);
}

// Two or more letters, all capitals (hyphens allowed): "PETERSBURG", "WORTH", "LOUIS".
bool IsAllCaps(std::string_view word) {
  int capitals = 0;
  for (char c : word) {
    if (IsUpper(c)) {
      ++capitals;
    } else if (c != '-') {
      return false;
    }
  }
  return capitals >= 2;
}

bool StartsListItem(std::string_view text, size_t i) {
  if (i >= text.size()) return false;
  char c = text[i];
  if ((c == '-' || c == '*') && i + 1 < text.size() && text[i + 1] == ' ') return true;
  if (At(text, i, kBullet)) return true;
  size_t j = i;
  while (j < text.size() && j - i < 3 && IsDigit(text[j])) ++j;
  return j > i && j + 1 < text.size() && (text[j] == '.' || text[j] == ')') && text[j + 1] == ' ';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The line that starts at i, without its '\n'.
std::string_view LineAt(std::string_view text, size_t i) {
  size_t eol = text.find('\n', i);
  return text.substr(i, eol == std::string_view::npos ? std::string_view::npos : eol - i);
}

std::string_view SkipOpeningParens(std::string_view line) {
  while (!line.empty() && line.front() == '(') line.remove_prefix(1);
  return line;
}

// "Reuter" closes 1980s Reuters copy, "(END)" Yonhap's, "Enditem" Xinhua's.
bool IsWireSignOff(std::string_view line) {
  line = Trim(line);
  return line == "Reuter" || line == "Reuters" || line == "REUTER" || line == "REUTERS" || line == "(END)" ||
         line == "Enditem" || line == "ENDITEM" || line == "(Enditem)";
}

// "Reporting by ...; Editing by ...", bare or in parentheses as Reuters prints it at the end of a story.
bool IsCreditLine(std::string_view line) {
  line = SkipOpeningParens(Trim(line));
  return StartsWith(line, "Reporting by") || StartsWith(line, "Editing by") || StartsWith(line, "Writing by") ||
         StartsWith(line, "Additional reporting") || StartsWith(line, "Compiled by");
}

// A reporter's contact line, which starts with an e-mail address: "brk@yna.co.kr",
// "((jane.doe@thomsonreuters.com; +1 202 555 0100))". Running text hardly ever wraps to start a line with one.
bool IsContactLine(std::string_view line) {
  line = SkipOpeningParens(Trim(line));
  for (char c : line) {
    if (c == '@') return true;
    if (IsSpace(c) || c == ';' || c == ',' || c == ')') return false;
  }
  return false;
}

// "By Jane Smith", "By Ben Kerr and Maria Ortiz": short, and a name follows "By".
bool IsByline(std::string_view line) {
  line = Trim(line);
  return StartsWith(line, "By ") && line.size() < 60 && line.size() > 3 && IsUpper(line[3]) && line.back() != '.';
}

// A dateline opens a story: a place in capitals, then a comma or an agency in parentheses, and a dash after the
// date within the first few dozen bytes: "SEOUL, March 14 (Yonhap) --", "NEW ORLEANS (AP) —", "WASHINGTON,
// March 3 - ".
bool StartsDateline(std::string_view line) {
  size_t i = 0;
  int capitals = 0;
  while (i < line.size() && (IsUpper(line[i]) || line[i] == ' ' || line[i] == '.' || line[i] == '-' ||
                             line[i] == '\'')) {
    capitals += IsUpper(line[i]) ? 1 : 0;
    ++i;
  }
  if (capitals < 3 || i == line.size() || (line[i] != ',' && line[i] != '(')) return false;
  if (line[i] == '(' && line[i - 1] != ' ') return false;
  std::string_view head = line.substr(i, 80);
  return head.find(" - ") != std::string_view::npos || head.find(" -- ") != std::string_view::npos ||
         head.find(" \xE2\x80\x94 ") != std::string_view::npos ||   // em dash
         head.find(" \xE2\x80\x93 ") != std::string_view::npos;     // en dash
}

// A single line break inside running text is normally a hard wrap. It ends a sentence when either line is a unit
// of its own (a byline, a credit or contact line, a list item, a sign-off), when the next line opens a story with
// a byline or a dateline, or when the line is short and unpunctuated like a heading and the next line starts with
// a capital.
bool LineBreakEndsSentence(std::string_view line, std::string_view text, size_t next, bool in_list_item) {
  line = Trim(line);
  if (line.empty()) return false;
  std::string_view next_line = LineAt(text, next);
  if (IsWireSignOff(line) || IsWireSignOff(next_line)) return true;
  // A number opening a wrapped line is often just the next word ("at March\n13. Chinese nearby April ..."); it
  // opens a list item after a colon, a finished sentence or another (perhaps wrapped) item.
  char last = line.back();
  bool after_sentence = last == ':' || last == '.' || last == '?' || last == '!';
  if (StartsListItem(text, next) && (!IsDigit(text[next]) || after_sentence || in_list_item)) {
    return true;
  }
  if (IsCreditLine(line) || IsCreditLine(next_line) || IsContactLine(line) || IsContactLine(next_line)) return true;
  // A line that ends in a period here ends in an abbreviation ("the U.S.\nNavy"): a wrap, not a heading.
  if (last == ',' || last == ';' || last == ':' || last == '-' || last == '(' || last == '.') return false;
  if (IsByline(next_line) || StartsDateline(next_line)) return true;
  bool next_upper = next < text.size() && (IsUpper(text[next]) || OpeningAt(text, next) > 0);
  if (IsByline(line)) return next_upper;
  return line.size() < 48 && next_upper && IsUpper(line.front());
}

// Bytes the main loop must stop at: line breaks, brackets, sentence-final marks and the lead byte of '…'.
constexpr std::array<bool, 256> MakeInteresting() {
  std::array<bool, 256> table{};
  for (unsigned char c : {'\n', '(', '[', ')', ']', '.', '!', '?'}) table[c] = true;
  table[0xE2] = true;
  return table;
}
constexpr std::array<bool, 256> kInteresting = MakeInteresting();

class Splitter {
 public:
  Splitter(std::string_view text, std::vector<Span>& out, const SplitterOptions& options)
      : text_(text), out_(out), options_(options) {}

  void Run() {
    bool blank;
    size_t i = SkipSpaces(text_, 0, blank);
    start_ = i;
    size_t line_start = i;
    int paren_depth = 0;
    while (i < text_.size()) {
      // Most bytes are letters and spaces: skip to the next byte any rule below looks at.
      const size_t limit = std::min(text_.size(), start_ + options_.max_sentence_bytes);
      while (i < limit && !kInteresting[static_cast<unsigned char>(text_[i])]) ++i;
      if (i >= text_.size()) break;
      char c = text_[i];
      if (i - start_ >= options_.max_sentence_bytes) {
        CutLongSentence(i);
        line_start = start_;
        i = start_;
        continue;
      }
      if (c == '\n') {
        size_t next = SkipSpaces(text_, i, blank);
        if (blank || LineBreakEndsSentence(text_.substr(line_start, i - line_start), text_, next,
                                           StartsListItem(text_, start_))) {
          Emit(i);
          paren_depth = 0;
          start_ = next;
        }
        line_start = next;
        i = next;
        continue;
      }
      if (c == '(' || c == '[') {
        ++paren_depth;
      } else if ((c == ')' || c == ']') && paren_depth > 0) {
        --paren_depth;
      }
      size_t terminal = TerminalAt(i);
      if (terminal == 0 || IsListNumberPeriod(i)) {
        ++i;
        continue;
      }
      size_t end = i + terminal;
      bool closed_quote = false;
      while (end < text_.size()) {  // "?!", "..", closing quotes and brackets
        if (TerminalAt(end) > 0) {
          end += TerminalAt(end);
        } else if (size_t n = ClosingAt(text_, end); n > 0) {
          if (text_[end] == ')' || text_[end] == ']') {
            paren_depth = paren_depth > 0 ? paren_depth - 1 : 0;
          } else if (text_[end] != '}') {
            closed_quote = true;
          }
          end += n;
        } else {
          break;
        }
      }
      if (end >= text_.size()) break;
      if (!IsSpace(text_[end]) && !At(text_, end, kNoBreakSpace)) {  // "U.S.-based", "3.5", "un.org"
        i = end;
        continue;
      }
      size_t next = SkipSpaces(text_, end, blank);
      if (next >= text_.size()) break;
      bool line_break = text_.substr(end, next - end).find('\n') != std::string_view::npos;
      // A period the abbreviation rules keep inside the sentence can still end a line that is a unit of its own
      // ("...in three months.\nbrk@yna.co.kr").
      if (blank || (paren_depth == 0 && EndsSentence(i, terminal, next, closed_quote)) ||
          (line_break && LineBreakEndsSentence(text_.substr(line_start, end - line_start), text_, next,
                                               StartsListItem(text_, start_)))) {
        Emit(end);
        paren_depth = 0;
        start_ = next;
      }
      if (line_break) line_start = next;
      i = next;
    }
    Emit(text_.size());
  }

 private:
  // Length of a sentence-final mark at i ('.', '!', '?', '…'), or 0.
  size_t TerminalAt(size_t i) const {
    char c = text_[i];
    if (c == '.' || c == '!' || c == '?') return 1;
    if (At(text_, i, kEllipsis)) return 3;
    return 0;
  }

  // An opening bracket at i that closes within a few words: "(AAPL.O)", "(0945 GMT)".
  bool IsShortBracket(size_t i) const {
    if (text_[i] != '(' && text_[i] != '[') return false;
    char close = text_[i] == '(' ? ')' : ']';
    constexpr size_t kMaxInside = 16;
    for (size_t j = i + 1; j < text_.size() && j <= i + 1 + kMaxInside; ++j) {
      if (text_[j] == close) return true;
    }
    return false;
  }

  // The period of a list number that opens the sentence ("1. Cease hostilities immediately."): the line break
  // before a list item already ended the previous sentence, so the number belongs to its item.
  bool IsListNumberPeriod(size_t i) const {
    if (text_[i] != '.' || i <= start_ || i - start_ > 3) return false;
    for (size_t j = start_; j < i; ++j) {
      if (!IsDigit(text_[j])) return false;
    }
    return StartsListItem(text_, start_);
  }

  // `closed_quote`: a closing quote follows the mark ("...any part of the U.S.\" Analysts").
  bool EndsSentence(size_t mark, size_t mark_size, size_t next, bool closed_quote) const {
    size_t word = next;
    while (word < text_.size()) {  // look through an opening quote or bracket
      size_t n = OpeningAt(text_, word);
      if (n == 0) break;
      word += n;
    }
    if (word >= text_.size()) return true;
    char first = text_[word];
    if (IsLower(first)) return false;  // "the U.S. dollar", "\"Why?\" he asked"
    bool upper = IsUpper(first) || static_cast<unsigned char>(first) >= 0x80;
    bool digit = IsDigit(first);
    if (!upper && !digit && word == next) {
      // Punctuation or a symbol: "$5", "- item", "--". A currency or a list marker starts a sentence.
      return first == '$' || first == '-' || first == '*' || StartsListItem(text_, word);
    }
    char c = text_[mark];
    if (c != '.' || mark_size != 1) {
      if (c == '.' || mark_size == 3) {  // an ellipsis: only before a clear sentence start
        return IsSentenceStarter(WordAt(text_, word)) || word > next;
      }
      return true;  // '?' or '!'
    }
    if (mark + 1 < text_.size() && text_[mark + 1] == '.') {  // ".." or "..." written with periods
      size_t dots = 1;
      while (mark + dots < text_.size() && text_[mark + dots] == '.') ++dots;
      // Four periods are a full stop and an ellipsis ("without naming a date...."): the sentence has ended.
      if (dots >= 4) return true;
      return IsSentenceStarter(WordAt(text_, word)) || word > next;
    }
    if (mark == 0 || !IsAlpha(text_[mark - 1])) return upper || digit || word > next;  // "1987." "(AP)."
    std::string_view before = WordBefore(text_, mark);
    std::string_view after = WordAt(text_, word);
    // A title in a dateline or headline set in capitals: "ST. PETERSBURG", "FT. WORTH".
    if (word == next && IsAllCaps(after) && IsCapitalizedTitle(before)) return false;
    AbbreviationKind kind = ClassifyAbbreviation(before);
    // An abbreviation that closes a quotation has ended it; a name does not run on past the quote.
    if (closed_quote && kind != AbbreviationKind::kNone) return true;
    switch (kind) {
      case AbbreviationKind::kNone:
        return true;
      case AbbreviationKind::kTitle:
      case AbbreviationKind::kName:
        return IsSentenceStarter(after);
      case AbbreviationKind::kBeforeNumber:
      case AbbreviationKind::kMonth:
        return !digit;
      case AbbreviationKind::kEnder:
      case AbbreviationKind::kTime:
        // A short bracket after a company or a time holds a ticker, an acronym or a conversion: "Apple Inc.
        // (AAPL.O)", "Insurance Corp. (FDIC)", "6:45 p.m. (0945 GMT)". A long one is a sentence of its own.
        if (word > next) return !IsShortBracket(next);
        return digit || !ContinuesAfterAbbreviation(kind, after);
    }
    return true;
  }

  void Emit(size_t end) {
    std::string_view s = Trim(text_.substr(start_, end > start_ ? end - start_ : 0));
    if (s.empty()) return;
    uint32_t b = static_cast<uint32_t>(s.data() - text_.data());
    out_.push_back({b, static_cast<uint32_t>(b + s.size())});
  }

  // Ends the current sentence at the last white space before `limit` (or at the limit, without any) and moves on.
  void CutLongSentence(size_t limit) {
    size_t cut = limit;
    while (cut > start_ + options_.max_sentence_bytes / 2 && !IsSpace(text_[cut - 1])) --cut;
    if (cut <= start_ + options_.max_sentence_bytes / 2) {
      cut = limit;
      // Never cut inside a UTF-8 sequence.
      while (cut > start_ + 1 && (static_cast<unsigned char>(text_[cut]) & 0xC0) == 0x80) --cut;
    }
    Emit(cut);
    bool blank;
    start_ = SkipSpaces(text_, cut, blank);
  }

  std::string_view text_;
  std::vector<Span>& out_;
  const SplitterOptions& options_;
  size_t start_ = 0;
};

}  // namespace

void SplitSentences(std::string_view text, std::vector<Span>& sentences, const SplitterOptions& options) {
  Splitter(text, sentences, options).Run();
}

Span SentenceAt(std::string_view text, size_t offset) {
  std::vector<Span> sentences;
  SplitSentences(text, sentences);
  for (const Span& s : sentences) {
    if (s.begin <= offset && offset < s.end) return s;
  }
  return Span{};
}

}  // namespace dyad::text
