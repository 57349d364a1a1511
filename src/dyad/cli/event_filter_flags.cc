#include "dyad/cli/event_filter_flags.h"

#include <fmt/format.h>

#include <tuple>

namespace dyad::cli {

void EventFilterFlags::Register(CLI::App& command) {
  store::EventFilter& f = filter;
  command.add_option("--actor", f.actor, "An actor code or prefix on either side (PRK matches PRKGOV)");
  command.add_option("--source", f.source, "Source actor code or prefix");
  command.add_option("--target", f.target, "Target actor code or prefix");
  command.add_flag("--either-direction", f.either_direction, "With --source and --target: both directions");
  command.add_option("--dyad", dyad, "Two actor codes or prefixes: the events between them, both directions")
      ->expected(2);
  command.add_option("--code", f.code, "CAMEO code or prefix (19 is a root, 0311 a code)");
  command.add_option("--root", f.code, "CAMEO root (same as --code with two digits)");
  command.add_option("--from", from, "First date, YYYY-MM-DD");
  command.add_option("--to", to, "Last date, YYYY-MM-DD");
  command.add_option("--text", f.text, "Only events reported by articles matching this full-text query");
  command.add_option("--origin", f.origin, "dyad, gdelt or icews");
  command.add_option("--limit", f.limit, "At most this many events (0: all)");
}

bool EventFilterFlags::Resolve(std::string_view command) {
  for (auto [flag, text, date] : {std::tuple("--from", &from, &filter.from), std::tuple("--to", &to, &filter.to)}) {
    if (text->empty()) continue;
    Result<Date> parsed = Date::Parse(*text);
    if (!parsed.ok()) {
      fmt::print(stderr, "dyad {}: {}: {}\n", command, flag, parsed.status().message());
      return false;
    }
    *date = *parsed;
  }
  if (!dyad.empty()) {
    if (!filter.source.empty() || !filter.target.empty()) {
      fmt::print(stderr, "dyad {}: --dyad cannot be combined with --source or --target\n", command);
      return false;
    }
    filter.source = dyad[0];
    filter.target = dyad[1];
    filter.either_direction = true;
  }
  return true;
}

}  // namespace dyad::cli
