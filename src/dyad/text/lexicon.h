// The lexicon: every word dyad knows, interned as a dense WordId, with its lemmas and word-class bits.
// Built once (lemma table, function words, dictionary words), then read-only: Find() is safe from many threads.
// One hash probe per token gives the token's id, its verb and noun lemmas and its classes.
#ifndef DYAD_TEXT_LEXICON_H_
#define DYAD_TEXT_LEXICON_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/hash.h"
#include "dyad/base/status.h"

namespace dyad::text {

using WordId = uint32_t;
inline constexpr WordId kNoWord = 0;  // a form the lexicon does not know

// Word-class bits (Lexeme::flags). Inflection bits come from the lemma table, closed classes from the grammar.
enum WordFlag : uint32_t {
  kVerbBase = 1u << 0,
  kVerb3sg = 1u << 1,
  kVerbPast = 1u << 2,  // past tense or past participle
  kVerbIng = 1u << 3,
  kNounSingular = 1u << 4,
  kNounPlural = 1u << 5,
  kDeterminer = 1u << 8,
  kPreposition = 1u << 9,
  kBe = 1u << 10,
  kHave = 1u << 11,
  kDo = 1u << 12,
  kModal = 1u << 13,
  kNegation = 1u << 14,
  kPronoun = 1u << 15,
  kConjunction = 1u << 16,
  kAdverb = 1u << 17,       // adverbs that may stand inside a verb group ("also", "reportedly")
  kSubordinator = 1u << 18,  // "that", "which", "who", "because", "if", "after"...
  kParticle = 1u << 19,      // "up", "down", "off", "out", "back" after a verb
  kNumberWord = 1u << 20,    // "two", "dozens", "several"
  kAdjective = 1u << 21,     // common adjectives that precede nouns ("new", "fresh", "fierce")
  kHasPatterns = 1u << 22,   // its verb lemma starts a verb pattern (set by the dictionary)
};

inline constexpr uint32_t kAnyVerb = kVerbBase | kVerb3sg | kVerbPast | kVerbIng;
inline constexpr uint32_t kAnyNoun = kNounSingular | kNounPlural;

struct Lexeme {
  WordId verb_lemma = kNoWord;  // the verb this form inflects, or kNoWord
  WordId noun_lemma = kNoWord;  // the noun this form inflects, or kNoWord
  uint32_t flags = 0;
};

class Lexicon {
 public:
  Lexicon();

  // Adds `folded` (already normalised) if new; returns its id either way.
  WordId Intern(std::string_view folded);
  // The id of `folded`, or kNoWord.
  WordId Find(std::string_view folded) const;
  // Like Find, and copies the word's lexeme from the same cache line (valid after Freeze()).
  WordId FindWithLexeme(std::string_view folded, Lexeme& lexeme) const;

  // Two-step lookup for a whole sentence: Prepare() hashes a word and prefetches its cell, so that the lookups
  // that follow overlap their memory latency instead of paying it one after another.
  struct Probe {
    uint64_t hash = 0;
    uint64_t head = 0;
    uint32_t tail = 0;
  };
  Probe Prepare(std::string_view folded) const {
    Key key = MakeKey(folded);
    Probe probe{HashKey(key, folded), key.head, key.tail};
    __builtin_prefetch(&table_[probe.hash & (table_.size() - 1)]);
    return probe;
  }
  WordId FindWithLexeme(const Probe& probe, std::string_view folded, Lexeme& lexeme) const;
  // Copies every lexeme into its hash cell, so that a token's lookup needs one memory access. Call after the last
  // change to any lexeme; Mutable() after Freeze() is not reflected in FindWithLexeme.
  void Freeze();

  std::string_view Text(WordId id) const {
    const Slot& s = words_[id];
    return std::string_view(arena_).substr(s.offset, s.length);
  }
  const Lexeme& Get(WordId id) const { return lexemes_[id]; }
  Lexeme& Mutable(WordId id) { return lexemes_[id]; }
  size_t size() const { return words_.size(); }

  // Loads the lemma table generated from WordNet (form, verb lemma, noun lemma, flags; tab-separated).
  Status LoadLemmaTable(std::string_view contents, std::string_view path);
  // Marks the closed-class words of English (determiners, prepositions, auxiliaries ...).
  void AddFunctionWords();

 private:
  struct Slot {
    uint64_t hash;
    uint32_t offset;
    uint32_t length;
  };
  // A hash-table cell carries the word's first bytes, so that most lookups touch one cache line: the table is
  // larger than the caches and a lookup runs for every token.
  // The key is the word's first 11 bytes and its length (capped at 255) packed into two integers, so a probe is
  // two integer compares; only words longer than 11 bytes are checked again in the arena.
  static constexpr size_t kInlineBytes = 11;
  struct Key {
    uint64_t head = 0;
    uint32_t tail = 0;  // bytes 8-10 and the length byte
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct Cell {
    Key key;
    WordId id = kNoWord;
    Lexeme lexeme;  // a copy, filled by Freeze()
  };
  static Key MakeKey(std::string_view folded);
  static uint64_t HashKey(const Key& key, std::string_view folded);
  void Grow();
  void Place(std::vector<Cell>& table, WordId id) const;

  std::string arena_;
  std::vector<Slot> words_;     // by WordId; words_[0] is the empty "no word"
  std::vector<Lexeme> lexemes_;  // by WordId
  std::vector<Cell> table_;      // open addressing, power-of-two size, id kNoWord = empty
};

// Inline: they run for every token of every sentence.
inline Lexicon::Key Lexicon::MakeKey(std::string_view folded) {
  // Fixed-size loads where the word is long enough; a short tail byte by byte. memcpy of a constant size
  // compiles to a single move.
  const size_t n = folded.size();
  const char* p = folded.data();
  Key key;
  if (n >= 8) {
    std::memcpy(&key.head, p, 8);
    const size_t tail = n < kInlineBytes ? n - 8 : 3;
    for (size_t i = 0; i < tail; ++i) key.tail |= static_cast<uint32_t>(static_cast<unsigned char>(p[8 + i])) << (8 * i);
  } else {
    for (size_t i = 0; i < n; ++i) key.head |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  key.tail |= static_cast<uint32_t>(n < 255 ? n : 255) << 24;
  return key;
}

inline uint64_t Lexicon::HashKey(const Key& key, std::string_view folded) {
  return folded.size() <= kInlineBytes ? HashPair(key.head, key.tail) : HashBytes(folded);
}

}  // namespace dyad::text

#endif  // DYAD_TEXT_LEXICON_H_
