#include "dyad/interop/icews.h"

#include <fmt/format.h>

#include "dyad/base/files.h"
#include "dyad/base/strings.h"
#include "dyad/dict/dict_file.h"
#include "dyad/interop/fields.h"
#include "dyad/text/normalize.h"
#include "dyad/text/utf8.h"

namespace dyad::interop {
namespace {

constexpr std::string_view kColumnNames[] = {
    "Event ID",       "Event Date", "Source Name",     "Source Sectors", "Source Country",
    "Event Text",     "CAMEO Code", "Intensity",       "Target Name",    "Target Sectors",
    "Target Country", "Story ID",   "Sentence Number", "Publisher",      "City",
    "District",       "Province",   "Country",         "Latitude",       "Longitude"};

// The matching key of a name: folded (case, diacritics, curly quotes), blanks collapsed, a leading "the "
// dropped: "The  Bahamas" -> "bahamas".
void NameKey(std::string_view name, std::string& key) {
  key.clear();
  text::AppendFolded(TrimBlanks(name), key);
  size_t out = 0;
  bool blank = false;
  for (char c : key) {
    if (c == ' ' || c == '\t') {
      blank = true;
      continue;
    }
    if (blank && out > 0) key[out++] = ' ';
    blank = false;
    key[out++] = c;
  }
  key.resize(out);
  if (key.starts_with("the ")) key.erase(0, 4);
}

// A column name as the header may spell it: "event_id", "EVENT ID", "Event  ID" -> "event id".
std::string ColumnKey(std::string_view name) {
  std::string key;
  for (char c : TrimBlanks(name)) key.push_back(c == '_' || c == '.' ? ' ' : c);
  std::string folded;
  NameKey(key, folded);
  return folded;
}

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// True when `phrase` stands in `text` as whole words ("ministry" in "foreign ministry", not in "ministryx").
bool ContainsWords(std::string_view text, std::string_view phrase) {
  for (size_t pos = text.find(phrase); pos != std::string_view::npos; pos = text.find(phrase, pos + 1)) {
    const size_t end = pos + phrase.size();
    if ((pos == 0 || !IsWordByte(text[pos - 1])) && (end == text.size() || !IsWordByte(text[end])))
      return true;
  }
  return false;
}

// Dataverse's tab exports may quote a text cell: "\"Government (China)\"" -> "Government (China)".
std::string_view Unquote(std::string_view cell) {
  if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') return cell.substr(1, cell.size() - 2);
  return cell;
}

// Windows-1252 bytes 0x80-0x9F (0 where the code page leaves a byte undefined); 0xA0-0xFF are Latin-1.
constexpr char16_t kCp1252High[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void DecodeWindows1252(std::string_view in, std::string& out) {
  out.clear();
  for (char c : in) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else if (b < 0xA0) {
      AppendUtf8(kCp1252High[b - 0x80] != 0 ? kCp1252High[b - 0x80] : 0xFFFD, out);
    } else {
      AppendUtf8(b, out);
    }
  }
}

bool IsAgentCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// The code as the CAMEO table spells it. ICEWS codes events at three or four digits; a file that went through
// a spreadsheet or Dataverse's numeric ingest lost the leading zero ("42" for "042", "211" for "0211").
const dict::CameoCode* FindCameo(const dict::CameoTable& cameo, std::string_view code, std::string& scratch) {
  if (code.empty() || code.size() > 4) return nullptr;
  for (char c : code) {
    if (c < '0' || c > '9') return nullptr;
  }
  if (code.size() == 2) {
    scratch.assign("0").append(code);
    return cameo.Find(scratch);
  }
  const dict::CameoCode* found = cameo.Find(code);
  if (found == nullptr && code.size() == 3) {
    scratch.assign("0").append(code);
    found = cameo.Find(scratch);
  }
  return found;
}

struct ActorColumns {
  std::string_view country;
  std::string sectors;
};

// The country name and sector list export writes for an actor code: "CHNGOV" -> China, Government. A code
// that does not start with a known country (IGOUNO) gives neither.
ActorColumns ActorColumnsOf(std::string_view code, const IcewsCodebook& codebook) {
  ActorColumns columns;
  if (code.size() < 3) return columns;
  columns.country = codebook.CountryName(code.substr(0, 3));
  if (columns.country.empty()) return columns;
  for (code.remove_prefix(3); code.size() >= 3; code.remove_prefix(3)) {
    std::string_view sector = codebook.SectorName(code.substr(0, 3));
    if (sector.empty()) continue;
    if (!columns.sectors.empty()) columns.sectors.push_back(',');
    columns.sectors.append(sector);
  }
  return columns;
}

Status LoadError(std::string_view path, int line, std::string_view message) {
  return InvalidArgument(fmt::format("{}:{}: {}", path, line, message));
}

}  // namespace

Result<IcewsCodebook> IcewsCodebook::Parse(std::string_view countries, std::string_view extra_countries,
                                           std::string_view sectors, dict::CameoTable cameo) {
  return ParseFiles({countries, "countries"}, {extra_countries, "icews-countries.tsv"},
                    {sectors, "icews-sectors.tsv"}, std::move(cameo));
}

Result<IcewsCodebook> IcewsCodebook::Load(const std::string& data_dir) {
  const std::string dir = data_dir.empty() ? DefaultDataDir() : data_dir;
  const std::string countries_path = dir + "/dict/actors/countries.txt";
  const std::string extra_path = dir + "/interop/icews-countries.tsv";
  const std::string sectors_path = dir + "/interop/icews-sectors.tsv";
  Result<std::string> countries = ReadFile(countries_path);
  if (!countries.ok()) return countries.status();
  Result<std::string> extra = ReadFile(extra_path);
  if (!extra.ok()) return extra.status();
  Result<std::string> sectors = ReadFile(sectors_path);
  if (!sectors.ok()) return sectors.status();
  Result<dict::CameoTable> cameo = dict::CameoTable::Load(dir + "/cameo/codes.tsv");
  if (!cameo.ok()) return cameo.status();
  return ParseFiles({*countries, countries_path}, {*extra, extra_path}, {*sectors, sectors_path},
                    *std::move(cameo));
}

Result<IcewsCodebook> IcewsCodebook::ParseFiles(NamedText countries, NamedText extra_countries,
                                                NamedText sectors, dict::CameoTable cameo) {
  IcewsCodebook book;
  book.cameo_ = std::move(cameo);
  std::string key;
  // ICEWS's own names first, so that they win over the dictionary's.
  LineCursor lines(extra_countries.text);
  std::string_view line;
  while (lines.Next(line)) {
    line = TrimBlanks(line);
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos || !IsAgentCode(line.substr(0, tab))) {
      return LoadError(extra_countries.path, lines.number(), "want ISO3<TAB>name");
    }
    NameKey(line.substr(tab + 1), key);
    book.country_by_name_.emplace(key, std::string(line.substr(0, tab)));
  }
  dict::DictionaryText dictionary;
  dict::ParseDictionaryText(countries.text, countries.path, dictionary);
  if (!dictionary.errors.empty()) return InvalidArgument(dictionary.errors.front());
  for (const dict::RawEntry& entry : dictionary.entries) {
    if (!IsAgentCode(entry.code) || entry.phrases.empty()) continue;  // countries only: three capital letters
    book.name_by_country_.emplace(entry.code, entry.phrases.front());
    for (const std::string& phrase : entry.phrases) {
      NameKey(phrase, key);
      book.country_by_name_.emplace(key, entry.code);
    }
  }
  if (book.name_by_country_.empty()) return InvalidArgument(fmt::format("{}: no countries", countries.path));

