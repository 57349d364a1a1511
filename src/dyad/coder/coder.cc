#include "dyad/coder/coder.h"

#include <fmt/format.h>

#include <algorithm>

#include "dyad/coder/dates.h"
#include "dyad/text/utf8.h"

namespace dyad::coder {
namespace {

using text::WordId;

constexpr uint32_t kNone = ~0u;

// How far the parser looks for a subject to the left of a verb group, in tokens.
constexpr uint32_t kSubjectWindow = 16;
// How many modifiers may stand between a verb and the noun of its pattern ("imposed new economic sanctions").
constexpr uint32_t kMaxModifiers = 6;
// How many words a `*` in a pattern may stand for ("returned 12 ancient artefacts, seized in 2019, to").
constexpr uint32_t kMaxWildcard = 14;
// Coordinated actors per side ("X, Y and Z met W"): more are usually a list of members, coded by its first three
// so that one summit statement cannot turn into dozens of events.
constexpr size_t kMaxConjuncts = 3;
// How far a list is followed before it is judged a membership list (then a group named before it stands for it).
constexpr size_t kMaxListed = 12;

}  // namespace

const char* ModeName(Mode mode) {
  switch (mode) {
    case Mode::kAsserted:
      return "asserted";
    case Mode::kFuture:
      return "future";
    case Mode::kHypothetical:
      return "hypothetical";
  }
  return "asserted";
}

uint32_t Coder::Flags(uint32_t token) const { return keys_.lexemes[token].flags; }

void Coder::CodeArticle(const Article& article, std::vector<Event>& events, Trace* trace) {
  ++stats_.articles;
  stats_.bytes += article.text.size();
  // Invalid UTF-8 is repaired into a copy; offsets are mapped back so evidence points into the original bytes.
  const bool valid = text::IsValidUtf8(article.text);
  text::RepairedText repaired;
  if (!valid) repaired = text::RepairedText::Repair(article.text);
  std::string_view text = valid ? std::string_view(article.text) : std::string_view(repaired.text());

  sentences_.clear();
  text::SplitSentences(text, sentences_);
  const size_t first_event = events.size();
  dateline_ = Location();
  memory_.clear();
  surnames_.clear();
  for (uint32_t i = 0; i < sentences_.size(); ++i) {
    CodeSentence(article, text, i, article.date, events, trace);
  }
  stats_.sentences += sentences_.size();
  MergeRepeatedEvents(events, first_event);
  for (size_t e = first_event; e < events.size(); ++e) {
    Event& event = events[e];
    event.event_id = fmt::format("{}-{}-{}", article.id, event.sentence, e - first_event);
    if (!valid) {
      auto map = [&](text::Span& span) {
        span.begin = static_cast<uint32_t>(repaired.ToOriginal(span.begin));
        span.end = static_cast<uint32_t>(repaired.ToOriginal(span.end));
      };
      map(event.evidence);
      for (EventMention& m : event.mentions) map(m.evidence);
    }
  }
  stats_.events += events.size() - first_event;
}

// The same event told again in a later sentence (same source, target, code, date and mode) is one event with
// several mentions: news repeats its lead. The first telling keeps its place and evidence.
void Coder::MergeRepeatedEvents(std::vector<Event>& events, size_t first_event) const {
  size_t kept = first_event;
  for (size_t e = first_event; e < events.size(); ++e) {
    Event& event = events[e];
    bool merged = false;
    for (size_t k = first_event; k < kept; ++k) {
      Event& earlier = events[k];
      if (earlier.source == event.source && earlier.target == event.target && earlier.cameo == event.cameo &&
          earlier.date == event.date && earlier.mode == event.mode && earlier.sentence != event.sentence) {
        earlier.mentions.push_back({event.sentence, event.evidence});
        earlier.confidence = std::max(earlier.confidence, event.confidence);
        if (!earlier.location.known()) earlier.location = event.location;
        merged = true;
        break;
      }
    }
    if (!merged) {
      if (kept != e) events[kept] = std::move(event);
      ++kept;
    }
  }
  events.resize(kept);
}

// Places the text puts events at: a place name right after "in", "at", "near" ... (a determiner or a compass
// adjective may stand between: "in the northern city of", "in eastern Kharkiv").
void Coder::FindPlaces() {
  place_hits_.clear();
  location_hits_.clear();
  dict_.places().FindLongestAt(keys_.keys, place_hits_);
  uint32_t covered = 0;
  for (uint32_t h = 0; h < place_hits_.size(); ++h) {
    const dict::PhraseHit& hit = place_hits_[h];
    if (hit.begin < covered) continue;
    covered = hit.end;
    uint32_t k = hit.begin;
    while (k > 0 && hit.begin - k < 3) {
      std::string_view w = tokens_.Folded(k - 1);
      if (w == "the" || w == "northern" || w == "southern" || w == "eastern" || w == "western" ||
          w == "central" || w == "north" || w == "south" || w == "east" || w == "west" || w == "capital" ||
          w == "city" || w == "of" || w == "port" || w == "region" || w == "town" || w == "province") {
        --k;
      } else {
        break;
      }
    }
    if (k == 0) continue;
    std::string_view prep = tokens_.Folded(k - 1);
    if (prep == "in" || prep == "at" || prep == "near" || prep == "outside" || prep == "inside" ||
        prep == "around" || prep == "across" || prep == "off") {
      location_hits_.push_back({h, k - 1});
    }
  }
}

Location Coder::LocationFor(uint32_t verb) const {
  // The located place nearest the verb, in the sentence; else the article's dateline.
  const dict::PhraseHit* best = nullptr;
  uint32_t best_distance = ~0u;
  for (const LocatedPlace& located : location_hits_) {
    const dict::PhraseHit& hit = place_hits_[located.hit];
    uint32_t distance = hit.begin > verb ? hit.begin - verb : verb - hit.begin;
    if (distance < best_distance) {
      best_distance = distance;
      best = &hit;
    }
  }
  if (best == nullptr) return dateline_;
  const dict::Place& place = dict_.place(best->phrase);
  return {place.name, place.country, place.latitude, place.longitude};
}

Date Coder::DateFor(uint32_t verb, Date article_date, Mode mode) {
  std::vector<DateMention> dates = FindDates(folded_, article_date, mode != Mode::kAsserted);
  if (dates.empty()) return article_date;
  // A date in the verb's own clause wins: in "X said on Wednesday that Y had attacked Z on Tuesday" the attack
  // is Tuesday's. The clause runs from the last "that"/";" before the verb to the next one after it.
  const uint32_t n = static_cast<uint32_t>(folded_.size());
  uint32_t clause_begin = verb, clause_end = verb;
  while (clause_begin > 0 && folded_[clause_begin - 1] != "that" && folded_[clause_begin - 1] != ";") --clause_begin;
  while (clause_end < n && folded_[clause_end] != "that" && folded_[clause_end] != ";") ++clause_end;
  const DateMention* best = nullptr;
  uint32_t best_score = ~0u;
  for (const DateMention& d : dates) {
    uint32_t distance = d.begin > verb ? d.begin - verb : verb - d.end;
    bool same_clause = d.begin >= clause_begin && d.end <= clause_end;
    uint32_t score = distance + (same_clause ? 0 : 1000);
    if (score < best_score) {
      best_score = score;
      best = &d;
    }
  }
  return best->date;
}

void Coder::FindMentions(Date date) {
  const uint32_t n = static_cast<uint32_t>(tokens_.tokens.size());
  actor_hits_.clear();
  agent_hits_.clear();
  dict_.actors().FindLongestAt(keys_.keys, actor_hits_);
  dict_.agents().FindLongestAt(keys_.keys, agent_hits_);
  token_actor_.assign(n, -1);
  token_agent_.assign(n, -1);
  token_mention_.assign(n, -1);
  token_agent_only_.assign(n, -1);
  mentions_.clear();

  // Longest match, left to right, no overlaps: actors first, then agents in the gaps.
  uint32_t covered = 0;
  for (size_t h = 0; h < actor_hits_.size(); ++h) {
    const dict::PhraseHit& hit = actor_hits_[h];
    if (hit.begin < covered) continue;
    // A name must not start in the middle of a hyphenated or possessive construction we cannot see; the
    // tokenizer keeps those whole, so a hit on token boundaries is a real one.
    for (uint32_t t = hit.begin; t < hit.end; ++t) token_actor_[t] = static_cast<int32_t>(h);
    covered = hit.end;
  }
  for (size_t h = 0; h < agent_hits_.size(); ++h) {
    const dict::PhraseHit& hit = agent_hits_[h];
    bool free = true;
    for (uint32_t t = hit.begin; t < hit.end; ++t) free = free && token_actor_[t] < 0 && token_agent_[t] < 0;
    if (!free) continue;
    for (uint32_t t = hit.begin; t < hit.end; ++t) token_agent_[t] = static_cast<int32_t>(h);
  }

  // Group hits and the glue between them into noun phrases: "Chinese President Xi Jinping",
  // "North Korea's foreign ministry", "the foreign minister of Russia".
  auto is_hit = [&](uint32_t t) { return token_actor_[t] >= 0 || token_agent_[t] >= 0; };
  auto is_glue = [&](uint32_t t) {
    const text::Token& tok = tokens_.tokens[t];
    if (tok.kind == text::TokenKind::kPossessive) return true;
    uint32_t f = Flags(t);
    if (f & (text::kAdjective | text::kNumberWord)) return true;
    if (tok.kind == text::TokenKind::kNumber) return false;
    // Capitalised words inside a name: titles and name parts the dictionary does not list ("Deputy", "Supreme").
    return tok.kind == text::TokenKind::kWord && (tok.shape & text::kCapitalized) && t > 0 &&
           !(f & (text::kPreposition | text::kConjunction | text::kDeterminer | text::kAnyVerb));
  };
  uint32_t t = 0;
  while (t < n) {
    if (!is_hit(t)) {
      ++t;
      continue;
    }
    Mention m;
    m.begin = t;
    uint32_t last_hit_end = t;
    uint32_t k = t;
    while (k < n) {
      if (is_hit(k)) {
        ++k;
        last_hit_end = k;
      } else if (is_glue(k)) {
        ++k;
      } else if (keys_.words[k] != text::kNoWord && dict_.lexicon().Text(keys_.words[k]) == "of" &&
                 k + 1 < n && token_actor_[k + 1] >= 0 && token_agent_[k - 1] >= 0) {
        ++k;  // "the foreign minister of Russia"
      } else {
        break;
      }
    }
    m.end = last_hit_end;
    // Take in a determiner or adjectives just before the first hit ("the Kremlin", "fellow Russian troops").
    while (m.begin > 0 && (Flags(m.begin - 1) & (text::kDeterminer | text::kAdjective)) &&
           token_mention_[m.begin - 1] < 0) {
      --m.begin;
    }
    // "met Kim in Beijing": a capital after "in" is where, not who.
    bool located = false;
    for (const LocatedPlace& place : location_hits_) {
      const dict::PhraseHit& hit = place_hits_[place.hit];
      if (hit.begin <= m.begin + 1 && hit.end == m.end && hit.begin >= m.begin) located = true;
    }
    if (!located && ComposeMention(m, date)) {
      std::vector<int32_t>& by_token = m.agent_only ? token_agent_only_ : token_mention_;
      for (uint32_t i = m.begin; i < m.end; ++i) by_token[i] = static_cast<int32_t>(mentions_.size());
      mentions_.push_back(std::move(m));
    }
    t = last_hit_end;
  }
}

// The code of a noun phrase: a named actor (person, organisation, metonym) wins; a country with an agent becomes
// country + sector ("North Korean troops" -> PRKMIL); an agent alone is its sector ("police" -> COP), marked
// agent_only, except a company (BUS is no political actor on its own) and an agent beside a name the dictionaries
// lack: a capitalised word that is no agent, a weekday or a month, in the phrase or right beside it ("General
// Motors", "Police Commissioner Jane Doe", "the Soviet troops"), or a compound such as "U.S.-led forces".
bool Coder::ComposeMention(Mention& m, Date date) const {
  const dict::ActorSpell* named = nullptr;
  const dict::ActorSpell* country = nullptr;
  std::string_view sector;
  bool sector_after_named = false;
  for (uint32_t t = m.begin; t < m.end; ++t) {
    if (token_actor_[t] >= 0 && (t == m.begin || token_actor_[t] != token_actor_[t - 1])) {
      uint32_t phrase = actor_hits_[token_actor_[t]].phrase;
      const dict::ActorSpell* spell = dict_.ResolveActor(phrase, date);
      if (spell == nullptr) continue;
      if (spell->code.size() == 3) {
        country = spell;
        if (named == nullptr) m.actor_phrase = phrase;
      } else {
        named = spell;
        m.actor_phrase = phrase;
        sector_after_named = false;
      }
    } else if (token_agent_[t] >= 0 && (t == m.begin || token_agent_[t] != token_agent_[t - 1])) {
      uint32_t phrase = agent_hits_[token_agent_[t]].phrase;
      sector = dict_.Agent(phrase).sector;
      m.agent_phrase = phrase;
      sector_after_named = named != nullptr;
    }
  }
  if (named != nullptr) {
    m.code = named->code;
    m.person = named->person;
    // An organisation or armed group with an agent: "NATO troops" -> IGONATMIL.
    if (sector_after_named && named->code.size() == 6 &&
        (named->code.starts_with("IGO") || named->code.starts_with("NGO") || named->code.starts_with("IMG"))) {
      m.code += sector;
    }
    return true;
  }
  if (country != nullptr) {
    m.code = country->code;
    if (!sector.empty()) m.code += sector;
    return true;
  }
  if (sector.empty() || sector == "BUS") return false;
  const uint32_t n = static_cast<uint32_t>(tokens_.tokens.size());
  for (uint32_t t = std::max(m.begin, 2u) - 1; t <= m.end && t < n; ++t) {
    const text::Token& tok = tokens_.tokens[t];
    if (token_agent_[t] < 0 && tok.kind == text::TokenKind::kWord && (tok.shape & text::kCapitalized) &&
        WeekdayNumber(tokens_.Folded(t)) < 0 && MonthNumber(tokens_.Folded(t)) == 0) {
      return false;
    }
  }
  if (m.begin >= 2 && tokens_.Folded(m.begin - 2) == "-" &&
      tokens_.tokens[m.begin - 2].span.end == tokens_.tokens[m.begin - 1].span.begin) {
    return false;
  }
  m.code = sector;
  m.agent_only = true;
  return true;
}

namespace {

// Sectors whose members usually act at home, so that where they are says whose they are: police in Tehran are
// Iran's police. Armed forces, spies, journalists, refugees and rights groups often act abroad.
bool IsHomeSector(std::string_view sector) {
  return sector != "MIL" && sector != "SPY" && sector != "MED" && sector != "REF" && sector != "HRI";
}

std::string_view CountryOf(std::string_view code) {
  if (code.size() < 3 || code.starts_with("IGO") || code.starts_with("NGO") || code.starts_with("IMG")) return {};
  return code.substr(0, 3);
}

}  // namespace

void Coder::LocateAgents() {
  // The sentence's one country: the dateline's and every located place's must agree, and no actor of another
  // country may be named in the sentence ("Israeli troops killed militants in Gaza": whose militants is a guess).
  // An actor never lends its country: "Pakistani soldiers were killed by militants" says nothing of theirs.
  std::string_view home = dateline_.known() ? std::string_view(dateline_.country) : std::string_view();
  bool ambiguous = false;
  for (const LocatedPlace& located : location_hits_) {
    std::string_view country = dict_.place(place_hits_[located.hit].phrase).country;
    if (home.empty()) home = country;
    ambiguous |= country != home;
  }
  for (const Mention& m : mentions_) {
    std::string_view country = m.agent_only ? std::string_view() : CountryOf(m.code);
    ambiguous |= !country.empty() && country != home;
  }
  for (Mention& m : mentions_) {
    if (!m.countryless() || !IsHomeSector(m.code)) continue;
    // "Police in Tehran arrested", "rebels in eastern Congo said": the place right after a subject says whose it
    // is. After the verb it is where the event happened ("killed militants in Gaza").
    std::string_view country;
    for (const LocatedPlace& located : location_hits_) {
      if (located.preposition != m.end || folded_[m.end] != "in") continue;
      bool subject = true;
      for (uint32_t t = 0; t < m.begin && subject; ++t) subject = !IsVerbCandidate(t);
      if (subject) country = dict_.place(place_hits_[located.hit].phrase).country;
    }
    if (country.empty() && !ambiguous) country = home;
    if (!country.empty()) m.code = std::string(country) + m.code;
  }
}

int Coder::MentionStartingAt(uint32_t token, uint32_t max_skip) const {
  const uint32_t n = static_cast<uint32_t>(tokens_.tokens.size());
  for (uint32_t i = token; i < n && i <= token + max_skip; ++i) {
    if (MentionAt(i) >= 0) return MentionAt(i);
    uint32_t f = Flags(i);
    if (!(f & (text::kDeterminer | text::kAdjective | text::kNumberWord)) &&
        tokens_.tokens[i].kind != text::TokenKind::kNumber) {
      return -1;
    }
  }
  return -1;
}

int Coder::MentionAt(uint32_t token) const {
  return token_mention_[token] >= 0 ? token_mention_[token] : token_agent_only_[token];
}

namespace {

bool IsRelativePronoun(std::string_view w) {
  return w == "who" || w == "which" || w == "whose" || w == "whom" || w == "where" || w == "that";
}

}  // namespace

// A preposition right before `token`, except the "of" after a quantity ("hundreds of", "200 of", "a group of"),
// whose noun is the head of the phrase.
bool Coder::AfterPreposition(uint32_t token) const {
  if (token == 0 || !(Flags(token - 1) & text::kPreposition) ||
      tokens_.tokens[token - 1].kind != text::TokenKind::kWord) {
    return false;
  }
  if (token < 2 || tokens_.Folded(token - 1) != "of") return true;
  if (tokens_.tokens[token - 2].kind == text::TokenKind::kNumber || (Flags(token - 2) & text::kNumberWord)) return false;
  std::string_view w = tokens_.Folded(token - 2);
  return !(w == "dozens" || w == "hundreds" || w == "thousands" || w == "tens" || w == "scores" || w == "group" ||
           w == "groups" || w == "crowd" || w == "crowds");
}

int Coder::SubjectBefore(uint32_t token) {
  int apposed = -1;  // the actor of a skipped apposition: the subject when the name before it is unknown
  // "The troops that Moscow massed near Kharkiv attacked": a relative clause with a verb of its own stands between
  // the subject and the verb. The subject is the noun phrase before "that"; a bare agent there takes its country
  // from the clause's own subject (the troops Moscow massed are Russian troops).
  for (uint32_t r = token; r > 0 && token - r < 20; --r) {
    std::string_view w = folded_[r - 1];
    if (w == "," || w == ";" || w == "\"") break;
    if (w != "that" && w != "which" && w != "who" && w != "whom") continue;
    uint32_t rel = r - 1;
    bool verb_inside = false;
    for (uint32_t x = rel + 1; x < token; ++x) verb_inside |= token_mention_[x] < 0 && IsVerbCandidate(x);
    if (!verb_inside || rel == 0) break;
    uint32_t head_end = rel;
    if (token_mention_[head_end - 1] >= 0) return token_mention_[head_end - 1];
    if (token_agent_[head_end - 1] >= 0) {
      int clause_subject = -1;
      for (uint32_t x = rel + 1; x < token && clause_subject < 0; ++x) clause_subject = token_mention_[x];
      if (clause_subject >= 0 && !mentions_[clause_subject].pronoun) {
        uint32_t head_begin = head_end - 1;
        while (head_begin > 0 && (token_agent_[head_begin - 1] >= 0 || (Flags(head_begin - 1) & text::kDeterminer))) --head_begin;
        Mention composed;
        composed.begin = head_begin;
        composed.end = head_end;
        composed.code = mentions_[clause_subject].code.substr(0, 3) +
                        std::string(dict_.Agent(agent_hits_[token_agent_[head_end - 1]].phrase).sector);
        composed.agent_phrase = agent_hits_[token_agent_[head_end - 1]].phrase;
        mentions_.push_back(composed);
        return static_cast<int>(mentions_.size() - 1);
      }
    }
    return token_agent_only_[head_end - 1];
  }
  uint32_t k = token;
  while (k > 0 && token - k < 2 * kSubjectWindow) {
    uint32_t i = k - 1;
    std::string_view w = folded_[i];
    if (w == ";" || w == ":" || w == "\"") return -1;
    if (w == "," || w == "--" || w == ")") {
      // A parenthetical closed by this comma: skip it when it is a relative clause or an apposition.
      uint32_t j = i;
      while (j > 0 && i - j < 25 && folded_[j - 1] != "," && folded_[j - 1] != "--" && folded_[j - 1] != "(") --j;
      if (j > 0 && j < i) {
        bool relative = IsRelativePronoun(folded_[j]);
        bool apposition = token_mention_[j] >= 0 || (Flags(j) & text::kDeterminer);
        for (uint32_t x = j; apposition && x < i; ++x) {
          if (token_mention_[x] < 0 && IsVerbCandidate(x) && (Flags(x) & (text::kVerbPast | text::kVerb3sg))) {
            apposition = false;
          }
        }
        if (relative || apposition) {
          if (apposition && apposed < 0) {
            for (uint32_t x = j; x < i && apposed < 0; ++x) apposed = token_mention_[x];
          }
          k = j - 1;  // continue left of the opening comma
          continue;
        }
      }
    }
    if (token_mention_[i] >= 0) {
      int m = token_mention_[i];
      uint32_t before = mentions_[m].begin;
      // An actor right after a preposition is its object, never the subject ("soldiers deployed to Russia
      // attacked"); "by" is the exception only for passives, handled by the caller.
      if (before > 0 && (Flags(before - 1) & text::kPreposition) && tokens_.tokens[before - 1].kind == text::TokenKind::kWord) {
        k = before;
        if (k > 0) --k;
        continue;
      }
      if (before > 0 && IsRelativePronoun(folded_[before - 1]) && before >= 2) {
        bool verb_between = false;
        for (uint32_t x = mentions_[m].end; x < token; ++x) verb_between |= IsVerbCandidate(x);
        if (verb_between) {
          k = before - 1;
          continue;
        }
      }
      return m;
    }
    if (tokens_.tokens[i].kind == text::TokenKind::kWord && (Flags(i) & text::kPronoun) &&
        !IsRelativePronoun(w)) {
      return ResolvePronoun(i);
    }
    // "The prime minister held talks", "the group accused": a definite noun phrase without a name.
    if (token_mention_[i] < 0 && (token_agent_[i] >= 0 || w == "country" || w == "nation" || w == "alliance" ||
                                  w == "bloc" || w == "group")) {
      uint32_t b = i;
      while (b > 0 && (token_agent_[b - 1] >= 0 || (Flags(b - 1) & text::kAdjective)) && token_mention_[b - 1] < 0) --b;
      if (b > 0 && folded_[b - 1] == "the") {
        int m = ResolveDefinite(b - 1, i + 1);
        if (m >= 0) return m;
      }
      // "Hezbollah and allied militias fired": a nameless conjunct; the named one before "and" is the subject.
      if (b > 1 && folded_[b - 1] == "and" && token_mention_[b - 2] >= 0) return token_mention_[b - 2];
      // An agent alone ("Police arrested") is the subject unless a preposition governs it ("the attack on police
      // killed"); after a quantity the agent is the head ("Thousands of protesters marched").
      const int agent = token_agent_only_[i];
      if (apposed >= 0 || agent < 0 || AfterPreposition(mentions_[agent].begin)) return apposed;
      return agent;
    }
    --k;
  }
  return apposed;
}

// "he"/"she" is the most recent person; "it"/"they" the most recent country, organisation or group, within the
// last two sentences. Anything else ("we", "I", "you", "one") is not resolved.
int Coder::ResolvePronoun(uint32_t token, const std::string& not_code) {
  std::string_view w = folded_[token];
  bool person;
  if (w == "he" || w == "she" || w == "him" || w == "her") {
    person = true;
  } else if (w == "it" || w == "they" || w == "them") {
    person = false;
  } else {
    return -1;
  }
  // An agent alone ("police", "rebels") is a plural group: only "they" and "them" refer to it.
  const bool plural = w == "they" || w == "them";
  auto make = [&](const std::string& code, bool countryless) {
    Mention resolved;
    resolved.begin = token;
    resolved.end = token + 1;
    resolved.code = code;
    resolved.person = person;
    resolved.pronoun = true;
    resolved.agent_only = countryless;  // "they" for "police" has no country either
    mentions_.push_back(resolved);
    return static_cast<int>(mentions_.size() - 1);
  };
  // This sentence first (an actor left of the pronoun), then the article: the most recent subject of the right
  // kind, else the most recent actor of that kind, within the last two sentences.
  for (int m = static_cast<int>(mentions_.size()) - 1; m >= 0; --m) {
    const Mention& mention = mentions_[m];
    if (mention.end <= token && !mention.pronoun && mention.person == person && mention.code != not_code &&
        (plural || !mention.countryless())) {
      return make(mention.code, mention.countryless());
    }
  }
  const Remembered* any = nullptr;
  for (auto it = memory_.rbegin(); it != memory_.rend(); ++it) {
    if (sentence_index_ - it->sentence > 2) break;
    if (it->person != person || it->code == not_code || (it->countryless && !plural)) continue;
    if (it->subject) return make(it->code, it->countryless);
    if (any == nullptr) any = &*it;
  }
  return any ? make(any->code, any->countryless) : -1;
}

int Coder::ResolveDefinite(uint32_t begin, uint32_t end) {
  std::string sector;
  bool country = false, group = false;
  for (uint32_t t = begin; t < end; ++t) {
    if (token_agent_[t] >= 0) sector = dict_.Agent(agent_hits_[token_agent_[t]].phrase).sector;
    std::string_view w = folded_[t];
    country |= w == "country" || w == "nation";
    group |= w == "alliance" || w == "bloc" || w == "group" || w == "organisation" || w == "organization";
  }
  if (sector.empty() && !country && !group) return -1;
  for (auto it = memory_.rbegin(); it != memory_.rend(); ++it) {
    if (sentence_index_ - it->sentence > 2) break;
    if (it->countryless) continue;
    const std::string& code = it->code;
    bool fits = country  ? code.size() == 3
                : group  ? code.starts_with("IGO") || code.starts_with("NGO") || code.starts_with("IMG") ||
                               std::string_view(code).substr(3) == "REB"
                         : code.size() >= 6 && std::string_view(code).substr(3, 3) == sector;
    if (!fits) continue;
    Mention resolved;
    resolved.begin = begin;
    resolved.end = end;
    resolved.code = code;
    resolved.person = it->person;
    resolved.pronoun = true;
    mentions_.push_back(resolved);
    int m = static_cast<int>(mentions_.size() - 1);
    for (uint32_t t = begin; t < end; ++t) token_mention_[t] = m;
    return m;
  }
  return -1;
}

std::vector<int> Coder::Conjuncts(int m, bool leftward) {
  // Walk the list "A, B and C" from the mention found (C when leftward, A when rightward). A comma joins only inside
  // a list that "and" closes, so "Y attacked Z, X said" is not a list.
  std::vector<int> out{m};
  const uint32_t n = static_cast<uint32_t>(tokens_.tokens.size());
  const Mention& first = mentions_[m];
  if (first.pronoun) return out;
  // "mediated between India and Pakistan": the pair is one party to the act, not two events.
  if (!leftward && first.begin > 0 && folded_[first.begin - (first.begin >= 2 && (Flags(first.begin - 1) & text::kDeterminer) ? 2 : 1)] == "between") {
    return out;
  }
  int current = m;
  bool closed_by_and = false;
  while (out.size() < kMaxListed) {
    const Mention& cur = mentions_[current];
    int next = -1;
    std::string_view sep;
    if (leftward) {
      if (cur.begin < 2) break;
      sep = folded_[cur.begin - 1];
      if (sep != "and" && sep != ",") break;
      if (sep == "," && !closed_by_and) break;
      uint32_t at = cur.begin - 2;
      if (sep == "and" && folded_[at] == "," && at > 0) --at;  // "A, B, and C"
      next = MentionAt(at);
      if (next >= 0 && mentions_[next].end != at + 1) next = -1;
    } else {
      if (cur.end + 1 >= n) break;
      sep = folded_[cur.end];
      if (sep != "and" && sep != ",") break;
      uint32_t at = cur.end + 1;
      if (sep == "," && at + 1 < n && folded_[at] == "and") ++at;
      uint32_t start = at;
      if (at + 1 < n && (Flags(at) & text::kDeterminer)) ++at;
      next = MentionAt(at);
      if (next < 0 || mentions_[next].begin < start) next = -1;
      // A comma-joined mention must go on to "and" or another comma: otherwise it starts a new clause.
      if (next >= 0 && sep == ",") {
        uint32_t after = mentions_[next].end;
        if (after >= n || (folded_[after] != "," && folded_[after] != "and")) next = -1;
      }
    }
    if (next < 0 || next == current || mentions_[next].pronoun) break;
    if (sep == "and") closed_by_and = true;
    bool seen = false;
    for (int o : out) seen |= mentions_[o].code == mentions_[next].code;
    if (!seen) out.push_back(next);
    current = next;
  }
  if (leftward) std::reverse(out.begin(), out.end());
  // "Japanese and South Korean officials": a bare demonym before the last conjunct shares its sector.
  const Mention& last = mentions_[out.back()];
  if (out.size() > 1 && last.code.size() == 6 && last.agent_phrase != kNone) {
    std::string_view sector = std::string_view(last.code).substr(3);
    for (size_t i = 0; i + 1 < out.size(); ++i) {
      Mention& conjunct = mentions_[out[i]];
      if (conjunct.code.size() == 3 && conjunct.agent_phrase == kNone && conjunct.end - conjunct.begin <= 2 &&
          !conjunct.person) {
        conjunct.code += sector;
      }
    }
  }
  return out;
}

// More than kMaxConjuncts coordinated actors are a membership list: the group named just before it ("G7 members
// Britain, Canada, ...") stands for it; without one, the first kMaxConjuncts are kept.
std::vector<int> Coder::CapConjuncts(std::vector<int> list) const {
  if (list.size() <= kMaxConjuncts) return list;
  uint32_t begin = mentions_[list.front()].begin;
  for (uint32_t k = begin; k > 0 && begin - k < 3; --k) {
    int m = token_mention_[k - 1];
    if (m >= 0 && (mentions_[m].code.starts_with("IGO") || mentions_[m].code.starts_with("NGO"))) return {m};
  }
  list.resize(kMaxConjuncts);
  return list;
}

// A bare surname ("Kim", "Lavrov") refers to the person the article named before.
void Coder::AddSurnameMentions() {
  if (surnames_.empty()) return;
  const uint32_t n = static_cast<uint32_t>(tokens_.tokens.size());
  for (uint32_t t = 0; t < n; ++t) {
    if (token_mention_[t] >= 0 || tokens_.tokens[t].kind != text::TokenKind::kWord ||
        !(tokens_.tokens[t].shape & text::kCapitalized) || keys_.words[t] == text::kNoWord) {
      continue;
    }
    for (auto it = surnames_.rbegin(); it != surnames_.rend(); ++it) {
      if (it->first != keys_.words[t]) continue;
      Mention m;
      m.begin = t;
      m.end = t + 1;
      // Take in a title before the name ("President Xi", "Mr. Kim").
      while (m.begin > 0 && token_agent_[m.begin - 1] >= 0 && token_mention_[m.begin - 1] < 0) --m.begin;
      m.code = it->second;
      m.person = true;
      for (uint32_t i = m.begin; i < m.end; ++i) token_mention_[i] = static_cast<int32_t>(mentions_.size());
      mentions_.push_back(std::move(m));
      break;
    }
  }
}

void Coder::RememberMentions() {
  const text::Lexicon& lexicon = dict_.lexicon();
  bool first = true;
  for (const Mention& m : mentions_) {
    if (m.pronoun) continue;
    memory_.push_back({m.code, m.person, sentence_index_, first || m.begin == 0, m.countryless()});
    first = false;
    if (!m.person || m.actor_phrase == kNone) continue;
    // Remember the first and last words of the person's name, unless they are ordinary English words.
    for (uint32_t t = m.begin; t < m.end; ++t) {
      if (token_actor_[t] < 0 || actor_hits_[token_actor_[t]].phrase != m.actor_phrase) continue;
      const dict::PhraseHit& hit = actor_hits_[token_actor_[t]];
      if (hit.end - hit.begin < 2) break;
      for (uint32_t part : {hit.begin, hit.end - 1}) {
        text::WordId w = keys_.words[part];
        if (w == text::kNoWord) continue;
        uint32_t f = lexicon.Get(w).flags;
        if (f & (text::kAnyNoun | text::kAnyVerb | text::kDeterminer | text::kPreposition | text::kPronoun)) continue;
        surnames_.emplace_back(w, m.code);
      }
      break;
    }
  }
  if (memory_.size() > 64) memory_.erase(memory_.begin(), memory_.end() - 32);
  if (surnames_.size() > 64) surnames_.erase(surnames_.begin(), surnames_.end() - 32);
}

bool Coder::IsVerbCandidate(uint32_t v) const {
  const text::Token& tok = tokens_.tokens[v];
  if (tok.kind != text::TokenKind::kWord) return false;
  if (keys_.words[v] == text::kNoWord) return false;
  const text::Lexeme& lexeme = keys_.lexemes[v];
  if (!(lexeme.flags & text::kHasPatterns)) return false;
  if (!(lexeme.flags & text::kAnyVerb) || lexeme.verb_lemma == text::kNoWord) return false;
  if (token_mention_[v] >= 0) return false;
  // A capitalised word inside the sentence is a name ("Mark", "Hope"), not a verb.
  if (v > 0 && (tok.shape & text::kCapitalized) && !(tok.shape & text::kAllCaps)) return false;
  if (v > 0 && token_mention_[v - 1] < 0) {
    // After a determiner, a possessive or an adjective the word is a noun: "the attack", "Russia's attack".
    const text::Token& prev = tokens_.tokens[v - 1];
    if (prev.kind == text::TokenKind::kPossessive) return false;
    uint32_t pf = Flags(v - 1);
    if ((pf & text::kDeterminer) && !(pf & text::kPronoun)) return false;
    if ((pf & text::kAdjective) && !(pf & text::kAdverb)) return false;
    // Right after a preposition a word is a noun ("by phone", "on strike"), unless "to" makes an infinitive.
    if ((pf & text::kPreposition) && tokens_.Folded(v - 1) != "to") return false;
  }
  // "a surge in militant attacks": after an agent that a preposition governs, the word is a noun too.
  if (v > 0 && token_agent_only_[v - 1] >= 0 && token_mention_[v - 1] < 0) {
    const uint32_t agent_begin = mentions_[token_agent_only_[v - 1]].begin;
    if (AfterPreposition(agent_begin) && tokens_.Folded(agent_begin - 1) != "to") return false;
  }
  // Right after an actor, a word that can be a noun often is one: "Russian attacks on Kyiv", "EU sanctions on
  // Iran", "the OPEC meeting". An -s form followed by a preposition is a noun; a bare base form cannot agree with
  // a singular actor ("Russia attack"); an -ing form is a noun unless the actor is a group that acts ("troops
  // attacking"). Past forms keep the verb reading ("Russia attacked").
  if (v > 0 && MentionAt(v - 1) >= 0 && (lexeme.flags & text::kAnyNoun) && !(lexeme.flags & text::kVerbPast)) {
    const Mention& before = mentions_[MentionAt(v - 1)];
    const bool acting_group = before.agent_phrase != kNone && token_agent_[v - 1] >= 0;
    const uint32_t n = static_cast<uint32_t>(tokens_.tokens.size());
    if ((lexeme.flags & text::kVerbIng) && !acting_group) return false;
    if ((lexeme.flags & text::kVerb3sg) && v + 1 < n && (Flags(v + 1) & text::kPreposition) &&
        tokens_.Folded(v + 1) != "to") {
      return false;
    }
    if ((lexeme.flags & text::kVerbBase) && !(lexeme.flags & text::kVerb3sg) && !acting_group) return false;
  }
  // A base or -s form inside a noun phrase that a determiner opened is a noun: "a drone attack", "the air strikes".
  // Past and -ing forms, and words right after a named actor, keep their verb reading ("the U.S. imposes").
  if (!(lexeme.flags & (text::kVerbPast | text::kVerbIng))) {
    for (uint32_t k = v; k > 0 && v - k < 3; --k) {
      uint32_t i = k - 1;
      if (token_mention_[i] >= 0 || tokens_.tokens[i].kind != text::TokenKind::kWord) break;
      uint32_t f = Flags(i);
      if ((f & text::kDeterminer) && !(f & text::kPronoun)) return false;
      if (!(f & (text::kAnyNoun | text::kAdjective)) || (f & (text::kVerbPast | text::kBe | text::kHave | text::kModal))) break;
    }
  }
  return true;
}

bool Coder::MatchPattern(const dict::VerbPattern& pattern, uint32_t verb, uint32_t& end) const {
  const uint32_t n = static_cast<uint32_t>(tokens_.tokens.size());
  const text::Lexicon& lexicon = dict_.lexicon();
  auto matches = [&](uint32_t pos, WordId w) {
    WordId word = keys_.words[pos];
    if (word == text::kNoWord) return false;
    if (word == w) return true;
    const text::Lexeme& lexeme = keys_.lexemes[pos];
    return lexeme.verb_lemma == w || lexeme.noun_lemma == w;
  };
  uint32_t pos = verb + 1;
  for (size_t i = 1; i < pattern.words.size(); ++i) {
    const WordId w = pattern.words[i];
    if (w == dict_.wildcard()) {
      // `give * to`: one or more words of any kind up to the next pattern word, within the clause.
      const WordId next = pattern.words[i + 1];
      uint32_t k = pos + 1;
      for (; k < n && k <= pos + kMaxWildcard; ++k) {
        std::string_view folded = tokens_.Folded(k);
        if (folded == ";" || folded == ":" || folded == "." || folded == "\"") return false;
        if (matches(k, next)) break;
      }
      if (k >= n || k > pos + kMaxWildcard) return false;
      pos = k;
      continue;
    }
    const uint32_t wf = lexicon.Get(w).flags;
    if (wf & (text::kPreposition | text::kParticle)) {
      // A preposition or particle follows at once, or after an adverb ("met briefly with").
      uint32_t skipped = 0;
      while (pos < n && skipped < 2 && (Flags(pos) & text::kAdverb) && !matches(pos, w)) {
        ++pos;
        ++skipped;
      }
    } else {
      // A noun may carry modifiers: "imposed new sanctions on", "sent 2,000 North Korean troops to".
      uint32_t skipped = 0;
      while (pos < n && skipped < kMaxModifiers && !matches(pos, w)) {
        const text::Token& tok = tokens_.tokens[pos];
        uint32_t f = Flags(pos);
        bool modifier = (f & (text::kDeterminer | text::kAdjective | text::kNumberWord)) ||
                        tok.kind == text::TokenKind::kNumber || tok.kind == text::TokenKind::kPossessive ||
                        token_mention_[pos] >= 0 ||
                        // Nouns before the head: "air strikes", "a strategic partnership agreement".
                        (tok.kind == text::TokenKind::kWord && (f & text::kAnyNoun) &&
                         !(f & (text::kPreposition | text::kConjunction | text::kBe | text::kHave))) ||
                        (tok.kind == text::TokenKind::kWord && tokens_.Folded(pos).find('-') != std::string_view::npos);
        if (!modifier) break;
        ++pos;
        ++skipped;
      }
    }
    if (pos >= n || !matches(pos, w)) return false;
    ++pos;
  }
  end = pos;
  return true;
}

void Coder::CodeSentence(const Article& article, std::string_view text, uint32_t sentence_index, Date date,
                         std::vector<Event>& events, Trace* trace) {
  tokens_.clear();
  text::Tokenize(text, sentences_[sentence_index], tokens_);
  const uint32_t n = static_cast<uint32_t>(tokens_.tokens.size());
  if (n == 0) return;
  dict_.ComputeKeys(tokens_, keys_);
  sentence_index_ = sentence_index;
  FindPlaces();
  FindMentions(date);
  AddSurnameMentions();
  folded_.resize(n);
  sentence_words_ = dict::WordSignature();
  for (uint32_t i = 0; i < n; ++i) {
    folded_[i] = tokens_.Folded(i);
    if (keys_.words[i] == text::kNoWord) continue;
    const text::Lexeme& lexeme = keys_.lexemes[i];
    sentence_words_.Add(keys_.words[i]);
    if (lexeme.verb_lemma != text::kNoWord) sentence_words_.Add(lexeme.verb_lemma);
    if (lexeme.noun_lemma != text::kNoWord) sentence_words_.Add(lexeme.noun_lemma);
  }
  // A dateline ("BEIJING, Sept 4 (Reuters) -") places every event of the article that has no place of its own.
  if (sentence_index == 0 && !place_hits_.empty() && place_hits_[0].begin == 0 && place_hits_[0].end < n &&
      (folded_[place_hits_[0].end] == "," || folded_[place_hits_[0].end] == "(" || folded_[place_hits_[0].end] == "-" ||
       folded_[place_hits_[0].end] == "--") &&
      (tokens_.tokens[0].shape & text::kAllCaps)) {
    const dict::Place& place = dict_.place(place_hits_[0].phrase);
    dateline_ = {place.name, place.country, place.latitude, place.longitude};
  }
  LocateAgents();
  if (trace != nullptr) {
    std::string line = "tokens:";
    for (uint32_t i = 0; i < n; ++i) line += fmt::format(" {}:{}", i, tokens_.tokens[i].span.Of(text));
    trace->lines.push_back(line);
    for (const Mention& m : mentions_) {
      std::string why;
      if (m.actor_phrase != kNone) {
        for (const dict::ActorSpell& s : dict_.ActorSpells(m.actor_phrase)) {
          if (m.code.starts_with(s.code.substr(0, 3))) {
            why = fmt::format(" actor from {}", dict_.source(s.source));
            break;
          }
        }
      }
      if (m.agent_phrase != kNone) why += fmt::format(" agent from {}", dict_.source(dict_.Agent(m.agent_phrase).source));
      trace->lines.push_back(fmt::format("actor: tokens {}-{} \"{}\" -> {}{}", m.begin, m.end - 1,
                                         text.substr(tokens_.tokens[m.begin].span.begin,
                                                     tokens_.tokens[m.end - 1].span.end - tokens_.tokens[m.begin].span.begin),
                                         m.code, why));
    }
  }
  const size_t first_event = events.size();
  const text::Lexicon& lexicon = dict_.lexicon();

  // Verbs of a non-restrictive relative clause (", which Russia invaded in 2022,") are background, not news.
  std::vector<bool> background(n, false);
  for (uint32_t i = 0; i + 1 < n; ++i) {
    if (folded_[i] != "," || !IsRelativePronoun(folded_[i + 1]) || folded_[i + 1] == "that") continue;
    for (uint32_t j = i + 1; j < n && folded_[j] != "," && folded_[j] != ";" && folded_[j] != "--"; ++j) {
      background[j] = true;
    }
  }
  // Tokens a matched pattern has used ("held talks with") cannot be verbs of their own.
  uint32_t consumed_until = 0;
  int last_subject = -1;  // the subject of the last verb, for verbs coordinated with it
  for (uint32_t v = 0; v < n; ++v) {
    if (v < consumed_until || background[v] || !IsVerbCandidate(v)) continue;
    const text::Lexeme& lexeme = keys_.lexemes[v];
    std::span<const dict::PatternRef> candidates = dict_.PatternsForVerb(lexeme.verb_lemma);
    if (candidates.empty()) continue;

    // The verb group: auxiliaries, modals, negation and adverbs before the verb.
    bool negated = false, passive_aux = false;
    Mode mode = Mode::kAsserted;
    uint32_t group_begin = v;
    while (group_begin > 0) {
      uint32_t k = group_begin - 1;
      const text::Token& tok = tokens_.tokens[k];
      if (tok.kind != text::TokenKind::kWord) break;
      uint32_t f = Flags(k);
      if (!(f & (text::kBe | text::kHave | text::kDo | text::kModal | text::kNegation | text::kAdverb))) {
        if (tokens_.Folded(k) == "to") {  // an infinitive: "plans to visit", "agreed to send"
          mode = Mode::kFuture;
        }
        break;
      }
      if (f & text::kNegation) negated = true;
      if (f & text::kBe) passive_aux = true;
      if (f & text::kModal) {
        std::string_view m = tokens_.Folded(k);
        mode = (m == "will" || m == "shall" || m == "'ll" || m == "wo") ? Mode::kFuture : Mode::kHypothetical;
      }
      group_begin = k;
    }
    const bool passive = passive_aux && (lexeme.flags & text::kVerbPast);
    // Conditions and questions have not happened: "If Iran attacks", "Should Russia attack", "Will Trump meet...?".
    if (mode == Mode::kAsserted) {
      if (folded_[n - 1] == "?") mode = Mode::kHypothetical;
      for (uint32_t x = v; x > 0 && mode == Mode::kAsserted; --x) {
        std::string_view w = folded_[x - 1];
        if (w == "," || w == ";") break;
        if (w == "if" || w == "unless" || (w == "should" && x - 1 == 0)) mode = Mode::kHypothetical;
      }
    }
    // "Iran denied that it had attacked U.S. troops": what a denial denies has not been asserted.
    for (uint32_t x = group_begin; x > 0 && group_begin - x < 10 && mode == Mode::kAsserted; --x) {
      if (folded_[x - 1] != "that") continue;
      for (uint32_t y = x - 1; y > 0 && x - 1 - y < 5; --y) {
        const text::Lexeme& governing = keys_.lexemes[y - 1];
        if (governing.verb_lemma != text::kNoWord) {
          std::string_view lemma = lexicon.Text(governing.verb_lemma);
          if (lemma == "deny" || lemma == "dismiss" || lemma == "refute" || lemma == "reject") mode = Mode::kHypothetical;
        }
      }
      break;
    }
    for (uint32_t x = group_begin; x > 0 && !negated && group_begin - x < 12; --x) {
      std::string_view w = folded_[x - 1];
      if (w == "," || w == ";") break;
      if (w == "neither" || w == "nobody" || w == "none") negated = true;
    }

    uint32_t pattern_index = kNone, end = 0;
    for (const dict::PatternRef& ref : candidates) {
      if (!sentence_words_.Covers(ref.needs)) continue;
      if (MatchPattern(dict_.pattern(ref.index), v, end)) {
        pattern_index = ref.index;
        break;
      }
    }
    if (pattern_index == kNone) {
      if (trace) trace->lines.push_back(fmt::format("verb \"{}\" (lemma {}): {} pattern(s), none matches what follows",
                                                    tokens_.tokens[v].span.Of(text), lexicon.Text(lexeme.verb_lemma),
                                                    candidates.size()));
      continue;
    }
    const dict::VerbPattern& pattern = dict_.pattern(pattern_index);
    consumed_until = end;
    if (negated) {
      if (trace) trace->lines.push_back(fmt::format("verb \"{}\" matches {} ({}) but is negated: no event",
                                                    tokens_.tokens[v].span.Of(text), pattern.code,
                                                    dict_.source(pattern.source)));
      continue;
    }

    int source = -1, target = -1;
    std::string role_note;
    if (passive) {
      target = SubjectBefore(group_begin);
      // The by-phrase may follow a time or place phrase: "was attacked on Tuesday by Russian forces".
      for (uint32_t b = end; b < n && b < end + 6; ++b) {
        if (folded_[b] == "by") {
          source = MentionStartingAt(b + 1, 2);
          break;
        }
        if (folded_[b] == "," || folded_[b] == ";" || (IsVerbCandidate(b) && token_mention_[b] < 0)) break;
      }
      role_note = "passive: subject is the target, the by-phrase the source";
    } else {
      // "Poland expelled a diplomat and imposed sanctions on Belarus": a verb right after "and", "but" or a comma
      // shares the subject of the verb before it.
      std::string_view joiner = group_begin > 0 ? folded_[group_begin - 1] : std::string_view();
      if (last_subject >= 0 && (joiner == "and" || joiner == "but" || joiner == "," || joiner == "then")) {
        source = last_subject;
      } else {
        source = SubjectBefore(group_begin);
      }
      bool statement = pattern.cameo->root() == "01" && !pattern.ends_in_preposition;
      if (!statement) target = MentionStartingAt(end, 3);
      // "received Steve Witkoff, the U.S. special envoy,": a name the dictionaries lack, then its apposition.
      if (!statement && target < 0) {
        uint32_t x = end;
        while (x < n && x < end + 4 && token_mention_[x] < 0 && tokens_.tokens[x].kind == text::TokenKind::kWord &&
               (tokens_.tokens[x].shape & text::kCapitalized)) {
          ++x;
        }
        if (x > end && x + 1 < n && folded_[x] == ",") target = MentionStartingAt(x + 1, 2);
      }
      // "condemned them", "praised her": an object pronoun is an earlier actor other than the subject.
      if (!statement && target < 0 && end < n && tokens_.tokens[end].kind == text::TokenKind::kWord &&
          (folded_[end] == "him" || folded_[end] == "her" || folded_[end] == "them" || folded_[end] == "it")) {
        target = ResolvePronoun(end, source >= 0 ? mentions_[source].code : "");
      }
      // "expelled the Russian ambassador": the pattern's own noun names the target.
      if (target < 0 && pattern.words.size() > 1 && !pattern.ends_in_preposition && end > 0) {
        target = token_mention_[end - 1];
      }
      role_note = pattern.ends_in_preposition ? "target after the pattern's preposition" : "target is the object";
    }
    if (!passive && source >= 0) last_subject = source;
    if (source < 0 || source == target) {
      if (trace) trace->lines.push_back(fmt::format("verb \"{}\" matches {} ({}) but has no source actor: no event",
                                                    tokens_.tokens[v].span.Of(text), pattern.code,
                                                    dict_.source(pattern.source)));
      continue;
    }
    // Coordinated actors: one event per source and target pair ("X and Y condemned Z" is two events). Without a
    // target, a joint action of coordinated subjects ("X and Y met") pairs them with each other.
    std::vector<int> sources = CapConjuncts(Conjuncts(source, /*leftward=*/!passive));
    std::vector<int> targets;
    if (target >= 0) targets = CapConjuncts(Conjuncts(target, /*leftward=*/passive));
    std::vector<std::pair<int, int>> pairs;
    if (targets.empty() && pattern.cameo->symmetric && sources.size() > 1) {
      for (size_t a = 0; a < sources.size(); ++a) {
        for (size_t b = a + 1; b < sources.size(); ++b) pairs.emplace_back(sources[a], sources[b]);
      }
    } else {
      for (int src : sources) {
        if (targets.empty()) pairs.emplace_back(src, -1);
        for (int tgt : targets) pairs.emplace_back(src, tgt);
      }
    }
    const Date event_date = DateFor(v, date, mode);
    const Location event_location = LocationFor(v);
    auto span_text = [&](uint32_t b, uint32_t e) {
      return std::string(text.substr(tokens_.tokens[b].span.begin,
                                     tokens_.tokens[e - 1].span.end - tokens_.tokens[b].span.begin));
    };
    for (auto [source_index, target_index] : pairs) {
      const Mention& src = mentions_[source_index];
      if (target_index >= 0 && mentions_[target_index].code == src.code) target_index = -1;
      // An agent with no country and no one acted on is no dyad: "Police said ...", "Protesters marched".
      if (src.countryless() && target_index < 0) {
        if (trace) {
          trace->lines.push_back(fmt::format("verb \"{}\" matches {}: source {} has no country and no target: no event",
                                             tokens_.tokens[v].span.Of(text), pattern.code, src.code));
        }
        continue;
      }
      Event event;
      event.article_id = article.id;
      event.sentence = sentence_index;
      event.date = event_date;
      event.location = event_location;
      event.source = src.code;
      event.cameo = pattern.cameo;
      event.mode = mode;
      event.pattern = pattern_index;
      event.source_text = span_text(src.begin, src.end);
      event.verb_text = span_text(v, std::max(end, v + 1));
      uint32_t first = std::min(src.begin, v), last = std::max(end, v + 1);
      if (target_index >= 0) {
        const Mention& tgt = mentions_[target_index];
        event.target = tgt.code;
        event.target_text = span_text(tgt.begin, tgt.end);
        first = std::min(first, tgt.begin);
        last = std::max(last, tgt.end);
      }
      bool duplicate = false;
      for (size_t e = first_event; e < events.size(); ++e) {
        duplicate |= events[e].source == event.source && events[e].target == event.target &&
                     events[e].cameo == event.cameo && events[e].verb_text == event.verb_text;
      }
      if (duplicate) continue;
      event.evidence = {tokens_.tokens[first].span.begin, tokens_.tokens[last - 1].span.end};
      event.mentions.push_back({sentence_index, event.evidence});
      // Confidence: a longer (more specific) pattern, a found target and an adjacent subject raise it; a pronoun,
      // a coordinated actor and a planned or hypothetical event lower it.
      double confidence = 0.45 + 0.1 * std::min<size_t>(pattern.words.size() - 1, 3);
      if (target_index >= 0) confidence += 0.15;
      if (src.end == group_begin) confidence += 0.1;
      if (src.pronoun || src.agent_only) confidence -= 0.1;
      if (pairs.size() > 1) confidence -= 0.05;
      if (mode != Mode::kAsserted) confidence -= 0.15;
      event.confidence = std::clamp(confidence, 0.05, 0.95);
      if (trace) {
        trace->lines.push_back(fmt::format(
            "verb \"{}\" matches pattern '{}' -> {} {} ({}); {}; source {} \"{}\"{}, target {} \"{}\"; mode {}",
            event.verb_text, pattern.text, pattern.code, pattern.cameo->name, dict_.source(pattern.source), role_note,
            event.source, event.source_text, src.pronoun ? " (resolved from earlier in the article)" : "",
            event.target.empty() ? "-" : event.target, event.target_text, ModeName(mode)));
      }
      events.push_back(std::move(event));
    }
  }

  RememberMentions();
  // A statement (root 01) is coded only when the sentence carries nothing more specific.
  bool has_specific = false;
  for (size_t e = first_event; e < events.size(); ++e) {
    has_specific |= events[e].cameo->root() != "01" && events[e].mode == Mode::kAsserted;
  }
  if (has_specific) {
    auto is_statement = [](const Event& e) { return e.cameo->root() == "01"; };
    auto tail = std::remove_if(events.begin() + static_cast<std::ptrdiff_t>(first_event), events.end(), is_statement);
    if (trace && tail != events.end()) trace->lines.push_back("statement event dropped: the sentence has a more specific event");
    events.erase(tail, events.end());
  }
}

bool Coder::ResolvePhrase(std::string_view phrase, Date date, Mention& mention) {
  tokens_.clear();
  text::Tokenize(phrase, text::Span{0, static_cast<uint32_t>(phrase.size())}, tokens_);
  if (tokens_.tokens.empty()) return false;
  dict_.ComputeKeys(tokens_, keys_);
  place_hits_.clear();
  location_hits_.clear();
  FindMentions(date);
  // The phrase's head is its last mention ("the foreign minister of Russia" is one). An agent alone ("police")
  // names no actor until a sentence locates it.
  for (auto it = mentions_.rbegin(); it != mentions_.rend(); ++it) {
    if (it->agent_only) continue;
    mention = *it;
    return true;
  }
  return false;
}

}  // namespace dyad::coder
