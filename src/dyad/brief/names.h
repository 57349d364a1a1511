// How a brief names actors and says events, the way news does: "North Korea", "the United States", "Russia's
// military"; "North Korea sent troops to Russia" from the event's CAMEO code through data/brief/phrases.txt.
#ifndef DYAD_BRIEF_NAMES_H_
#define DYAD_BRIEF_NAMES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/base/status.h"

namespace dyad::brief {

class ActorNames {
 public:
  // Reads the country and organisation dictionaries of `data_dir` (data/dict/actors/countries.txt and
  // organisations.txt): the first name of each code, with the article news puts before some names.
  static Result<ActorNames> Load(const std::string& data_dir);

  // "North Korea", "the United States", "the United Nations"; the code itself when unknown.
  std::string Principal(std::string_view principal) const;
  // An actor code in running text: PRK and PRKGOV -> "North Korea", PRKMIL -> "North Korea's military",
  // COP -> "police", IGOUNO -> "the United Nations".
  std::string Name(std::string_view actor_code) const;
  // A possessive: "North Korea's", "the United States'".
  static std::string Possessive(std::string_view name);
  // Capitalises the first letter (for a sentence that starts with a name).
  static std::string Capitalized(std::string name);

 private:
  std::unordered_map<std::string, std::string> names_;
};

class EventPhrases {
 public:
  // Reads data/brief/phrases.txt: `CODE | past | planned` lines with {S} and {T}.
  static Result<EventPhrases> Load(const std::string& path);

  // "North Korea visited Russia" (the longest code prefix with a phrase; the root at least).
  std::string Past(std::string_view code, std::string_view source, std::string_view target) const;
  // "visit Russia", for "North Korea said it would visit Russia".
  std::string Planned(std::string_view code, std::string_view target) const;

 private:
  struct Phrase {
    std::string past, planned;
  };
  const Phrase* Find(std::string_view code) const;
  std::unordered_map<std::string, Phrase> phrases_;
};

}  // namespace dyad::brief

#endif  // DYAD_BRIEF_NAMES_H_
