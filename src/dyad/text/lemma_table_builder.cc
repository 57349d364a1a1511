#include "dyad/text/lemma_table_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <vector>

#include "dyad/text/lexicon.h"

namespace dyad::text {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool IsPlainWord(std::string_view w) {
  if (w.size() < 2) return false;
  for (char c : w) {
    if (!((c >= 'a' && c <= 'z') || c == '-' || c == '\'')) return false;
  }
  return true;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    out.push_back(text.substr(0, eol));
    if (eol == std::string_view::npos) break;
    text.remove_prefix(eol + 1);
  }
  return out;
}

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> out;
  while (!line.empty()) {
    size_t sp = line.find(' ');
    if (sp != 0) out.push_back(line.substr(0, sp));
    if (sp == std::string_view::npos) break;
    line.remove_prefix(sp + 1);
  }
  return out;
}

// How often a lemma is used, as far as WordNet's index says: how many of its senses the tagged corpus saw, then how
// many senses it has (a word with more senses is, as a rule, the more frequent one). Breaks ties between two
// lemmas that a rule maps the same form to ("tinged": tinge or ting).
struct Usage {
  int tagged = 0, senses = 0;
  auto operator<=>(const Usage&) const = default;
};
// Ordered, so the table is generated the same way everywhere.
using Index = std::map<std::string, Usage, std::less<>>;

Result<Index> ReadIndex(std::string_view text, std::string_view name) {
  Index lemmas;
  int line_number = 0;
  for (std::string_view line : Lines(text)) {
    ++line_number;
    if (line.empty() || line[0] == ' ') continue;  // the licence header lines start with spaces
    std::vector<std::string_view> f = Fields(line);
    if (f.size() < 6) return InvalidArgument(fmt::format("{}:{}: short index line", name, line_number));
    int pointer_count = 0;
    std::from_chars(f[3].data(), f[3].data() + f[3].size(), pointer_count);
    size_t tag_field = 4 + static_cast<size_t>(pointer_count) + 1;
    Usage usage;
    std::from_chars(f[2].data(), f[2].data() + f[2].size(), usage.senses);
    if (tag_field < f.size()) {
      std::from_chars(f[tag_field].data(), f[tag_field].data() + f[tag_field].size(), usage.tagged);
    }
    if (IsPlainWord(f[0])) lemmas.emplace(std::string(f[0]), usage);
  }
  return lemmas;
}

Usage UsageOf(const Index& index, std::string_view lemma) {
  auto it = index.find(lemma);
  return it == index.end() ? Usage{} : it->second;
}

// A one-syllable verb ending in consonant, vowel, consonant doubles the consonant before -ed and -ing (hop: hopped,
// hopping; plan: planned), so its undoubled forms are another verb's ("hoped" is hope's).
bool DoublesFinalConsonant(std::string_view v) {
  if (v.size() < 3) return false;
  char last = v.back(), vowel = v[v.size() - 2], before = v[v.size() - 3];
  if (IsVowel(last) || last == 'w' || last == 'x' || last == 'y' || !IsVowel(vowel) || IsVowel(before)) return false;
  int syllables = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (IsVowel(v[i]) && (i == 0 || !IsVowel(v[i - 1]))) ++syllables;
  }
  return syllables == 1;
}

// How sure the builder is that a form belongs to a lemma; the highest rank wins a form's verb or noun slot.
enum Rank : int {
  kVariant = 1,      // a spelling WordNet does not list but English allows; fills only slots nothing else claims
  kSelf = 2,         // the form is a lemma itself
  kRule = 3,         // a regular inflection (beats kSelf: "talks" is the plural of talk, though WordNet lists "talks")
  kException = 4,    // WordNet's exception lists
  kNewsReading = 5,  // kNewsReadings below
};

// Where news usage differs from WordNet's own reading of a form. WordNet lists "people" as a noun of its own (a
// nation) and never as the plural of person, and its exception list makes "media" the plural of medium; in news,
// "people" is almost always the plural of person ("five people were killed") and "media" the collective noun
// ("the media"). Keep this list to forms whose news reading is near-universal.
struct NewsReading {
  std::string_view form, noun_lemma;
  uint32_t flags;
};
constexpr NewsReading kNewsReadings[] = {
    {"people", "person", kNounPlural},
    {"media", "media", kNounPlural},
};

