#include "dyad/store/aggregates.h"

#include <fmt/format.h>

#include <memory>
#include <string>

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

Status RefreshAggregates(SqlConnection& db, std::string_view begin_writing) {
  DYAD_RETURN_IF_ERROR(db.Execute(begin_writing));
  auto fail = [&](const Status& status) {
    (void)db.Execute("ROLLBACK");
    return status;
  };
  Result<int64_t> last = QueryInt(db, "SELECT last_event_id FROM aggregate_state WHERE name = 'daily'");
  if (!last.ok()) return fail(last.status());
  Result<int64_t> top = QueryInt(db, "SELECT max(id) FROM events");
  if (!top.ok()) return fail(top.status());
  if (*top <= *last) return db.Execute("COMMIT");

  const std::string range = fmt::format("id > {} AND id <= {} AND mode = 'asserted'", *last, *top);
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
      "INSERT INTO dyad_weekly (source, target, week, verbal_cooperation, material_cooperation, verbal_conflict, "
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
  for (const std::string& sql :
       {pairs, weekly, volume,
        fmt::format("UPDATE aggregate_state SET last_event_id = {} WHERE name = 'daily'", *top)}) {
    Status status = db.Execute(sql);
    if (!status.ok()) return fail(status);
  }
  return db.Execute("COMMIT");
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
          ? fmt::format("SELECT source, target, min({0}), sum(verbal_cooperation), sum(material_cooperation), "
                        "sum(verbal_conflict), sum(material_conflict), sum(goldstein_sum) FROM {1} WHERE 1 = 1",
                        day, table)
          : fmt::format("SELECT source, target, {0}, verbal_cooperation, material_cooperation, verbal_conflict, "
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
