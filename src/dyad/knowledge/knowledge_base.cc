#include "dyad/knowledge/knowledge_base.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <set>
#include <utility>

#include "dyad/base/files.h"
#include "dyad/base/strings.h"

namespace dyad::knowledge {
namespace {

constexpr std::array<std::string_view, 9> kKinds = {
    "alliance", "membership", "treaty", "sanctions", "nuclear", "territory", "leader", "election", "summit"};
constexpr std::array<std::string_view, 5> kRoles = {"head-of-state", "head-of-government",
                                                    "head-of-state-and-government", "paramount-leader",
                                                    "head-of-organisation"};
// The sector codes of docs/dictionaries.md (and data/dict/agents).
constexpr std::array<std::string_view, 20> kSectors = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY",
                                                       "OPP", "REB", "CRM", "BUS", "MED", "EDU", "CVL",
                                                       "REF", "HRI", "LAB", "REL", "HLH", "ELI"};
constexpr size_t kMaxSentence = 400;

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsOrganisationPrefix(std::string_view s) { return s == "IGO" || s == "NGO" || s == "IMG"; }

// Removes a trailing " # comment" (a '#' that starts the line is handled by the caller). A '#' inside a
// quoted person name is kept.
std::string_view StripComment(std::string_view line) {
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (!quoted && line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
      return line.substr(0, i);
  }
  return line;
}

bool IsGroupName(std::string_view name) {
  if (name.empty() || !IsUpper(name[0])) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return IsUpper(c) || IsDigit(c) || c == '_'; });
}

// "sanctions/unsc-1718": a known kind, then lower-case slug segments of letters, digits and '-'.
bool ParseId(std::string_view id, std::string& kind, std::string& error) {
  size_t slash = id.find('/');
  if (slash == std::string_view::npos || slash + 1 == id.size()) {
    error = fmt::format("bad fact id '{}' (want KIND/slug, e.g. sanctions/unsc-1718)", id);
    return false;
  }
  kind = std::string(id.substr(0, slash));
  if (kind.empty() || !std::all_of(kind.begin(), kind.end(), IsLower)) {
    error = fmt::format("bad fact id '{}' (want lower-case KIND/slug, e.g. sanctions/unsc-1718)", id);
    return false;
  }
  if (!IsFactKind(kind)) {
    error = fmt::format("unknown kind '{}' in '{}' (known: {})", kind, id, fmt::join(kKinds, ", "));
    return false;
  }
  std::string_view slug = id.substr(slash + 1);
  char previous = '/';
  for (char c : slug) {
    bool ok = IsLower(c) || IsDigit(c) || ((c == '-' || c == '/') && previous != '-' && previous != '/');
    if (!ok) {
      error = fmt::format("bad fact id '{}' (slug: lower-case letters, digits, single '-' or '/')", id);
      return false;
    }
    previous = c;
  }
  if (previous == '-' || previous == '/') {
    error = fmt::format("bad fact id '{}' (ends in '{}')", id, previous);
    return false;
  }
  return true;
}

// Splits the head of a line into blank-separated tokens; a double-quoted stretch stays in one token.
bool SplitHead(std::string_view head, std::vector<std::string_view>& tokens, std::string& error) {
  size_t i = 0;
  while (i < head.size()) {
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t')) ++i;
    if (i == head.size()) break;
    size_t start = i;
    bool quoted = false;
    while (i < head.size() && (quoted || (head[i] != ' ' && head[i] != '\t'))) {
      if (head[i] == '"') quoted = !quoted;
      ++i;
    }
    if (quoted) {
      error = "unterminated '\"'";
      return false;
    }
    tokens.push_back(head.substr(start, i - start));
  }
  return true;
}

// The first ':' outside double quotes.
size_t FindColon(std::string_view line) {
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (!quoted && line[i] == ':') return i;
  }
  return std::string_view::npos;
}

bool ParseRange(std::string_view text, DateRange& range, std::string& error) {
  std::string spelled =
      text.find("..") == std::string_view::npos ? fmt::format("{0}..{0}", text) : std::string(text);
  Result<DateRange> parsed = ParseDateRange(spelled);
  if (!parsed.ok()) {
    error = fmt::format("bad date '{}': {}", text, parsed.status().message());
    return false;
  }
  range = *parsed;
  return true;
}

