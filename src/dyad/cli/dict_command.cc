// dyad dict check | stats | lookup: inspect the dictionaries.
#include <fmt/format.h>

#include <map>
#include <set>

#include "dyad/cli/common.h"
#include "dyad/coder/coder.h"
#include "dyad/coder/event_writer.h"

namespace dyad::cli {
namespace {

struct DictOptions {
  DictionaryFlags dict;
  bool json = false;
  std::string text;
  std::string date;
};

// Problems a loader accepts but a maintainer wants to know about: duplicates, conflicting or overlapping spells,
// patterns no text can reach.
std::vector<std::string> Check(const dict::Dictionary& dict) {
  std::vector<std::string> problems = dict.errors();
  for (uint32_t p = 0; p < dict.actors().size(); ++p) {
    std::span<const dict::ActorSpell> spells = dict.ActorSpells(p);
    for (size_t i = 0; i < spells.size(); ++i) {
      for (size_t j = i + 1; j < spells.size(); ++j) {
        const dict::ActorSpell& a = spells[i];
        const dict::ActorSpell& b = spells[j];
        if (a.dated != b.dated) continue;
        if (!a.dated) {
          problems.push_back(fmt::format("{}: {} undated entry for a phrase already undated at {} ({})",
                                         dict.source(b.source), a.code == b.code ? "duplicate" : "conflicting",
                                         dict.source(a.source), a.code));
        } else if (a.range.Overlaps(b.range) && a.code != b.code) {
          problems.push_back(fmt::format("{}: {} {} overlaps {} {} at {}", dict.source(b.source), b.code,
                                         b.range.ToString(), a.code, a.range.ToString(), dict.source(a.source)));
        } else if (a.range.Overlaps(b.range)) {
          problems.push_back(fmt::format("{}: duplicate spell {} {} (also at {})", dict.source(b.source), b.code,
                                         b.range.ToString(), dict.source(a.source)));
        }
      }
    }
  }
  std::map<std::vector<text::WordId>, uint32_t> seen_patterns;
  for (uint32_t i = 0; i < dict.pattern_count(); ++i) {
    const dict::VerbPattern& p = dict.pattern(i);
    auto [it, inserted] = seen_patterns.emplace(p.words, i);
    if (!inserted) {
      const dict::VerbPattern& first = dict.pattern(it->second);
      problems.push_back(fmt::format("{}: pattern '{}' ({}) is unreachable: '{}' ({}) at {} matches first",
                                     dict.source(p.source), p.text, p.code, first.text, first.code,
                                     dict.source(first.source)));
    }
    const text::Lexeme& verb = dict.lexicon().Get(p.words[0]);
    if (!(verb.flags & text::kAnyVerb)) {
      problems.push_back(fmt::format("{}: pattern '{}' starts with '{}', which is not a verb the lemmatizer knows",
                                     dict.source(p.source), p.text, dict.lexicon().Text(p.words[0])));
    }
  }
  return problems;
}

int RunCheck(const DictOptions& options) {
  dict::DictionaryOptions dict_options = options.dict.Options();
  dict_options.keep_going = true;
  Result<std::unique_ptr<dict::Dictionary>> dict = dict::Dictionary::Load(dict_options);
  if (!dict.ok()) {
    fmt::print(stderr, "dyad dict check: {}\n", dict.status().ToString());
    return 1;
  }
  std::vector<std::string> problems = Check(**dict);
  for (const std::string& p : problems) fmt::print("{}\n", p);
  fmt::print(stderr, "dyad dict check: {} problem(s)\n", problems.size());
  return problems.empty() ? 0 : 1;
}

int RunStats(const DictOptions& options) {
  std::unique_ptr<dict::Dictionary> dict = LoadDictionaryOrReport(options.dict);
  if (!dict) return 1;
  dict::Dictionary::Stats s = dict->stats();
  std::set<std::string> covered;
  for (uint32_t i = 0; i < dict->pattern_count(); ++i) covered.insert(dict->pattern(i).code);
  std::vector<std::string> uncovered;
  // A two-digit root row ("04") is the root itself; its patterns are those of its generic code ("040").
  for (const dict::CameoCode& c : dict->cameo().codes()) {
    std::string key = c.code.size() == 2 ? c.code + "0" : c.code;
    if (!covered.count(key)) uncovered.push_back(c.code);
  }
  if (options.json) {
    fmt::print(
        "{{\"actor_phrases\":{},\"actor_spells\":{},\"dated_role_spells\":{},\"agent_phrases\":{},"
        "\"verb_patterns\":{},\"cameo_codes\":{},\"codes_without_patterns\":[{}],\"places\":{},"
        "\"lexicon_words\":{}}}\n",
        s.actor_phrases, s.actor_spells, s.dated_spells, s.agent_phrases, s.verb_patterns, dict->cameo().codes().size(),
        uncovered.empty() ? "" : fmt::format("\"{}\"", fmt::join(uncovered, "\",\"")), s.places, s.lexicon_words);
  } else {
    fmt::print("actor phrases:       {}\nactor spells:        {} ({} dated role spells)\nagent phrases:       {}\n"
               "verb patterns:       {}\nCAMEO codes:         {} ({} without patterns)\nplaces:              {}\n"
               "lexicon words:       {}\n",
               s.actor_phrases, s.actor_spells, s.dated_spells, s.agent_phrases, s.verb_patterns,
               dict->cameo().codes().size(), uncovered.size(), s.places, s.lexicon_words);
    if (!uncovered.empty()) fmt::print("codes without patterns: {}\n", fmt::join(uncovered, " "));
  }
  return 0;
}

int RunLookup(const DictOptions& options) {
  std::unique_ptr<dict::Dictionary> dict = LoadDictionaryOrReport(options.dict);
  if (!dict) return 1;
  Date date = Date::FromCivil(2026, 1, 1);
  if (!options.date.empty()) {
    Result<Date> d = Date::Parse(options.date);
    if (!d.ok()) {
      fmt::print(stderr, "dyad dict lookup: --date: {}\n", d.status().message());
      return 2;
    }
    date = *d;
  }
  coder::Coder coder(*dict);
  coder::Mention mention;
  bool found = coder.ResolvePhrase(options.text, date, mention);
  std::string source;
  if (found && mention.actor_phrase != ~0u) {
    if (const dict::ActorSpell* spell = dict->ResolveActor(mention.actor_phrase, date)) source = dict->source(spell->source);
  }
  std::string code = found ? mention.code : "";
  if (options.json) {
    std::string out = "{\"code\":";
    coder::AppendJsonString(code, out);
    out += ",\"country\":";
    coder::AppendJsonString(code.size() >= 3 ? code.substr(0, 3) : "", out);
    out += ",\"sectors\":[";
    for (size_t i = 3; i + 3 <= code.size(); i += 3) {
      if (i > 3) out += ",";
      coder::AppendJsonString(code.substr(i, 3), out);
    }
    out += "],\"matched\":";
    coder::AppendJsonString(found ? options.text : "", out);
    out += ",\"source\":";
    coder::AppendJsonString(source, out);
    out += "}\n";
    fmt::print("{}", out);
  } else {
    fmt::print("{}\n", found ? fmt::format("{}  ({})", code, source) : "(no actor)");
  }
  return 0;
}

}  // namespace

void AddDictCommand(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("dict", "Check, count and query the dictionaries");
  cmd->require_subcommand(1);
  auto options = std::make_shared<DictOptions>();
  CLI::App* check = cmd->add_subcommand("check", "Report every dictionary problem with file:line");
  options->dict.Register(*check);
  check->callback([options, &exit_code] { exit_code = RunCheck(*options); });
  CLI::App* stats = cmd->add_subcommand("stats", "Count entries by kind");
  stats->add_flag("--json", options->json, "Print JSON");
  options->dict.Register(*stats);
  stats->callback([options, &exit_code] { exit_code = RunStats(*options); });
  CLI::App* lookup = cmd->add_subcommand("lookup", "Resolve an actor phrase as the coder would");
  lookup->add_option("text", options->text, "The phrase, e.g. \"Kim Jong Un\"")->required();
  lookup->add_option("--date", options->date, "The date the phrase is read at (default 2026-01-01)");
  lookup->add_flag("--json", options->json, "Print JSON");
  options->dict.Register(*lookup);
  lookup->callback([options, &exit_code] { exit_code = RunLookup(*options); });
}

}  // namespace dyad::cli
