// ICEWS coded event data (Integrated Crisis Early Warning System, as published on Harvard Dataverse): a
// tab-separated file whose header row names 20 columns (Event ID, Event Date, Source Name, Source Sectors,
// Source Country, Event Text, CAMEO Code, Intensity, Target Name, Target Sectors, Target Country, Story ID,
// Sentence Number, Publisher, City, District, Province, Country, Latitude, Longitude). Columns are found by
// name, in any order. ICEWS names its actors (a name, a sector list, a country name); dyad codes them as ISO
// country + agent
// ("Government" of "China" -> CHNGOV). docs/formats.md ("Exchange formats") gives the whole mapping.
#ifndef DYAD_INTEROP_ICEWS_H_
#define DYAD_INTEROP_ICEWS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/base/status.h"
#include "dyad/dict/cameo.h"
#include "dyad/store/event_record.h"

namespace dyad::interop {

// What reading and writing ICEWS needs: country names <-> ISO alpha-3 codes (dyad's country dictionary
// dict/actors/countries.txt plus interop/icews-countries.tsv), ICEWS sectors <-> dyad agent codes
// (interop/icews-sectors.tsv), and the CAMEO table (cameo/codes.tsv: QuadClass and the event text). Immutable
// after loading: share it between threads.
class IcewsCodebook {
 public:
  // Reads the files under `data_dir` (empty: DefaultDataDir()).
  static Result<IcewsCodebook> Load(const std::string& data_dir);
  // The same from file contents (`countries` in the dictionary format, `CODE: name | name`); for tests.
  static Result<IcewsCodebook> Parse(std::string_view countries, std::string_view extra_countries,
                                     std::string_view sectors, dict::CameoTable cameo);

  // The ISO alpha-3 code of a country name ("Russian Federation" -> RUS; "Korea, Republic of" -> KOR); empty
  // when unknown. `scratch` is reused buffer space.
  std::string_view CountryCode(std::string_view name, std::string& scratch) const;
  // The name export writes for a country code (the dictionary's first name); empty when unknown.
  std::string_view CountryName(std::string_view iso3) const;
  // The agent code of an ICEWS sector list ("Elite,Executive,Government" -> GOV); empty when none applies.
  std::string_view AgentCode(std::string_view sectors, std::string& scratch) const;
  // The sector name export writes for an agent code ("GOV" -> "Government"); empty when unknown.
  std::string_view SectorName(std::string_view agent) const;
  const dict::CameoTable& cameo() const { return cameo_; }

 private:
  IcewsCodebook() = default;
  struct NamedText {
    std::string_view text;
    std::string_view path;  // for messages
  };
  static Result<IcewsCodebook> ParseFiles(NamedText countries, NamedText extra_countries, NamedText sectors,
                                          dict::CameoTable cameo);
  struct SectorRule {
    std::string agent;                 // "" for `-`
    int priority = 0;                  // the position of the agent's first line; lower wins
    std::vector<std::string> phrases;  // folded
  };
  // The rule a single sector ("Foreign Ministry") falls under, or nullptr.
  const SectorRule* MatchSector(std::string_view folded) const;

  std::unordered_map<std::string, std::string> country_by_name_;  // folded name -> ISO3
  std::unordered_map<std::string, std::string> name_by_country_;  // ISO3 -> export name
  std::vector<SectorRule> rules_;
  std::unordered_map<std::string, size_t> rule_by_phrase_;        // folded phrase -> index into rules_
  std::unordered_map<std::string, std::string> sector_by_agent_;  // agent -> export name
  dict::CameoTable cameo_;
};

// The header row, 20 columns and '\n'.
std::string IcewsHeader();

// Reads ICEWS rows: first the header, then the events. Not thread-safe (it keeps scratch space and a cache of
// actor codes): one parser per thread.
class IcewsParser {
 public:
  explicit IcewsParser(const IcewsCodebook& codebook) : codebook_(&codebook) {}

  // Reads the header row. Names match without regard to case, blanks and '_' for ' '; unknown columns are
  // ignored. Missing "Event ID", "Event Date" or "CAMEO Code" is an error; other missing columns read as
  // empty.
  Status ParseHeader(std::string_view line);
  // Reads one row into `event`, setting every field (origin "icews", origin_id "<Event ID>:<Event Date>"
  // because ICEWS reuses an Event ID on other dates; counts 1; id 0). A bad row (wrong column count, bad
  // date, unknown CAMEO code, a number that is not one) gives a Status without its place: the caller prefixes
  // FILE:LINE. Bytes that are not UTF-8 are read as Windows-1252, which older ICEWS files use.
  Status Parse(std::string_view line, store::EventRecord& event);

 private:
  enum Field {
    kEventId,
    kEventDate,
    kSourceName,
    kSourceSectors,
    kSourceCountry,
    kEventText,
    kCameoCode,
    kIntensity,
    kTargetName,
    kTargetSectors,
    kTargetCountry,
    kStoryId,
    kSentenceNumber,
    kPublisher,
    kCity,
    kDistrict,
    kProvince,
    kCountry,
    kLatitude,
    kLongitude,
    kFieldCount
  };
  // The actor code of a country name and sector list, cached: the same actors come back on many rows.
  void ActorCode(std::string_view country, std::string_view sectors, std::string& code);

  const IcewsCodebook* codebook_;
  int column_of_[kFieldCount] = {};  // -1: absent
  size_t columns_ = 0;
  std::vector<std::string_view> fields_;
  std::string decoded_, unquoted_, scratch_, key_;
  std::unordered_map<std::string, std::string> actor_cache_;
};

// Appends `event` as one ICEWS row in the column order of IcewsHeader() (and '\n'). Event ID is the ICEWS id
// for events that came from ICEWS, else the store id; the actor code gives country and sector (CHNGOV ->
// "China", "Government"); the location name is written as the City. Reading the row back gives the same date,
// actors (for codes of a country and at most one agent), names, code, Intensity and location.
void AppendIcewsRow(const store::EventRecord& event, const IcewsCodebook& codebook, std::string& out);

}  // namespace dyad::interop

#endif  // DYAD_INTEROP_ICEWS_H_