bool ParseGroupLine(std::string_view line, Group& group, std::string& error) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    error = "want 'group NAME ACTORCODE [+NAME ...]: description' (no ':' found)";
    return false;
  }
  std::vector<std::string_view> tokens;
  if (!SplitHead(line.substr(0, colon), tokens, error)) return false;
  if (tokens.size() < 3) {
    error = "want 'group NAME ACTORCODE [+NAME ...]: description'";
    return false;
  }
  if (!IsGroupName(tokens[1])) {
    error = fmt::format("bad group name '{}' (upper-case letters, digits and '_')", tokens[1]);
    return false;
  }
  group.name = std::string(tokens[1]);
  if (!IsValidActorCode(tokens[2])) {
    error = fmt::format("bad actor code '{}' for group {}", tokens[2], group.name);
    return false;
  }
  group.actor_code = std::string(tokens[2]);
  for (size_t i = 3; i < tokens.size(); ++i) {
    if (tokens[i].size() < 2 || tokens[i][0] != '+' || !IsGroupName(tokens[i].substr(1))) {
      error = fmt::format("bad group include '{}' (want +NAME)", tokens[i]);
      return false;
    }
    group.includes.emplace_back(tokens[i].substr(1));
  }
  group.description = std::string(TrimBlanks(line.substr(colon + 1)));
  if (group.description.empty()) {
    error = fmt::format("group {} needs a description after ':'", group.name);
    return false;
  }
  return true;
}

bool ParseFactLine(std::string_view line, Fact& fact, std::string& error) {
  size_t colon = FindColon(line);
  if (colon == std::string_view::npos) {
    error = "want 'KIND/slug FROM..TO [attributes]: ACTORS | AUTHORITY | SENTENCE' (no ':' found)";
    return false;
  }
  std::vector<std::string_view> tokens;
  if (!SplitHead(line.substr(0, colon), tokens, error)) return false;
  if (tokens.empty()) {
    error = "missing fact id before ':'";
    return false;
  }
  fact.id = std::string(tokens[0]);
  if (!ParseId(fact.id, fact.kind, error)) return false;
  bool dated = false;
  for (size_t i = 1; i < tokens.size(); ++i) {
    std::string_view token = tokens[i];
    if (!token.empty() && (IsDigit(token[0]) || token.substr(0, 2) == "..")) {
      if (dated) {
        error = fmt::format("second date range '{}'", token);
        return false;
      }
      if (!ParseRange(token, fact.range, error)) return false;
      dated = true;
    } else if (token == "scheduled") {
      fact.scheduled = true;
    } else if (token.substr(0, 6) == "group=") {
      fact.group = std::string(token.substr(6));
      if (!IsGroupName(fact.group)) {
        error = fmt::format("bad group name '{}' (upper-case letters, digits and '_')", fact.group);
        return false;
      }
    } else if (token.substr(0, 5) == "role=") {
      fact.role = std::string(token.substr(5));
      if (std::find(kRoles.begin(), kRoles.end(), fact.role) == kRoles.end()) {
        error = fmt::format("unknown leader role '{}' (known: {})", fact.role, fmt::join(kRoles, ", "));
        return false;
      }
    } else if (token.substr(0, 7) == "person=") {
      std::string_view value = token.substr(7);
      if (value.size() < 3 || value.front() != '"' || value.back() != '"') {
        error = fmt::format("bad {} (want person=\"Full Name\")", token);
        return false;
      }
      fact.person = std::string(TrimBlanks(value.substr(1, value.size() - 2)));
      if (fact.person.empty()) {
        error = "empty person name";
        return false;
      }
    } else {
      error = fmt::format("unknown attribute '{}' (want a date range, scheduled, group=, role= or person=)",
                          token);
      return false;
    }
  }
  if (!dated || fact.range.from == Date::Min()) {
    error = fmt::format("fact {} has no start date (want FROM.. or FROM..TO)", fact.id);
    return false;
  }
  // Attributes belong to one kind each.
  if ((fact.kind == "membership") != !fact.group.empty()) {
    error = fact.group.empty() ? "a membership fact needs group=NAME" : "group= is for membership facts only";
    return false;
  }
  if (fact.kind == "leader" && (fact.role.empty() || fact.person.empty())) {
    error = "a leader fact needs role=ROLE and person=\"Name\"";
    return false;
  }
  if (fact.kind != "leader" && (!fact.role.empty() || !fact.person.empty())) {
    error = "role= and person= are for leader facts only";
    return false;
  }
  if (fact.scheduled && (fact.kind == "leader" || fact.kind == "membership" || fact.kind == "nuclear")) {
    error = fmt::format("a {} fact cannot be scheduled", fact.kind);
    return false;
  }

  std::vector<std::string_view> fields;
  std::string_view body = line.substr(colon + 1);
  while (true) {
    size_t bar = body.find('|');
    fields.push_back(TrimBlanks(body.substr(0, bar)));
    if (bar == std::string_view::npos) break;
    body.remove_prefix(bar + 1);
  }
  if (fields.size() != 3) {
    error = fmt::format("want 3 fields after ':' (ACTORS | AUTHORITY | SENTENCE), found {}", fields.size());
    return false;
  }
  std::vector<std::string_view> codes;
  std::string ignored;
  if (!SplitHead(fields[0], codes, ignored) || codes.empty()) {
    error = "no actor codes before the first '|'";
    return false;
  }
  for (std::string_view code : codes) {
    if (!IsValidActorCode(code)) {
      error = fmt::format(
          "bad actor code '{}' (want CCC, IGOxxx, NGOxxx or IMGxxx, then role codes such as GOV)", code);
      return false;
    }
    if (std::find(fact.actors.begin(), fact.actors.end(), code) != fact.actors.end()) {
      error = fmt::format("actor code {} given twice", code);
      return false;
    }
    fact.actors.emplace_back(code);
  }
  if ((fact.kind == "membership" || fact.kind == "leader") && fact.actors.size() != 1) {
    error = fmt::format("a {} fact names exactly one country before the first '|'", fact.kind);
    return false;
  }
  fact.authority = std::string(fields[1]);
  if (fact.authority.empty()) {
    error = "missing authority/source (second field)";
    return false;
  }
  std::string_view sentence = fields[2];
  if (sentence.empty()) {
    error = "missing sentence (third field)";
    return false;
  }
  if (!IsUpper(sentence.front()) && !IsDigit(sentence.front()) && sentence.front() != '"') {
    error = "the sentence should start with a capital letter";
    return false;
  }
  if (sentence.back() != '.' && sentence.back() != '?' && sentence.back() != '!') {
    error = "the sentence should end with '.'";
    return false;
  }
  if (sentence.size() > kMaxSentence) {
    error = fmt::format("the sentence is {} characters long (at most {}: one sentence)", sentence.size(),
                        kMaxSentence);
    return false;
  }
  fact.sentence = std::string(sentence);
  return true;
}

