// Briefs: an analyst's note on a relationship (A and B), an actor, or an article, in four sections (What's
// Happening? / Why It's Important? / What's Next? / Beyond the Headlines). Every sentence rests on cited
// evidence: an article's sentence, a knowledge-base entry, or a reproducible query of the store's events; a
// claim without one is not written. The same store and request give the same brief. docs/briefs.md describes
// what goes where.
#ifndef DYAD_BRIEF_BRIEF_H_
#define DYAD_BRIEF_BRIEF_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/analytics/actor_spec.h"
#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/brief/names.h"
#include "dyad/knowledge/knowledge_base.h"
#include "dyad/store/event_store.h"

namespace dyad::brief {

struct BriefRequest {
  enum class Kind { kDyad, kActor, kArticle };
  Kind kind = Kind::kDyad;
  analytics::ActorSpec a, b;  // kDyad: the pair; kActor: `a`
  std::string article;        // kArticle: the store id or the article's own id
  std::optional<Date>
      as_of;             // the brief's date; default: the store's last day (kArticle: the article's date)
  int window_days = 30;  // "the latest": the window ending at as_of
};

// What a [n] resolves to.
struct Citation {
  enum class Kind { kArticle, kKnowledge, kEvents };
  Kind kind = Kind::kEvents;
  std::string key;  // identity: the same evidence is cited under one number
  // kArticle: the article and the sentence quoted.
  int64_t article_id = 0;
  std::string title, source, url;
  Date date;
  std::string quote;  // kArticle: the sentence; kKnowledge: the fact's sentence
  // kKnowledge
  std::string fact_id, authority;
  // kEvents: what the store holds (events imported without text cite this way, with their dataset id and
  // URL).
  std::string description;  // "23 events between North Korea and Russia, 2026-10-30 to 2026-11-28"
  std::string query;        // the dyad command that lists them
};

struct BriefSentence {
  std::string text;
  std::vector<int> citations;  // 1-based numbers into Brief::citations
};

struct BriefSection {
  std::string heading;
  std::vector<BriefSentence> sentences;
};

struct Brief {
  std::string title;
  Date as_of, from;                    // the window of "the latest"
  std::vector<BriefSection> sections;  // the four, in order
  std::vector<Citation> citations;
};

inline constexpr const char* kSectionHeadings[4] = {"What's Happening?", "Why It's Important?",
                                                    "What's Next?", "Beyond the Headlines"};

struct BriefContext {
  store::EventStore& store;
  const knowledge::KnowledgeBase& kb;
  const ActorNames& names;
  const EventPhrases& phrases;
};

// Refresh the store's aggregates first (EventStore::RefreshAggregates).
Result<Brief> WriteBrief(const BriefContext& context, const BriefRequest& request);

std::string RenderMarkdown(const Brief& brief);
std::string RenderHtml(const Brief& brief);
std::string RenderJson(const Brief& brief);

// A window of days as the CLI and the API take it: "30d" or "30", 1 to 3660 days.
Result<int> ParseWindowDays(std::string_view text);

// "28 November 2026".
std::string LongDate(Date d);

}  // namespace dyad::brief

#endif  // DYAD_BRIEF_BRIEF_H_
