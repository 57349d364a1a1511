#include "dyad/analytics/actor_spec.h"

#include <fmt/format.h>

#include <algorithm>

#include "dyad/base/strings.h"
#include "dyad/store/aggregates.h"

namespace dyad::analytics {
namespace {

bool IsActorCode(std::string_view s) {
  if (s.size() < 3 || s.size() > 15) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

}  // namespace

bool ActorSpec::AllPrincipals() const {
  return std::all_of(codes.begin(), codes.end(), [](const std::string& c) { return store::IsPrincipal(c); });
}

bool ActorSpec::Contains(std::string_view actor_code) const {
  return std::any_of(codes.begin(), codes.end(),
                     [&](const std::string& c) { return actor_code.substr(0, c.size()) == c; });
}

Result<ActorSpec> ParseActorSpec(std::string_view text, const GroupResolver& groups, Date as_of) {
  ActorSpec spec;
  spec.label = std::string(TrimBlanks(text));
  if (spec.label.empty())
    return InvalidArgument("an empty actor: give a code (PRK, PRKGOV), a list or a group");
  std::string_view rest = spec.label;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = TrimBlanks(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    std::string upper(item);
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (groups) {
      if (std::optional<std::vector<std::string>> members = groups(upper, as_of)) {
        if (members->empty()) {
          return InvalidArgument(fmt::format("group {} has no members on {}", upper, as_of.ToString()));
        }
        spec.codes.insert(spec.codes.end(), members->begin(), members->end());
        continue;
      }
    }
    if (!IsActorCode(upper)) {
      return InvalidArgument(fmt::format(
          "'{}' is not an actor code (3-15 letters such as PRK, PRKGOV, IGOUNO) or a known group", item));
    }
    spec.codes.push_back(std::move(upper));
  }
  std::sort(spec.codes.begin(), spec.codes.end());
  spec.codes.erase(std::unique(spec.codes.begin(), spec.codes.end()), spec.codes.end());
  return spec;
}

}  // namespace dyad::analytics
