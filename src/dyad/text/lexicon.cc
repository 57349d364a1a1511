#include "dyad/text/lexicon.h"

#include <fmt/format.h>

#include "dyad/base/strings.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "dyad/base/hash.h"

namespace dyad::text {

namespace {

// Words are short: an inline byte loop beats a call to memcmp once the length already agrees.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

Lexicon::Lexicon() {
  words_.push_back({0, 0, 0});
  lexemes_.emplace_back();
  table_.assign(1 << 16, Cell{});
}

WordId Lexicon::Find(std::string_view folded) const {
  const Key key = MakeKey(folded);
  const size_t mask = table_.size() - 1;
  for (size_t i = HashKey(key, folded) & mask;; i = (i + 1) & mask) {
    const Cell& cell = table_[i];
    if (cell.id == kNoWord) return kNoWord;
    if (!(cell.key == key)) continue;
    if (folded.size() <= kInlineBytes) return cell.id;
    const Slot& s = words_[cell.id];
    if (s.length == folded.size() && SameBytes(arena_.data() + s.offset, folded.data(), s.length)) return cell.id;
  }
}

WordId Lexicon::FindWithLexeme(std::string_view folded, Lexeme& lexeme) const {
  const Key key = MakeKey(folded);
  return FindWithLexeme(Probe{HashKey(key, folded), key.head, key.tail}, folded, lexeme);
}

WordId Lexicon::FindWithLexeme(const Probe& probe, std::string_view folded, Lexeme& lexeme) const {
  const Key key{probe.head, probe.tail};
  const size_t mask = table_.size() - 1;
  for (size_t i = probe.hash & mask;; i = (i + 1) & mask) {
    const Cell& cell = table_[i];
    if (cell.id == kNoWord) {
      lexeme = Lexeme();
      return kNoWord;
    }
    if (!(cell.key == key)) continue;
    if (folded.size() > kInlineBytes) {
      const Slot& s = words_[cell.id];
      if (s.length != folded.size() || !SameBytes(arena_.data() + s.offset, folded.data(), s.length)) continue;
    }
    lexeme = cell.lexeme;
    return cell.id;
  }
}

void Lexicon::Freeze() {
  for (Cell& cell : table_) {
    if (cell.id != kNoWord) cell.lexeme = lexemes_[cell.id];
  }
}

void Lexicon::Place(std::vector<Cell>& table, WordId id) const {
  const Slot& s = words_[id];
  const size_t mask = table.size() - 1;
  size_t i = s.hash & mask;
  while (table[i].id != kNoWord) i = (i + 1) & mask;
  table[i].id = id;
  table[i].key = MakeKey(std::string_view(arena_).substr(s.offset, s.length));
}

WordId Lexicon::Intern(std::string_view folded) {
  if (WordId id = Find(folded); id != kNoWord) return id;
  // Keep the load under 0.6: probes stay short and the table stays as small as it can.
  if ((words_.size() + 1) * 5 > table_.size() * 3) Grow();
  WordId id = static_cast<WordId>(words_.size());
  words_.push_back({HashKey(MakeKey(folded), folded), static_cast<uint32_t>(arena_.size()),
                    static_cast<uint32_t>(folded.size())});
  arena_.append(folded);
  lexemes_.emplace_back();
  Place(table_, id);
  return id;
}

void Lexicon::Grow() {
  std::vector<Cell> bigger(table_.size() * 2, Cell{});
  for (WordId id = 1; id < words_.size(); ++id) Place(bigger, id);
  table_.swap(bigger);
}

Status Lexicon::LoadLemmaTable(std::string_view contents, std::string_view path) {
  // Size the table once for every form and lemma instead of growing it step by step.
  size_t line_count = static_cast<size_t>(std::count(contents.begin(), contents.end(), '\n'));
  size_t wanted = table_.size();
  while ((words_.size() + line_count + 4096) * 5 > wanted * 3) wanted *= 2;
  if (wanted != table_.size()) {
    std::vector<Cell> bigger(wanted, Cell{});
    for (WordId id = 1; id < words_.size(); ++id) Place(bigger, id);
    table_.swap(bigger);
  }
  words_.reserve(words_.size() + line_count);
  lexemes_.reserve(lexemes_.size() + line_count);
  arena_.reserve(arena_.size() + contents.size() / 2);
  LineCursor lines(contents);
  std::string_view line;
  while (lines.Next(line)) {
    const int line_number = lines.number();
    if (line.empty() || line[0] == '#') continue;
    std::string_view fields[4];
    size_t n = 0;
    while (n < 4) {
      size_t tab = line.find('\t');
      fields[n++] = line.substr(0, tab);
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    uint32_t flags = 0;
    if (n != 4 || fields[0].empty() ||
        std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), flags, 16).ec != std::errc()) {
      return InvalidArgument(fmt::format("{}:{}: want form<TAB>verb lemma<TAB>noun lemma<TAB>hex flags", path,
                                         line_number));
    }
    WordId form = Intern(fields[0]);
    WordId verb = fields[1].empty() ? kNoWord : Intern(fields[1]);
    WordId noun = fields[2].empty() ? kNoWord : Intern(fields[2]);
    Lexeme& lexeme = lexemes_[form];
    if (verb != kNoWord) lexeme.verb_lemma = verb;
    if (noun != kNoWord) lexeme.noun_lemma = noun;
    lexeme.flags |= flags;
  }
  return Status::Ok();
}

}  // namespace dyad::text
