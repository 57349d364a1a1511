// GDELT's geographic country codes (FIPS 10-4) and the ISO 3166-1 alpha-3 codes of dyad's location.country.
// The table is data/interop/fips-iso3.tsv, compiled into the library. Immutable: share it between threads.
#ifndef DYAD_INTEROP_FIPS_CODES_H_
#define DYAD_INTEROP_FIPS_CODES_H_

#include <array>
#include <string_view>
#include <vector>

#include "dyad/base/status.h"

namespace dyad::interop {

class FipsTable {
 public:
  // Parses `FIPS<TAB>ISO3<TAB>name` lines (`#` starts a comment line). A malformed line or a FIPS code listed
  // twice is an error naming path:line.
  static Result<FipsTable> Parse(std::string_view contents, std::string_view path);
  // The built-in table, parsed on first use.
  static const FipsTable& Builtin();

  // The ISO alpha-3 code of a FIPS code ("UP" -> "UKR"); empty when the code is not in the table.
  std::string_view IsoFromFips(std::string_view fips) const;
  // The FIPS code written for an ISO code: the first one the table lists for it; empty when none.
  std::string_view FipsFromIso(std::string_view iso3) const;
  // True for an ISO alpha-3 code the table knows ("CHN"; also "XKX").
  bool IsIsoCode(std::string_view iso3) const { return !FipsFromIso(iso3).empty(); }
  size_t size() const { return size_; }

 private:
  FipsTable();
  // Codes are upper-case letters, so each has a slot in a dense array: a lookup is an index, no hashing.
  std::vector<std::array<char, 3>> iso_by_fips_;  // 26^2 slots
  std::vector<std::array<char, 2>> fips_by_iso_;  // 26^3 slots
  size_t size_ = 0;
};

}  // namespace dyad::interop

#endif  // DYAD_INTEROP_FIPS_CODES_H_
