#include "dyad/brief/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "dyad/base/files.h"
#include "dyad/base/strings.h"

namespace dyad::brief {
namespace {

// Names news writes differently from the dictionaries' first (official) name.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kNewsNames = {{
    {"RUS", "Russia"},
    {"GBR", "Britain"},
    {"BRN", "Brunei"},
    {"PSE", "the Palestinian territories"},
    {"FSM", "Micronesia"},
    {"VAT", "the Vatican"},
    {"IGONAT", "NATO"},
    {"IGOEUR", "the European Union"},
    {"IGOUNO", "the United Nations"},
    {"IGOASN", "ASEAN"},
    {"IGOAFR", "the African Union"},
    {"IGOGCC", "the Gulf Cooperation Council"},
    {"IGOSCO", "the Shanghai Cooperation Organisation"},
    {"IGOWTO", "the World Trade Organization"},
}};

// Sector codes alone or after a country: how news says them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kSectors = {{
    {"GOV", "government"},
    {"MIL", "military"},
    {"COP", "police"},
    {"REB", "rebels"},
    {"OPP", "opposition"},
    {"JUD", "judiciary"},
    {"LEG", "legislature"},
    {"BUS", "businesses"},
    {"CVL", "civilians"},
    {"MED", "media"},
    {"EDU", "educators"},
    {"ELI", "leaders"},
    {"SPY", "intelligence services"},
    {"PTY", "ruling party"},
    {"REL", "religious leaders"},
    {"LAB", "labour unions"},
    {"AGR", "farmers"},
    {"HLH", "health services"},
    {"REF", "refugees"},
    {"CRM", "criminals"},
    {"UAF", "armed groups"},
    {"SEP", "separatists"},
}};

std::string_view SectorNoun(std::string_view code) {
  for (const auto& [sector, noun] : kSectors) {
    if (sector == code) return noun;
  }
  return {};
}

// "the" before names news writes with it.
std::string WithArticle(std::string name) {
  static constexpr std::string_view kWithThe[] = {
      "United ", "Republic",     "Islands",      "Kingdom", "Emirates",   "Philippines", "Netherlands",
      "Bahamas", "Gambia",       "Maldives",     "Comoros", "Seychelles", "Union",       "Nations",
      "Council", "Organization", "Organisation", "Bank",    "Fund",       "Court"};
  if (name.rfind("the ", 0) == 0) return name;
  for (std::string_view w : kWithThe) {
    if (name.find(w) != std::string::npos) return "the " + name;
  }
  return name;
}

void ReadFirstNames(std::string_view contents, std::unordered_map<std::string, std::string>& names) {
  LineCursor lines(contents);
  std::string_view line;
  while (lines.Next(line)) {
    line = TrimBlanks(line);
    if (line.empty() || line[0] == '#') continue;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view head = line.substr(0, colon);
    std::string_view code = head.substr(0, head.find(' '));
    std::string_view rest = line.substr(colon + 1);
    std::string_view first = TrimBlanks(rest.substr(0, rest.find('|')));
    if (const size_t comment = first.find(" #"); comment != std::string_view::npos)
      first = TrimBlanks(first.substr(0, comment));
    if (code.empty() || first.empty()) continue;
    names.emplace(std::string(code), WithArticle(std::string(first)));
  }
}

}  // namespace

Result<ActorNames> ActorNames::Load(const std::string& data_dir) {
  ActorNames names;
  for (const auto& [code, name] : kNewsNames) names.names_.emplace(std::string(code), std::string(name));
  for (const char* file : {"/dict/actors/countries.txt", "/dict/actors/organisations.txt"}) {
    Result<std::string> contents = ReadFile(data_dir + file);
    if (!contents.ok()) return contents.status();
    ReadFirstNames(*contents, names.names_);
  }
  return names;
}

std::string ActorNames::Principal(std::string_view principal) const {
  auto it = names_.find(std::string(principal));
  if (it != names_.end()) return it->second;
  if (std::string_view noun = SectorNoun(principal); !noun.empty()) return std::string(noun);
  return std::string(principal);
}