struct Reader {
  std::vector<Fact> facts;
  std::vector<Group> groups;
  std::vector<std::string> errors;
  IncludeWalker walker{errors};

  void Read(const std::filesystem::path& path, const std::string& included_from) {
    walker.Read(path, included_from, [&](const std::string& file, int line_number, std::string_view line) {
      ParsedKnowledgeLine parsed;
      std::string error;
      if (!ParseKnowledgeLine(line, parsed, error)) {
        errors.push_back(fmt::format("{}:{}: {}", file, line_number, error));
        return;
      }
      switch (parsed.type) {
        case ParsedKnowledgeLine::Type::kNothing:
          break;
        case ParsedKnowledgeLine::Type::kInclude:
          Read(path.parent_path() / parsed.include_path, fmt::format("{}:{}", file, line_number));
          break;
        case ParsedKnowledgeLine::Type::kGroup:
          parsed.group.file = file;
          parsed.group.line = line_number;
          groups.push_back(std::move(parsed.group));
          break;
        case ParsedKnowledgeLine::Type::kFact:
          parsed.fact.file = file;
          parsed.fact.line = line_number;
          facts.push_back(std::move(parsed.fact));
          break;
      }
    });
  }
};

bool RolesClash(std::string_view a, std::string_view b) {
  if (a == b) return true;
  constexpr std::string_view kBoth = "head-of-state-and-government";
  auto is_office = [](std::string_view r) { return r == "head-of-state" || r == "head-of-government"; };
  return (a == kBoth && is_office(b)) || (b == kBoth && is_office(a));
}

}  // namespace

std::span<const std::string_view> FactKinds() { return kKinds; }
bool IsFactKind(std::string_view kind) {
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}
std::span<const std::string_view> LeaderRoles() { return kRoles; }

