#include "dyad/text/lexicon.h"

#include <fmt/format.h>

#include <charconv>

#include "dyad/base/hash.h"

namespace dyad::text {

Lexicon::Lexicon() {
  words_.push_back({0, 0, 0});
  lexemes_.emplace_back();
  table_.assign(1 << 16, kNoWord);
}

WordId Lexicon::Find(std::string_view folded) const {
  const uint64_t hash = HashBytes(folded);
  const size_t mask = table_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    WordId id = table_[i];
    if (id == kNoWord) return kNoWord;
    const Slot& s = words_[id];
    if (s.hash == hash && s.length == folded.size() &&
        std::string_view(arena_).substr(s.offset, s.length) == folded) {
      return id;
    }
  }
}

WordId Lexicon::Intern(std::string_view folded) {
  if (WordId id = Find(folded); id != kNoWord) return id;
  if ((words_.size() + 1) * 2 > table_.size()) Grow();
  const uint64_t hash = HashBytes(folded);
  WordId id = static_cast<WordId>(words_.size());
  words_.push_back({hash, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(folded.size())});
  arena_.append(folded);
  lexemes_.emplace_back();
  const size_t mask = table_.size() - 1;
  size_t i = hash & mask;
  while (table_[i] != kNoWord) i = (i + 1) & mask;
  table_[i] = id;
  return id;
}

void Lexicon::Grow() {
  std::vector<WordId> bigger(table_.size() * 2, kNoWord);
  const size_t mask = bigger.size() - 1;
  for (WordId id = 1; id < words_.size(); ++id) {
    size_t i = words_[id].hash & mask;
    while (bigger[i] != kNoWord) i = (i + 1) & mask;
    bigger[i] = id;
  }
  table_.swap(bigger);
}

Status Lexicon::LoadLemmaTable(std::string_view contents, std::string_view path) {
  size_t line_number = 0;
  while (!contents.empty()) {
    ++line_number;
    size_t eol = contents.find('\n');
    std::string_view line = contents.substr(0, eol);
    contents.remove_prefix(eol == std::string_view::npos ? contents.size() : eol + 1);
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
