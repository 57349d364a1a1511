// The event filters `dyad events` and `dyad export` share, as command-line flags.
#ifndef DYAD_CLI_EVENT_FILTER_FLAGS_H_
#define DYAD_CLI_EVENT_FILTER_FLAGS_H_

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "dyad/store/event_store.h"

namespace dyad::cli {

struct EventFilterFlags {
  store::EventFilter filter;
  std::string from, to;
  std::vector<std::string> dyad;  // --dyad A B: both directions between A and B

  void Register(CLI::App& command);
  // Parses the dates and --dyad into `filter`; on a bad value prints why (prefixed with `command`) and returns
  // false.
  bool Resolve(std::string_view command);
};

}  // namespace dyad::cli

#endif  // DYAD_CLI_EVENT_FILTER_FLAGS_H_