bool IsValidActorCode(std::string_view code) {
  if (code.size() < 3 || code.size() % 3 != 0) return false;
  if (!std::all_of(code.begin(), code.end(), IsUpper)) return false;
  size_t base = IsOrganisationPrefix(code.substr(0, 3)) ? 6 : 3;
  if (code.size() < base) return false;
  for (size_t i = base; i < code.size(); i += 3) {
    if (std::find(kSectors.begin(), kSectors.end(), code.substr(i, 3)) == kSectors.end()) return false;
  }
  return true;
}

std::string_view BaseActor(std::string_view code) {
  size_t base = code.size() >= 6 && IsOrganisationPrefix(code.substr(0, 3)) ? 6 : 3;
  return code.substr(0, std::min(base, code.size()));
}

bool Fact::Involves(std::string_view actor) const {
  std::string_view base = BaseActor(actor);
  return std::any_of(actors.begin(), actors.end(),
                     [&](const std::string& a) { return BaseActor(a) == base; });
}

bool ParseKnowledgeLine(std::string_view raw, ParsedKnowledgeLine& out, std::string& error) {
  std::string_view line = TrimBlanks(raw);
  if (line.empty() || line[0] == '#') return true;
  line = TrimBlanks(StripComment(line));
  if (line.substr(0, 8) == "include " || line.substr(0, 8) == "include\t") {
    std::string_view path = TrimBlanks(line.substr(8));
    if (path.empty()) {
      error = "include needs a path";
      return false;
    }
    out.type = ParsedKnowledgeLine::Type::kInclude;
    out.include_path = std::string(path);
    return true;
  }
  if (line.substr(0, 6) == "group " || line.substr(0, 6) == "group\t") {
    if (!ParseGroupLine(line, out.group, error)) return false;
    out.type = ParsedKnowledgeLine::Type::kGroup;
    return true;
  }
  if (!ParseFactLine(line, out.fact, error)) return false;
  out.type = ParsedKnowledgeLine::Type::kFact;
  return true;
}

KnowledgeBase::~KnowledgeBase() = default;

std::string KnowledgeBase::DefaultDir() { return DefaultDataDir() + "/knowledge"; }

Result<KnowledgeBase> KnowledgeBase::Load(const std::string& dir) {
  KnowledgeBase kb;
  Reader reader;
  std::filesystem::path index = std::filesystem::path(dir) / "index.txt";
  if (!std::filesystem::exists(index))
    return NotFound(fmt::format("{}: no knowledge base index here", index.string()));
  reader.Read(index, "");
  kb.facts_ = std::move(reader.facts);
  kb.groups_ = std::move(reader.groups);
  kb.errors_ = std::move(reader.errors);
  kb.Index();
  return kb;
}

Result<KnowledgeBase> KnowledgeBase::Load(const LoadOptions& options) {
  std::string dir = options.data_dir.empty() ? DefaultDir() : options.data_dir + "/knowledge";
  Result<KnowledgeBase> base = Load(dir);
  if (!base.ok() || options.overlay_dir.empty()) return base;
  std::filesystem::path index = std::filesystem::path(options.overlay_dir) / "index.txt";
  if (!std::filesystem::exists(index))
    return NotFound(fmt::format("{}: no knowledge base index here", index.string()));
  Reader overlay;
  overlay.Read(index, "");
  KnowledgeBase& kb = *base;
  for (std::string& error : overlay.errors) kb.errors_.push_back(std::move(error));
  // Within the overlay, a repeated id is an error as anywhere; against the built-in base it replaces.
  std::set<std::string> overlay_ids;
  for (Fact& fact : overlay.facts) {
    if (!overlay_ids.insert(fact.id).second) {
      kb.facts_.push_back(std::move(fact));  // Index() reports and drops it
      continue;
    }
    auto it = kb.fact_by_id_.find(fact.id);
    if (it != kb.fact_by_id_.end()) {
      kb.facts_[it->second] = std::move(fact);
    } else {
      kb.facts_.push_back(std::move(fact));
    }
  }
  for (Group& group : overlay.groups) {
    auto it = kb.group_by_name_.find(group.name);
    if (it != kb.group_by_name_.end()) {
      kb.groups_[it->second] = std::move(group);
    } else {
      kb.groups_.push_back(std::move(group));
    }
  }
  kb.Index();
  return base;
}