std::string ActorNames::Name(std::string_view code) const {
  // Organisations: the longest known prefix of six letters or more.
  if (code.size() >= 6) {
    if (auto it = names_.find(std::string(code.substr(0, 6)));
        it != names_.end() && code.substr(0, 3) != "USA") {
      if (code.substr(0, 3) == "IGO" || code.substr(0, 3) == "NGO" || code.substr(0, 3) == "MNC")
        return it->second;
    }
  }
  if (code.size() < 3) return std::string(code);
  const std::string_view head = code.substr(0, 3);
  auto country = names_.find(std::string(head));
  if (country == names_.end()) {
    std::string_view noun = SectorNoun(head);
    return noun.empty() ? std::string(code) : std::string(noun);
  }
  const std::string_view sector = code.substr(3, 3);
  // A government is its country in news style ("North Korea said"), as is a code without a sector.
  if (sector.empty() || sector == "GOV" || sector == "ELI" || sector == "PTY") return country->second;
  std::string_view noun = SectorNoun(sector);
  if (noun.empty()) return country->second;
  return fmt::format("{} {}", Possessive(country->second), noun);
}

std::string ActorNames::Possessive(std::string_view name) {
  if (!name.empty() && name.back() == 's') return std::string(name) + "'";
  return std::string(name) + "'s";
}

std::string ActorNames::Capitalized(std::string name) {
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

Result<EventPhrases> EventPhrases::Load(const std::string& path) {
  Result<std::string> contents = ReadFile(path);
  if (!contents.ok()) return contents.status();
  EventPhrases phrases;
  LineCursor lines(*contents);
  std::string_view line;
  while (lines.Next(line)) {
    line = TrimBlanks(line);
    if (line.empty() || line[0] == '#') continue;
    const size_t bar1 = line.find('|');
    const size_t bar2 = bar1 == std::string_view::npos ? bar1 : line.find('|', bar1 + 1);
    if (bar2 == std::string_view::npos) {
      return InvalidArgument(fmt::format("{}:{}: want CODE | past | planned", path, lines.number()));
    }
    std::string code(TrimBlanks(line.substr(0, bar1)));
    std::string past(TrimBlanks(line.substr(bar1 + 1, bar2 - bar1 - 1)));
    std::string planned(TrimBlanks(line.substr(bar2 + 1)));
    if (code.empty() || past.find("{S}") == std::string::npos || planned.empty()) {
      return InvalidArgument(fmt::format(
          "{}:{}: a phrase needs a code, {{S}} in the past form and a planned form", path, lines.number()));
    }
    phrases.phrases_[code] = Phrase{std::move(past), std::move(planned)};
  }
  return phrases;
}

const EventPhrases::Phrase* EventPhrases::Find(std::string_view code) const {
  for (size_t n = code.size(); n >= 2; --n) {
    auto it = phrases_.find(std::string(code.substr(0, n)));
    if (it != phrases_.end()) return &it->second;
  }
  return nullptr;
}

namespace {
std::string Fill(std::string_view pattern, std::string_view source, std::string_view target) {
  std::string out(pattern);
  for (auto [slot, value] :
       {std::pair{std::string_view("{S}"), source}, std::pair{std::string_view("{T}"), target}}) {
    for (size_t at = out.find(slot); at != std::string::npos; at = out.find(slot, at + value.size())) {
      out.replace(at, slot.size(), value);
    }
  }
  return out;
}
}  // namespace

std::string EventPhrases::Past(std::string_view code, std::string_view source,
                               std::string_view target) const {
  const Phrase* p = Find(code);
  if (p == nullptr) return fmt::format("{} acted toward {} (CAMEO {})", source, target, code);
  return Fill(p->past, source, target);
}

std::string EventPhrases::Planned(std::string_view code, std::string_view target) const {
  const Phrase* p = Find(code);
  if (p == nullptr) return fmt::format("act toward {}", target);
  return Fill(p->planned, "", target);
}

}  // namespace dyad::brief
