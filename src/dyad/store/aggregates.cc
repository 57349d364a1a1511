#include "dyad/store/aggregates.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace dyad::store {
namespace {

// PrincipalOf in SQL (both engines): organisation prefixes keep six letters, everything else three.
std::string PrincipalSql(std::string_view column) {
  return fmt::format(
      "CASE WHEN substr({0}, 1, 3) IN ('IGO', 'NGO', 'IMG', 'MNC') THEN substr({0}, 1, 6) "
      "ELSE substr({0}, 1, 3) END",
      column);
}

Result<int64_t> QueryInt(SqlConnection& db, std::string_view sql) {
  Result<std::unique_ptr<SqlStatement>> s = db.Prepare(sql);
  if (!s.ok()) return s.status();
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  int64_t value = *row && !(*s)->IsNull(0) ? (*s)->Int(0) : 0;
  (*s)->Reset();
  return value;
}

// Appends "column IN ($n, $n+1, ...)" and records the values to bind.
void AppendIn(std::string& sql, std::string_view column, const std::vector<std::string>& values,
              std::vector<std::string>& binds) {
  sql += fmt::format("{} IN (", column);
  for (size_t i = 0; i < values.size(); ++i) {
    binds.push_back(values[i]);
    sql += fmt::format("{}${}", i == 0 ? "" : ", ", binds.size());
  }
  sql += ")";
}

}  // namespace

std::string_view PrincipalOf(std::string_view code) {
  if (code.size() <= 3) return code;
  std::string_view head = code.substr(0, 3);
  if (head == "IGO" || head == "NGO" || head == "IMG" || head == "MNC") return code.substr(0, 6);
  return head;
}

