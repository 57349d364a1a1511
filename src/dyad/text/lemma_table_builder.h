// Builds the lemma table from WordNet's index and exception files (Debian wordnet-base): every inflected form of
// every single-word verb and noun, generated forward with English spelling rules, with WordNet's exception lists
// (met -> meet, stopped -> stop, crises -> crisis) taking precedence. Run once at build time; the result is the
// tab-separated table Lexicon::LoadLemmaTable reads.
#ifndef DYAD_TEXT_LEMMA_TABLE_BUILDER_H_
#define DYAD_TEXT_LEMMA_TABLE_BUILDER_H_

#include <string>
#include <string_view>

#include "dyad/base/status.h"

namespace dyad::text {

struct WordNetFiles {
  std::string_view index_verb, index_noun, verb_exc, noun_exc;
};

// Returns the table's text: "form<TAB>verb_lemma<TAB>noun_lemma<TAB>hex flags" lines, sorted by form.
Result<std::string> BuildLemmaTable(const WordNetFiles& files);

// The regular inflections of a verb or noun lemma, as the builder generates them (exposed for tests).
std::string ThirdPersonSingular(std::string_view verb);
std::string PastTense(std::string_view verb);
std::string PresentParticiple(std::string_view verb);
std::string Plural(std::string_view noun);

}  // namespace dyad::text

#endif  // DYAD_TEXT_LEMMA_TABLE_BUILDER_H_
