#include "dyad/text/abbreviations.h"

#include <algorithm>
#include <array>
#include <optional>

namespace dyad::text {
namespace {

struct Entry {
  std::string_view word;
  AbbreviationKind kind;
};

using enum AbbreviationKind;

// Sorted by word (byte order) for binary search; kept sorted by the test.
constexpr Entry kAbbreviations[] = {
    {"Adm", kTitle}, {"Amb", kTitle}, {"Apr", kMonth}, {"Art", kBeforeNumber}, {"Aug", kMonth}, {"Ave", kEnder},
    {"Blvd", kEnder}, {"Brig", kTitle}, {"Bros", kName}, {"Capt", kTitle}, {"Cdr", kTitle}, {"Ch", kBeforeNumber},
    {"Cmdr", kTitle}, {"Co", kEnder}, {"Col", kTitle}, {"Corp", kEnder}, {"Cpl", kTitle}, {"Dec", kMonth},
    {"Dept", kEnder}, {"Det", kTitle}, {"Dr", kTitle}, {"Feb", kMonth}, {"Fig", kBeforeNumber}, {"Fr", kTitle},
    {"Ft", kTitle}, {"Gen", kTitle}, {"Gov", kTitle}, {"Hon", kTitle}, {"Inc", kEnder}, {"Insp", kTitle},
    {"Jan", kMonth}, {"Jr", kName}, {"Jul", kMonth}, {"Jun", kMonth}, {"Lt", kTitle}, {"Ltd", kEnder},
    {"Maj", kTitle}, {"Messrs", kTitle}, {"Mme", kTitle}, {"Mr", kTitle}, {"Mrs", kTitle}, {"Ms", kTitle},
    {"Mt", kTitle}, {"No", kBeforeNumber}, {"Nos", kBeforeNumber}, {"Nov", kMonth}, {"Oct", kMonth},
    {"Op", kBeforeNumber}, {"Plc", kEnder}, {"Pres", kTitle}, {"Prof", kTitle}, {"Pte", kTitle}, {"Pvt", kTitle},
    {"Rep", kTitle}, {"Reps", kTitle}, {"Rev", kTitle}, {"Rt", kTitle}, {"Sec", kBeforeNumber}, {"Sen", kTitle},
    {"Sens", kTitle}, {"Sep", kMonth}, {"Sept", kMonth}, {"Sgt", kTitle}, {"Sr", kName}, {"St", kTitle},
    {"Supt", kTitle}, {"Vol", kBeforeNumber}, {"a.m", kTime}, {"al", kEnder}, {"approx", kTitle},
    {"ca", kBeforeNumber}, {"cf", kTitle}, {"dent", kTitle}, {"e.g", kTitle}, {"est", kTitle}, {"etc", kEnder},
    {"i.e", kTitle}, {"incl", kTitle}, {"med", kTitle}, {"mln", kEnder}, {"nat", kTitle}, {"no", kBeforeNumber},
    {"p.m", kTime}, {"pct", kEnder}, {"pp", kBeforeNumber}, {"rer", kTitle}, {"ret", kTitle}, {"vs", kTitle},
};

constexpr std::string_view kStarters[] = {
    "A",        "About",     "According", "Across",   "After",     "Again",    "Against",  "All",
    "Also",     "Although",  "Among",     "An",       "And",       "Another",  "Any",      "As",
    "At",       "Because",   "Before",    "Both",     "But",       "By",       "Despite",  "During",
    "Each",     "Earlier",   "Either",    "Even",     "Every",     "Few",      "Following", "For",
    "From",     "Furthermore", "He",      "Her",      "Here",      "His",      "How",      "However",
    "I",        "If",        "In",        "Instead",  "It",        "Its",      "Last",     "Later",
    "Many",     "Meanwhile", "More",      "Moreover", "Most",      "Much",     "My",       "Neither",
    "Nevertheless", "Next",  "No",        "None",     "Nor",       "Not",      "Now",      "Officials",
    "On",       "Once",      "One",       "Only",     "Or",        "Other",    "Our",      "Over",
    "Several",  "She",       "Since",     "So",       "Some",      "Still",    "Such",     "That",
    "The",      "Their",     "Then",      "There",    "These",     "They",     "This",     "Those",
    "Though",   "Thus",      "To",        "Today",    "Two",       "Under",    "Unlike",   "Until",
    "We",       "What",      "When",      "Where",    "Whether",   "Which",    "While",    "Who",
    "Why",      "With",      "Without",   "Yet",      "You",
};

// Sorted word lists for ContinuesAfterAbbreviation.
constexpr std::string_view kTimeZones[] = {
    "AEDT", "AEST", "BST", "CDT", "CEST", "CET", "CST", "CT", "EDT", "EEST", "EET", "EST", "ET", "GMT",
    "HKT", "IST", "JST", "KST", "MDT", "MSK", "MST", "MT", "PDT", "PST", "PT", "SGT", "UTC", "WIB",
};
constexpr std::string_view kWeekdays[] = {"Friday",   "Monday",  "Saturday", "Sunday",
                                          "Thursday", "Tuesday", "Wednesday"};
constexpr std::string_view kCompanyContinuations[] = {
    "CEO", "Chairman", "Chairwoman", "Chief", "Co", "Corp", "Director", "Executive", "Founder",
    "Inc", "LLC", "Ltd", "Plc", "President", "Spokesman", "Spokesperson", "Spokeswoman", "Vice",
};

bool IsInitials(std::string_view w) {
  // "W", "J.R.R", "U.S.A": letters separated by single periods, each letter alone.
  if (w.empty()) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (i % 2 == 0 ? !letter : c != '.') return false;
  }
  return w.size() % 2 == 1;
}

const Entry* Find(std::string_view word) {
  auto it = std::lower_bound(std::begin(kAbbreviations), std::end(kAbbreviations), word,
                             [](const Entry& e, std::string_view w) { return e.word < w; });
  return it != std::end(kAbbreviations) && it->word == word ? it : nullptr;
}

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }

