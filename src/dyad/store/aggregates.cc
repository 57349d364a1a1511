#include "dyad/store/aggregates.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
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

// Principals seen in a refresh, numbered in order of appearance. A principal has at most six letters, so the
// lookup key is the letters packed into an integer after their count (no string hashing per event); with the
// count kept, "AB" and "\0AB" differ, so up to seven letters pack and longer names go through strings.
class Principals {
 public:
  uint32_t Intern(std::string_view principal) {
    if (principal.size() > 7) return InternLong(principal);
    uint64_t packed = principal.size();
    for (char c : principal) packed = packed << 8 | static_cast<unsigned char>(c);
    if (packed == last_packed_ && !names_.empty()) return last_id_;
    auto [it, added] = short_ids_.try_emplace(packed, static_cast<uint32_t>(names_.size()));
    if (added) names_.emplace_back(principal);
    last_packed_ = packed;
    last_id_ = it->second;
    return it->second;
  }
  const std::string& name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

  // rank[id] is the principal's place in name order (the aggregate tables' key order).
  std::vector<uint32_t> Ranks() const {
    std::vector<uint32_t> by_name(names_.size());
    for (uint32_t i = 0; i < by_name.size(); ++i) by_name[i] = i;
    std::sort(by_name.begin(), by_name.end(), [&](uint32_t a, uint32_t b) { return names_[a] < names_[b]; });
    std::vector<uint32_t> rank(names_.size());
    for (uint32_t r = 0; r < by_name.size(); ++r) rank[by_name[r]] = r;
    return rank;
  }

 private:
  uint32_t InternLong(std::string_view principal) {
    auto [it, added] = long_ids_.try_emplace(std::string(principal), static_cast<uint32_t>(names_.size()));
    if (added) names_.push_back(it->first);
    return it->second;
  }

  std::unordered_map<uint64_t, uint32_t> short_ids_;
  std::unordered_map<std::string, uint32_t> long_ids_;  // only codes that are not principals' shapes
  std::vector<std::string> names_;
  uint64_t last_packed_ = 0;
  uint32_t last_id_ = 0;
};

// One asserted event between two principals, as read, and one aggregate row, as summed. `source` and `target`
// are principal ids while reading and ranks (name order) once the chunk is sorted.
struct Tally {
  uint32_t source, target;
  int32_t day;  // or the week's Monday
  int32_t quad;
  double goldstein;
};
struct Summed {
  uint32_t source, target;
  int32_t day;
  std::array<int64_t, 4> quad{};
  double goldstein_sum = 0;
};

// The Monday of a day's week: 1970-01-01 was a Thursday (weekday 3 counting from Monday = 0).
int32_t WeekOf(int32_t day) { return day - ((day + 3) % 7 + 7) % 7; }

// Adds `rows` (in key order, so that the B-tree is written front to back) to `table`, dyad_daily or
// dyad_weekly, whose day column is `day_column`. `names[r]` is the principal of rank r.
Status UpsertCounts(SqlConnection& db, std::string_view table, std::string_view day_column,
                    const std::vector<const std::string*>& names, const std::vector<Summed>& rows) {
  // Rows go kUpsertRows per statement (the keys are distinct, as both engines require), the rest one by one:
  // the statement's setup is paid once per run (the refresh after a 1M-event import: 3.1-3.6 -> 2.6-3.1 s).
  constexpr int kUpsertRows = 64;
  auto prepare = [&](int count) {
    std::string values;
    for (int r = 0; r < count; ++r) {
      values += r == 0 ? "(" : ", (";
      for (int c = 1; c <= 8; ++c) values += fmt::format("{}${}", c == 1 ? "" : ", ", r * 8 + c);
      values += ")";
    }
    return db.Prepare(fmt::format(
        "INSERT INTO {0} (source, target, {1}, verbal_cooperation, material_cooperation, verbal_conflict, "
        "material_conflict, goldstein_sum) VALUES {2} "
        "ON CONFLICT (source, target, {1}) DO UPDATE SET "
        "verbal_cooperation = {0}.verbal_cooperation + excluded.verbal_cooperation, "
        "material_cooperation = {0}.material_cooperation + excluded.material_cooperation, "
        "verbal_conflict = {0}.verbal_conflict + excluded.verbal_conflict, "
        "material_conflict = {0}.material_conflict + excluded.material_conflict, "
        "goldstein_sum = {0}.goldstein_sum + excluded.goldstein_sum",
        table, day_column, values));
  };
  Result<std::unique_ptr<SqlStatement>> many = prepare(kUpsertRows);
  if (!many.ok()) return many.status();
  Result<std::unique_ptr<SqlStatement>> one = prepare(1);
  if (!one.ok()) return one.status();
  size_t next = 0;
  while (next < rows.size()) {
    const int count = rows.size() - next >= kUpsertRows ? kUpsertRows : 1;
    SqlStatement& s = count == kUpsertRows ? **many : **one;
    for (int r = 0; r < count; ++r) {
      const Summed& row = rows[next + r];
      const int p = r * 8;
      s.BindTextNoCopy(p + 1, *names[row.source]);
      s.BindTextNoCopy(p + 2, *names[row.target]);
      s.BindInt(p + 3, row.day);
      for (int q = 0; q < 4; ++q) s.BindInt(p + 4 + q, row.quad[q]);
      s.BindDouble(p + 8, row.goldstein_sum);
    }
    Result<bool> stepped = s.Step();
    if (!stepped.ok()) return stepped.status();
    s.Reset();
    next += count;
  }
  return Status::Ok();
}

