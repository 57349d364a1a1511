// The brief as Markdown, HTML and JSON. Each sentence ends with its citations ([1][3]); the footer resolves
// them.
#include <fmt/format.h>

#include "dyad/analytics/report_json.h"
#include "dyad/analytics/svg_chart.h"
#include "dyad/brief/brief.h"
#include "dyad/coder/event_writer.h"

namespace dyad::brief {
namespace {

std::string Marks(const std::vector<int>& citations) {
  std::string out;
  for (int n : citations) out += fmt::format("[{}]", n);
  return out;
}

// One line of the footer, in plain text.
std::string FooterText(const Citation& c) {
  switch (c.kind) {
    case Citation::Kind::kArticle:
      return fmt::format("\"{}\", {}, {}{}. Sentence: \"{}\"", c.title.empty() ? "(untitled)" : c.title,
                         c.source.empty() ? "unknown source" : c.source, c.date.ToString(),
                         c.url.empty() ? "" : ", " + c.url, c.quote);
    case Citation::Kind::kKnowledge:
      return fmt::format("Knowledge base {}: \"{}\" ({})", c.fact_id, c.quote, c.authority);
    case Citation::Kind::kEvents:
      return fmt::format("dyad store: {}{}. Query: {}", c.description, c.url.empty() ? "" : ", " + c.url,
                         c.query);
  }
  return "";
}

}  // namespace

std::string RenderMarkdown(const Brief& brief) {
  std::string out = fmt::format("# {}\n\n", brief.title);
  out += fmt::format("_Latest events: {} to {}._\n", LongDate(brief.from), LongDate(brief.as_of));
  for (const BriefSection& section : brief.sections) {
    out += fmt::format("\n## {}\n\n", section.heading);
    for (const BriefSentence& s : section.sentences)
      out += fmt::format("- {} {}\n", s.text, Marks(s.citations));
  }
  out += "\n## Sources\n\n";
  for (size_t i = 0; i < brief.citations.size(); ++i) {
    out += fmt::format("[{}] {}\n", i + 1, FooterText(brief.citations[i]));
  }
  return out;
}

std::string RenderHtml(const Brief& brief) {
  using analytics::XmlEscape;
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{0}</title>\n"
      "<style>body{{font-family:system-ui,sans-serif;max-width:46em;margin:2em "
      "auto;line-height:1.5;color:#222}}"
      "h2{{margin-top:1.6em;border-bottom:1px solid #ddd}}sup a{{text-decoration:none}}"
      "ol.sources{{font-size:.9em;color:#444}}blockquote{{margin:0;color:#555}}</style></head><body>\n"
      "<h1>{0}</h1>\n<p><em>Latest events: {1} to {2}.</em></p>\n",
      XmlEscape(brief.title), LongDate(brief.from), LongDate(brief.as_of));
  for (const BriefSection& section : brief.sections) {
    out += fmt::format("<h2>{}</h2>\n<p>", XmlEscape(section.heading));
    for (const BriefSentence& s : section.sentences) {
      out += XmlEscape(s.text);
      out += "<sup>";
      for (int n : s.citations) out += fmt::format("<a href=\"#c{0}\">[{0}]</a>", n);
      out += "</sup> ";
    }
    out += "</p>\n";
  }
  out += "<h2>Sources</h2>\n<ol class=\"sources\">\n";
  for (size_t i = 0; i < brief.citations.size(); ++i) {
    const Citation& c = brief.citations[i];
    std::string body = XmlEscape(FooterText(c));
    if (!c.url.empty()) {
      body += fmt::format(" <a href=\"{}\">link</a>", XmlEscape(c.url));
    }
    out += fmt::format("<li id=\"c{}\">{}</li>\n", i + 1, body);
  }
  return out + "</ol>\n</body></html>\n";
}

std::string RenderJson(const Brief& brief) {
  auto str = [](std::string_view s, std::string& out) { coder::AppendJsonString(s, out); };
  std::string out = "{\"title\":";
  str(brief.title, out);
  out += fmt::format(",\"from\":\"{}\",\"as_of\":\"{}\",\"sections\":[", brief.from.ToString(),
                     brief.as_of.ToString());
  for (size_t i = 0; i < brief.sections.size(); ++i) {
    out += i ? ",{\"heading\":" : "{\"heading\":";
    str(brief.sections[i].heading, out);
    out += ",\"sentences\":[";
    for (size_t k = 0; k < brief.sections[i].sentences.size(); ++k) {
      const BriefSentence& s = brief.sections[i].sentences[k];
      out += k ? ",{\"text\":" : "{\"text\":";
      str(s.text, out);
      out += ",\"citations\":[";
      for (size_t j = 0; j < s.citations.size(); ++j)
        out += fmt::format("{}{}", j ? "," : "", s.citations[j]);
      out += "]}";
    }
    out += "]}";
  }
  out += "],\"citations\":[";
  static constexpr const char* kKinds[] = {"article", "knowledge", "events"};
  for (size_t i = 0; i < brief.citations.size(); ++i) {
    const Citation& c = brief.citations[i];
    out += fmt::format("{}{{\"number\":{},\"kind\":\"{}\"", i ? "," : "", i + 1,
                       kKinds[static_cast<int>(c.kind)]);
    auto field = [&](const char* name, const std::string& value) {
      if (value.empty()) return;
      out += fmt::format(",\"{}\":", name);
      str(value, out);
    };
    if (c.kind == Citation::Kind::kArticle) {
      out += fmt::format(",\"article_id\":{},\"date\":\"{}\"", c.article_id, c.date.ToString());
    }
    field("title", c.title);
    field("source", c.source);
    field("url", c.url);
    field("quote", c.quote);
    field("fact_id", c.fact_id);
    field("authority", c.authority);
    field("description", c.description);
    field("query", c.query);
    field("text", FooterText(c));
    out += "}";
  }
  return out + "]}\n";
}

}  // namespace dyad::brief
