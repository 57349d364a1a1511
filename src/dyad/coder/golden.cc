#include "dyad/coder/golden.h"

#include <fmt/format.h>

#include "dyad/base/strings.h"

namespace dyad::coder {
namespace {

std::string_view Trim(std::string_view s) { return TrimBlanks(s); }

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  while (true) {
    s = Trim(s);
    if (s.empty()) break;
    size_t sp = s.find_first_of(" \t");
    out.push_back(s.substr(0, sp));
    if (sp == std::string_view::npos) break;
    s.remove_prefix(sp);
  }
  return out;
}

// What one level compares.
struct Key {
  std::string source, target, what;
  bool symmetric;
  std::string date;  // checked when the expectation gives one ("on 2025-09-02")
  bool operator==(const Key& o) const {
    if (what != o.what) return false;
    if (!date.empty() && !o.date.empty() && date != o.date) return false;
    if (source == o.source && target == o.target) return true;
    return symmetric && source == o.target && target == o.source;
  }
};

Key MakeKey(Level level, std::string_view source, std::string_view target, std::string_view code, bool symmetric) {
  std::string root(code.substr(0, 2));
  switch (level) {
    case Level::kRoot:
      return {"", "", root, false, ""};
    case Level::kCode:
      return {"", "", std::string(code), false, ""};
    case Level::kSourceTargetCode:
      return {std::string(source), std::string(target), std::string(code), symmetric, ""};
    case Level::kSourceTargetRoot:
      return {std::string(source), std::string(target), root, symmetric, ""};
  }
  return {};
}

}  // namespace

double Score::precision() const {
  int d = true_positives + false_positives;
  return d == 0 ? 1.0 : static_cast<double>(true_positives) / d;
}
double Score::recall() const {
  int d = true_positives + false_negatives;
  return d == 0 ? 1.0 : static_cast<double>(true_positives) / d;
}
double Score::f1() const {
  double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

Result<std::vector<GoldenCase>> ParseGolden(std::string_view contents, const std::string& file) {
  std::vector<GoldenCase> cases;
  LineCursor lines(contents);
  std::string_view raw;
  while (lines.Next(raw)) {
    const int line_number = lines.number();
    std::string_view line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> w = Words(line);
    if (w[0] == "article") {
      if (w.size() < 2) return InvalidArgument(fmt::format("{}:{}: 'article' needs a date", file, line_number));
      Result<Date> date = Date::Parse(w[1]);
      if (!date.ok()) return InvalidArgument(fmt::format("{}:{}: {}", file, line_number, date.status().message()));
      GoldenCase c;
      c.file = file;
      c.line = line_number;
      c.article.date = *date;
      c.article.id = fmt::format("{}:{}", file.substr(file.find_last_of('/') + 1), line_number);
      cases.push_back(std::move(c));
      continue;
    }
    if (cases.empty()) return InvalidArgument(fmt::format("{}:{}: text before the first 'article'", file, line_number));
    GoldenCase& c = cases.back();
    if (raw[0] == ' ' || raw[0] == '\t') {
      if (!c.expected.empty() || c.expect_none) {
        return InvalidArgument(fmt::format("{}:{}: article text after its expect lines", file, line_number));
      }
      if (!c.article.text.empty()) c.article.text += ' ';
      c.article.text += line;
      continue;
    }
    if (w[0] != "expect") {
      return InvalidArgument(fmt::format("{}:{}: want 'article DATE', indented text or 'expect ...'", file, line_number));
    }
    if (w.size() == 2 && w[1] == "none") {
      c.expect_none = true;
      continue;
    }
    if (w.size() != 4 && !(w.size() == 6 && w[4] == "on")) {
      return InvalidArgument(fmt::format("{}:{}: want 'expect SOURCE TARGET CODE [on DATE]' or 'expect none'", file,
                                         line_number));
    }
    ExpectedEvent e{std::string(w[1]), w[2] == "-" ? "" : std::string(w[2]), std::string(w[3]), ""};
    if (w.size() == 6) e.date = std::string(w[5]);
    c.expected.push_back(std::move(e));
  }
  for (const GoldenCase& c : cases) {
    if (c.article.text.empty()) return InvalidArgument(fmt::format("{}:{}: article without text", file, c.line));
    if (c.expected.empty() && !c.expect_none) {
      return InvalidArgument(fmt::format("{}:{}: article without expect lines (write 'expect none')", file, c.line));
    }
  }
  return cases;
}

void ScoreCase(const GoldenCase& golden, const std::vector<Event>& events, const dict::CameoTable& cameo,
               EvalReport& report) {
  ++report.cases;
  bool all_levels_right = true;
  for (int level = 0; level < 4; ++level) {
    std::vector<Key> want, got;
    std::vector<std::string> want_roots, got_roots;
    const bool with_dates = level == static_cast<int>(Level::kSourceTargetCode) ||
                            level == static_cast<int>(Level::kSourceTargetRoot);
    for (const ExpectedEvent& e : golden.expected) {
      const dict::CameoCode* c = cameo.Find(e.code);
      want.push_back(MakeKey(static_cast<Level>(level), e.source, e.target, e.code, c && c->symmetric));
      if (with_dates) want.back().date = e.date;
      want_roots.push_back(e.code.substr(0, 2));
    }
    for (const Event& e : events) {
      if (e.mode != Mode::kAsserted) continue;  // planned and hypothetical events have not happened
      got.push_back(MakeKey(static_cast<Level>(level), e.source, e.target, e.cameo->code, e.cameo->symmetric));
      if (with_dates) got.back().date = e.date.ToString();
      got_roots.emplace_back(e.cameo->root());
    }
    std::vector<bool> used(got.size(), false);
    for (size_t i = 0; i < want.size(); ++i) {
      bool found = false;
      for (size_t j = 0; j < got.size() && !found; ++j) {
        if (!used[j] && want[i] == got[j]) {
          used[j] = found = true;
          ++report.overall[level].true_positives;
          ++report.by_root[level][want_roots[i]].true_positives;
        }
      }
      if (!found) {
        ++report.overall[level].false_negatives;
        ++report.by_root[level][want_roots[i]].false_negatives;
        all_levels_right = false;
      }
    }
    for (size_t j = 0; j < got.size(); ++j) {
      if (used[j]) continue;
      ++report.overall[level].false_positives;
      ++report.by_root[level][got_roots[j]].false_positives;
      all_levels_right = false;
    }
  }
  if (all_levels_right) {
    ++report.cases_passed;
    return;
  }
  std::string want, got;
  for (const ExpectedEvent& e : golden.expected) {
    want += fmt::format(" {} {} {}{};", e.source, e.target.empty() ? "-" : e.target, e.code,
                        e.date.empty() ? "" : " on " + e.date);
  }
  for (const Event& e : events) {
    got += fmt::format(" {} {} {} on {}{};", e.source, e.target.empty() ? "-" : e.target, e.cameo->code,
                       e.date.ToString(),
                       e.mode == Mode::kAsserted ? "" : std::string(" (") + ModeName(e.mode) + ")");
  }
  report.failures.push_back(fmt::format("{}:{}: {}\n    want:{}\n    got: {}", golden.file, golden.line,
                                        golden.article.text, want.empty() ? " none" : want,
                                        got.empty() ? " none" : got));
}

}  // namespace dyad::coder
