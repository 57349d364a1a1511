#include "dyad/interop/gdelt.h"

#include <fmt/format.h>

#include "dyad/interop/fields.h"
#include "dyad/interop/fips_codes.h"
#include "dyad/text/utf8.h"

namespace dyad::interop {
namespace {

// Columns every variant has at the same place (0-based; the codebooks count from 1).
enum Column : int {
  kGlobalEventId = 0,
  kSqlDate = 1,
  kActor1Code = 5,
  kActor1Name = 6,
  kActor2Code = 15,
  kActor2Name = 16,
  kEventCode = 26,
  kQuadClass = 29,
  kGoldsteinScale = 30,
  kNumMentions = 31,
  kNumSources = 32,
  kNumArticles = 33,
};

// Where the variants differ: 2.0 adds an ADM2Code after each ADM1Code, and 1.0 historical has no SOURCEURL.
struct Layout {
  GdeltVersion version;
  int columns;
  int action_geo;  // ActionGeo_Type; FullName, CountryCode and ADM1Code follow
  int action_lat;  // ActionGeo_Lat; ActionGeo_Long follows
  int source_url;  // -1: none
};
constexpr Layout kV1Historical{GdeltVersion::kV1Historical, 57, 49, 53, -1};
constexpr Layout kV1Daily{GdeltVersion::kV1Daily, 58, 49, 53, 57};
constexpr Layout kV2{GdeltVersion::kV2, 61, 51, 56, 60};
constexpr size_t kMaxColumns = 61;

// A CAMEO event code as GDELT writes it: two to four digits, its root 01 to 20.
bool IsEventCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  const int root = (code[0] - '0') * 10 + (code[1] - '0');
  return root >= 1 && root <= 20;
}

bool ParseCompactDate(std::string_view s, Date& date) {
  if (!AllDigits(s, 8)) return false;
  auto number = [&](size_t from, size_t n) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const int year = number(0, 4), month = number(4, 2), day = number(6, 2);
  if (!IsValidCivilDate(year, month, day)) return false;
  date = Date::FromCivil(year, month, day);
  return true;
}

Status BadField(const char* column, std::string_view value) {
  return InvalidArgument(fmt::format("bad {} {}", column, Quoted(value)));
}

bool IsDecimalId(std::string_view s) {
  if (s.empty() || s.size() > 19) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The eight attribute columns after an actor's code and name: CountryCode, KnownGroupCode, EthnicCode,
// Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code, taken apart from the actor code in 3-letter
// pieces: a leading ISO country is the country; IGO/NGO/IMG and the organisation's code are type and known
// group; the remaining pieces are types ("PRKGOV" -> PRK, type GOV).
void AppendActorAttributes(std::string_view code, const FipsTable& fips, std::string& out) {
  std::string_view country, group, types[3];
  int type_count = 0;
  if (code.size() >= 3 && fips.IsIsoCode(code.substr(0, 3))) {
    country = code.substr(0, 3);
    code.remove_prefix(3);
  } else if (code.size() >= 6 &&
             (code.starts_with("IGO") || code.starts_with("NGO") || code.starts_with("IMG"))) {
    types[type_count++] = code.substr(0, 3);
    group = code.substr(3, 3);
    code.remove_prefix(6);
  }
  while (code.size() >= 3 && type_count < 3) {
    types[type_count++] = code.substr(0, 3);
    code.remove_prefix(3);
  }
  AppendTabCell(country, out);
  out.push_back('\t');
  AppendTabCell(group, out);
  out += "\t\t\t\t";  // ethnic and religion codes: dyad does not code them
  for (int i = 0; i < 3; ++i) {
    AppendTabCell(types[i], out);
    out.push_back('\t');
  }
}

}  // namespace

int GdeltColumnCount(GdeltVersion version) {
  switch (version) {
    case GdeltVersion::kV1Historical:
      return kV1Historical.columns;
    case GdeltVersion::kV1Daily:
      return kV1Daily.columns;
    case GdeltVersion::kV2:
      return kV2.columns;
  }
  return 0;
}

Status GdeltParser::Parse(std::string_view line, store::EventRecord& e) {
  // Tabs are ASCII, so repairing the bytes never moves a column boundary.
  if (!text::IsValidUtf8(line)) {
    repaired_ = text::RepairedText::Repair(line).text();
    line = repaired_;
  }
  std::string_view f[kMaxColumns];
  const size_t count = SplitTabs(line, f, kMaxColumns);
  const Layout* layout = count == 57   ? &kV1Historical
                         : count == 58 ? &kV1Daily
                         : count == 61 ? &kV2
                                       : nullptr;
  if (layout == nullptr) {
    return InvalidArgument(fmt::format(
        "want 57, 58 or 61 tab-separated columns (GDELT 1.0 historical, 1.0 daily, 2.0), found {}",
        count > kMaxColumns ? "more than 61" : std::to_string(count)));
  }
  version_ = layout->version;
  if (!IsDecimalId(f[kGlobalEventId])) return BadField("GLOBALEVENTID", f[kGlobalEventId]);
  if (!ParseCompactDate(f[kSqlDate], e.date)) return BadField("SQLDATE (want YYYYMMDD)", f[kSqlDate]);
  if (!IsEventCode(f[kEventCode])) return BadField("EventCode", f[kEventCode]);
  int64_t quad = 0;
  if (!ParseInt64(f[kQuadClass], quad) || quad < 1 || quad > 4) return BadField("QuadClass", f[kQuadClass]);
  if (!ParseDouble(f[kGoldsteinScale], e.goldstein)) return BadField("GoldsteinScale", f[kGoldsteinScale]);
  if (!ParseInt64(f[kNumMentions], e.num_mentions) || e.num_mentions < 0) {
    return BadField("NumMentions", f[kNumMentions]);
  }
  if (!ParseInt64(f[kNumSources], e.num_sources) || e.num_sources < 0)
    return BadField("NumSources", f[kNumSources]);
  if (!ParseInt64(f[kNumArticles], e.num_articles) || e.num_articles < 0) {
    return BadField("NumArticles", f[kNumArticles]);
  }
  coder::Location& location = e.location;
  location.name.assign(f[layout->action_geo + 1]);
  location.latitude = location.longitude = 0;
  if (location.name.empty()) {
    location.country.clear();
  } else {
    location.country.assign(FipsTable::Builtin().IsoFromFips(f[layout->action_geo + 2]));
    std::string_view lat = f[layout->action_lat], lon = f[layout->action_lat + 1];
    if (!lat.empty() && !ParseDouble(lat, location.latitude)) return BadField("ActionGeo_Lat", lat);
    if (!lon.empty() && !ParseDouble(lon, location.longitude)) return BadField("ActionGeo_Long", lon);
  }
  e.id = 0;
  e.quad_class = static_cast<int>(quad);
  e.origin_id.assign(f[kGlobalEventId]);
  e.source.assign(f[kActor1Code]);
  e.source_name.assign(f[kActor1Name]);
  e.target.assign(f[kActor2Code]);
  e.target_name.assign(f[kActor2Name]);
  e.code.assign(f[kEventCode]);
  e.url.assign(layout->source_url < 0 ? std::string_view() : f[layout->source_url]);
  e.origin.assign("gdelt");
  e.mode.assign("asserted");
  e.confidence = 1;
  return Status::Ok();
}

bool IsGdeltHeader(std::string_view line) {
  constexpr std::string_view kFirst = "globaleventid";
  if (line.size() < kFirst.size()) return false;
  for (size_t i = 0; i < kFirst.size(); ++i) {
    const char c = line[i];
    if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != kFirst[i]) return false;
  }
  return true;
}

