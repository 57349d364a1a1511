#include "dyad/dict/dictionary.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "dyad/base/files.h"
#include "dyad/text/lemma_table_builder.h"
#include "dyad/text/lemmatizer.h"

namespace dyad::dict {
namespace {

// Short all-caps words ("US", "WHO", "UN") collide with common words when case is folded; as dictionary phrases
// they match only when written in capitals. Longer acronyms (NATO, OPEC) match in any case ("Nato").
bool IsCaseSensitiveAcronym(std::string_view raw) {
  if (raw.size() < 2 || raw.size() > 3) return false;
  for (char c : raw) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

bool Exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

}  // namespace

Status Dictionary::LoadLexicon(const DictionaryOptions& options) {
  std::string path = options.lemma_table.empty() ? DefaultGeneratedDir() + "/lemmas.tsv" : options.lemma_table;
  Result<std::string> table = ReadFile(path);
  if (!table.ok()) {
    return NotFound(fmt::format("{} (the lemma table is generated at build time from WordNet; build the "
                                "'lemma_table' target or set DYAD_GENERATED_DIR)",
                                table.status().message()));
  }
  DYAD_RETURN_IF_ERROR(lexicon_.LoadLemmaTable(*table, path));
  lexicon_.AddFunctionWords();
  wildcard_ = lexicon_.Intern("*");
  return Status::Ok();
}

uint32_t Dictionary::AddSource(const RawEntry& entry) {
  sources_.push_back(entry.Where());
  return static_cast<uint32_t>(sources_.size() - 1);
}

std::vector<WordId> Dictionary::PhraseKeys(std::string_view phrase, const RawEntry& where) {
  text::TokenizedSentence tokens;
  text::Tokenize(phrase, text::Span{0, static_cast<uint32_t>(phrase.size())}, tokens);
  std::vector<WordId> keys;
  size_t first = 0;
  // "the Kremlin" and "Kremlin" are one phrase: the coder skips determiners before names.
  if (tokens.tokens.size() > 1 && tokens.Folded(0) == "the") first = 1;
  for (size_t i = first; i < tokens.tokens.size(); ++i) {
    std::string_view raw = tokens.tokens[i].span.Of(phrase);
    std::string_view folded = tokens.Folded(i);
    if (IsCaseSensitiveAcronym(raw)) {
      keys.push_back(lexicon_.Intern(std::string(kCaseSensitivePrefix) + std::string(folded)));
      lexicon_.Intern(folded);
    } else {
      keys.push_back(lexicon_.Intern(folded));
    }
  }
  if (keys.empty()) errors_.push_back(fmt::format("{}: phrase '{}' has no words", where.Where(), phrase));
  return keys;
}

void Dictionary::AddActors(const DictionaryText& text, bool overlay) {
  for (const RawEntry& entry : text.entries) {
    uint32_t source = AddSource(entry);
    for (const std::string& phrase : entry.phrases) {
      std::vector<WordId> keys = PhraseKeys(phrase, entry);
      if (keys.empty()) continue;
      uint32_t id = actor_matcher_.Add(keys);
      if (id >= actor_spells_.size()) actor_spells_.resize(id + 1);
      std::vector<ActorSpell>& spells = actor_spells_[id];
      ActorSpell spell{entry.code, entry.range, entry.dated, entry.kind == "person", source};
      if (overlay) {
        auto same = std::find_if(spells.begin(), spells.end(), [&](const ActorSpell& s) {
          return s.range.from == spell.range.from && s.range.to == spell.range.to;
        });
        if (same != spells.end()) {
          *same = spell;
          continue;
        }
      }
      spells.push_back(spell);
    }
  }
}

void Dictionary::AddAgents(const DictionaryText& text, bool overlay) {
  for (const RawEntry& entry : text.entries) {
    uint32_t source = AddSource(entry);
    if (entry.code.size() != 3) {
      errors_.push_back(fmt::format("{}: agent code '{}' must be a three-letter sector code", entry.Where(),
                                    entry.code));
      continue;
    }
    for (const std::string& phrase : entry.phrases) {
      std::vector<WordId> keys = PhraseKeys(phrase, entry);
      if (keys.empty()) continue;
      uint32_t id = agent_matcher_.Add(keys);
      if (id < agent_entries_.size()) {
        if (!overlay && agent_entries_[id].sector != entry.code) {
          errors_.push_back(fmt::format("{}: agent '{}' is already {} at {}", entry.Where(), phrase,
                                        agent_entries_[id].sector, sources_[agent_entries_[id].source]));
        }
        if (overlay) agent_entries_[id] = {entry.code, source};
        continue;
      }
      agent_entries_.push_back({entry.code, source});
    }
  }
}

// A pattern verb WordNet does not know ("test-fire", "livestream") gets its regular inflections here, so that
// "test-fired" and "test-firing" find it. Known verbs are left alone.
void Dictionary::TeachVerb(const std::string& verb) {
  text::WordId id = lexicon_.Find(verb);
  if (id != text::kNoWord && (lexicon_.Get(id).flags & text::kVerbBase)) return;
  // Inflect the last part of a compound as the whole inflects: test-fire -> test-fired.
  size_t hyphen = verb.rfind('-');
  std::string head = hyphen == std::string::npos ? "" : verb.substr(0, hyphen + 1);
  std::string last = hyphen == std::string::npos ? verb : verb.substr(hyphen + 1);
  text::WordId lemma = lexicon_.Intern(verb);
  auto teach = [&](const std::string& form, uint32_t flag) {
    text::Lexeme& lexeme = lexicon_.Mutable(lexicon_.Intern(form));
    if (lexeme.verb_lemma == text::kNoWord) lexeme.verb_lemma = lemma;
    lexeme.flags |= flag;
  };
  teach(verb, text::kVerbBase);
  teach(head + text::ThirdPersonSingular(last), text::kVerb3sg);
  teach(head + text::PastTense(last), text::kVerbPast);
  teach(head + text::PresentParticiple(last), text::kVerbIng);
}

void Dictionary::RejectLocations(const DictionaryText& text, const char* kind) {
  for (const RawEntry& entry : text.entries) {
    if (entry.has_location) {
      errors_.push_back(fmt::format("{}: coordinates belong in places, not in {}", entry.Where(), kind));
    }
  }
}

void Dictionary::AddPlaces(const DictionaryText& text, bool overlay) {
  for (const RawEntry& entry : text.entries) {
    uint32_t source = AddSource(entry);
    if (!entry.has_location || entry.code.size() != 3) {
      errors_.push_back(fmt::format("{}: want 'CCC LAT,LON: name | name' (a country code and coordinates)",
                                    entry.Where()));
      continue;
    }
    for (const std::string& phrase : entry.phrases) {
      std::vector<WordId> keys = PhraseKeys(phrase, entry);
      if (keys.empty()) continue;
      uint32_t id = place_matcher_.Add(keys);
      Place place{entry.code, entry.latitude, entry.longitude, entry.phrases[0], source};
      if (id < places_.size()) {
        if (places_[id].source == source) continue;  // the same name twice on one line, up to case
        if (overlay) {
          places_[id] = place;
        } else {
          errors_.push_back(fmt::format("{}: place '{}' is already at {}", entry.Where(), phrase,
                                        sources_[places_[id].source]));
        }
        continue;
      }
      places_.push_back(std::move(place));
    }
  }
}

void Dictionary::AddPatterns(const DictionaryText& text) {
  for (const RawEntry& entry : text.entries) {
    uint32_t source = AddSource(entry);
    const CameoCode* cameo = cameo_.Find(entry.code);
    if (cameo == nullptr) {
      errors_.push_back(fmt::format("{}: unknown CAMEO code {}", entry.Where(), entry.code));
      continue;
    }
    for (const std::string& phrase : entry.phrases) {
      std::vector<std::string> words = text::FoldedTokens(phrase);
      if (words.empty()) {
        errors_.push_back(fmt::format("{}: empty verb pattern", entry.Where()));
        continue;
      }
      VerbPattern pattern;
      pattern.code = entry.code;
      pattern.cameo = cameo;
      pattern.text = phrase;
      pattern.source = source;
      if (words[0] == "*" || words.back() == "*" ||
          std::adjacent_find(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
            return a == "*" && b == "*";
          }) != words.end()) {
        errors_.push_back(fmt::format("{}: pattern '{}': '*' must stand between two words", entry.Where(), phrase));
        continue;
      }
      TeachVerb(words[0]);
      for (size_t i = 0; i < words.size(); ++i) {
        // Patterns are written as lemmas; an inflected form is lemmatised so that it still matches.
        // A word that is already a base form stays as written ("lay wreath" is lay, not lie).
        const text::PartOfSpeech pos = i == 0 ? text::PartOfSpeech::kVerb : text::PartOfSpeech::kNoun;
        const uint32_t base = i == 0 ? text::kVerbBase : text::kNounSingular;
        text::WordId id = lexicon_.Find(words[i]);
        std::string_view lemma =
            id != text::kNoWord && (lexicon_.Get(id).flags & base) ? std::string_view(words[i])
                                                                    : text::Lemmatize(lexicon_, words[i], pos);
        pattern.words.push_back(lexicon_.Intern(lemma));
      }
      for (size_t i = 1; i < pattern.words.size(); ++i) {
        if (pattern.words[i] != wildcard_) pattern.needs.Add(pattern.words[i]);
      }
      const text::Lexeme& last = lexicon_.Get(pattern.words.back());
      pattern.ends_in_preposition = pattern.words.size() > 1 && (last.flags & text::kPreposition) != 0;
      uint32_t index = static_cast<uint32_t>(patterns_.size());
      patterns_by_verb_[pattern.words[0]].push_back({index, pattern.needs});
      patterns_.push_back(std::move(pattern));
    }
  }
  for (auto& [verb, indexes] : patterns_by_verb_) {
    // Most specific first: more concrete words; at equal count a pattern without `*` before one with it
    // ("hand over hostage" before "hand over * to").
    auto specificity = [&](const PatternRef& ref) {
      const std::vector<WordId>& words = patterns_[ref.index].words;
      int wildcards = static_cast<int>(std::count(words.begin(), words.end(), wildcard_));
      return std::pair<int, int>(static_cast<int>(words.size()) - wildcards, -wildcards);
    };
    std::stable_sort(indexes.begin(), indexes.end(),
                     [&](const PatternRef& a, const PatternRef& b) { return specificity(a) > specificity(b); });
  }
}

Result<std::unique_ptr<Dictionary>> Dictionary::Load(const DictionaryOptions& options) {
  std::unique_ptr<Dictionary> dict(new Dictionary);
  const std::string data_dir = options.data_dir.empty() ? DefaultDataDir() : options.data_dir;
  DYAD_RETURN_IF_ERROR(dict->LoadLexicon(options));
  Result<CameoTable> cameo = CameoTable::Load(data_dir + "/cameo/codes.tsv");
  if (!cameo.ok()) return cameo.status();
  dict->cameo_ = std::move(*cameo);

  auto read = [&](const std::string& dir, const char* name, bool required) -> DictionaryText {
    std::string path = dir + "/" + name;
    if (!required && !Exists(path)) return {};
    DictionaryText text = ReadDictionary(path);
    dict->errors_.insert(dict->errors_.end(), text.errors.begin(), text.errors.end());
    return text;
  };
  auto add_all = [&](const std::string& dir, bool overlay) {
    DictionaryText actors = read(dir, "actors.txt", !overlay);
    DictionaryText agents = read(dir, "agents.txt", !overlay);
    DictionaryText verbs = read(dir, "verbs.txt", !overlay);
    dict->RejectLocations(actors, "actors");
    dict->RejectLocations(agents, "agents");
    dict->RejectLocations(verbs, "verb patterns");
    dict->AddActors(actors, overlay);
    dict->AddAgents(agents, overlay);
    dict->AddPatterns(verbs);
    dict->AddPlaces(read(dir, "places.txt", false), overlay);
  };
  add_all(data_dir + "/dict", false);
  if (!options.user_dict_dir.empty()) {
    if (!Exists(options.user_dict_dir)) {
      return NotFound(fmt::format("{}: no such dictionary directory", options.user_dict_dir));
    }
    add_all(options.user_dict_dir, true);
  }
  // Mark every form whose verb lemma has patterns, then freeze: a token's lookup now brings everything the coder
  // needs about the word in one cache line.
  for (text::WordId id = 1; id < dict->lexicon_.size(); ++id) {
    text::Lexeme& lexeme = dict->lexicon_.Mutable(id);
    if (lexeme.verb_lemma != text::kNoWord && dict->patterns_by_verb_.count(lexeme.verb_lemma)) {
      lexeme.flags |= text::kHasPatterns;
    }
  }
  dict->lexicon_.Freeze();
  if (!dict->errors_.empty() && !options.keep_going) {
    std::string message = fmt::format("{} dictionary error(s):", dict->errors_.size());
    for (size_t i = 0; i < dict->errors_.size() && i < 20; ++i) message += "\n  " + dict->errors_[i];
    if (dict->errors_.size() > 20) message += "\n  ... (run `dyad dict check` for all)";
    return InvalidArgument(message);
  }
  return dict;
}

const ActorSpell* Dictionary::ResolveActor(uint32_t phrase, Date date) const {
  const ActorSpell* fallback = nullptr;
  for (const ActorSpell& spell : actor_spells_[phrase]) {
    if (spell.dated) {
      if (spell.range.Contains(date)) return &spell;
    } else if (fallback == nullptr) {
      fallback = &spell;
    }
  }
  return fallback;
}

std::span<const PatternRef> Dictionary::PatternsForVerb(WordId verb_lemma) const {
  auto it = patterns_by_verb_.find(verb_lemma);
  if (it == patterns_by_verb_.end()) return {};
  return it->second;
}

void Dictionary::ComputeKeys(const text::TokenizedSentence& sentence, TokenKeys& out) const {
  out.words.resize(sentence.tokens.size());
  out.keys.resize(sentence.tokens.size());
  out.lexemes.resize(sentence.tokens.size());
  out.probes.resize(sentence.tokens.size());
  // Hash every token and prefetch its cell first; the lookups then find most cells already in cache.
  for (size_t i = 0; i < sentence.tokens.size(); ++i) out.probes[i] = lexicon_.Prepare(sentence.Folded(i));
  std::string scratch;
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    const text::Token& token = sentence.tokens[i];
    std::string_view folded = sentence.Folded(token);
    text::Lexeme lexeme;
    WordId word = lexicon_.FindWithLexeme(out.probes[i], folded, lexeme);
    WordId key = word;
    if ((token.shape & text::kAllCaps) && folded.size() <= 3) {
      scratch.assign(kCaseSensitivePrefix);
      scratch.append(folded);
      if (WordId caps = lexicon_.Find(scratch); caps != text::kNoWord) key = caps;
    }
    out.words[i] = word;
    out.keys[i] = key;
    out.lexemes[i] = lexeme;
  }
}

Dictionary::Stats Dictionary::stats() const {
  Stats s;
  s.actor_phrases = actor_matcher_.size();
  for (const auto& spells : actor_spells_) {
    s.actor_spells += spells.size();
    for (const ActorSpell& spell : spells) s.dated_spells += spell.dated;
  }
  s.agent_phrases = agent_matcher_.size();
  s.verb_patterns = patterns_.size();
  s.lexicon_words = lexicon_.size();
  s.places = places_.size();
  return s;
}

}  // namespace dyad::dict