namespace {

// Adds the asserted events with ids in (after, through] to the aggregate tables, in SQL.
Status AddInSql(SqlConnection& db, int64_t after, int64_t through) {
  const std::string range = fmt::format("id > {} AND id <= {} AND mode = 'asserted'", after, through);
  // Days since 1970-01-01 from the stored YYYY-MM-DD.
  const std::string day = db.dialect() == "sqlite" ? "CAST(julianday(date) - 2440587.5 AS INTEGER)"
                                                   : "(date::date - DATE '1970-01-01')";
  auto quad = [](int q) { return fmt::format("sum(CASE WHEN quad_class = {} THEN 1 ELSE 0 END)", q); };
  const std::string pairs = fmt::format(
      "INSERT INTO dyad_daily (source, target, day, verbal_cooperation, material_cooperation, "
      "verbal_conflict, "
      "material_conflict, goldstein_sum) "
      "SELECT {}, {}, {}, {}, {}, {}, {}, sum(goldstein) FROM events "
      "WHERE {} AND source <> '' AND target <> '' AND quad_class BETWEEN 1 AND 4 GROUP BY 1, 2, 3 "
      "ON CONFLICT (source, target, day) DO UPDATE SET "
      "verbal_cooperation = dyad_daily.verbal_cooperation + excluded.verbal_cooperation, "
      "material_cooperation = dyad_daily.material_cooperation + excluded.material_cooperation, "
      "verbal_conflict = dyad_daily.verbal_conflict + excluded.verbal_conflict, "
      "material_conflict = dyad_daily.material_conflict + excluded.material_conflict, "
      "goldstein_sum = dyad_daily.goldstein_sum + excluded.goldstein_sum",
      PrincipalSql("source"), PrincipalSql("target"), day, quad(1), quad(2), quad(3), quad(4), range);
  // The Monday of the event's week: 1970-01-01 was a Thursday (weekday 3 counting from Monday = 0).
  const std::string week = fmt::format("({0}) - (((({0}) + 3) % 7 + 7) % 7)", day);
  const std::string weekly = fmt::format(
      "INSERT INTO dyad_weekly (source, target, week, verbal_cooperation, material_cooperation, "
      "verbal_conflict, "
      "material_conflict, goldstein_sum) "
      "SELECT {}, {}, {}, {}, {}, {}, {}, sum(goldstein) FROM events "
      "WHERE {} AND source <> '' AND target <> '' AND quad_class BETWEEN 1 AND 4 GROUP BY 1, 2, 3 "
      "ON CONFLICT (source, target, week) DO UPDATE SET "
      "verbal_cooperation = dyad_weekly.verbal_cooperation + excluded.verbal_cooperation, "
      "material_cooperation = dyad_weekly.material_cooperation + excluded.material_cooperation, "
      "verbal_conflict = dyad_weekly.verbal_conflict + excluded.verbal_conflict, "
      "material_conflict = dyad_weekly.material_conflict + excluded.material_conflict, "
      "goldstein_sum = dyad_weekly.goldstein_sum + excluded.goldstein_sum",
      PrincipalSql("source"), PrincipalSql("target"), week, quad(1), quad(2), quad(3), quad(4), range);
  const std::string volume = fmt::format(
      "INSERT INTO volume_daily (day, events) SELECT {}, count(*) FROM events WHERE {} GROUP BY 1 "
      "ON CONFLICT (day) DO UPDATE SET events = volume_daily.events + excluded.events",
      day, range);
  for (const std::string& sql : {pairs, weekly, volume}) DYAD_RETURN_IF_ERROR(db.Execute(sql));
  return Status::Ok();
}

// Counts of one aggregate row being built: QuadClass 1..4 and the Goldstein sum.
struct PendingCounts {
  std::array<int64_t, 4> quad{};
  double goldstein_sum = 0;
};

// An aggregate row's key while summing: interned principals and the day (or week's Monday).
struct PendingKey {
  uint32_t source, target;
  int32_t day;
  bool operator==(const PendingKey&) const = default;
};
struct PendingKeyHash {
  size_t operator()(const PendingKey& k) const {
    uint64_t h = (uint64_t{k.source} << 32 | k.target) * 0x9E3779B97F4A7C15ULL;
    return static_cast<size_t>(h ^
                               (static_cast<uint64_t>(static_cast<uint32_t>(k.day)) * 0xC2B2AE3D27D4EB4FULL));
  }
};
using PendingRows = std::unordered_map<PendingKey, PendingCounts, PendingKeyHash>;

// Principals seen in a refresh, numbered in order of appearance.
class Principals {
 public:
  uint32_t Intern(std::string_view principal) {
    auto [it, added] = ids_.try_emplace(std::string(principal), static_cast<uint32_t>(names_.size()));
    if (added) names_.push_back(it->first);
    return it->second;
  }
  const std::string& name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> names_;
};

// Adds `rows` to `table` (dyad_daily or dyad_weekly, whose day column is `day_column`), in key order so that
// the B-tree is written front to back and the result does not depend on hashing.
Status UpsertCounts(SqlConnection& db, std::string_view table, std::string_view day_column,
                    const Principals& principals, const PendingRows& rows) {
  std::vector<uint32_t> rank(principals.size());
  {
    std::vector<uint32_t> by_name(principals.size());
    for (uint32_t i = 0; i < by_name.size(); ++i) by_name[i] = i;
    std::sort(by_name.begin(), by_name.end(),
              [&](uint32_t a, uint32_t b) { return principals.name(a) < principals.name(b); });
    for (uint32_t r = 0; r < by_name.size(); ++r) rank[by_name[r]] = r;
  }
  std::vector<const PendingRows::value_type*> ordered;
  ordered.reserve(rows.size());
  for (const auto& row : rows) ordered.push_back(&row);
  std::sort(ordered.begin(), ordered.end(), [&](const auto* a, const auto* b) {
    return std::tuple(rank[a->first.source], rank[a->first.target], a->first.day) <
           std::tuple(rank[b->first.source], rank[b->first.target], b->first.day);
  });
  Result<std::unique_ptr<SqlStatement>> upsert = db.Prepare(fmt::format(
      "INSERT INTO {0} (source, target, {1}, verbal_cooperation, material_cooperation, verbal_conflict, "
      "material_conflict, goldstein_sum) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
      "ON CONFLICT (source, target, {1}) DO UPDATE SET "
      "verbal_cooperation = {0}.verbal_cooperation + excluded.verbal_cooperation, "
      "material_cooperation = {0}.material_cooperation + excluded.material_cooperation, "
      "verbal_conflict = {0}.verbal_conflict + excluded.verbal_conflict, "
      "material_conflict = {0}.material_conflict + excluded.material_conflict, "
      "goldstein_sum = {0}.goldstein_sum + excluded.goldstein_sum",
      table, day_column));
  if (!upsert.ok()) return upsert.status();
  SqlStatement& s = **upsert;
  for (const auto* row : ordered) {
    const PendingKey& key = row->first;
    const PendingCounts& counts = row->second;
    s.BindTextNoCopy(1, principals.name(key.source));
    s.BindTextNoCopy(2, principals.name(key.target));
    s.BindInt(3, key.day);
    for (int q = 0; q < 4; ++q) s.BindInt(4 + q, counts.quad[q]);
    s.BindDouble(8, counts.goldstein_sum);
    Result<bool> stepped = s.Step();
    if (!stepped.ok()) return stepped.status();
    s.Reset();
  }
  return Status::Ok();
}

// The same in one pass over the new events in C++, summing into hash maps, then one upsert per distinct row.
// AddInSql parses every date text and sorts every row three times in the database.
Status AddInCode(SqlConnection& db, int64_t after, int64_t through) {
  Principals principals;
  PendingRows daily, weekly;
  std::map<int32_t, int64_t> volume;
  {
    Result<std::unique_ptr<SqlStatement>> scan = db.Prepare(
        "SELECT source, target, date, quad_class, goldstein FROM events "
        "WHERE id > $1 AND id <= $2 AND mode = 'asserted'");
    if (!scan.ok()) return scan.status();
    SqlStatement& s = **scan;
    s.BindInt(1, after);
    s.BindInt(2, through);
    while (true) {
      Result<bool> row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Result<Date> date = Date::Parse(s.Text(2));
      if (!date.ok()) return Internal(fmt::format("events: stored date '{}' is not YYYY-MM-DD", s.Text(2)));
      const int32_t day = date->days();
      ++volume[day];
      const std::string_view source = s.Text(0), target = s.Text(1);
      const int64_t quad = s.Int(3);
      if (source.empty() || target.empty() || quad < 1 || quad > 4) continue;
      const double goldstein = s.Double(4);
      // The Monday of the event's week: 1970-01-01 was a Thursday (weekday 3 counting from Monday = 0).
      const int32_t week = day - ((day + 3) % 7 + 7) % 7;
      const uint32_t principal_source = principals.Intern(PrincipalOf(source));
      const uint32_t principal_target = principals.Intern(PrincipalOf(target));
      PendingCounts& d = daily[PendingKey{principal_source, principal_target, day}];
      ++d.quad[quad - 1];
      d.goldstein_sum += goldstein;
      PendingCounts& w = weekly[PendingKey{principal_source, principal_target, week}];
      ++w.quad[quad - 1];
      w.goldstein_sum += goldstein;
    }
    s.Reset();
  }
  DYAD_RETURN_IF_ERROR(UpsertCounts(db, "dyad_daily", "day", principals, daily));
  DYAD_RETURN_IF_ERROR(UpsertCounts(db, "dyad_weekly", "week", principals, weekly));
  Result<std::unique_ptr<SqlStatement>> upsert = db.Prepare(
      "INSERT INTO volume_daily (day, events) VALUES ($1, $2) "
      "ON CONFLICT (day) DO UPDATE SET events = volume_daily.events + excluded.events");
  if (!upsert.ok()) return upsert.status();
  for (const auto& [day, events] : volume) {
    (*upsert)->BindInt(1, day);
    (*upsert)->BindInt(2, events);
    Result<bool> stepped = (*upsert)->Step();
    if (!stepped.ok()) return stepped.status();
    (*upsert)->Reset();
  }
  return Status::Ok();
}

// In one write transaction: finds the events added since the last refresh, has `add` add them, and records
// how far the aggregates now reach. Nothing changes when `add` fails.
Status Refresh(SqlConnection& db, std::string_view begin_writing,
               Status (*add)(SqlConnection& db, int64_t after, int64_t through)) {
  DYAD_RETURN_IF_ERROR(db.Execute(begin_writing));
  Status status = [&]() -> Status {
    Result<int64_t> last = QueryInt(db, "SELECT last_event_id FROM aggregate_state WHERE name = 'daily'");
    if (!last.ok()) return last.status();
    Result<int64_t> top = QueryInt(db, "SELECT max(id) FROM events");
    if (!top.ok()) return top.status();
    if (*top <= *last) return Status::Ok();
    DYAD_RETURN_IF_ERROR(add(db, *last, *top));
    return db.Execute(
        fmt::format("UPDATE aggregate_state SET last_event_id = {} WHERE name = 'daily'", *top));
  }();
  if (!status.ok()) {
    (void)db.Execute("ROLLBACK");
    return status;
  }
  return db.Execute("COMMIT");
}

}  // namespace