void AppendGdeltRow(const store::EventRecord& e, std::string& out) {
  const FipsTable& fips = FipsTable::Builtin();
  auto it = std::back_inserter(out);
  if (e.origin == "gdelt" && IsDecimalId(e.origin_id)) {
    out += e.origin_id;
  } else {
    fmt::format_to(it, "{}", e.id);
  }
  const int year = e.date.year(), month = e.date.month(), day = e.date.day();
  const int day_of_year = e.date.days() - Date::FromCivil(year, 1, 1).days() + 1;
  // SQLDATE, MonthYear, Year, FractionDate (the year plus the elapsed part of it, as GDELT computes it).
  fmt::format_to(it, "\t{:04}{:02}{:02}\t{:04}{:02}\t{:04}\t{:.4f}\t", year, month, day, year, month, year,
                 year + day_of_year / 365.0);
  AppendTabCell(e.source, out);
  out.push_back('\t');
  AppendTabCell(e.source_name, out);
  out.push_back('\t');
  AppendActorAttributes(e.source, fips, out);
  AppendTabCell(e.target, out);
  out.push_back('\t');
  AppendTabCell(e.target_name, out);
  out.push_back('\t');
  AppendActorAttributes(e.target, fips, out);
  // IsRootEvent (unknown: 0), EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale, the counts,
  // AvgTone (unknown: 0).
  out += "0\t";
  AppendTabCell(e.code, out);
  out.push_back('\t');
  AppendTabCell(std::string_view(e.code).substr(0, 3), out);
  out.push_back('\t');
  AppendTabCell(std::string_view(e.code).substr(0, 2), out);
  fmt::format_to(it, "\t{}\t", e.quad_class);
  AppendNumber(e.goldstein, out);
  fmt::format_to(it, "\t{}\t{}\t{}\t0\t", e.num_mentions, e.num_sources, e.num_articles);
  // Actor1Geo_* and Actor2Geo_*: dyad places the event, not its actors. Type 0 means no place.
  out += "0\t\t\t\t\t\t\t\t0\t\t\t\t\t\t\t\t";
  // ActionGeo: Type (3 US city, 4 world city), FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long,
  // FeatureID.
  if (e.location.known()) {
    out += e.location.country == "USA" ? "3\t" : "4\t";
    AppendTabCell(e.location.name, out);
    out.push_back('\t');
    out += fips.FipsFromIso(e.location.country);
    out += "\t\t\t";
    AppendNumber(e.location.latitude, out);
    out.push_back('\t');
    AppendNumber(e.location.longitude, out);
    out += "\t\t";
  } else {
    out += "0\t\t\t\t\t\t\t\t";
  }
  fmt::format_to(it, "{:04}{:02}{:02}000000\t", year, month, day);  // DATEADDED
  AppendTabCell(e.url, out);
  out.push_back('\n');
}

}  // namespace dyad::interop