  std::unordered_map<std::string, int> priority_of_agent;
  lines = LineCursor(sectors.text);
  while (lines.Next(line)) {
    line = TrimBlanks(line);
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    std::string_view agent = line.substr(0, tab);
    if (tab == std::string_view::npos || (agent != "-" && !IsAgentCode(agent))) {
      return LoadError(sectors.path, lines.number(),
                       "want AGENT<TAB>phrase | phrase (AGENT: three capitals or -)");
    }
    SectorRule rule;
    if (agent != "-") rule.agent = std::string(agent);
    rule.priority =
        priority_of_agent.emplace(rule.agent, static_cast<int>(priority_of_agent.size())).first->second;
    std::string_view rest = line.substr(tab + 1);
    while (!rest.empty()) {
      const size_t bar = rest.find('|');
      std::string_view phrase = TrimBlanks(rest.substr(0, bar));
      rest.remove_prefix(bar == std::string_view::npos ? rest.size() : bar + 1);
      if (phrase.empty()) continue;
      NameKey(phrase, key);
      if (!book.rule_by_phrase_.emplace(key, book.rules_.size()).second) {
        return LoadError(sectors.path, lines.number(), fmt::format("sector '{}' listed twice", phrase));
      }
      if (!rule.agent.empty()) book.sector_by_agent_.emplace(rule.agent, std::string(phrase));
      rule.phrases.push_back(key);
    }
    if (rule.phrases.empty()) return LoadError(sectors.path, lines.number(), "no sector names");
    book.rules_.push_back(std::move(rule));
  }
  if (book.rules_.empty()) return InvalidArgument(fmt::format("{}: no sectors", sectors.path));
  return book;
}

