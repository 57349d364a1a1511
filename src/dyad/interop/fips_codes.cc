#include "dyad/interop/fips_codes.h"

#include <fmt/format.h>

#include "dyad/base/check.h"
#include "dyad/base/strings.h"

namespace dyad::interop {
namespace internal {
extern const std::string_view kFipsIso3Tsv;  // fips_table_data.cc, generated from data/interop/fips-iso3.tsv
}  // namespace internal

namespace {

// The slot of an all-upper-case code of `n` letters, or -1.
int Slot(std::string_view code, size_t n) {
  if (code.size() != n) return -1;
  int slot = 0;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return -1;
    slot = slot * 26 + (c - 'A');
  }
  return slot;
}

}  // namespace

FipsTable::FipsTable() : iso_by_fips_(26 * 26, {0, 0, 0}), fips_by_iso_(26 * 26 * 26, {0, 0}) {}

Result<FipsTable> FipsTable::Parse(std::string_view contents, std::string_view path) {
  FipsTable table;
  LineCursor lines(contents);
  std::string_view line;
  while (lines.Next(line)) {
    line = TrimBlanks(line);
    if (line.empty() || line[0] == '#') continue;
    const size_t tab1 = line.find('\t');
    const size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) {
      return InvalidArgument(fmt::format("{}:{}: want FIPS<TAB>ISO3<TAB>name", path, lines.number()));
    }
    std::string_view fips = line.substr(0, tab1);
    std::string_view iso = line.substr(tab1 + 1, tab2 - tab1 - 1);
    const int fips_slot = Slot(fips, 2);
    const int iso_slot = Slot(iso, 3);
    if (fips_slot < 0 || iso_slot < 0) {
      return InvalidArgument(fmt::format("{}:{}: bad code '{}' or '{}' (two and three capital letters)", path,
                                         lines.number(), fips, iso));
    }
    if (table.iso_by_fips_[fips_slot][0] != 0) {
      return InvalidArgument(fmt::format("{}:{}: FIPS code {} listed twice", path, lines.number(), fips));
    }
    std::copy(iso.begin(), iso.end(), table.iso_by_fips_[fips_slot].begin());
    if (table.fips_by_iso_[iso_slot][0] == 0)
      std::copy(fips.begin(), fips.end(), table.fips_by_iso_[iso_slot].begin());
    ++table.size_;
  }
  if (table.size_ == 0) return InvalidArgument(fmt::format("{}: no FIPS codes", path));
  return table;
}

const FipsTable& FipsTable::Builtin() {
  static const FipsTable* const table = [] {
    Result<FipsTable> parsed = Parse(internal::kFipsIso3Tsv, "data/interop/fips-iso3.tsv");
    if (!parsed.ok()) std::fprintf(stderr, "%s\n", parsed.status().ToString().c_str());
    DYAD_CHECK(parsed.ok());  // the compiled-in table is tested (fips_codes_test.cc)
    return new FipsTable(*std::move(parsed));
  }();
  return *table;
}

std::string_view FipsTable::IsoFromFips(std::string_view fips) const {
  const int slot = Slot(fips, 2);
  if (slot < 0 || iso_by_fips_[slot][0] == 0) return {};
  return std::string_view(iso_by_fips_[slot].data(), 3);
}

std::string_view FipsTable::FipsFromIso(std::string_view iso3) const {
  const int slot = Slot(iso3, 3);
  if (slot < 0 || fips_by_iso_[slot][0] == 0) return {};
  return std::string_view(fips_by_iso_[slot].data(), 2);
}

}  // namespace dyad::interop
