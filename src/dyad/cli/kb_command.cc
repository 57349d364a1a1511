// dyad kb check | list | groups: inspect the knowledge base (data/knowledge/, docs/knowledge.md).
#include <fmt/format.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>

#include "dyad/cli/common.h"
#include "dyad/coder/event_writer.h"
#include "dyad/knowledge/knowledge_base.h"

namespace dyad::cli {
namespace {

struct KbOptions {
  std::string data_dir;  // holds knowledge/; empty = the built-in data directory
  std::string kb_dir;    // an overlay directory with its own index.txt
  std::string actor;
  std::string kind;
  std::string as_of;
  std::string group;
  bool json = false;

  void Register(CLI::App& command) {
    command.add_option("--data-dir", data_dir,
                       "Data directory holding knowledge/ (default: the built-in one)");
    command.add_option("--kb-dir", kb_dir,
                       "Your own knowledge directory (with index.txt), read over the built-in one");
  }
};

// Loads the knowledge base, or prints why it cannot and returns false.
bool LoadOrReport(const KbOptions& options, const char* command,
                  std::optional<knowledge::KnowledgeBase>& kb) {
  Result<knowledge::KnowledgeBase> loaded =
      knowledge::KnowledgeBase::Load(knowledge::LoadOptions{options.data_dir, options.kb_dir});
  if (!loaded.ok()) {
    fmt::print(stderr, "dyad kb {}: {}\n", command, loaded.status().ToString());
    return false;
  }
  kb.emplace(*std::move(loaded));
  return true;
}

// "--as-of" as a date; `fallback` when empty. Prints the error and returns false when malformed.
bool ParseAsOf(const std::string& text, const char* command, Date fallback, Date& out) {
  if (text.empty()) {
    out = fallback;
    return true;
  }
  Result<Date> date = Date::Parse(text);
  if (!date.ok()) {
    fmt::print(stderr, "dyad kb {}: --as-of: {}\n", command, date.status().message());
    return false;
  }
  out = *date;
  return true;
}

int RunCheck(const KbOptions& options) {
  std::optional<knowledge::KnowledgeBase> kb;
  if (!LoadOrReport(options, "check", kb)) return 1;
  std::vector<std::string> problems = kb->Check();
  for (const std::string& p : problems) fmt::print("{}\n", p);
  std::map<std::string_view, int> by_kind;
  int scheduled = 0;
  for (const knowledge::Fact& fact : kb->facts()) {
    ++by_kind[fact.kind];
    scheduled += fact.scheduled ? 1 : 0;
  }
  std::vector<std::string> counts;
  for (std::string_view kind : knowledge::FactKinds())
    counts.push_back(fmt::format("{} {}", by_kind[kind], kind));
  fmt::print(stderr, "dyad kb check: {} facts ({}; {} scheduled), {} groups, {} problem(s)\n",
             kb->facts().size(), fmt::join(counts, ", "), scheduled, kb->Groups().size(), problems.size());
  return problems.empty() ? 0 : 1;
}

void PrintFactJson(const knowledge::Fact& fact) {
  std::string out = "{\"id\":";
  coder::AppendJsonString(fact.id, out);
  out += ",\"kind\":";
  coder::AppendJsonString(fact.kind, out);
  out += ",\"from\":";
  coder::AppendJsonString(fact.range.from == Date::Min() ? "" : fact.range.from.ToString(), out);
  out += ",\"to\":";
  coder::AppendJsonString(fact.range.to == Date::Max() ? "" : fact.range.to.ToString(), out);
  out += fmt::format(",\"scheduled\":{},\"actors\":[", fact.scheduled);
  for (size_t i = 0; i < fact.actors.size(); ++i) {
    if (i > 0) out += ",";
    coder::AppendJsonString(fact.actors[i], out);
  }
  out += "]";
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"group", &fact.group},
                                   {"role", &fact.role},
                                   {"person", &fact.person}}) {
    if (value->empty()) continue;
    out += fmt::format(",\"{}\":", key);
    coder::AppendJsonString(*value, out);
  }
  out += ",\"authority\":";
  coder::AppendJsonString(fact.authority, out);
  out += ",\"sentence\":";
  coder::AppendJsonString(fact.sentence, out);
  out += ",\"source\":";
  coder::AppendJsonString(fact.Where(), out);
  out += "}\n";
  fmt::print("{}", out);
}

