// The compiled dictionaries: lexicon (with the WordNet lemma table), actors, agents, verb patterns and the CAMEO
// table, loaded from a data directory and an optional user overlay. Immutable after Load(): share it between
// threads freely.
#ifndef DYAD_DICT_DICTIONARY_H_
#define DYAD_DICT_DICTIONARY_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/dict/cameo.h"
#include "dyad/dict/dict_file.h"
#include "dyad/dict/phrase_matcher.h"
#include "dyad/text/lexicon.h"
#include "dyad/text/tokenizer.h"

namespace dyad::dict {

struct ActorSpell {
  std::string code;  // "PRKGOV", "USA", "IGOUNO"
  DateRange range;
  bool dated = false;
  bool person = false;  // from a file included `as person`
  uint32_t source = 0;  // index into Dictionary::sources()
};

struct AgentEntry {
  std::string sector;  // "GOV", "MIL"
  uint32_t source = 0;
};

// A 256-bit set of word ids (each id sets one bit): a quick test that every word a pattern needs occurs in a
// sentence before the pattern is tried word by word. Verbs like "say" have hundreds of patterns.
struct WordSignature {
  uint64_t bits[4] = {0, 0, 0, 0};
  void Add(WordId w) {
    uint32_t bit = static_cast<uint32_t>((w * 0x9E3779B1u) >> 24);
    bits[bit >> 6] |= 1ULL << (bit & 63);
  }
  // True when every bit of `needed` is in this set.
  bool Covers(const WordSignature& needed) const {
    return ((needed.bits[0] & ~bits[0]) | (needed.bits[1] & ~bits[1]) | (needed.bits[2] & ~bits[2]) |
            (needed.bits[3] & ~bits[3])) == 0;
  }
};

struct VerbPattern {
  std::string code;                 // CAMEO code
  const CameoCode* cameo = nullptr;
  std::vector<WordId> words;        // words[0] is the verb lemma; the rest must follow in order
  bool ends_in_preposition = false;  // the target is the noun phrase after the last word
  WordSignature needs;               // words[1..] but `*`
  std::string text;                 // as written in the dictionary
  uint32_t source = 0;
};

struct Place {
  std::string country;  // ISO 3166-1 alpha-3
  double latitude = 0, longitude = 0;
  std::string name;     // the first phrase of its line: the place's main name
  uint32_t source = 0;
};

// A verb's patterns are tried in this compact form first: the signature test touches only this array.
struct PatternRef {
  uint32_t index;
  WordSignature needs;
};

struct DictionaryOptions {
  std::string data_dir;         // holds dict/ and cameo/; empty = DefaultDataDir()
  std::string user_dict_dir;    // optional overlay with its own actors.txt / agents.txt / verbs.txt
  std::string lemma_table;      // empty = DefaultGeneratedDir() + "/lemmas.tsv"
  bool keep_going = false;      // collect every error instead of failing (for `dyad dict check`)
};

// Per-token lookup results for one sentence: the token's word id (for lemmas and classes) and its matching key
// (the word id, or the case-sensitive id for short acronyms such as "US" and "WHO").
struct TokenKeys {
  std::vector<WordId> words;
  std::vector<WordId> keys;
  std::vector<text::Lexeme> lexemes;  // copied once per token: later stages read them without a cache miss
  std::vector<text::Lexicon::Probe> probes;  // scratch
  void clear() {
    words.clear();
    keys.clear();
    lexemes.clear();
  }
};

class Dictionary {
 public:
  static Result<std::unique_ptr<Dictionary>> Load(const DictionaryOptions& options);

  const text::Lexicon& lexicon() const { return lexicon_; }
  const CameoTable& cameo() const { return cameo_; }
  const PhraseMatcher& actors() const { return actor_matcher_; }
  const PhraseMatcher& agents() const { return agent_matcher_; }
  const PhraseMatcher& places() const { return place_matcher_; }
  const Place& place(uint32_t phrase) const { return places_[phrase]; }

  std::span<const ActorSpell> ActorSpells(uint32_t phrase) const { return actor_spells_[phrase]; }
  // The spell that holds on `date`: a dated spell containing it, else the undated fallback, else nullptr.
  const ActorSpell* ResolveActor(uint32_t phrase, Date date) const;
  const AgentEntry& Agent(uint32_t phrase) const { return agent_entries_[phrase]; }

  // Patterns whose verb is `verb_lemma`, longest first.
  std::span<const PatternRef> PatternsForVerb(WordId verb_lemma) const;
  const VerbPattern& pattern(uint32_t index) const { return patterns_[index]; }
  size_t pattern_count() const { return patterns_.size(); }

  // "data/dict/actors/people.txt:12"
  const std::string& source(uint32_t index) const { return sources_[index]; }
  // The word id of `*` in patterns: any words up to the next pattern word.
  WordId wildcard() const { return wildcard_; }

  void ComputeKeys(const text::TokenizedSentence& sentence, TokenKeys& out) const;

  // Problems found while loading with keep_going (file:line: message).
  const std::vector<std::string>& errors() const { return errors_; }

  struct Stats {
    size_t actor_phrases = 0, actor_spells = 0, dated_spells = 0, agent_phrases = 0, verb_patterns = 0;
    size_t lexicon_words = 0;
    size_t places = 0;
  };
  Stats stats() const;

 private:
  Dictionary() = default;
  Status LoadLexicon(const DictionaryOptions& options);
  void AddActors(const DictionaryText& text, bool overlay);
  void AddAgents(const DictionaryText& text, bool overlay);
  void AddPatterns(const DictionaryText& text);
  void TeachVerb(const std::string& verb);
  void AddPlaces(const DictionaryText& text, bool overlay);
  // Entries of every kind but places must not carry coordinates.
  void RejectLocations(const DictionaryText& text, const char* kind);
  // Tokenizes and interns a dictionary phrase; empty on failure (with an error recorded).
  std::vector<WordId> PhraseKeys(std::string_view phrase, const RawEntry& where);
  uint32_t AddSource(const RawEntry& entry);

  text::Lexicon lexicon_;
  CameoTable cameo_;
  PhraseMatcher actor_matcher_, agent_matcher_, place_matcher_;
  std::vector<Place> places_;  // by place phrase id
  std::vector<std::vector<ActorSpell>> actor_spells_;  // by actor phrase id
  std::vector<AgentEntry> agent_entries_;              // by agent phrase id
  std::vector<VerbPattern> patterns_;
  std::unordered_map<WordId, std::vector<PatternRef>> patterns_by_verb_;
  std::vector<std::string> sources_;
  WordId wildcard_ = text::kNoWord;
  std::vector<std::string> errors_;
};

// The prefix that marks the case-sensitive key of a short all-caps acronym in the lexicon.
inline constexpr std::string_view kCaseSensitivePrefix = "\x01";

}  // namespace dyad::dict

#endif  // DYAD_DICT_DICTIONARY_H_