// Builds the lookup maps, reports repeated ids and names (the later one is dropped) and what needs every
// group: memberships of an undeclared group, includes of an undeclared group. A membership fact gets its
// group's code.
void KnowledgeBase::Index() {
  fact_by_id_.clear();
  group_by_name_.clear();
  std::vector<Group> groups;
  for (Group& group : groups_) {
    auto [it, inserted] = group_by_name_.emplace(group.name, groups.size());
    if (!inserted) {
      errors_.push_back(fmt::format("{}:{}: group {} is declared twice (first at {}:{})", group.file,
                                    group.line, group.name, groups[it->second].file,
                                    groups[it->second].line));
      continue;
    }
    groups.push_back(std::move(group));
  }
  groups_ = std::move(groups);
  for (const Group& group : groups_) {
    for (const std::string& included : group.includes) {
      if (!group_by_name_.count(included)) {
        errors_.push_back(fmt::format("{}:{}: group {} includes undeclared group {}", group.file, group.line,
                                      group.name, included));
      }
    }
  }
  std::vector<Fact> facts;
  for (Fact& fact : facts_) {
    auto [it, inserted] = fact_by_id_.emplace(fact.id, facts.size());
    if (!inserted) {
      errors_.push_back(fmt::format("{}: duplicate fact id {} (first at {})", fact.Where(), fact.id,
                                    facts[it->second].Where()));
      continue;
    }
    if (fact.kind == "membership") {
      const Group* group = FindGroup(fact.group);
      if (group == nullptr) {
        errors_.push_back(
            fmt::format("{}: membership of undeclared group {} (declare it with 'group {} CODE: ...')",
                        fact.Where(), fact.group, fact.group));
        fact_by_id_.erase(it);
        continue;
      }
      if (std::find(fact.actors.begin(), fact.actors.end(), group->actor_code) == fact.actors.end()) {
        fact.actors.push_back(group->actor_code);
      }
    }
    facts.push_back(std::move(fact));
  }
  facts_ = std::move(facts);
}

std::vector<std::string> KnowledgeBase::Check() const {
  std::vector<std::string> problems = errors_;
  // Duplicates: the same sentence twice, or the same kind, actors, dates and authority under two ids.
  std::map<std::string, const Fact*> by_sentence;
  std::map<std::string, const Fact*> by_content;
  for (const Fact& fact : facts_) {
    auto [s, new_sentence] = by_sentence.emplace(fact.sentence, &fact);
    if (!new_sentence) {
      problems.push_back(fmt::format("{}: {} repeats the sentence of {} at {}", fact.Where(), fact.id,
                                     s->second->id, s->second->Where()));
    }
    std::vector<std::string> actors = fact.actors;
    std::sort(actors.begin(), actors.end());
    std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}", fact.kind, fmt::join(actors, " "), fact.group,
                                  fact.role, fact.person, fact.range.ToString(), fact.authority);
    auto [c, new_content] = by_content.emplace(key, &fact);
    if (!new_content) {
      problems.push_back(fmt::format("{}: {} duplicates {} at {} (same kind, actors, dates and authority)",
                                     fact.Where(), fact.id, c->second->id, c->second->Where()));
    }
  }
  // Overlapping spells: one country twice in one group at once, two leaders in one role at once.
  for (size_t i = 0; i < facts_.size(); ++i) {
    const Fact& a = facts_[i];
    if (a.kind != "membership" && a.kind != "leader") continue;
    for (size_t j = i + 1; j < facts_.size(); ++j) {
      const Fact& b = facts_[j];
      if (b.kind != a.kind || !a.range.Overlaps(b.range)) continue;
      if (a.kind == "membership" && a.group == b.group && BaseActor(a.actors[0]) == BaseActor(b.actors[0])) {
        problems.push_back(fmt::format("{}: {} in {} {} overlaps {} {} at {}", b.Where(), b.actors[0],
                                       b.group, b.range.ToString(), a.id, a.range.ToString(), a.Where()));
      }
      if (a.kind == "leader" && BaseActor(a.actors[0]) == BaseActor(b.actors[0]) &&
          RolesClash(a.role, b.role)) {
        problems.push_back(fmt::format("{}: {} ({} of {}, {}) overlaps {} ({}, {}) at {}", b.Where(),
                                       b.person, b.role, b.actors[0], b.range.ToString(), a.person, a.role,
                                       a.range.ToString(), a.Where()));
      }
    }
  }
  // Group include cycles.
  for (const Group& group : groups_) {
    std::vector<const Group*> todo = {&group};
    std::set<std::string> visited;
    bool cycle = false;
    while (!todo.empty() && !cycle) {
      const Group* g = todo.back();
      todo.pop_back();
      for (const std::string& name : g->includes) {
        if (name == group.name) cycle = true;
        const Group* next = FindGroup(name);
        if (next != nullptr && visited.insert(name).second) todo.push_back(next);
      }
    }
    if (cycle)
      problems.push_back(fmt::format("{}:{}: group {} includes itself", group.file, group.line, group.name));
  }
  return problems;
}

