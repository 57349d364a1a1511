#include "dyad/dict/phrase_matcher.h"

#include "dyad/base/check.h"
#include "dyad/base/hash.h"

namespace dyad::dict {

PhraseMatcher::PhraseMatcher() {
  node_phrase_.push_back(kNoPhrase);  // the root
  edges_.assign(1024, Edge{kEmptyKey, 0});
}

uint32_t PhraseMatcher::Child(uint32_t node, WordId word) const {
  const uint64_t key = (static_cast<uint64_t>(node) << 32) | word;
  const size_t mask = edges_.size() - 1;
  for (size_t i = HashPair(node, word) & mask;; i = (i + 1) & mask) {
    const Edge& e = edges_[i];
    if (e.key == key) return e.child;
    if (e.key == kEmptyKey) return kNoNode;
  }
}

uint32_t PhraseMatcher::AddChild(uint32_t node, WordId word) {
  if (uint32_t child = Child(node, word); child != kNoNode) return child;
  if ((edge_count_ + 1) * 2 > edges_.size()) Grow();
  uint32_t child = static_cast<uint32_t>(node_phrase_.size());
  node_phrase_.push_back(kNoPhrase);
  const size_t mask = edges_.size() - 1;
  size_t i = HashPair(node, word) & mask;
  while (edges_[i].key != kEmptyKey) i = (i + 1) & mask;
  edges_[i] = {(static_cast<uint64_t>(node) << 32) | word, child};
  ++edge_count_;
  return child;
}

void PhraseMatcher::Grow() {
  std::vector<Edge> bigger(edges_.size() * 2, Edge{kEmptyKey, 0});
  const size_t mask = bigger.size() - 1;
  for (const Edge& e : edges_) {
    if (e.key == kEmptyKey) continue;
    size_t i = HashPair(e.key >> 32, static_cast<uint32_t>(e.key)) & mask;
    while (bigger[i].key != kEmptyKey) i = (i + 1) & mask;
    bigger[i] = e;
  }
  edges_.swap(bigger);
}

uint32_t PhraseMatcher::Add(std::span<const WordId> words) {
  DYAD_CHECK(!words.empty());
  if (words[0] >= first_words_.size() * 64) first_words_.resize(words[0] / 64 + 1, 0);
  first_words_[words[0] >> 6] |= 1ULL << (words[0] & 63);
  uint32_t node = 0;
  for (WordId w : words) {
    DYAD_CHECK(w != text::kNoWord);
    node = AddChild(node, w);
  }
  if (node_phrase_[node] == kNoPhrase) node_phrase_[node] = static_cast<uint32_t>(phrase_count_++);
  return node_phrase_[node];
}

void PhraseMatcher::FindAll(std::span<const WordId> sentence, std::vector<PhraseHit>& hits) const {
  const uint32_t n = static_cast<uint32_t>(sentence.size());
  for (uint32_t begin = 0; begin < n; ++begin) {
    if (!CanStart(sentence[begin])) continue;
    uint32_t node = 0;
    for (uint32_t end = begin; end < n; ++end) {
      if (sentence[end] == text::kNoWord) break;
      node = Child(node, sentence[end]);
      if (node == kNoNode) break;
      if (node_phrase_[node] != kNoPhrase) hits.push_back({begin, end + 1, node_phrase_[node]});
    }
  }
}

void PhraseMatcher::FindLongestAt(std::span<const WordId> sentence, std::vector<PhraseHit>& hits) const {
  const uint32_t n = static_cast<uint32_t>(sentence.size());
  for (uint32_t begin = 0; begin < n; ++begin) {
    if (!CanStart(sentence[begin])) continue;
    uint32_t node = 0;
    PhraseHit best{0, 0, kNoPhrase};
    for (uint32_t end = begin; end < n; ++end) {
      if (sentence[end] == text::kNoWord) break;
      node = Child(node, sentence[end]);
      if (node == kNoNode) break;
      if (node_phrase_[node] != kNoPhrase) best = {begin, end + 1, node_phrase_[node]};
    }
    if (best.phrase != kNoPhrase) hits.push_back(best);
  }
}

}  // namespace dyad::dict