// Sums runs of equal (source, target, day) in `sorted`, after `to_day` maps each row's day.
template <typename Row, typename ToDay>
std::vector<Summed> SumRuns(const std::vector<Row>& sorted, ToDay to_day) {
  std::vector<Summed> out;
  for (const Row& row : sorted) {
    const int32_t day = to_day(row.day);
    if (out.empty() || out.back().source != row.source || out.back().target != row.target ||
        out.back().day != day) {
      out.push_back(Summed{row.source, row.target, day});
    }
    Summed& sum = out.back();
    if constexpr (std::is_same_v<Row, Tally>) {
      ++sum.quad[row.quad - 1];
      sum.goldstein_sum += row.goldstein;
    } else {
      for (int q = 0; q < 4; ++q) sum.quad[q] += row.quad[q];
      sum.goldstein_sum += row.goldstein_sum;
    }
  }
  return out;
}

// The same in C++: a pass over the new events (a chunk of ids at a time) that collects them, sorts them in
// the tables' key order and sums the runs, then one upsert per distinct row, front to back. (AddInSql parses
// every date text and sorts every row three times in the database; hash maps per row were slower than one
// sort.)
Status AddChunkInCode(SqlConnection& db, SqlStatement& scan, int64_t after, int64_t through) {
  Principals principals;
  std::vector<Tally> tallies;
  std::unordered_map<int32_t, int64_t> volume;
  scan.BindInt(1, after);
  scan.BindInt(2, through);
  int32_t last_day = 0;
  std::string last_date_text;
  while (true) {
    Result<bool> row = scan.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const std::string_view date_text = scan.Text(2);
    if (date_text != last_date_text) {  // a date is parsed once per run of rows that share it
      Result<Date> date = Date::Parse(date_text);
      if (!date.ok()) return Internal(fmt::format("events: stored date '{}' is not YYYY-MM-DD", date_text));
      last_day = date->days();
      last_date_text.assign(date_text);
    }
    const int32_t day = last_day;
    ++volume[day];
    const std::string_view source = scan.Text(0), target = scan.Text(1);
    const int64_t quad = scan.Int(3);
    if (source.empty() || target.empty() || quad < 1 || quad > 4) continue;
    tallies.push_back(Tally{principals.Intern(PrincipalOf(source)), principals.Intern(PrincipalOf(target)),
                            day, static_cast<int32_t>(quad), scan.Double(4)});
  }
  scan.Reset();

  const std::vector<uint32_t> rank = principals.Ranks();
  std::vector<const std::string*> names(rank.size());
  for (uint32_t id = 0; id < rank.size(); ++id) names[rank[id]] = &principals.name(id);
  for (Tally& t : tallies) {
    t.source = rank[t.source];
    t.target = rank[t.target];
  }
  // Stable: each row's Goldstein scores are added in id order, whatever the sort does with equal keys.
  std::stable_sort(tallies.begin(), tallies.end(), [](const Tally& a, const Tally& b) {
    return std::tie(a.source, a.target, a.day) < std::tie(b.source, b.target, b.day);
  });
  const std::vector<Summed> daily = SumRuns(tallies, [](int32_t day) { return day; });
  tallies = {};
  // Within a pair the days ascend, so their weeks do too: the weekly rows are runs of the daily ones.
  const std::vector<Summed> weekly = SumRuns(daily, WeekOf);
  DYAD_RETURN_IF_ERROR(UpsertCounts(db, "dyad_daily", "day", names, daily));
  DYAD_RETURN_IF_ERROR(UpsertCounts(db, "dyad_weekly", "week", names, weekly));

  std::vector<std::pair<int32_t, int64_t>> days(volume.begin(), volume.end());
  std::sort(days.begin(), days.end());
  Result<std::unique_ptr<SqlStatement>> upsert = db.Prepare(
      "INSERT INTO volume_daily (day, events) VALUES ($1, $2) "
      "ON CONFLICT (day) DO UPDATE SET events = volume_daily.events + excluded.events");
  if (!upsert.ok()) return upsert.status();
  for (const auto& [day, events] : days) {
    (*upsert)->BindInt(1, day);
    (*upsert)->BindInt(2, events);
    Result<bool> stepped = (*upsert)->Step();
    if (!stepped.ok()) return stepped.status();
    (*upsert)->Reset();
  }
  return Status::Ok();
}

Status AddInCode(SqlConnection& db, int64_t after, int64_t through, int64_t chunk_ids) {
  Result<std::unique_ptr<SqlStatement>> scan = db.Prepare(
      "SELECT source, target, date, quad_class, goldstein FROM events "
      "WHERE id > $1 AND id <= $2 AND mode = 'asserted'");
  if (!scan.ok()) return scan.status();
  for (int64_t from = after; from < through; from += chunk_ids) {
    DYAD_RETURN_IF_ERROR(AddChunkInCode(db, **scan, from, std::min(through, from + chunk_ids)));
  }
  return Status::Ok();
}

// In one write transaction: finds the events added since the last refresh, has `add` add them, and records
// how far the aggregates now reach. Nothing changes when `add` fails.
Status Refresh(SqlConnection& db, std::string_view begin_writing,
               const std::function<Status(SqlConnection& db, int64_t after, int64_t through)>& add) {
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

Status RefreshAggregates(SqlConnection& db, std::string_view begin_writing, int64_t chunk_ids) {
  if (chunk_ids < 1) return InvalidArgument("RefreshAggregates: chunk_ids must be positive");
  return Refresh(db, begin_writing, [chunk_ids](SqlConnection& db, int64_t after, int64_t through) {
    return AddInCode(db, after, through, chunk_ids);
  });
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