int RunList(const KbOptions& options) {
  if (!options.kind.empty() && !knowledge::IsFactKind(options.kind)) {
    fmt::print(stderr, "dyad kb list: --kind: unknown kind '{}' (known: {})\n", options.kind,
               fmt::join(knowledge::FactKinds(), ", "));
    return 2;
  }
  Date as_of;
  if (!ParseAsOf(options.as_of, "list", Date(), as_of)) return 2;
  std::optional<knowledge::KnowledgeBase> kb;
  if (!LoadOrReport(options, "list", kb)) return 1;
  std::string_view actor = options.actor;
  if (const knowledge::Group* group = kb->FindGroup(actor)) actor = group->actor_code;
  int shown = 0;
  for (const knowledge::Fact& fact : kb->facts()) {
    if (!options.kind.empty() && fact.kind != options.kind) continue;
    if (!actor.empty() && !fact.Involves(actor)) continue;
    if (!options.as_of.empty() && !fact.InForce(as_of)) continue;
    ++shown;
    if (options.json) {
      PrintFactJson(fact);
    } else {
      fmt::print("{}  {}{}  [{}]\n  {}\n  ({})\n", fact.id, fact.range.ToString(),
                 fact.scheduled ? " scheduled" : "", fmt::join(fact.actors, " "), fact.sentence,
                 fact.authority);
    }
  }
  if (!options.json) fmt::print(stderr, "dyad kb list: {} fact(s)\n", shown);
  return 0;
}

int RunGroups(const KbOptions& options) {
  Date as_of;
  if (!ParseAsOf(options.as_of, "groups", Date::Today(), as_of)) return 2;
  std::optional<knowledge::KnowledgeBase> kb;
  if (!LoadOrReport(options, "groups", kb)) return 1;
  if (!options.group.empty()) {
    const knowledge::Group* group = kb->FindGroup(options.group);
    if (group == nullptr) {
      std::vector<std::string> names;
      for (const knowledge::Group& g : kb->Groups()) names.push_back(g.name);
      fmt::print(stderr, "dyad kb groups: unknown group '{}' (known: {})\n", options.group,
                 fmt::join(names, ", "));
      return 2;
    }
    std::vector<std::string> members = kb->MembersOf(group->name, as_of);
    if (options.json) {
      std::string out = "{\"group\":";
      coder::AppendJsonString(group->name, out);
      out += ",\"as_of\":";
      coder::AppendJsonString(as_of.ToString(), out);
      out += ",\"members\":[";
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out += ",";
        coder::AppendJsonString(members[i], out);
      }
      out += "]}\n";
      fmt::print("{}", out);
    } else {
      fmt::print("{} ({}, {}) on {}: {} member(s)\n{}\n", group->name, group->actor_code, group->description,
                 as_of.ToString(), members.size(), fmt::join(members, " "));
    }
    return 0;
  }
  for (const knowledge::Group& group : kb->Groups()) {
    std::vector<std::string> members = kb->MembersOf(group.name, as_of);
    fmt::print("{:<15} {}  {:>3} members on {}  {}\n", group.name, group.actor_code, members.size(),
               as_of.ToString(), group.description);
  }
  return 0;
}

}  // namespace

void AddKbCommand(CLI::App& app, int& exit_code) {
  CLI::App* cmd =
      app.add_subcommand("kb", "Check and query the knowledge base (alliances, sanctions, leaders, groups)");
  cmd->require_subcommand(1);
  auto options = std::make_shared<KbOptions>();
  CLI::App* check =
      cmd->add_subcommand("check", "Report every knowledge-base problem with file:line, count facts");
  options->Register(*check);
  check->callback([options, &exit_code] { exit_code = RunCheck(*options); });

  CLI::App* list = cmd->add_subcommand("list", "List facts, filtered by actor, kind and date");
  list->add_option("--actor", options->actor,
                   "Only facts involving this actor (PRK, PRKGOV, IGONAT or a group: NATO)");
  list->add_option("--kind", options->kind, "Only facts of this kind (sanctions, alliance, leader ...)");
  list->add_option("--as-of", options->as_of, "Only facts in force on this date (YYYY-MM-DD)");
  list->add_flag("--json", options->json, "Print JSON Lines");
  options->Register(*list);
  list->callback([options, &exit_code] { exit_code = RunList(*options); });

  CLI::App* groups = cmd->add_subcommand("groups", "List the groups, or one group's members on a date");
  groups->add_option("name", options->group, "A group (NATO, EU, UNSC, BRICS ...): print its members");
  groups->add_option("--as-of", options->as_of, "The date membership is taken on (default: today)");
  groups->add_flag("--json", options->json, "Print JSON (with a group name)");
  options->Register(*groups);
  groups->callback([options, &exit_code] { exit_code = RunGroups(*options); });
}

}  // namespace dyad::cli
