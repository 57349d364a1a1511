// The closed word classes of English that the shallow parser leans on. Kept small and explicit: every word here
// changes how sentences are chunked, so each list is a decision, not a dump.
#include "dyad/text/lexicon.h"

namespace dyad::text {
namespace {

struct WordClass {
  uint32_t flag;
  std::initializer_list<std::string_view> words;
};

const WordClass kClasses[] = {
    {kDeterminer,
     {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your",
      "some", "any", "each", "every", "all", "both", "another", "other", "such", "no", "many", "several",
      "few", "much", "more", "most", "least", "whose"}},
    {kPreposition,
     {"with", "to", "at", "against", "on", "in", "into", "onto", "from", "for", "of", "by", "over", "about",
      "toward", "towards", "upon", "across", "through", "between", "among", "amid", "after", "before",
      "during", "under", "near", "without", "within", "despite", "off", "via", "inside", "outside", "around",
      "behind", "beyond", "along", "alongside", "as", "like", "per", "than", "since", "until", "till"}},
    {kBe, {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"}},
    {kHave, {"have", "has", "had", "having", "'ve", "'d"}},
    {kDo, {"do", "does", "did"}},
    {kModal,
     {"will", "would", "shall", "should", "may", "might", "can", "could", "must", "'ll", "wo", "ca", "ought"}},
    {kNegation, {"not", "n't", "never", "no", "neither", "nor", "without"}},
    {kPronoun,
     {"he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "me", "who", "whom", "which", "himself",
      "herself", "itself", "themselves", "ourselves", "one"}},
    {kConjunction, {"and", "or", "but", "nor", "&", "yet", "plus"}},
    {kAdverb,
     {"also", "reportedly", "allegedly", "already", "again", "just", "recently", "once", "still", "formally",
      "officially", "publicly", "repeatedly", "jointly", "today", "yesterday", "now", "then", "later", "earlier",
      "further", "even", "only", "finally", "immediately", "quickly", "strongly", "sharply", "firmly", "openly",
      "separately", "directly", "briefly", "swiftly", "increasingly", "previously", "apparently", "effectively",
      "currently", "actually", "last", "first", "secretly", "abruptly", "fiercely", "heavily", "personally"}},
    {kSubordinator,
     {"that", "which", "who", "whom", "whose", "because", "if", "unless", "although", "though", "while",
      "whereas", "when", "whenever", "where", "after", "before", "since", "until", "as", "so", "whether",
      "once"}},
    {kParticle, {"up", "down", "off", "out", "back", "away", "in", "on", "over", "aside", "forward", "through"}},
    {kNumberWord,
     {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
      "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million",
      "millions", "dozen", "dozens", "scores", "several", "numerous", "billion"}},
    {kAdjective,
     {"new", "fresh", "further", "additional", "tough", "tougher", "harsh", "harsher", "fierce", "heavy", "major",
      "massive", "large", "small", "wide", "wide-ranging", "sweeping", "strong", "stronger", "joint", "bilateral",
      "formal", "informal", "high-level", "top", "senior", "key", "economic", "military", "diplomatic",
      "financial", "trade", "humanitarian", "nuclear", "direct", "official", "secret", "surprise", "deadly",
      "fatal", "brutal", "unprecedented", "rare", "historic", "emergency", "long-range", "short-range",
      "ballistic", "cruise", "hypersonic", "fellow", "former", "close", "closer", "full", "full-scale",
      "limited", "bloody", "violent", "peaceful", "annual", "special", "urgent", "renewed", "unilateral",
      "multilateral", "comprehensive", "strategic", "technical", "public", "private", "foreign", "domestic",
      "international", "regional", "national", "local", "global", "several", "various", "multiple", "separate",
      "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
      "southwestern", "occupied", "disputed", "neighbouring", "neighboring", "allied", "rival"}},
};

}  // namespace

void Lexicon::AddFunctionWords() {
  for (const WordClass& cls : kClasses) {
    for (std::string_view word : cls.words) Mutable(Intern(word)).flags |= cls.flag;
  }
}

}  // namespace dyad::text