std::string_view IcewsCodebook::CountryCode(std::string_view name, std::string& scratch) const {
  NameKey(name, scratch);
  if (scratch.empty()) return {};
  auto it = country_by_name_.find(scratch);
  if (it != country_by_name_.end()) return it->second;
  // "Korea, Republic of" -> "Republic of Korea"; "Bahamas, The" -> "The Bahamas".
  const size_t comma = scratch.find(", ");
  if (comma == std::string::npos || scratch.find(',', comma + 1) != std::string::npos) return {};
  std::string turned = scratch.substr(comma + 2) + " " + scratch.substr(0, comma);
  NameKey(turned, scratch);
  it = country_by_name_.find(scratch);
  return it == country_by_name_.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view IcewsCodebook::CountryName(std::string_view iso3) const {
  auto it = name_by_country_.find(std::string(iso3));
  return it == name_by_country_.end() ? std::string_view() : std::string_view(it->second);
}

const IcewsCodebook::SectorRule* IcewsCodebook::MatchSector(std::string_view folded) const {
  if (auto it = rule_by_phrase_.find(std::string(folded)); it != rule_by_phrase_.end())
    return &rules_[it->second];
  for (const SectorRule& rule : rules_) {
    for (const std::string& phrase : rule.phrases) {
      if (ContainsWords(folded, phrase)) return &rule;
    }
  }
  return nullptr;
}

std::string_view IcewsCodebook::AgentCode(std::string_view sectors, std::string& scratch) const {
  const SectorRule* best = nullptr;
  while (!sectors.empty()) {
    const size_t comma = sectors.find(',');
    NameKey(sectors.substr(0, comma), scratch);
    sectors.remove_prefix(comma == std::string_view::npos ? sectors.size() : comma + 1);
    if (scratch.empty()) continue;
    const SectorRule* rule = MatchSector(scratch);
    if (rule != nullptr && !rule->agent.empty() && (best == nullptr || rule->priority < best->priority))
      best = rule;
  }
  return best == nullptr ? std::string_view() : std::string_view(best->agent);
}

std::string_view IcewsCodebook::SectorName(std::string_view agent) const {
  auto it = sector_by_agent_.find(std::string(agent));
  return it == sector_by_agent_.end() ? std::string_view() : std::string_view(it->second);
}

std::string IcewsHeader() {
  std::string header;
  for (std::string_view name : kColumnNames) {
    if (!header.empty()) header.push_back('\t');
    header.append(name);
  }
  header.push_back('\n');
  return header;
}

Status IcewsParser::ParseHeader(std::string_view line) {
  if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // a UTF-8 byte-order mark
  std::fill(std::begin(column_of_), std::end(column_of_), -1);
  std::vector<std::string> keys;
  for (std::string_view name : kColumnNames) keys.push_back(ColumnKey(name));
  columns_ = 0;
  while (true) {
    const size_t tab = line.find('\t');
    const std::string key = ColumnKey(Unquote(TrimBlanks(line.substr(0, tab))));
    for (size_t i = 0; i < keys.size(); ++i) {
      if (key == keys[i] && column_of_[i] < 0) column_of_[i] = static_cast<int>(columns_);
    }
    ++columns_;
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  std::string missing;
  for (Field needed : {kEventId, kEventDate, kCameoCode}) {
    if (column_of_[needed] >= 0) continue;
    missing += fmt::format("{}\"{}\"", missing.empty() ? "" : ", ", kColumnNames[needed]);
  }
  if (!missing.empty()) {
    columns_ = 0;
    return InvalidArgument(fmt::format("not an ICEWS header row: no column {}", missing));
  }
  fields_.assign(columns_ + 1, std::string_view());
  return Status::Ok();
}

void IcewsParser::ActorCode(std::string_view country, std::string_view sectors, std::string& code) {
  key_.assign(country).push_back('\t');
  key_.append(sectors);
  if (auto it = actor_cache_.find(key_); it != actor_cache_.end()) {
    code.assign(it->second);
    return;
  }
  code.clear();
  std::string_view iso = codebook_->CountryCode(country, scratch_);
  if (!iso.empty()) {
    code.assign(iso);
    code.append(codebook_->AgentCode(sectors, scratch_));
  }
  if (actor_cache_.size() >= (1 << 16)) actor_cache_.clear();  // bounded: a file may name very many actors
  actor_cache_.emplace(key_, code);
}

Status IcewsParser::Parse(std::string_view line, store::EventRecord& e) {
  if (columns_ == 0) return Internal("ICEWS row read before its header");
  if (!text::IsValidUtf8(line)) {
    DecodeWindows1252(line, decoded_);
    line = decoded_;
  }
  const size_t count = SplitTabs(line, fields_.data(), columns_);
  if (count != columns_) {
    return InvalidArgument(
        fmt::format("want {} tab-separated columns (as the header has), found {}", columns_,
                    count > columns_ ? fmt::format("more than {}", columns_) : std::to_string(count)));
  }
  auto get = [&](Field f) {
    return column_of_[f] < 0 ? std::string_view() : Unquote(TrimBlanks(fields_[column_of_[f]]));
  };
  const std::string_view id = get(kEventId);
  if (id.empty()) return InvalidArgument("empty Event ID");
  const std::string_view date = get(kEventDate);
  Result<Date> parsed = Date::Parse(date.substr(0, 10));
  if (!parsed.ok() || (date.size() > 10 && date[10] != ' ' && date[10] != 'T')) {
    return InvalidArgument(fmt::format("bad Event Date {} (want YYYY-MM-DD)", Quoted(date)));
  }
  const dict::CameoCode* cameo = FindCameo(codebook_->cameo(), get(kCameoCode), scratch_);
  if (cameo == nullptr) return InvalidArgument(fmt::format("unknown CAMEO Code {}", Quoted(get(kCameoCode))));
  const std::string_view intensity = get(kIntensity);
  double goldstein = cameo->goldstein;
  if (!intensity.empty() && !ParseDouble(intensity, goldstein)) {
    return InvalidArgument(fmt::format("bad Intensity {}", Quoted(intensity)));
  }
  double latitude = 0, longitude = 0;
  const std::string_view lat = get(kLatitude), lon = get(kLongitude);
  if (!lat.empty() && !ParseDouble(lat, latitude))
    return InvalidArgument(fmt::format("bad Latitude {}", Quoted(lat)));
  if (!lon.empty() && !ParseDouble(lon, longitude)) {
    return InvalidArgument(fmt::format("bad Longitude {}", Quoted(lon)));
  }

  e.id = 0;
  e.date = *parsed;
  e.origin.assign("icews");
  e.origin_id.assign(id).push_back(':');
  e.origin_id.append(e.date.ToString());
  e.source_name.assign(get(kSourceName));
  e.target_name.assign(get(kTargetName));
  ActorCode(get(kSourceCountry), get(kSourceSectors), e.source);
  ActorCode(get(kTargetCountry), get(kTargetSectors), e.target);
  e.code.assign(cameo->code);
  e.goldstein = goldstein;
  e.quad_class = cameo->quad_class;
  e.mode.assign("asserted");
  e.confidence = 1;
  e.num_mentions = e.num_sources = e.num_articles = 1;
  e.url.clear();
  // The place is the most precise name ICEWS gives: the city, else the district, the province, the country.
  coder::Location& location = e.location;
  location.name.clear();
  for (Field f : {kCity, kDistrict, kProvince, kCountry}) {
    if (std::string_view name = get(f); !name.empty()) {
      location.name.assign(name);
      break;
    }
  }
  if (location.name.empty()) {
    location.country.clear();
    location.latitude = location.longitude = 0;
  } else {
    location.country.assign(codebook_->CountryCode(get(kCountry), scratch_));
    location.latitude = latitude;
    location.longitude = longitude;
  }
  return Status::Ok();
}

void AppendIcewsRow(const store::EventRecord& e, const IcewsCodebook& codebook, std::string& out) {
  auto cell = [&](std::string_view s) {
    AppendTabCell(s, out);
    out.push_back('\t');
  };
  if (e.origin == "icews" && !e.origin_id.empty()) {
    cell(std::string_view(e.origin_id).substr(0, e.origin_id.rfind(':')));
  } else {
    cell(std::to_string(e.id));
  }
  cell(e.date.ToString());
  const ActorColumns source = ActorColumnsOf(e.source, codebook);
  cell(e.source_name);
  cell(source.sectors);
  cell(source.country);
  const dict::CameoCode* cameo = codebook.cameo().Find(e.code);
  cell(cameo == nullptr ? std::string_view() : std::string_view(cameo->name));
  cell(e.code);
  AppendNumber(e.goldstein, out);
  out.push_back('\t');
  const ActorColumns target = ActorColumnsOf(e.target, codebook);
  cell(e.target_name);
  cell(target.sectors);
  cell(target.country);
  out += "\t\t\t";  // Story ID, Sentence Number, Publisher: not kept
  if (e.location.known()) {
    cell(e.location.name);
    out += "\t\t";  // District, Province
    cell(codebook.CountryName(e.location.country));
    AppendNumber(e.location.latitude, out);
    out.push_back('\t');
    AppendNumber(e.location.longitude, out);
  } else {
    out += "\t\t\t\t\t";
  }
  out.push_back('\n');
}

}  // namespace dyad::interop
