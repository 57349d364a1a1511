// Sentence -> events: finds actor mentions (names, demonyms with agents, metonyms, organisations), verb groups
// with their auxiliaries, negation and modality, matches verb patterns, and assigns source and target by clause
// position (subject, object, prepositional target, passive by-agent).
// A Coder holds scratch buffers: use one per thread. The Dictionary it reads is shared and immutable.
#ifndef DYAD_CODER_CODER_H_
#define DYAD_CODER_CODER_H_

#include <string>
#include <vector>

#include "dyad/coder/event.h"
#include "dyad/dict/dictionary.h"
#include "dyad/text/sentence_splitter.h"
#include "dyad/text/tokenizer.h"

namespace dyad::coder {

// A noun phrase that names an actor.
struct Mention {
  uint32_t begin = 0;  // tokens [begin, end)
  uint32_t end = 0;
  std::string code;    // resolved actor code, e.g. "PRKMIL"
  uint32_t actor_phrase = ~0u;  // the actor phrase that gave the country/name (for explain)
  uint32_t agent_phrase = ~0u;  // the agent phrase that gave the sector, if any
  bool person = false;          // named by a person's entry (for "he", "she" and bare surnames later)
  bool pronoun = false;         // a pronoun or surname resolved to an earlier actor
  // An agent with no actor in its phrase ("police", "the rebels"): the code is the sector, prefixed with a country
  // only when the sentence locates the agent (LocateAgents).
  bool agent_only = false;
  bool countryless() const { return agent_only && code.size() == 3; }
};

// What the coder decided and why, for `dyad explain`. Filled only when a Trace is passed.
struct Trace {
  std::vector<std::string> lines;
};

struct CoderStats {
  uint64_t articles = 0;
  uint64_t sentences = 0;
  uint64_t bytes = 0;
  uint64_t events = 0;
};

class Coder {
 public:
  explicit Coder(const dict::Dictionary& dictionary) : dict_(dictionary) {}

  // Appends the events of `article` in sentence order.
  void CodeArticle(const Article& article, std::vector<Event>& events, Trace* trace = nullptr);

  // Resolves a phrase (one noun phrase) as the coder would inside a sentence: for `dyad dict lookup`.
  // Returns false when no actor is named.
  bool ResolvePhrase(std::string_view phrase, Date date, Mention& mention);

  const CoderStats& stats() const { return stats_; }
  // Adds another coder's counts (for a summary over worker threads).
  void AddStats(const CoderStats& other) {
    stats_.articles += other.articles;
    stats_.sentences += other.sentences;
    stats_.bytes += other.bytes;
    stats_.events += other.events;
  }

 private:
  struct VerbGroup;
  void CodeSentence(const Article& article, std::string_view text, uint32_t sentence_index, Date date,
                    std::vector<Event>& events, Trace* trace);
  void FindMentions(Date date);
  void FindPlaces();
  // Gives an agent-only mention of a home sector the country a place puts it in ("police in Tehran"), else the
  // sentence's one country (dateline and places), unless an actor of another country is named beside it.
  void LocateAgents();
  Location LocationFor(uint32_t verb) const;
  Date DateFor(uint32_t verb, Date article_date, Mode mode);
  void MergeRepeatedEvents(std::vector<Event>& events, size_t first_event) const;
  bool ComposeMention(Mention& mention, Date date) const;
  bool MatchPattern(const dict::VerbPattern& pattern, uint32_t verb, uint32_t& end) const;
  int MentionStartingAt(uint32_t token, uint32_t max_skip) const;
  // The subject of a verb group starting at `token`: the nearest actor to the left in the clause, past
  // parentheticals (", who ...,", ", the Russian foreign minister,") and restrictive relatives ("the troops that
  // Russia sent"); a pronoun resolves to an earlier actor of the article.
  int SubjectBefore(uint32_t token);
  int ResolvePronoun(uint32_t token, const std::string& not_code = "");
  // "the president", "the group", "the country" with no name: the most recent actor of that kind.
  int ResolveDefinite(uint32_t begin, uint32_t end);
  // The actors coordinated with mention `m` ("X and Y", "X, Y and Z"), `m` first; at most kMaxConjuncts.
  // Gives a bare demonym conjunct the sector of the last one ("Japanese and South Korean officials").
  std::vector<int> Conjuncts(int m, bool leftward);
  std::vector<int> CapConjuncts(std::vector<int> list) const;
  void AddSurnameMentions();
  void RememberMentions();
  bool AfterPreposition(uint32_t token) const;
  // The mention at `token`: a named one, else an agent-only one; -1 when none.
  int MentionAt(uint32_t token) const;
  bool IsVerbCandidate(uint32_t token) const;
  uint32_t Flags(uint32_t token) const;

  const dict::Dictionary& dict_;
  // Scratch, reused across sentences.
  std::vector<text::Span> sentences_;
  text::TokenizedSentence tokens_;
  dict::TokenKeys keys_;
  std::vector<dict::PhraseHit> actor_hits_, agent_hits_;
  std::vector<int32_t> token_actor_;  // by token: index into actor_hits_ of the chosen hit, or -1
  std::vector<int32_t> token_agent_;
  std::vector<int32_t> token_mention_;  // by token: index into mentions_, or -1
  // By token: index into mentions_ of an agent-only mention, or -1. Kept apart from token_mention_ so that an agent
  // alone is used only where no named actor, pronoun or definite description fills the role.
  std::vector<int32_t> token_agent_only_;
  std::vector<Mention> mentions_;
  std::vector<dict::PhraseHit> place_hits_;
  struct LocatedPlace {
    uint32_t hit;          // index into place_hits_
    uint32_t preposition;  // token of its "in", "at", "near" ...
  };
  std::vector<LocatedPlace> location_hits_;  // places after "in", "at", "near" ...
  dict::WordSignature sentence_words_;    // every form and lemma in the sentence
  std::vector<std::string_view> folded_;  // the sentence's folded tokens, for date expressions
  Location dateline_;                     // the place of the article's dateline, if any
  // Actors named earlier in the article, most recent last: what pronouns and bare surnames refer to.
  struct Remembered {
    std::string code;
    bool person;
    uint32_t sentence;
    bool subject;  // the source of an event, or the sentence's first actor: what a pronoun most likely means
    bool countryless;  // an agent alone: only "they" and "them" refer to it
  };
  std::vector<Remembered> memory_;
  std::vector<std::pair<text::WordId, std::string>> surnames_;  // person name part -> code, most recent last
  uint32_t sentence_index_ = 0;
  CoderStats stats_;
};

}  // namespace dyad::coder

#endif  // DYAD_CODER_CODER_H_
