// The daily pre-aggregates the analytics read (schema version 2, docs/storage.md "Aggregates"): asserted
// events counted per day and directed pair of principals (a column per QuadClass), and the day's total
// volume. A query over years of one dyad reads a few thousand rows instead of every event; a scan of every
// dyad reads one row per dyad-day.
//
// The aggregates are derived data: they are brought up to the last stored event by RefreshAggregates, which
// reads only the events added since the previous refresh (events are never deleted, and a report merged into
// an existing event does not change its count).
#ifndef DYAD_STORE_AGGREGATES_H_
#define DYAD_STORE_AGGREGATES_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/store/sql.h"

namespace dyad::store {

// The principal of an actor code: the aggregates' unit. A country's three letters (PRKGOV -> PRK), an
// organisation's six (IGOUNO, NGOAMN), or a countryless agent's sector code as it is (COP, REB).
std::string_view PrincipalOf(std::string_view actor_code);
// True when `code` is its own principal (a country, an organisation code of six letters, a bare sector).
inline bool IsPrincipal(std::string_view code) { return !code.empty() && PrincipalOf(code) == code; }

// One row of dyad_daily: a day of a directed pair of principals.
struct DailyCount {
  Date day;
  std::string source, target;     // principals
  std::array<int64_t, 4> quad{};  // events of QuadClass 1..4 at [0..3]
  double goldstein_sum = 0;

  int64_t cooperation() const { return quad[0] + quad[1]; }
  int64_t conflict() const { return quad[2] + quad[3]; }
  int64_t events() const { return cooperation() + conflict(); }
};

// Which rows ForEachDailyCount visits. Empty lists do not filter.
struct AggregateFilter {
  std::vector<std::string> sources, targets;  // principals
  bool either_direction = false;              // also the rows from `targets` to `sources`
  std::optional<Date> from, to;               // inclusive
  // One row per pair, summed over the days in range (its `day` is the first day with events); the database
  // adds up, which is many times faster than visiting every day of a busy actor.
  bool sum_over_days = false;
  // Read the weekly table: `day` is a week's Monday, and from/to select the weeks whose Monday lies in range
  // (seven times fewer rows for long windows; callers align their windows to weeks).
  bool weekly = false;
};

// SQL-level implementation shared by the store backends. `begin_writing` starts a writer's transaction.
// The new events are read `chunk_ids` ids at a time (each chunk sorted and summed in memory, about 48 bytes
// an event), so that memory stays bounded however many are new.
inline constexpr int64_t kRefreshChunkIds = int64_t{1} << 20;
Status RefreshAggregates(SqlConnection& db, std::string_view begin_writing,
                         int64_t chunk_ids = kRefreshChunkIds);
// The same in three INSERT ... SELECT ... GROUP BY statements: the obviously-correct twin the tests compare
// RefreshAggregates with (it was the implementation until a 1M-row import spent 14.5 s in it).
Status RefreshAggregatesInSql(SqlConnection& db, std::string_view begin_writing);
Result<int64_t> AggregatedThrough(SqlConnection& db);
Status ForEachDailyCount(SqlConnection& db, const AggregateFilter& filter,
                         const std::function<bool(const DailyCount&)>& visit);
Status ForEachDailyVolume(SqlConnection& db, std::optional<Date> from, std::optional<Date> to,
                          const std::function<bool(Date, int64_t)>& visit);

}  // namespace dyad::store

#endif  // DYAD_STORE_AGGREGATES_H_