// News words WordNet 3.0 (2006) lacks; their forms are generated like WordNet's, at kVariant so that WordNet's own
// reading of a form always wins. Only words that news text uses as single tokens belong here.
constexpr std::string_view kNewsNouns[] = {"airstrike", "cyberattack", "hashtag", "smartphone"};
constexpr std::string_view kNewsVerbs[] = {"livestream"};

struct Candidate {
  std::string lemma;
  uint32_t flags = 0;
  int rank = 0;  // a Rank; ties broken by usage, then by the alphabetically first lemma
  Usage usage;
};

struct Row {
  Candidate verb, noun;
  uint32_t base_flags = 0;  // the form is itself a verb or noun lemma, whatever lemma its slot was given
};

void Offer(Candidate& slot, std::string_view lemma, uint32_t flags, int rank, Usage usage) {
  if (rank > slot.rank || (rank == slot.rank && usage > slot.usage) ||
      (rank == slot.rank && usage == slot.usage && !slot.lemma.empty() && lemma < slot.lemma)) {
    slot = {std::string(lemma), flags, rank, usage};
  } else if (rank == slot.rank && slot.lemma == lemma) {
    slot.flags |= flags;
  }
}

// A noun lemma that is also the regular plural of another noun ("species": specie, "ethics": ethic, "talks": talk)
// is its own lemma when WordNet's tagged corpus saw it in more senses than the singular (species, means, corps,
// crossroads), or when it names a field in -ics, which English treats as a singular noun (ethics, physics,
// statistics). Otherwise the plural reading wins (talks, troops, allies, authorities, polls).
bool PluralIsItsOwnNoun(std::string_view plural, Usage plural_usage, Usage singular_usage) {
  return plural_usage.tagged > singular_usage.tagged || EndsWith(plural, "ics");
}

// The closed-up spelling of a compound WordNet hyphenates ("cease-fire": "ceasefire"), or "" when the lemma is not
// a two-part hyphenated word.
std::string ClosedUp(std::string_view lemma) {
  size_t hyphen = lemma.find('-');
  if (hyphen == std::string_view::npos || hyphen < 2 || lemma.size() - hyphen < 3) return "";
  if (lemma.find('-', hyphen + 1) != std::string_view::npos) return "";
  return std::string(lemma.substr(0, hyphen)) + std::string(lemma.substr(hyphen + 1));
}

}  // namespace

std::string ThirdPersonSingular(std::string_view v) {
  std::string s(v);
  if (EndsWith(v, "s") || EndsWith(v, "x") || EndsWith(v, "z") || EndsWith(v, "ch") || EndsWith(v, "sh")) {
    return s + "es";
  }
  if (v.size() >= 2 && v.back() == 'y' && !IsVowel(v[v.size() - 2])) return s.substr(0, s.size() - 1) + "ies";
  if (v.size() >= 2 && v.back() == 'o' && !IsVowel(v[v.size() - 2])) return s + "es";
  return s + "s";
}

std::string PastTense(std::string_view v) {
  std::string s(v);
  if (v.back() == 'e') return s + "d";
  if (v.size() >= 2 && v.back() == 'y' && !IsVowel(v[v.size() - 2])) return s.substr(0, s.size() - 1) + "ied";
  return s + "ed";
}

std::string PresentParticiple(std::string_view v) {
  std::string s(v);
  if (EndsWith(v, "ie")) return s.substr(0, s.size() - 2) + "ying";
  if (EndsWith(v, "ee") || EndsWith(v, "ye") || EndsWith(v, "oe")) return s + "ing";
  if (v.size() >= 3 && v.back() == 'e') return s.substr(0, s.size() - 1) + "ing";
  return s + "ing";
}

std::string Plural(std::string_view n) {
  std::string s(n);
  if (EndsWith(n, "s") || EndsWith(n, "x") || EndsWith(n, "z") || EndsWith(n, "ch") || EndsWith(n, "sh")) {
    return s + "es";
  }
  if (n.size() >= 2 && n.back() == 'y' && !IsVowel(n[n.size() - 2])) return s.substr(0, s.size() - 1) + "ies";
  return s + "s";
}

