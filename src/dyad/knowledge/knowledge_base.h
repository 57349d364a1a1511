// The knowledge base: dated facts about states and organisations (alliances, treaties, sanctions,
// memberships, territorial disputes, nuclear status, leaders, scheduled summits and elections) that briefs
// quote, and the membership groups (NATO, EU, BRICS ...) that analytics expand to country codes. Format:
// docs/knowledge.md.
//
// A KnowledgeBase is immutable after Load: safe to share between threads. Queries return pointers into it,
// valid for as long as the KnowledgeBase lives (moving it keeps them valid).
#ifndef DYAD_KNOWLEDGE_KNOWLEDGE_BASE_H_
#define DYAD_KNOWLEDGE_KNOWLEDGE_BASE_H_

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/base/status.h"

namespace dyad::knowledge {

// The kinds a fact id may start with ("sanctions/unsc-1718"), in the order `dyad kb check` counts them.
std::span<const std::string_view> FactKinds();
bool IsFactKind(std::string_view kind);

// The leader roles a `leader` fact may carry.
std::span<const std::string_view> LeaderRoles();

// True for a well-formed actor code: a country (`PRK`) or an organisation (`IGONAT`, `NGOICR`, `IMGISL`),
// each optionally followed by three-letter role codes (`PRKGOV`, `IGONATMIL`). Only the shape is checked.
bool IsValidActorCode(std::string_view code);

// The part of an actor code that names the state or organisation: `PRKGOV` -> `PRK`, `IGONATMIL` -> `IGONAT`.
std::string_view BaseActor(std::string_view code);

struct Fact {
  std::string id;    // "sanctions/unsc-1718": kind "/" slug, unique in the knowledge base, stable for citing
  std::string kind;  // the id's prefix: "sanctions"
  DateRange range;   // when the fact holds (both ends inclusive); a scheduled fact: when it is due to happen
  bool scheduled = false;  // an event still to come when the fact was written (a summit, an election)
  std::vector<std::string>
      actors;             // actor codes the fact concerns, as written (a membership adds its group's code)
  std::string group;      // membership facts: the group handle ("NATO")
  std::string role;       // leader facts: "head-of-state", "head-of-government", ...
  std::string person;     // leader facts: "Donald Trump"
  std::string authority;  // the treaty, resolution, law or event the fact rests on
  std::string sentence;   // one plain-English sentence a brief can quote
  std::string file;       // where it was read, for messages
  int line = 0;

  std::string Where() const { return file + ":" + std::to_string(line); }
  bool InForce(Date d) const { return range.Contains(d); }
  // True when one of the fact's actors has the same base as `actor` (PRKGOV matches a fact about PRK).
  bool Involves(std::string_view actor) const;
};

// A membership group: a short upper-case handle ("NATO", "UNSC_P5") and the organisation code it stands for.
struct Group {
  std::string name;         // "NATO"
  std::string actor_code;   // "IGONAT"
  std::string description;  // "North Atlantic Treaty Organization"
  std::vector<std::string>
      includes;  // other groups whose members are members of this one ("UNSC" <- "UNSC_P5")
  std::string file;
  int line = 0;
};

struct LoadOptions {
  std::string data_dir;     // holds knowledge/index.txt; empty = DefaultDataDir()
  std::string overlay_dir;  // optional: a directory with its own index.txt, read after the built-in one
};

class KnowledgeBase {
 public:
  // Reads `dir`/index.txt and everything it includes. Fails only when the index cannot be read; every bad
  // line is reported in errors() ("file:line: what is wrong") and skipped, and the good ones load.
  static Result<KnowledgeBase> Load(const std::string& dir);
  // Reads options.data_dir/knowledge/index.txt, then the overlay's index.txt: an overlay fact with the id of
  // a built-in fact replaces it, a new id is added, and an overlay group declaration replaces the built-in
  // one.
  static Result<KnowledgeBase> Load(const LoadOptions& options);
  // The built-in knowledge directory: DefaultDataDir() + "/knowledge".
  static std::string DefaultDir();

  KnowledgeBase(KnowledgeBase&&) = default;
  KnowledgeBase& operator=(KnowledgeBase&&) = default;
  ~KnowledgeBase();

  // Problems found while reading, in reading order.
  const std::vector<std::string>& errors() const { return errors_; }
  // errors() plus what only the whole base shows: duplicate facts, overlapping spells (two leaders in one
  // role, two memberships of one country in one group), memberships of undeclared groups, group include
  // cycles.
  std::vector<std::string> Check() const;

  const std::vector<Fact>& facts() const { return facts_; }
  const Fact* Find(std::string_view id) const;

  // Facts in force on `as_of` that involve `actor` (a code, its base, or a group handle standing for its
  // organisation code), in file order.
  std::vector<const Fact*> About(std::string_view actor, Date as_of) const;
  // Facts in force on `as_of` that involve both actors.
  std::vector<const Fact*> Between(std::string_view a, std::string_view b, Date as_of) const;
  // Scheduled facts starting in [after, before] that involve any of `actors` (all scheduled facts when
  // empty), by date.
  std::vector<const Fact*> Scheduled(std::span<const std::string> actors, Date after, Date before) const;
  std::vector<const Fact*> Scheduled(std::string_view actor, Date after, Date before) const;
  // The leader facts of `country` (any code with that base) in force on `as_of`: usually a head of state and
  // a head of government, or one fact for both.
  std::vector<const Fact*> Leader(std::string_view country, Date as_of) const;

  // Groups, by name.
  const std::vector<Group>& Groups() const { return groups_; }
  bool IsGroup(std::string_view name) const;
  const Group* FindGroup(std::string_view name) const;
  // Members of `group` on `as_of` (its own membership facts and those of the groups it includes), sorted and
  // unique. Unknown group: empty.
  std::vector<std::string> MembersOf(std::string_view group, Date as_of) const;
  // Expands a list of actor handles for analytics: a group becomes its members on `as_of`, anything else is
  // kept.
  std::vector<std::string> Expand(std::span<const std::string> actors, Date as_of) const;

 private:
  KnowledgeBase() = default;
  void Index();
  void CollectMembers(const Group& group, Date as_of, std::vector<std::string>& out, int depth) const;

  std::vector<Fact> facts_;
  std::vector<Group> groups_;
  std::vector<std::string> errors_;
  std::map<std::string, size_t, std::less<>> fact_by_id_;
  std::map<std::string, size_t, std::less<>> group_by_name_;
};

// Parsing, exposed for tests and tools. One line of a knowledge file.
struct ParsedKnowledgeLine {
  enum class Type { kNothing, kInclude, kGroup, kFact };
  Type type = Type::kNothing;
  std::string include_path;
  Group group;
  Fact fact;
};
// Returns false and sets `error` for a malformed line.
bool ParseKnowledgeLine(std::string_view line, ParsedKnowledgeLine& out, std::string& error);

}  // namespace dyad::knowledge

#endif  // DYAD_KNOWLEDGE_KNOWLEDGE_BASE_H_
