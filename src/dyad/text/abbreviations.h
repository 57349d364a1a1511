// The abbreviations of English news text and how each behaves at a period: the splitter and the tokenizer share
// this one table so that "Gen." is never a sentence end and always one token.
#ifndef DYAD_TEXT_ABBREVIATIONS_H_
#define DYAD_TEXT_ABBREVIATIONS_H_

#include <string_view>

namespace dyad::text {

enum class AbbreviationKind {
  kNone,          // not an abbreviation: a period after it ends a sentence
  kTitle,         // Mr. Dr. Gen. Sen. St. Lt.: precedes a name, ends a sentence only before "The", "He" ...
  kBeforeNumber,  // No. Art. Vol.: never ends a sentence before a digit
  kMonth,         // Jan. Sept.: never before a digit; before a capital it ends one
  kEnder,         // Inc. Corp. Ltd. etc. pct.: often ends a sentence; a capital after it starts a new one unless
                  // it continues the company's name ("Co. Ltd.", "Tesla Inc. Chief Executive")
  kTime,          // a.m. p.m.: ends a sentence before a capital or a number, but not before a time zone or a
                  // weekday ("3 p.m. EDT", "6 a.m. Monday")
  kName,          // U.S. U.N. E.U., initials (W., J.R.R.) and name parts (Jr. Sr. Bros.): ends one only before a
                  // sentence-starting word ("King Jr. Day", "Warner Bros. Discovery")
};

// `word` is the text before the period, without it ("Gen", "U.S", "a.m", "J.R.R"). Single capital letters and
// dotted letter groups (initials) come back as kName.
AbbreviationKind ClassifyAbbreviation(std::string_view word);

// True for a title abbreviation written in capitals ("ST", "FT", "MT" before the period), as datelines and
// headlines do: "ST. PETERSBURG". Kept apart from ClassifyAbbreviation because capitals are also acronyms
// ("told the FT.", "RT."), so a caller should believe it only between words in capitals.
bool IsCapitalizedTitle(std::string_view word);

// True for a capitalised word that continues the phrase an abbreviation of `kind` closes rather than starting a
// sentence: a time zone or weekday after kTime ("3 p.m. EDT"), another company suffix or a corporate title after
// kEnder ("Samsung Electronics Co. Ltd.", "Tesla Inc. Chief Executive Elon Musk").
bool ContinuesAfterAbbreviation(AbbreviationKind kind, std::string_view word);

// True for capitalised words that usually start a sentence and almost never continue a name after an
// abbreviation: "The", "He", "But", "However", "Officials"...
bool IsSentenceStarter(std::string_view word);

}  // namespace dyad::text

#endif  // DYAD_TEXT_ABBREVIATIONS_H_
