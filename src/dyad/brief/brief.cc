#include "dyad/brief/brief.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "dyad/analytics/alerts.h"
#include "dyad/analytics/align.h"
#include "dyad/analytics/focus.h"
#include "dyad/analytics/forecast.h"
#include "dyad/analytics/series.h"
#include "dyad/store/aggregates.h"
#include "dyad/text/sentence_splitter.h"

namespace dyad::brief {

Result<int> ParseWindowDays(std::string_view text) {
  std::string_view digits = text;
  if (!digits.empty() && digits.back() == 'd') digits.remove_suffix(1);
  int days = 0;
  for (char ch : digits) {
    if (ch < '0' || ch > '9' || days > 100000) return InvalidArgument(fmt::format("'{}': want days, as 30d", text));
    days = days * 10 + (ch - '0');
  }
  if (digits.empty() || days < 1 || days > 3660) return InvalidArgument(fmt::format("'{}': want 1d to 3660d", text));
  return days;
}

std::string LongDate(Date d) {
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  return fmt::format("{} {} {}", d.day(), kMonths[d.month() - 1], d.year());
}

namespace {

using analytics::ActorSpec;

// Events reported together: one source, target and CAMEO code (three digits) in the window.
struct Cluster {
  std::string source, target;  // actor codes of the most reported event
  std::string code;
  std::vector<store::EventRecord> events;
  double salience = 0;
  int64_t reports = 0;
  Date first, last;
};

std::string Percent(double share) { return fmt::format("{:.0f}%", 100 * share); }

std::string JoinNames(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  if (names.size() == 1) return names[0];
  std::string out;
  for (size_t i = 0; i + 1 < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + " and " + names.back();
}

std::string CodesArg(const ActorSpec& spec) { return spec.label; }

// CAMEO codes whose event is mutual: consulting (but not visiting or hosting), negotiating, signing an
// agreement, cooperating, a ceasefire.
bool IsMutual(std::string_view code3) {
  static constexpr std::string_view kMutual[] = {"040", "041", "044", "046", "057", "060",
                                                 "061", "062", "063", "064", "087"};
  return std::find(std::begin(kMutual), std::end(kMutual), code3) != std::end(kMutual);
}

std::string Times(size_t n) {
  static constexpr const char* kWords[] = {"", "once", "twice", "three times", "four times", "five times"};
  return n < std::size(kWords) ? kWords[n] : fmt::format("{} times", n);
}

// A wire dateline before a quote ("PYONGYANG, June 19 (Dyad Test Wire) - ") says where, not what: drop it.
std::string WithoutDateline(std::string sentence) {
  for (std::string_view dash : {" - ", " -- ", " \xe2\x80\x94 ", " \xe2\x80\x93 "}) {
    const size_t at = sentence.find(dash);
    if (at == std::string::npos || at > 90) continue;
    const std::string head = sentence.substr(0, at);
    if (head.find(',') != std::string::npos && head.find(')') != std::string::npos) {
      return sentence.substr(at + dash.size());
    }
  }
  return sentence;
}

class BriefWriter {
 public:
  BriefWriter(const BriefContext& context, const BriefRequest& request) : c_(context), r_(request) {}

  Result<Brief> Write() {
    brief_.sections.resize(4);
    for (int i = 0; i < 4; ++i) brief_.sections[i].heading = kSectionHeadings[i];
    if (r_.window_days < 1) return InvalidArgument("the window must be at least one day");
    if (r_.kind == BriefRequest::Kind::kArticle) {
      DYAD_RETURN_IF_ERROR(ResolveArticle());
    } else {
      a_ = r_.a;
      b_ = r_.b;
    }
    Date as_of;
    if (r_.as_of) {
      as_of = *r_.as_of;
    } else if (article_date_) {
      as_of = *article_date_;
    } else {
      Result<std::optional<Date>> last = analytics::LastStoredDay(c_.store);
      if (!last.ok()) return last.status();
      if (!*last) return InvalidArgument("the store holds no events yet: ingest or import some first");
      as_of = **last;
    }
    brief_.as_of = as_of;
    brief_.from = as_of.AddDays(1 - r_.window_days);
    const bool dyad = r_.kind != BriefRequest::Kind::kActor;
    a_name_ = NameOf(a_);
    if (dyad) b_name_ = NameOf(b_);
    brief_.title = dyad ? fmt::format("{} and {}: brief of {}", ActorNames::Capitalized(a_name_), b_name_,
                                      LongDate(as_of))
                        : fmt::format("{}: brief of {}", ActorNames::Capitalized(a_name_), LongDate(as_of));
    DYAD_RETURN_IF_ERROR(CollectWindowEvents(dyad));
    DYAD_RETURN_IF_ERROR(Happening(dyad));
    DYAD_RETURN_IF_ERROR(Important(dyad));
    DYAD_RETURN_IF_ERROR(Next(dyad));
    DYAD_RETURN_IF_ERROR(Beyond(dyad));
    return std::move(brief_);
  }

 private:
  // ---- actors and names ----

  std::string NameOf(const ActorSpec& spec) const {
    // A group keeps its handle's organisation name when the knowledge base knows it ("NATO").
    if (const knowledge::Group* g = c_.kb.FindGroup(spec.label)) return c_.names.Principal(g->actor_code);
    std::vector<std::string> names;
    for (const std::string& code : spec.codes) names.push_back(c_.names.Name(code));
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return JoinNames(names);
  }

  std::vector<std::string> Principals(const ActorSpec& spec) const {
    std::vector<std::string> out;
    for (const std::string& code : spec.codes) out.emplace_back(store::PrincipalOf(code));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  static ActorSpec SpecOf(const std::string& principal) {
    ActorSpec s;
    s.label = principal;
    s.codes = {principal};
    return s;
  }

  Status ResolveArticle() {
    int64_t id = 0;
    const bool numeric = !r_.article.empty() && std::all_of(r_.article.begin(), r_.article.end(),
                                                            [](char ch) { return ch >= '0' && ch <= '9'; });
    Result<int64_t> found = c_.store.FindArticleByExternalId(r_.article);
    if (!found.ok()) return found.status();
    id = *found;
    if (id == 0 && numeric) id = std::stoll(r_.article);
    Result<std::optional<store::ArticleRecord>> article = c_.store.FindArticle(id);
    if (!article.ok()) return article.status();
    if (!*article) return NotFound(fmt::format("no stored article with id '{}'", r_.article));
    article_id_ = id;
    article_date_ = (*article)->date;
    articles_[id] = **article;
    // The article's main dyad: the pair of principals its events join most often.
    std::set<int64_t> event_ids;
    store::MentionFilter filter;
    filter.article_id = id;
    DYAD_RETURN_IF_ERROR(c_.store.ForEachMention(filter, [&](const store::MentionRecord& m) {
      event_ids.insert(m.event_id);
      return true;
    }));
    std::map<std::pair<std::string, std::string>, int> pairs;
    article_events_ = event_ids;
    if (article_events_.empty()) {
      return NotFound(fmt::format("article '{}' has no coded events to brief on", r_.article));
    }
    // Read the article's events (they are dated near the article; reports of older events keep their date).
    store::EventFilter ef;
    ef.from = article_date_->AddDays(-366);
    ef.to = article_date_->AddDays(366);
    DYAD_RETURN_IF_ERROR(c_.store.ForEachEvent(ef, [&](const store::EventRecord& e) {
      if (article_events_.count(e.id) == 0 || e.source.empty() || e.target.empty()) return true;
      std::string s(store::PrincipalOf(e.source)), t(store::PrincipalOf(e.target));
      if (s == t) return true;
      pairs[s < t ? std::make_pair(s, t) : std::make_pair(t, s)] += 1;
      return true;
    }));
    if (pairs.empty())
      return NotFound(fmt::format("article '{}' has no event between two actors", r_.article));
    auto best = std::max_element(pairs.begin(), pairs.end(),
                                 [](const auto& x, const auto& y) { return x.second < y.second; });
    a_ = SpecOf(best->first.first);
    b_ = SpecOf(best->first.second);
    return Status::Ok();
  }

  // ---- citations ----

  int Cite(Citation citation) {
    auto it = cited_.find(citation.key);
    if (it != cited_.end()) return it->second;
    brief_.citations.push_back(std::move(citation));
    const int number = static_cast<int>(brief_.citations.size());
    cited_[brief_.citations.back().key] = number;
    return number;
  }

  int CiteFact(const knowledge::Fact& f) {
    Citation c;
    c.kind = Citation::Kind::kKnowledge;
    c.key = "kb:" + f.id;
    c.fact_id = f.id;
    c.quote = f.sentence;
    c.authority = f.authority;
    return Cite(std::move(c));
  }

  // A query of the store's events, described and reproducible.
  int CiteQuery(std::string description, std::string query) {
    Citation c;
    c.kind = Citation::Kind::kEvents;
    c.key = "q:" + query;
    c.description = std::move(description);
    c.query = std::move(query);
    return Cite(std::move(c));
  }

  int CiteDyadEvents(const ActorSpec& a, const ActorSpec& b, Date from, Date to, int64_t n) {
    return CiteQuery(fmt::format("{} events between {} and {}, {} to {}", n, NameOf(a), NameOf(b),
                                 from.ToString(), to.ToString()),
                     fmt::format("dyad events --dyad {} {} --from {} --to {}", CodesArg(a), CodesArg(b),
                                 from.ToString(), to.ToString()));
  }

  int CiteActorEvents(const ActorSpec& a, Date from, Date to, int64_t n) {
    return CiteQuery(
        fmt::format("{} events involving {}, {} to {}", n, NameOf(a), from.ToString(), to.ToString()),
        fmt::format("dyad events --actor {} --from {} --to {}", CodesArg(a), from.ToString(), to.ToString()));
  }

  Result<const store::ArticleRecord*> Article(int64_t id) {
    auto it = articles_.find(id);
    if (it != articles_.end()) return &it->second;
    Result<std::optional<store::ArticleRecord>> found = c_.store.FindArticle(id);
    if (!found.ok()) return found.status();
    if (!*found) return static_cast<const store::ArticleRecord*>(nullptr);
    return &articles_.emplace(id, std::move(**found)).first->second;
  }

  static std::string SentenceAround(const std::string& text, int offset) {
    if (offset < 0) return "";
    std::string sentence(text::SentenceAt(text, static_cast<size_t>(offset)).Of(text));
    for (char& ch : sentence) {
      if (ch == '\n' || ch == '\t') ch = ' ';
    }
    return sentence;
  }

  // How well a sentence tells the story on its own: it names its actors (no leading pronoun), is neither a
  // fragment nor a paragraph. -1 for none.
  static int QuoteScore(const std::string& sentence) {
    if (sentence.empty()) return -1;
    int score = 10;
    for (std::string_view pronoun :
         {"He ", "She ", "It ", "They ", "We ", "This ", "That ", "The move", "\""}) {
      if (sentence.rfind(pronoun, 0) == 0) score -= 6;
    }
    if (sentence.size() < 40) score -= 3;
    if (sentence.size() > 300) score -= 4;
    int capitals = 0;  // names
    for (size_t i = 1; i < sentence.size(); ++i) {
      if (sentence[i - 1] == ' ' && sentence[i] >= 'A' && sentence[i] <= 'Z') ++capitals;
    }
    return score + std::min(capitals, 4);
  }

  // Citations of an event: up to `limit` articles that report it (their sentences quoted), or, for an event
  // imported without text, its dataset entry.
  Result<std::vector<int>> CiteEvent(const store::EventRecord& e, size_t limit, std::string* quote = nullptr,
                                     std::string* quote_source = nullptr) {
    std::vector<int> out;
    if (e.origin != "dyad") {
      Citation c;
      c.kind = Citation::Kind::kEvents;
      c.key = fmt::format("e:{}:{}", e.origin, e.origin_id);
      c.description = fmt::format("{} event {} ({}, {} {} {}), {} mentions",
                                  e.origin == "gdelt"   ? "GDELT"
                                  : e.origin == "icews" ? "ICEWS"
                                                        : e.origin,
                                  e.origin_id, e.date.ToString(), e.source, e.code, e.target, e.num_mentions);
      c.url = e.url;
      c.query = fmt::format("dyad events --origin {} --dyad {} {} --from {} --to {}", e.origin,
                            e.source.empty() ? "-" : e.source, e.target.empty() ? "-" : e.target,
                            e.date.ToString(), e.date.ToString());
      out.push_back(Cite(std::move(c)));
      return out;
    }
    std::vector<store::MentionRecord> mentions;
    store::MentionFilter filter;
    filter.event_id = e.id;
    DYAD_RETURN_IF_ERROR(c_.store.ForEachMention(filter, [&](const store::MentionRecord& m) {
      mentions.push_back(m);
      return true;
    }));
    std::set<int64_t> articles;
    for (const store::MentionRecord& m : mentions) {
      if (out.size() >= limit) break;
      if (!articles.insert(m.article_id).second) continue;
      Result<const store::ArticleRecord*> article = Article(m.article_id);
      if (!article.ok()) return article.status();
      if (*article == nullptr) continue;
      const store::ArticleRecord& a = **article;
      Citation c;
      c.kind = Citation::Kind::kArticle;
      c.key = fmt::format("a:{}:{}", a.id, m.sentence);
      c.article_id = a.id;
      c.title = a.title;
      c.source = a.source;
      c.url = a.url;
      c.date = a.date;
      c.quote = SentenceAround(a.text, m.evidence_begin);
      if (quote != nullptr && !c.quote.empty() && QuoteScore(c.quote) > QuoteScore(*quote)) {
        *quote = c.quote;
        if (quote_source != nullptr) *quote_source = a.source;
      }
      out.push_back(Cite(std::move(c)));
    }
    return out;
  }

  void Say(int section, std::string text, std::vector<int> citations) {
    // No claim without a source.
    if (citations.empty() || text.empty()) return;
    std::sort(citations.begin(), citations.end());
    citations.erase(std::unique(citations.begin(), citations.end()), citations.end());
    brief_.sections[section].sentences.push_back({std::move(text), std::move(citations)});
  }

  // ---- the window's events ----

  Status CollectWindowEvents(bool dyad) {
    std::set<int64_t> seen;
    auto keep = [&](const store::EventRecord& e) {
      if (e.source.empty() || e.target.empty() || !seen.insert(e.id).second) return true;
      if (e.mode == "asserted") {
        asserted_.push_back(e);
      } else {
        planned_.push_back(e);
      }
      return true;
    };
    if (dyad) {
      for (const std::string& s : a_.codes) {
        for (const std::string& t : b_.codes) {
          store::EventFilter f;
          f.source = s;
          f.target = t;
          f.either_direction = true;
          f.from = brief_.from;
          f.to = brief_.as_of;
          DYAD_RETURN_IF_ERROR(c_.store.ForEachEvent(f, keep));
        }
      }
    } else {
      for (const std::string& code : a_.codes) {
        store::EventFilter f;
        f.actor = code;
        f.from = brief_.from;
        f.to = brief_.as_of;
        DYAD_RETURN_IF_ERROR(c_.store.ForEachEvent(f, keep));
      }
    }
    auto by_id = [](const store::EventRecord& x, const store::EventRecord& y) { return x.id < y.id; };
    std::sort(asserted_.begin(), asserted_.end(), by_id);
    std::sort(planned_.begin(), planned_.end(), by_id);
    return Status::Ok();
  }

  std::vector<Cluster> Clusters(const std::vector<store::EventRecord>& events) const {
    std::map<std::tuple<std::string, std::string, std::string>, Cluster> by_key;
    for (const store::EventRecord& e : events) {
      if (r_.kind == BriefRequest::Kind::kArticle && article_events_.count(e.id) == 0) continue;
      std::string s(store::PrincipalOf(e.source)), t(store::PrincipalOf(e.target));
      if (s == t) continue;
      const std::string code = e.code.substr(0, std::min<size_t>(3, e.code.size()));
      // Meeting, negotiating, signing, cooperating: one story whichever side the report names first.
      if (IsMutual(code) && t < s) std::swap(s, t);
      Cluster& c = by_key[{s, t, code}];
      if (c.events.empty()) {
        c.first = c.last = e.date;
        c.code = e.code;
        c.source = e.source;
        c.target = e.target;
      }
      c.events.push_back(e);
      c.first = std::min(c.first, e.date);
      c.last = std::max(c.last, e.date);
      c.reports += e.num_articles;
      // Reports, weighted by how much the event matters (|Goldstein|) and how recent it is.
      const double recency = 1.0 + static_cast<double>(e.date.days() - brief_.from.days()) / r_.window_days;
      c.salience += static_cast<double>(e.num_articles) * (1.0 + std::abs(e.goldstein) / 5.0) * recency;
    }
    std::vector<Cluster> out;
    for (auto& [key, c] : by_key) {
      // The cluster is told by its most reported event.
      auto top = std::max_element(c.events.begin(), c.events.end(), [](const auto& x, const auto& y) {
        return x.num_articles != y.num_articles ? x.num_articles < y.num_articles : x.id > y.id;
      });
      c.code = top->code;
      c.source = top->source;
      c.target = top->target;
      out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const Cluster& x, const Cluster& y) {
      if (x.salience != y.salience) return x.salience > y.salience;
      return std::tie(x.source, x.target, x.code) < std::tie(y.source, y.target, y.code);
    });
    return out;
  }

  // ---- What's Happening? ----

  Status Happening(bool dyad) {
    std::vector<Cluster> clusters = Clusters(asserted_);
    if (clusters.empty()) {
      const int cite = dyad ? CiteDyadEvents(a_, b_, brief_.from, brief_.as_of, 0)
                            : CiteActorEvents(a_, brief_.from, brief_.as_of, 0);
      Say(0,
          dyad ? fmt::format("No events between {} and {} were recorded in the {} days to {}.", a_name_,
                             b_name_, r_.window_days, LongDate(brief_.as_of))
               : fmt::format("No events involving {} were recorded in the {} days to {}.", a_name_,
                             r_.window_days, LongDate(brief_.as_of)),
          {cite});
      return Status::Ok();
    }
    const size_t shown = std::min<size_t>(clusters.size(), 4);
    for (size_t i = 0; i < shown; ++i) {
      const Cluster& c = clusters[i];
      std::vector<int> cites;
      std::string quote, quote_source;
      // The most reported events of the cluster, up to three citations in all.
      std::vector<store::EventRecord> events = c.events;
      std::sort(events.begin(), events.end(), [](const auto& x, const auto& y) {
        return x.num_articles != y.num_articles ? x.num_articles > y.num_articles : x.id < y.id;
      });
      for (const store::EventRecord& e : events) {
        if (cites.size() >= 3) break;
        Result<std::vector<int>> more = CiteEvent(e, 3 - cites.size(), &quote, &quote_source);
        if (!more.ok()) return more.status();
        cites.insert(cites.end(), more->begin(), more->end());
      }
      const std::string source = c_.names.Name(c.source), target = c_.names.Name(c.target);
      const std::string what = c_.phrases.Past(c.code, source, target);
      const store::EventRecord& lead = events.front();
      // A place is told only when it lies in one of the two countries (a dateline abroad says where the
      // report was filed, not where the event happened).
      const bool local = lead.location.known() && (lead.location.country == store::PrincipalOf(lead.source) ||
                                                   lead.location.country == store::PrincipalOf(lead.target));
      std::string where = local ? fmt::format(" in {}", lead.location.name) : "";
      std::string text;
      const std::string reports = c.reports == 1 ? "one report" : fmt::format("{} reports", c.reports);
      if (c.events.size() == 1) {
        // Vary the shape: date first, or the actor first with the date after.
        text = i % 2 == 0
                   ? fmt::format("On {}, {}{}, according to {}.", LongDate(c.last), what, where, reports)
                   : fmt::format("{}{} on {} ({}).", ActorNames::Capitalized(what), where, LongDate(c.last),
                                 reports);
      } else if (c.first == c.last) {
        text = fmt::format("{} {} on {}{}, in {} in all.", ActorNames::Capitalized(what),
                           Times(c.events.size()), LongDate(c.last), where, reports);
      } else {
        text = fmt::format("{} {} between {} and {}, in {} in all.", ActorNames::Capitalized(what),
                           Times(c.events.size()), LongDate(c.first), LongDate(c.last), reports);
      }
      if (i == 0 || c.events.size() == 1) text[0] = static_cast<char>(std::toupper(text[0]));
      Say(0, text, cites);
      // The most informative source sentence, quoted for the leading story.
      if (i == 0 && QuoteScore(quote) >= 8 && !cites.empty()) {
        Say(0,
            fmt::format("{} reported: \"{}\"", quote_source.empty() ? "One report" : quote_source,
                        WithoutDateline(quote)),
            {cites.front()});
      }
    }
    if (clusters.size() > shown) {
      int64_t rest = 0;
      for (size_t i = shown; i < clusters.size(); ++i)
        rest += static_cast<int64_t>(clusters[i].events.size());
      const int cite =
          dyad ? CiteDyadEvents(a_, b_, brief_.from, brief_.as_of, static_cast<int64_t>(asserted_.size()))
               : CiteActorEvents(a_, brief_.from, brief_.as_of, static_cast<int64_t>(asserted_.size()));
      Say(0,
          rest == 1 ? std::string("One other event was recorded in the period.")
                    : fmt::format("{} other events were recorded in the period.", rest),
          {cite});
    }
    return Status::Ok();
  }

  // ---- Why It's Important? ----

  Status Important(bool dyad) {
    // Against the baseline: the window against the year before it.
    const Date year_from = brief_.from.AddDays(-365);
    std::array<int64_t, 2> now{}, before{};  // cooperative, conflictual
    auto count = [&](const ActorSpec& x, const ActorSpec* y) -> Status {
      analytics::SeriesOptions o;
      o.by = analytics::Period::kDay;
      o.from = year_from;
      o.to = brief_.as_of;
      Result<analytics::DyadSeries> s =
          y != nullptr ? analytics::BuildSeries(c_.store, x, *y, o) : Status::Ok();
      if (!s.ok()) return s.status();
      for (const analytics::SeriesPoint& p : s->points) {
        auto& into = p.start >= brief_.from ? now : before;
        into[0] += p.cooperation();
        into[1] += p.conflict();
      }
      return Status::Ok();
    };
    if (dyad) {
      DYAD_RETURN_IF_ERROR(count(a_, &b_));
    } else {
      DYAD_RETURN_IF_ERROR(ActorTotals(year_from, now, before));
    }
    const int64_t n_now = now[0] + now[1], n_before = before[0] + before[1];
    const double average = static_cast<double>(n_before) * r_.window_days / 365.0;
    const int cite_now = dyad ? CiteDyadEvents(a_, b_, brief_.from, brief_.as_of, n_now)
                              : CiteActorEvents(a_, brief_.from, brief_.as_of, n_now);
    const int cite_before = dyad ? CiteDyadEvents(a_, b_, year_from, brief_.from.AddDays(-1), n_before)
                                 : CiteActorEvents(a_, year_from, brief_.from.AddDays(-1), n_before);
    const std::string subject =
        dyad ? fmt::format("between {} and {}", a_name_, b_name_) : fmt::format("involving {}", a_name_);
    if (n_now + n_before > 0) {
      std::string level =
          average <= 0 ? "none in the year before"
          : n_now > 1.5 * average
              ? fmt::format("well above the average of {:.1f} for a {}-day period over the previous year",
                            average, r_.window_days)
          : n_now < 0.67 * average
              ? fmt::format("well below the average of {:.1f} for a {}-day period over the previous year",
                            average, r_.window_days)
              : fmt::format("close to the average of {:.1f} for a {}-day period over the previous year",
                            average, r_.window_days);
      Say(1,
          fmt::format("The {} events {} in the {} days to {} are {}.", n_now, subject, r_.window_days,
                      LongDate(brief_.as_of), level),
          {cite_now, cite_before});
      if (n_now > 0 && n_before > 0) {
        const double share_now = static_cast<double>(now[0]) / n_now;
        const double share_before = static_cast<double>(before[0]) / n_before;
        const std::string now_text = share_now == 1 ? "All of them were cooperative"
                                     : share_now == 0
                                         ? "None of them was cooperative"
                                         : fmt::format("{} of them were cooperative", Percent(share_now));
        const std::string then_text =
            std::abs(share_now - share_before) < 0.05
                ? "much as in the previous year"
                : fmt::format("against {} in the previous year", Percent(share_before));
        Say(1, fmt::format("{}, {}.", now_text, then_text), {cite_now, cite_before});
      }
    }
    // Shifts the detector found in the dyad's weekly counts.
    if (dyad) {
      analytics::AlertOptions ao;
      ao.a = a_;
      ao.b = b_;
      ao.since = brief_.from.AddDays(-28);
      ao.min_events = 5;
      ao.evidence = 2;
      Result<std::vector<analytics::Alert>> alerts = analytics::ScanAlerts(c_.store, ao);
      if (!alerts.ok()) return alerts.status();
      for (size_t i = 0; i < alerts->size() && i < 2; ++i) {
        const analytics::Alert& al = (*alerts)[i];
        if (al.detected > brief_.as_of) continue;
        std::vector<int> cites;
        for (const store::EventRecord& e : al.events) {
          Result<std::vector<int>> more = CiteEvent(e, 1);
          if (!more.ok()) return more.status();
          cites.insert(cites.end(), more->begin(), more->end());
        }
        cites.push_back(CiteDyadEvents(a_, b_, al.start, al.detected.AddDays(6), 0));
        Say(1,
            fmt::format("{} between the two {} sharply from the week of {}: from about {:.1f} to {:.1f} "
                        "events a week.",
                        al.series == "cooperation" ? "Cooperation" : "Conflict",
                        al.direction > 0 ? "rose" : "fell", LongDate(al.start), al.rate_before,
                        al.rate_after),
            cites);
      }
    }
    // The actors' turns toward or away from partners.
    for (const ActorSpec* spec : {&a_, dyad ? &b_ : nullptr}) {
      if (spec == nullptr || !spec->AllPrincipals()) continue;
      analytics::FocusOptions fo;
      fo.to = brief_.as_of;
      fo.windows = 2;
      Result<analytics::Focus> focus = analytics::AnalyzeFocus(c_.store, *spec, fo);
      if (!focus.ok()) return focus.status();
      int said = 0;
      for (const analytics::FocusShift& s : focus->shifts) {
        if (said >= 2) break;
        const std::string partner = c_.names.Principal(s.partner);
        const int cite = CiteActorEvents(*spec, focus->windows.front().from, s.window_to,
                                         s.events_before + s.events_after);
        Say(1,
            fmt::format("{} {} has moved {} {}: {} of its {} events in the quarter to {}, {} from {}.",
                        ActorNames::Capitalized(ActorNames::Possessive(NameOf(*spec))), s.kind,
                        s.share_after > s.share_before ? "toward" : "away from", partner,
                        Percent(s.share_after), s.kind == "cooperation" ? "cooperative" : "conflictual",
                        LongDate(s.window_to), s.share_after > s.share_before ? "up" : "down",
                        Percent(s.share_before)),
            {cite});
        ++said;
      }
    }
    // Standing facts: what binds or divides them, then each side's sanctions and nuclear status.
    std::set<std::string> used;
    auto say_fact = [&](const knowledge::Fact* f) {
      if (!used.insert(f->id).second) return;
      Say(1, f->sentence, {CiteFact(*f)});
    };
    const std::vector<std::string> pa = Principals(a_);
    const std::vector<std::string> pb = dyad ? Principals(b_) : std::vector<std::string>{};
    int facts = 0;
    if (dyad) {
      for (const std::string& x : pa) {
        for (const std::string& y : pb) {
          // Facts about the two alone first, then those that also name third countries.
          std::vector<const knowledge::Fact*> between = c_.kb.Between(x, y, brief_.as_of);
          std::stable_sort(between.begin(), between.end(),
                           [&](const knowledge::Fact* l, const knowledge::Fact* r) {
                             return !InvolvesThirdCountry(*l, pa, pb) && InvolvesThirdCountry(*r, pa, pb);
                           });
          for (const knowledge::Fact* f : between) {
            if (f->kind == "membership" || f->kind == "leader" || f->scheduled || facts >= 5) continue;
            say_fact(f);
            ++facts;
          }
        }
      }
    }
    for (const std::vector<std::string>* side : {&pa, &pb}) {
      int per_side = 0;
      for (const std::string& x : *side) {
        for (const knowledge::Fact* f : c_.kb.About(x, brief_.as_of)) {
          // In a dyad's brief, a side's own standing (its nuclear status, sanctions on it) matters; its
          // dealings with a third country do not.
          const bool relevant =
              f->kind == "nuclear" || f->kind == "sanctions" ||
              (!dyad && (f->kind == "alliance" || f->kind == "treaty" || f->kind == "territory"));
          if (dyad && InvolvesThirdCountry(*f, pa, pb)) continue;
          // Sanctions facts name the side that imposes them first: a side's own standing is what it is under.
          if (f->kind == "sanctions" && !f->actors.empty() && store::PrincipalOf(f->actors[0]) == x) continue;
          if (!relevant || f->scheduled || per_side >= (dyad ? 2 : 5)) continue;
          if (used.count(f->id)) continue;
          say_fact(f);
          ++per_side;
        }
      }
    }
    // Who else is affected: the partners most engaged with both sides.
    if (dyad) DYAD_RETURN_IF_ERROR(CommonPartners());
    return Status::Ok();
  }

  // True when the fact names a country (a three-letter code) that is neither side.
  static bool InvolvesThirdCountry(const knowledge::Fact& f, const std::vector<std::string>& pa,
                                   const std::vector<std::string>& pb) {
    for (const std::string& actor : f.actors) {
      const std::string p(store::PrincipalOf(actor));
      if (p.size() != 3 || analytics::IsSectorCode(p)) continue;
      if (std::find(pa.begin(), pa.end(), p) == pa.end() && std::find(pb.begin(), pb.end(), p) == pb.end()) {
        return true;
      }
    }
    return false;
  }

  // Cooperative and conflictual events of the actor with anyone, in the window and in the year before it.
  Status ActorTotals(Date year_from, std::array<int64_t, 2>& now, std::array<int64_t, 2>& before) {
    store::AggregateFilter f;
    f.sources = Principals(a_);
    f.either_direction = true;
    f.from = year_from;
    f.to = brief_.as_of;
    return c_.store.ForEachDailyCount(f, [&](const store::DailyCount& d) {
      if (d.source == d.target) return true;
      auto& into = d.day >= brief_.from ? now : before;
      into[0] += d.cooperation();
      into[1] += d.conflict();
      return true;
    });
  }

  // Partners of a set of principals over [from, to]: events per partner.
  Result<std::map<std::string, int64_t>> PartnerCounts(const std::vector<std::string>& principals, Date from,
                                                       Date to, int quad_lo = 1, int quad_hi = 4) {
    // The same question comes from several sections; busy actors make it the costliest read of a brief.
    const std::string key =
        fmt::format("{}|{}|{}|{}|{}", fmt::join(principals, ","), from.days(), to.days(), quad_lo, quad_hi);
    if (auto it = partner_counts_.find(key); it != partner_counts_.end()) return it->second;
    std::map<std::string, int64_t>& out = partner_counts_[key];
    store::AggregateFilter f;
    f.sum_over_days = true;
    f.sources = principals;
    f.either_direction = true;
    f.from = from;
    f.to = to;
    // Whole weeks (a Monday to a Sunday) come from the weekly aggregate: a year is 52 rows a partner, not 365.
    if (from.weekday() == 0 && to.weekday() == 6) {
      f.weekly = true;
      f.to = to.AddDays(-6);
    }
    std::set<std::string> own(principals.begin(), principals.end());
    DYAD_RETURN_IF_ERROR(c_.store.ForEachDailyCount(f, [&](const store::DailyCount& d) {
      int64_t events = 0;
      for (int q = quad_lo; q <= quad_hi; ++q) events += d.quad[q - 1];
      if (events == 0) return true;
      const bool as_source = own.count(d.source) > 0;
      const std::string& partner = as_source ? d.target : d.source;
      if (own.count(partner) || analytics::IsSectorCode(partner)) return true;
      out[partner] += events;
      return true;
    }));
    return out;
  }

  Status CommonPartners() {
    Result<std::map<std::string, int64_t>> with_a = PartnerCounts(Principals(a_), brief_.from, brief_.as_of);
    if (!with_a.ok()) return with_a.status();
    Result<std::map<std::string, int64_t>> with_b = PartnerCounts(Principals(b_), brief_.from, brief_.as_of);
    if (!with_b.ok()) return with_b.status();
    std::vector<std::tuple<int64_t, std::string>> common;
    const std::vector<std::string> pa = Principals(a_), pb = Principals(b_);
    for (const auto& [p, n] : *with_a) {
      if (std::count(pb.begin(), pb.end(), p) || std::count(pa.begin(), pa.end(), p)) continue;
      auto it = with_b->find(p);
      if (it != with_b->end()) common.emplace_back(-std::min(n, it->second), p);
    }
    std::sort(common.begin(), common.end());
    if (common.empty()) return Status::Ok();
    std::vector<std::string> names;
    std::vector<int> cites;
    for (size_t i = 0; i < common.size() && i < 2; ++i) {
      const std::string& p = std::get<1>(common[i]);
      names.push_back(c_.names.Principal(p));
      cites.push_back(CiteDyadEvents(a_, SpecOf(p), brief_.from, brief_.as_of, (*with_a)[p]));
      cites.push_back(CiteDyadEvents(b_, SpecOf(p), brief_.from, brief_.as_of, (*with_b)[p]));
    }
    Say(1,
        fmt::format("{} {} also in the news with both sides in the period, and {} to be affected.",
                    ActorNames::Capitalized(JoinNames(names)), names.size() == 1 ? "was" : "were",
                    names.size() == 1 ? "stands" : "stand"),
        cites);
    return Status::Ok();
  }

  // ---- What's Next? ----

  Status Next(bool dyad) {
    // Planned and possible events the text reports, newest first.
    std::vector<store::EventRecord> planned = planned_;
    if (r_.kind == BriefRequest::Kind::kArticle) {
      std::erase_if(planned, [&](const store::EventRecord& e) { return article_events_.count(e.id) == 0; });
    }
    std::sort(planned.begin(), planned.end(),
              [](const auto& x, const auto& y) { return x.date != y.date ? x.date > y.date : x.id < y.id; });
    std::set<std::tuple<std::string, std::string, std::string>> told;
    int said = 0;
    for (const store::EventRecord& e : planned) {
      if (said >= 4) break;
      if (!told.insert({std::string(store::PrincipalOf(e.source)), std::string(store::PrincipalOf(e.target)),
                        e.code.substr(0, 3)})
               .second)
        continue;
      Result<std::vector<int>> cites = CiteEvent(e, 2);
      if (!cites.ok()) return cites.status();
      const std::string source = c_.names.Name(e.source);
      const std::string plan = c_.phrases.Planned(e.code, c_.names.Name(e.target));
      // Who said it is in the quoted sentence: the brief says only that a report expects it.
      std::string text =
          e.mode == "future"
              ? (said % 2 == 0
                     ? fmt::format("{} is set to {}, according to a report of {}.",
                                   ActorNames::Capitalized(source), plan, LongDate(e.date))
                     : fmt::format("A report of {} said {} would {}.", LongDate(e.date), source, plan))
              : fmt::format("{} might {}, a report of {} said, though nothing was settled.",
                            ActorNames::Capitalized(source), plan, LongDate(e.date));
      Say(2, text, *cites);
      ++said;
    }
    // The forecast, from the dyad's complete weeks.
    if (dyad) DYAD_RETURN_IF_ERROR(ForecastSentence());
    // Scheduled items of the knowledge base in the coming year.
    std::vector<std::string> actors = Principals(a_);
    if (dyad) {
      std::vector<std::string> pb = Principals(b_);
      actors.insert(actors.end(), pb.begin(), pb.end());
    }
    // Items still to come: due within the year and not over by the brief's date (a "2026" summit is due until
    // the year ends).
    int scheduled = 0;
    for (const knowledge::Fact& f : c_.kb.facts()) {
      if (scheduled >= 3) break;
      if (!f.scheduled || f.range.to <= brief_.as_of || f.range.from > brief_.as_of.AddDays(365)) continue;
      if (std::none_of(actors.begin(), actors.end(), [&](const std::string& a) { return f.Involves(a); }))
        continue;
      Say(2, f.sentence, {CiteFact(f)});
      ++scheduled;
    }
    if (brief_.sections[2].sentences.empty()) {
      const int cite =
          dyad ? CiteDyadEvents(a_, b_, brief_.from, brief_.as_of, static_cast<int64_t>(asserted_.size()))
               : CiteActorEvents(a_, brief_.from, brief_.as_of, static_cast<int64_t>(asserted_.size()));
      Say(2, "No planned or scheduled events were reported for the coming weeks.", {cite});
    }
    return Status::Ok();
  }

  Status ForecastSentence() {
    analytics::SeriesOptions o;
    o.by = analytics::Period::kWeek;
    o.to = brief_.as_of;
    o.from = brief_.as_of.AddDays(-7 * 104);
    Result<analytics::DyadSeries> s = analytics::BuildSeries(c_.store, a_, b_, o);
    if (!s.ok()) return s.status();
    std::vector<analytics::SeriesPoint> weeks = s->points;
    if (!weeks.empty() && weeks.back().start.AddDays(6) > brief_.as_of) weeks.pop_back();
    int64_t total = 0;
    for (const auto& p : weeks) total += p.events();
    if (weeks.size() < 13 || total < 10) return Status::Ok();  // too little history to forecast honestly
    std::vector<double> coop, conflict;
    for (const auto& p : weeks) {
      coop.push_back(static_cast<double>(p.cooperation()));
      conflict.push_back(static_cast<double>(p.conflict()));
    }
    Result<analytics::Forecast> fc = analytics::ForecastSeries(coop, 4, analytics::SeriesKind::kCount);
    Result<analytics::Forecast> ff = analytics::ForecastSeries(conflict, 4, analytics::SeriesKind::kCount);
    if (!fc.ok() || !ff.ok()) return Status::Ok();
    auto mean = [](const analytics::Forecast& f, double analytics::ForecastPoint::*field) {
      double sum = 0;
      for (const auto& p : f.points) sum += p.*field;
      return sum / static_cast<double>(f.points.size());
    };
    const Date first = weeks.back().start.AddDays(7);
    const int cite = CiteDyadEvents(a_, b_, weeks.front().start, weeks.back().start.AddDays(6), total);
    Say(2,
        fmt::format(
            "Over the four weeks from {}, dyad's forecast is about {:.1f} cooperative events a week (80% "
            "interval {:.0f} to {:.0f}) and {:.1f} conflictual ones ({:.0f} to {:.0f}), from {} weeks of "
            "history; {}.",
            LongDate(first), mean(*fc, &analytics::ForecastPoint::mean),
            mean(*fc, &analytics::ForecastPoint::lo80), mean(*fc, &analytics::ForecastPoint::hi80),
            mean(*ff, &analytics::ForecastPoint::mean), mean(*ff, &analytics::ForecastPoint::lo80),
            mean(*ff, &analytics::ForecastPoint::hi80), weeks.size(), ModelNote(*fc)),
        {cite});
    return Status::Ok();
  }

  // "the damped-level model, which beat persistence on a backtest of the last 26 weeks (MASE 0.81
  // against 1.00)".
  static std::string ModelNote(const analytics::Forecast& f) {
    const analytics::BacktestScore* chosen = nullptr;
    const analytics::BacktestScore* persistence = nullptr;
    for (const analytics::BacktestScore& b : f.backtest) {
      if (b.model == f.model) chosen = &b;
      if (b.model == "persistence") persistence = &b;
    }
    if (f.model == "persistence" || chosen == nullptr || persistence == nullptr ||
        !std::isfinite(chosen->mase) || !std::isfinite(persistence->mase)) {
      return "the model is persistence (the last week carried forward), as nothing beat it on a backtest";
    }
    return fmt::format("the {} model beat persistence on a backtest (MASE {:.2f} against {:.2f})", f.model,
                       chosen->mase, persistence->mase);
  }

  // ---- Beyond the Headlines ----

  Status Beyond(bool dyad) {
    // The past year: the 52 weeks that end with the week of as_of (events after as_of are not in the store for a
    // brief of today; for an older date, the rest of its week counts too).
    const Date year_to = analytics::PeriodStart(brief_.as_of, analytics::Period::kWeek).AddDays(6);
    const Date year_from = year_to.AddDays(-52 * 7 + 1);
    // Partner shares over the past year: the balance of each side's cooperation.
    std::vector<std::string> top_partners;
    for (const ActorSpec* spec : {&a_, dyad ? &b_ : nullptr}) {
      if (spec == nullptr) continue;
      Result<std::map<std::string, int64_t>> partners =
          PartnerCounts(Principals(*spec), year_from, year_to, 1, 2);
      if (!partners.ok()) return partners.status();
      int64_t total = 0;
      std::vector<std::pair<int64_t, std::string>> ranked;
      for (const auto& [p, n] : *partners) {
        total += n;
        ranked.emplace_back(-n, p);
      }
      std::sort(ranked.begin(), ranked.end());
      if (total < 3) continue;
      std::vector<std::string> parts;
      for (size_t i = 0; i < ranked.size() && i < 3; ++i) {
        const double share = static_cast<double>(-ranked[i].first) / static_cast<double>(total);
        parts.push_back(
            i == 0 ? fmt::format("{} accounted for {}", c_.names.Principal(ranked[i].second), Percent(share))
                   : fmt::format("{} for {}", c_.names.Principal(ranked[i].second), Percent(share)));
        if (spec == &a_ && top_partners.size() < 2) top_partners.push_back(ranked[i].second);
      }
      const int cite = CiteActorEvents(*spec, year_from, year_to, total);
      Say(3,
          fmt::format("Over the past year, {} of {} cooperative events.", JoinNames(parts),
                      ActorNames::Possessive(NameOf(*spec))),
          {cite});
    }
    // Triads: the two sides with their most engaged common partner (dyad), or the actor with its top
    // partners.
    std::vector<std::array<std::string, 3>> triads;
    const std::vector<std::string> pa = Principals(a_);
    if (dyad) {
      const std::vector<std::string> pb = Principals(b_);
      if (pa.size() == 1 && pb.size() == 1) {
        Result<std::map<std::string, int64_t>> with_a = PartnerCounts(pa, year_from, year_to, 1, 2);
        Result<std::map<std::string, int64_t>> with_b = PartnerCounts(pb, year_from, year_to, 1, 2);
        if (!with_a.ok()) return with_a.status();
        if (!with_b.ok()) return with_b.status();
        std::vector<std::pair<int64_t, std::string>> common;
        for (const auto& [p, n] : *with_a) {
          auto it = with_b->find(p);
          if (p != pa[0] && p != pb[0] && it != with_b->end())
            common.emplace_back(-std::min(n, it->second), p);
        }
        std::sort(common.begin(), common.end());
        if (!common.empty()) triads.push_back({pa[0], pb[0], common[0].second});
      }
    } else if (pa.size() == 1 && top_partners.size() == 2) {
      triads.push_back({pa[0], top_partners[0], top_partners[1]});
    }
    for (const auto& t : triads) {
      analytics::AlignOptions ao;
      ao.actors = {t[0], t[1], t[2]};
      ao.to = brief_.as_of;
      ao.triads = {t};
      ao.top_triads = 0;
      ao.min_pair_events = 2;
      ao.among_actors_only = true;
      Result<analytics::Alignment> al = analytics::AnalyzeAlignment(c_.store, ao);
      if (!al.ok()) return al.status();
      if (al->triads.empty() || al->triads[0].cooperative_events == 0 || al->triads[0].density <= 0) continue;
      const analytics::Triad& tr = al->triads[0];
      std::vector<std::string> names = {c_.names.Principal(t[0]), c_.names.Principal(t[1]),
                                        c_.names.Principal(t[2])};
      const std::string level =
          fmt::format("{:.1f} times what their cooperation with everyone else would predict", tr.density);
      const std::string trend = tr.previous_density > 0
                                    ? fmt::format(" ({:.1f} in the year before)", tr.previous_density)
                                    : " (no such cooperation in the year before)";
      const int cite =
          CiteQuery(fmt::format("{} cooperative events among {} over the year to {}", tr.cooperative_events,
                                JoinNames(names), brief_.as_of.ToString()),
                    fmt::format("dyad align --actors {},{},{} --triad {} {} {} --to {}", t[0], t[1], t[2],
                                t[0], t[1], t[2], brief_.as_of.ToString()));
      Say(3,
          fmt::format("Among {}, mutual cooperation over the past year ran at {}{}.", JoinNames(names), level,
                      trend),
          {cite});
    }
    // Shared memberships and leaders.
    if (dyad && pa.size() == 1 && Principals(b_).size() == 1) {
      const std::string pb = Principals(b_)[0];
      std::vector<std::string> groups;
      std::vector<int> cites;
      for (const knowledge::Fact* fa : c_.kb.About(pa[0], brief_.as_of)) {
        if (fa->kind != "membership" || fa->group.empty()) continue;
        for (const knowledge::Fact* fb : c_.kb.About(pb, brief_.as_of)) {
          if (fb->kind == "membership" && fb->group == fa->group &&
              std::find(groups.begin(), groups.end(), fa->group) == groups.end()) {
            groups.push_back(fa->group);
            cites.push_back(CiteFact(*fa));
            cites.push_back(CiteFact(*fb));
          }
        }
      }
      if (!groups.empty()) {
        std::vector<std::string> shown(groups.begin(), groups.begin() + std::min<size_t>(groups.size(), 5));
        for (std::string& g : shown) {
          std::replace(g.begin(), g.end(), '_', ' ');
          g = "the " + g;
        }
        Say(3,
            fmt::format("{} and {} both belong to {}.", ActorNames::Capitalized(a_name_), b_name_,
                        JoinNames(shown)),
            cites);
      }
    }
    std::vector<std::string> leader_of = pa;
    if (dyad) {
      for (const std::string& p : Principals(b_)) leader_of.push_back(p);
    }
    for (const std::string& p : leader_of) {
      int said = 0;
      for (const knowledge::Fact* f : c_.kb.Leader(p, brief_.as_of)) {
        if (said >= 2) break;
        Say(3, f->sentence, {CiteFact(*f)});
        ++said;
      }
    }
    // The long-run trend: the net-cooperation index year by year.
    if (dyad) {
      analytics::SeriesOptions o;
      o.by = analytics::Period::kMonth;
      o.to = brief_.as_of;
      Result<analytics::DyadSeries> s = analytics::BuildSeries(c_.store, a_, b_, o);
      if (!s.ok()) return s.status();
      std::map<int, std::array<int64_t, 3>> years;  // cooperation, conflict, volume
      for (const auto& p : s->points) {
        auto& y = years[p.start.year()];
        y[0] += p.cooperation();
        y[1] += p.conflict();
        y[2] += p.volume;
      }
      std::vector<std::string> parts;
      int64_t total = 0;
      for (const auto& [year, y] : years) {
        if (y[2] == 0 || y[0] + y[1] == 0) continue;
        total += y[0] + y[1];
        const double index = 1000.0 * static_cast<double>(y[0] - y[1]) / static_cast<double>(y[2]);
        parts.push_back(
            fmt::format("{:.1f} in {}{}", index, year, year == brief_.as_of.year() ? " so far" : ""));
      }
      if (parts.size() >= 2) {
        const int cite = CiteDyadEvents(a_, b_, s->points.front().start, brief_.as_of, total);
        Say(3,
            fmt::format("Measured against all the news, the net-cooperation index of the relationship "
                        "(cooperative minus conflictual events per 1,000 events recorded) was {}.",
                        JoinNames(parts)),
            {cite});
      }
    }
    return Status::Ok();
  }

  const BriefContext& c_;
  const BriefRequest& r_;
  Brief brief_;
  ActorSpec a_, b_;
  std::string a_name_, b_name_;
  std::vector<store::EventRecord> asserted_, planned_;
  std::unordered_map<std::string, int> cited_;
  std::unordered_map<int64_t, store::ArticleRecord> articles_;
  std::unordered_map<std::string, std::map<std::string, int64_t>> partner_counts_;
  int64_t article_id_ = 0;
  std::optional<Date> article_date_;
  std::set<int64_t> article_events_;
};

}  // namespace

Result<Brief> WriteBrief(const BriefContext& context, const BriefRequest& request) {
  return BriefWriter(context, request).Write();
}

}  // namespace dyad::brief
