// Finds every dictionary phrase in a sentence in one pass: a trie over word ids, its edges in one flat hash table.
// Immutable after Build(): safe to share between threads.
#ifndef DYAD_DICT_PHRASE_MATCHER_H_
#define DYAD_DICT_PHRASE_MATCHER_H_

#include <cstdint>
#include <span>
#include <vector>

#include "dyad/text/lexicon.h"

namespace dyad::dict {

using text::WordId;

struct PhraseHit {
  uint32_t begin;   // first token
  uint32_t end;     // one past the last token
  uint32_t phrase;  // the id Add() returned
};

class PhraseMatcher {
 public:
  PhraseMatcher();

  // Adds a phrase (its word ids, none kNoWord) and returns its id; the same word sequence added twice returns the
  // first id. Ids are dense, from 0.
  uint32_t Add(std::span<const WordId> words);
  size_t size() const { return phrase_count_; }

  // Appends every occurrence of every phrase in `sentence`, overlaps included, ordered by begin then by end.
  void FindAll(std::span<const WordId> sentence, std::vector<PhraseHit>& hits) const;
  // Appends, for each start position, only the longest phrase starting there.
  void FindLongestAt(std::span<const WordId> sentence, std::vector<PhraseHit>& hits) const;

 private:
  static constexpr uint32_t kNoNode = 0xFFFFFFFF;
  static constexpr uint32_t kNoPhrase = 0xFFFFFFFF;
  struct Edge {
    uint64_t key;  // (parent node << 32) | word, or kEmptyKey
    uint32_t child;
  };
  static constexpr uint64_t kEmptyKey = ~0ULL;

  uint32_t Child(uint32_t node, WordId word) const;
  uint32_t AddChild(uint32_t node, WordId word);
  void Grow();

  bool CanStart(WordId w) const { return w < first_words_.size() * 64 && (first_words_[w >> 6] >> (w & 63)) & 1; }

  std::vector<uint64_t> first_words_;  // bit per word id: does any phrase start with it? (most tokens do not)
  std::vector<uint32_t> node_phrase_;  // by node: the phrase ending here, or kNoPhrase
  std::vector<Edge> edges_;           // open addressing, power-of-two size
  size_t edge_count_ = 0;
  size_t phrase_count_ = 0;
};

}  // namespace dyad::dict

#endif  // DYAD_DICT_PHRASE_MATCHER_H_
