#include "dyad/text/lemmatizer.h"

namespace dyad::text {

std::string_view Lemmatize(const Lexicon& lexicon, std::string_view folded, PartOfSpeech pos) {
  WordId id = lexicon.Find(folded);
  if (id == kNoWord) return folded;
  const Lexeme& lexeme = lexicon.Get(id);
  WordId lemma = pos == PartOfSpeech::kVerb ? lexeme.verb_lemma : lexeme.noun_lemma;
  return lemma == kNoWord ? folded : lexicon.Text(lemma);
}

}  // namespace dyad::text
