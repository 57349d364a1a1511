// Lemmas of news words: met -> meet, withdrew -> withdraw, sanctions -> sanction. A lookup in the lexicon's
// compiled lemma table (built from WordNet at build time); a form the table does not know is its own lemma.
#ifndef DYAD_TEXT_LEMMATIZER_H_
#define DYAD_TEXT_LEMMATIZER_H_

#include <string_view>

#include "dyad/text/lexicon.h"

namespace dyad::text {

enum class PartOfSpeech { kVerb, kNoun };

// `folded` is a normalised form (text::Fold). Returns a view into the lexicon, or `folded` itself.
std::string_view Lemmatize(const Lexicon& lexicon, std::string_view folded, PartOfSpeech pos);

}  // namespace dyad::text

#endif  // DYAD_TEXT_LEMMATIZER_H_