Status RefreshAggregates(SqlConnection& db, std::string_view begin_writing) {
  return Refresh(db, begin_writing, AddInCode);
}

Status RefreshAggregatesInSql(SqlConnection& db, std::string_view begin_writing) {
  return Refresh(db, begin_writing, AddInSql);
}

Result<int64_t> AggregatedThrough(SqlConnection& db) {
  return QueryInt(db, "SELECT last_event_id FROM aggregate_state WHERE name = 'daily'");
}

Status ForEachDailyCount(SqlConnection& db, const AggregateFilter& filter,
                         const std::function<bool(const DailyCount&)>& visit) {
  const char* table = filter.weekly ? "dyad_weekly" : "dyad_daily";
  const char* day = filter.weekly ? "week" : "day";
  std::string sql =
      filter.sum_over_days
          ? fmt::format(
                "SELECT source, target, min({0}), sum(verbal_cooperation), sum(material_cooperation), "
                "sum(verbal_conflict), sum(material_conflict), sum(goldstein_sum) FROM {1} WHERE 1 = 1",
                day, table)
          : fmt::format(
                "SELECT source, target, {0}, verbal_cooperation, material_cooperation, verbal_conflict, "
                "material_conflict, goldstein_sum FROM {1} WHERE 1 = 1",
                day, table);
  std::vector<std::string> binds;
  auto pair = [&](const std::vector<std::string>& sources, const std::vector<std::string>& targets) {
    std::string clause = "(1 = 1";
    if (!sources.empty()) {
      clause += " AND ";
      AppendIn(clause, "source", sources, binds);
    }
    if (!targets.empty()) {
      clause += " AND ";
      AppendIn(clause, "target", targets, binds);
    }
    return clause + ")";
  };
  if (!filter.sources.empty() || !filter.targets.empty()) {
    sql += " AND (" + pair(filter.sources, filter.targets);
    if (filter.either_direction) sql += " OR " + pair(filter.targets, filter.sources);
    sql += ")";
  }
  if (filter.from) sql += fmt::format(" AND {} >= {}", day, filter.from->days());
  if (filter.to) sql += fmt::format(" AND {} <= {}", day, filter.to->days());
  sql += filter.sum_over_days ? " GROUP BY source, target ORDER BY source, target"
                              : fmt::format(" ORDER BY source, target, {}", day);
  Result<std::unique_ptr<SqlStatement>> s = db.Prepare(sql);
  if (!s.ok()) return s.status();
  for (size_t i = 0; i < binds.size(); ++i) (*s)->BindText(static_cast<int>(i) + 1, binds[i]);
  DailyCount row;
  while (true) {
    Result<bool> more = (*s)->Step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    row.source.assign((*s)->Text(0));
    row.target.assign((*s)->Text(1));
    row.day = Date::FromDays(static_cast<int32_t>((*s)->Int(2)));
    for (int q = 0; q < 4; ++q) row.quad[q] = (*s)->Int(3 + q);
    row.goldstein_sum = (*s)->Double(7);
    if (!visit(row)) break;
  }
  (*s)->Reset();
  return Status::Ok();
}

Status ForEachDailyVolume(SqlConnection& db, std::optional<Date> from, std::optional<Date> to,
                          const std::function<bool(Date, int64_t)>& visit) {
  std::string sql = "SELECT day, events FROM volume_daily WHERE day >= $1 AND day <= $2 ORDER BY day";
  Result<std::unique_ptr<SqlStatement>> s = db.Prepare(sql);
  if (!s.ok()) return s.status();
  (*s)->BindInt(1, from ? from->days() : Date::Min().days());
  (*s)->BindInt(2, to ? to->days() : Date::Max().days());
  while (true) {
    Result<bool> more = (*s)->Step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (!visit(Date::FromDays(static_cast<int32_t>((*s)->Int(0))), (*s)->Int(1))) break;
  }
  (*s)->Reset();
  return Status::Ok();
}

}  // namespace dyad::store