const Fact* KnowledgeBase::Find(std::string_view id) const {
  auto it = fact_by_id_.find(id);
  return it == fact_by_id_.end() ? nullptr : &facts_[it->second];
}

std::vector<const Fact*> KnowledgeBase::About(std::string_view actor, Date as_of) const {
  if (const Group* group = FindGroup(actor)) actor = group->actor_code;
  std::vector<const Fact*> out;
  for (const Fact& fact : facts_) {
    if (fact.InForce(as_of) && fact.Involves(actor)) out.push_back(&fact);
  }
  return out;
}

std::vector<const Fact*> KnowledgeBase::Between(std::string_view a, std::string_view b, Date as_of) const {
  if (const Group* group = FindGroup(a)) a = group->actor_code;
  if (const Group* group = FindGroup(b)) b = group->actor_code;
  std::vector<const Fact*> out;
  for (const Fact& fact : facts_) {
    if (fact.InForce(as_of) && fact.Involves(a) && fact.Involves(b)) out.push_back(&fact);
  }
  return out;
}

std::vector<const Fact*> KnowledgeBase::Scheduled(std::span<const std::string> actors, Date after,
                                                  Date before) const {
  std::vector<std::string> codes;
  for (const std::string& actor : actors) {
    const Group* group = FindGroup(actor);
    codes.push_back(group != nullptr ? group->actor_code : actor);
  }
  std::vector<const Fact*> out;
  for (const Fact& fact : facts_) {
    if (!fact.scheduled || fact.range.from < after || fact.range.from > before) continue;
    if (codes.empty() ||
        std::any_of(codes.begin(), codes.end(), [&](const std::string& c) { return fact.Involves(c); })) {
      out.push_back(&fact);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Fact* x, const Fact* y) { return x->range.from < y->range.from; });
  return out;
}

std::vector<const Fact*> KnowledgeBase::Scheduled(std::string_view actor, Date after, Date before) const {
  std::string one(actor);
  return Scheduled(std::span<const std::string>(&one, 1), after, before);
}

std::vector<const Fact*> KnowledgeBase::Leader(std::string_view country, Date as_of) const {
  std::vector<const Fact*> out;
  std::string_view base = BaseActor(country);
  for (const Fact& fact : facts_) {
    if (fact.kind == "leader" && fact.InForce(as_of) && BaseActor(fact.actors[0]) == base)
      out.push_back(&fact);
  }
  return out;
}

bool KnowledgeBase::IsGroup(std::string_view name) const { return group_by_name_.count(name) > 0; }

const Group* KnowledgeBase::FindGroup(std::string_view name) const {
  auto it = group_by_name_.find(name);
  return it == group_by_name_.end() ? nullptr : &groups_[it->second];
}

void KnowledgeBase::CollectMembers(const Group& group, Date as_of, std::vector<std::string>& out,
                                   int depth) const {
  if (depth > 8) return;  // an include cycle; Check() reports it
  for (const Fact& fact : facts_) {
    if (fact.kind == "membership" && fact.group == group.name && fact.InForce(as_of))
      out.push_back(fact.actors[0]);
  }
  for (const std::string& name : group.includes) {
    if (const Group* included = FindGroup(name)) CollectMembers(*included, as_of, out, depth + 1);
  }
}

std::vector<std::string> KnowledgeBase::MembersOf(std::string_view group, Date as_of) const {
  std::vector<std::string> out;
  const Group* found = FindGroup(group);
  if (found == nullptr) return out;
  CollectMembers(*found, as_of, out, 0);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> KnowledgeBase::Expand(std::span<const std::string> actors, Date as_of) const {
  std::vector<std::string> out;
  for (const std::string& actor : actors) {
    if (IsGroup(actor)) {
      for (std::string& member : MembersOf(actor, as_of)) out.push_back(std::move(member));
    } else {
      out.push_back(actor);
    }
  }
  return out;
}

}  // namespace dyad::knowledge
