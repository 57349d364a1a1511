// What the analytics commands accept for "an actor": a country or organisation (PRK, IGOUNO), an actor code
// (PRKGOV: prefixes match, so PRKGOV also takes PRKGOVMIL), a comma-separated list of them (CHN,RUS), or a
// named group (NATO, BRICS) that a resolver expands to its member countries as of a date.
#ifndef DYAD_ANALYTICS_ACTOR_SPEC_H_
#define DYAD_ANALYTICS_ACTOR_SPEC_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/base/status.h"

namespace dyad::analytics {

struct ActorSpec {
  std::string label;               // as written ("NATO", "CHN,RUS", "PRKGOV")
  std::vector<std::string> codes;  // sorted, unique actor codes or code prefixes
  // True when every code is a principal (a country, an organisation, a bare sector): the daily aggregates
  // answer, without reading events.
  bool AllPrincipals() const;
  bool Contains(std::string_view actor_code) const;  // some code is a prefix of `actor_code`
};

// Expands a group name (upper case, e.g. "NATO") to its members' codes on `as_of`; nullopt when it is no
// group.
using GroupResolver =
    std::function<std::optional<std::vector<std::string>>(std::string_view name, Date as_of)>;

// Parses "PRK", "PRKGOV", "CHN,RUS" or a group name. An element must be an actor code: 3 to 15 upper-case
// letters or digits. Groups are expanded as of `as_of`.
Result<ActorSpec> ParseActorSpec(std::string_view text, const GroupResolver& groups, Date as_of);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_ACTOR_SPEC_H_