Result<std::string> BuildLemmaTable(const WordNetFiles& files) {
  Result<Index> verbs = ReadIndex(files.index_verb, "index.verb");
  if (!verbs.ok()) return verbs.status();
  Result<Index> nouns = ReadIndex(files.index_noun, "index.noun");
  if (!nouns.ok()) return nouns.status();

  // Exceptions: "form lemma [lemma ...]". The first lemma WordNet lists that is a known word wins.
  struct Exception {
    std::string form, lemma;
  };
  auto read_exceptions = [](std::string_view text, const Index& index) {
    std::vector<Exception> out;
    for (std::string_view line : Lines(text)) {
      std::vector<std::string_view> f = Fields(line);
      if (f.size() < 2 || !IsPlainWord(f[0])) continue;
      for (size_t i = 1; i < f.size(); ++i) {
        if (index.find(f[i]) == index.end()) continue;
        out.push_back({std::string(f[0]), std::string(f[i])});
        break;
      }
    }
    return out;
  };
  std::vector<Exception> verb_exceptions = read_exceptions(files.verb_exc, *verbs);
  std::vector<Exception> noun_exceptions = read_exceptions(files.noun_exc, *nouns);

  // A verb whose exceptions double its final consonant (hop: hopped; prefer: preferred) does not have the
  // undoubled forms the rules give it, nor does one DoublesFinalConsonant says doubles ("hoped", "hoping" are
  // hope's); they stay only as kVariant, for the spellings that allow both (US "traveled" beside travelled).
  std::set<std::string, std::less<>> doubles_past, doubles_ing;
  for (const Exception& e : verb_exceptions) {
    const std::string& v = e.lemma;
    if (e.form == v + v.back() + "ed") doubles_past.insert(v);
    if (e.form == v + v.back() + "ing") doubles_ing.insert(v);
  }
  // Nouns with an irregular plural of their own (man: men, child: children, analysis: analyses). A compound
  // whose last part is one inflects the same way (gunman: gunmen, schoolchild: schoolchildren).
  std::map<std::string, std::vector<std::string>, std::less<>> irregular_plurals;
  std::set<std::string, std::less<>> has_exception;
  for (const Exception& e : noun_exceptions) {
    has_exception.insert(e.lemma);
    // (noun.exc also lists a few gerunds, "crying cry": not plurals)
    if (e.form != e.lemma && e.form != Plural(e.lemma) && e.lemma.size() >= 3 && !EndsWith(e.form, "ing")) {
      irregular_plurals[e.lemma].push_back(e.form);
    }
  }
  // How sure a split of a compound is: kRule when its first part is a word WordNet's tagged corpus saw ("police",
  // "business", "spokes-" is "spoke" with English's linking s), kVariant when the first part is a rare word, which
  // may be a false split ("dol|man": dolmen is a word of its own, not dolman's plural), 0 when it is not a word.
  auto split_rank = [&](std::string_view first) {
    if (!first.empty() && first.back() == '-') first.remove_suffix(1);
    if (first.size() < 2) return 0;
    int best = 0;
    for (std::string_view w : {first, EndsWith(first, "s") ? first.substr(0, first.size() - 1) : first}) {
      for (const Index* index : {&*nouns, &*verbs}) {
        auto it = index->find(w);
        if (it != index->end()) best = std::max<int>(best, it->second.tagged > 0 ? kRule : kVariant);
      }
    }
    return best;
  };

  std::map<std::string, Row> rows;
  // `cap` limits the rank of every form (kVariant for spellings WordNet does not list).
  auto add_verb = [&](std::string_view lemma, Usage usage, int cap) {
    std::string v(lemma);
    bool doubles = DoublesFinalConsonant(v);
    int rule = std::min<int>(kRule, cap);
    Offer(rows[v].verb, v, kVerbBase, std::min<int>(kSelf, cap), usage);
    Offer(rows[ThirdPersonSingular(v)].verb, v, kVerb3sg, rule, usage);
    Offer(rows[PastTense(v)].verb, v, kVerbPast, doubles || doubles_past.count(v) ? kVariant : rule, usage);
    Offer(rows[PresentParticiple(v)].verb, v, kVerbIng, doubles || doubles_ing.count(v) ? kVariant : rule, usage);
  };
  // A plural that is a noun lemma itself keeps its own reading when PluralIsItsOwnNoun says so.
  auto offer_plural = [&](const std::string& plural, const std::string& noun, Usage usage, int rank) {
    auto own = nouns->find(plural);
    if (own != nouns->end() && PluralIsItsOwnNoun(plural, own->second, usage)) rank = std::min<int>(rank, kVariant);
    Offer(rows[plural].noun, noun, kNounPlural, rank, usage);
  };
  auto add_noun = [&](std::string_view lemma, Usage usage, int cap) {
    std::string n(lemma);
    Offer(rows[n].noun, n, kNounSingular, std::min<int>(kSelf, cap), usage);
    offer_plural(Plural(n), n, usage, std::min<int>(kRule, cap));
    if (has_exception.count(n)) return;  // its own exceptions give its irregular plural
    // WordNet's morphology treats -man: -men as regular (woman, ombudsman); a form that is a noun of its own
    // keeps that reading unless the -man word is a sure compound (omen is not the plural of oman).
    if (EndsWith(n, "man")) {
      int rank = std::max<int>(kVariant, split_rank(std::string_view(n).substr(0, n.size() - 3)));
      offer_plural(n.substr(0, n.size() - 2) + "en", n, usage, std::min(rank, cap));
    }
    for (size_t split = 2; split + 3 <= n.size(); ++split) {
      auto irregular = irregular_plurals.find(std::string_view(n).substr(split));
      int rank = split_rank(std::string_view(n).substr(0, split));
      if (irregular == irregular_plurals.end() || rank == 0) continue;
      for (const std::string& form : irregular->second) {
        offer_plural(n.substr(0, split) + form, n, usage, std::min(rank, cap));
      }
    }
  };

  for (const auto& [lemma, usage] : *verbs) add_verb(lemma, usage, kException);
  for (const auto& [lemma, usage] : *nouns) {
    add_noun(lemma, usage, kException);
    // A verbal noun WordNet spells other than the rules do is that spelling of the participle (ageing: age,
    // sauteing: saute).
    if (EndsWith(lemma, "ing") && verbs->count(std::string_view(lemma).substr(0, lemma.size() - 3))) {
      std::string_view verb = std::string_view(lemma).substr(0, lemma.size() - 3);
      Offer(rows[lemma].verb, verb, kVerbIng, kVariant, UsageOf(*verbs, verb));
    }
  }
  // The closed-up spelling of a hyphenated compound that WordNet lacks (cease-fire: ceasefire) inflects like it.
  for (const auto& [lemma, usage] : *verbs) {
    std::string closed = ClosedUp(lemma);
    if (!closed.empty() && !verbs->count(closed) && !nouns->count(closed)) add_verb(closed, usage, kVariant);
  }
  for (const auto& [lemma, usage] : *nouns) {
    std::string closed = ClosedUp(lemma);
    if (!closed.empty() && !verbs->count(closed) && !nouns->count(closed)) add_noun(closed, usage, kVariant);
  }
  for (std::string_view lemma : kNewsVerbs) add_verb(lemma, Usage{}, kVariant);
  for (std::string_view lemma : kNewsNouns) add_noun(lemma, Usage{}, kVariant);

  for (const Exception& e : verb_exceptions) {
    Offer(rows[e.form].verb, e.lemma, EndsWith(e.form, "ing") ? kVerbIng : kVerbPast, kException,
          UsageOf(*verbs, e.lemma));
  }
  for (const Exception& e : noun_exceptions) {
    Offer(rows[e.form].noun, e.lemma, kNounPlural, kException, UsageOf(*nouns, e.lemma));
  }
  for (const NewsReading& reading : kNewsReadings) {
    Offer(rows[std::string(reading.form)].noun, reading.noun_lemma, reading.flags, kNewsReading, Usage{});
  }

  // "lay" is the past of lie and a verb of its own: its flags say both, so patterns written "lay wreath" stay lay.
  for (const auto& [lemma, usage] : *verbs) rows[lemma].base_flags |= kVerbBase;
  for (const auto& [lemma, usage] : *nouns) rows[lemma].base_flags |= kNounSingular;

  std::string out;
  out.reserve(rows.size() * 32);
  out += "# form\tverb_lemma\tnoun_lemma\tflags (hex); generated from WordNet by dyad's lemma_table_builder\n";
  for (const auto& [form, row] : rows) {
    fmt::format_to(std::back_inserter(out), "{}\t{}\t{}\t{:x}\n", form, row.verb.lemma, row.noun.lemma,
                   row.verb.flags | row.noun.flags | row.base_flags);
  }
  return out;
}

}  // namespace dyad::text