// Looks up a capitalised word in the table's spelling: "Approx" as "approx" or, with `all_caps`, "ST" as "St".
// Folds into a stack buffer so that the splitter's inner loop never allocates.
std::optional<AbbreviationKind> FindFolded(std::string_view word, bool all_caps) {
  constexpr size_t kMaxLength = 8;
  if (word.size() < 2 || word.size() > kMaxLength || !IsUpperAscii(word[0])) return std::nullopt;
  char folded[kMaxLength];
  folded[0] = all_caps ? word[0] : static_cast<char>(word[0] - 'A' + 'a');
  for (size_t i = 1; i < word.size(); ++i) {
    if (all_caps ? !IsUpperAscii(word[i]) : !IsLowerAscii(word[i])) return std::nullopt;
    folded[i] = all_caps ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
  }
  const Entry* e = Find(std::string_view(folded, word.size()));
  return e ? std::optional(e->kind) : std::nullopt;
}

}  // namespace

AbbreviationKind ClassifyAbbreviation(std::string_view word) {
  if (const Entry* e = Find(word)) return e->kind;
  // The table holds each abbreviation as it is usually written; one that opens a sentence is capitalised
  // ("Approx. 4,000 troops", "Incl. taxes").
  if (std::optional<AbbreviationKind> kind = FindFolded(word, /*all_caps=*/false)) return *kind;
  if (IsInitials(word)) {
    // A lone lower-case letter ("a.") is a word, not an initial; "a.m" is in the table.
    if (word.size() == 1 && word[0] >= 'a' && word[0] <= 'z') return kNone;
    return kName;
  }
  return kNone;
}

bool IsCapitalizedTitle(std::string_view word) { return FindFolded(word, /*all_caps=*/true) == kTitle; }

bool ContinuesAfterAbbreviation(AbbreviationKind kind, std::string_view word) {
  auto in = [word](const auto& list) { return std::binary_search(std::begin(list), std::end(list), word); };
  if (kind == kTime) return in(kTimeZones) || in(kWeekdays);
  if (kind == kEnder) return in(kCompanyContinuations);
  return false;
}

bool IsSentenceStarter(std::string_view word) {
  return std::binary_search(std::begin(kStarters), std::end(kStarters), word);
}

// Exposed for the test that keeps the tables sorted.
bool AbbreviationTablesAreSorted() {
  return std::is_sorted(std::begin(kAbbreviations), std::end(kAbbreviations),
                        [](const Entry& a, const Entry& b) { return a.word < b.word; }) &&
         std::is_sorted(std::begin(kStarters), std::end(kStarters)) &&
         std::is_sorted(std::begin(kTimeZones), std::end(kTimeZones)) &&
         std::is_sorted(std::begin(kWeekdays), std::end(kWeekdays)) &&
         std::is_sorted(std::begin(kCompanyContinuations), std::end(kCompanyContinuations));
}

}  // namespace dyad::text
