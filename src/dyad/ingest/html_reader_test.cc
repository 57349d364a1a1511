#include "dyad/ingest/html_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "dyad/base/files.h"
#include "dyad/text/utf8.h"

namespace dyad::ingest {
namespace {

HtmlContext Context(std::string url, std::string where, std::optional<Date> fallback_date = std::nullopt) {
  HtmlContext context;
  context.url = std::move(url);
  context.where = std::move(where);
  context.fallback_date = fallback_date;
  return context;
}

const Date kMarch1 = Date::FromCivil(2026, 3, 1);

std::string Page(const std::string& name) {
  Result<std::string> page = ReadFile(DYAD_SOURCE_DIR "/tests/ingest/pages/" + name);
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  return page.ok() ? *page : std::string();
}

// A minimal page: `head` inside <head>, one paragraph of prose in the body after `body`.
std::string MinimalPage(std::string_view head, std::string_view body = "") {
  return fmt::format(
      "<!doctype html><html><head>{}</head><body>{}<p>Delegations from both countries met in the capital on "
      "Tuesday to discuss trade.</p></body></html>",
      head, body);
}

std::string DateOf(std::string_view html) {
  Result<coder::Article> article = ReadHtmlArticle(html, Context("https://x.example/a", "page.html"));
  return article.ok() ? article->date.ToString() : article.status().message();
}

void ExpectNone(const std::string& text, std::initializer_list<std::string_view> unwanted) {
  for (std::string_view bad : unwanted)
    EXPECT_EQ(text.find(bad), std::string::npos) << "found '" << bad << "'";
}

TEST(HtmlReader, ExtractsTheArticleOfASemanticPage) {
  HtmlContext context =
      Context("https://www.meridianledger.example/world/2026/03/04/grain-corridor-talks?utm_source=rss",
              "semantic.html");
  Result<coder::Article> article = ReadHtmlArticle(Page("semantic_article.html"), context);
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(
      article->text,
      "GENEVA \u2014 Foreign ministers from Turkey and Ukraine agreed on Wednesday to resume talks on a "
      "Black "
      "Sea grain corridor, officials from both delegations said after a closed meeting that ran late into "
      "the "
      "night.\n\n"
      "The two sides will send technical teams to Istanbul next week, according to a joint statement, which "
      "gave no timetable for a final agreement but described the discussions as \u201c"
      "frank and constructive\u201d.\n\n"
      "Diplomats cautioned that insurance for merchant vessels, inspections at sea and the question of port "
      "access remained unresolved, and that earlier rounds had collapsed over the same issues.\n\n"
      "The United Nations welcomed the announcement and offered to host the next round of talks.");
  ExpectNone(article->text, {"cookie", "Skip to content", "World", "Share", "Advertisement", "Read more",
                             "miracles", "Topics", "Shipping insurers", "farmers", "Most read", "briefing",
                             "rights reserved", "SCRIPT TEXT", "Delegates arrive", "By Ilse Varga"});
  EXPECT_EQ(article->title, "Ministers agree to resume grain corridor talks in Geneva");
  EXPECT_EQ(article->date.ToString(), "2026-03-04");
  EXPECT_EQ(article->url, "https://www.meridianledger.example/world/2026/03/04/grain-corridor-talks");
  EXPECT_EQ(article->id, article->url);
  EXPECT_EQ(article->source, "The Meridian Ledger");
}

TEST(HtmlReader, ExtractsTheStoryOfADivLayoutSplitAroundAPromo) {
  HtmlContext context = Context("https://www.harbourtimes.example:8443/world/story-123?ref=rss", "div.html");
  Result<coder::Article> article = ReadHtmlArticle(Page("div_layout.html"), context);
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(
      article->text,
      "Norway and Iceland signed an agreement on Friday to share quotas for mackerel in the North Atlantic, "
      "ending a dispute that had lasted, by most counts, more than a decade.\n\n"
      "Under the accord, each country will set aside part of its catch for the other\u2019s fleet, and a "
      "joint "
      "committee will review the numbers every spring.\n\n"
      "Fishing associations in both countries welcomed the deal, although some skippers said the quotas were "
      "still too low to keep smaller boats profitable through the winter.\n\n"
      "The coast guards of the two countries will also share patrol data, officials said.");
  ExpectNone(article->text, {"Home", "Subscribe", "Posted by", "ninety years", "Ferry", "Privacy",
                             "Staff reporter", "Print", "SCRIPT TEXT"});
  EXPECT_EQ(article->title, "Coastal states sign fisheries accord - Harbour Times");
  EXPECT_EQ(article->date.ToString(), "2026-02-27");
  EXPECT_EQ(article->url, context.url);
  EXPECT_EQ(article->id, context.url);
  EXPECT_EQ(article->source, "harbourtimes.example");
}

TEST(HtmlReader, SplitsBrParagraphsInsideAPageWideForm) {
  Result<coder::Article> article = ReadHtmlArticle(Page("br_paragraphs.html"), Context("", "br.html"));
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(
      article->text,
      "Austria and Hungary will reopen the Nickelsdorf border crossing on Monday after three weeks of "
      "repairs "
      "to the bridge, the interior ministries of both countries said.\n\n"
      "Trucks will be allowed through from 6 a.m., while buses must wait until the afternoon, when the last "
      "lane is expected to be finished.\n\n"
      "Police from both countries will run joint checks at the crossing during the first week, a "
      "spokesperson "
      "said, adding that drivers should expect \"short delays\" & patience.");
  ExpectNone(article->text, {"Front page", "Archive", "VIEWSTATE", "Thursday"});
  EXPECT_EQ(article->title, "Border crossing to reopen after repairs");  // the <h1>, whitespace collapsed
  EXPECT_EQ(article->date.ToString(), "2026-01-15");
  EXPECT_EQ(article->url, "https://www.valleypost.example/news/2026/01/15/border-crossing.aspx");
  EXPECT_EQ(article->source, "valleypost.example");
}

TEST(HtmlReader, APageOfHeadlinesHasNoMainText) {
  Result<coder::Article> article =
      ReadHtmlArticle(Page("section_front.html"), Context("", "pages/world.html"));
  ASSERT_FALSE(article.ok());
  EXPECT_EQ(article.status().message(), "pages/world.html: no article text in the page");
}

TEST(HtmlReader, ReadsEveryDateForm) {
  struct Case {
    std::string_view head;
    std::string_view date;
  } cases[] = {
      {R"(<meta property="article:published_time" content="2026-03-04T10:20:00Z">)", "2026-03-04"},
      {R"(<meta property="og:published_time" content="2026-03-05">)", "2026-03-05"},
      {R"(<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2026-03-06T09:00:00+09:00"}]}</script>)",
       "2026-03-06"},
      {R"(<meta itemprop="datePublished" content="2026-03-07">)", "2026-03-07"},
      {R"(<meta name="date" content="2026-03-08">)", "2026-03-08"},
      {R"(<meta name="dc.date" content="2026-03-09">)", "2026-03-09"},
      {R"(<meta name="DC.date.issued" content="2026-03-10T00:00:00Z">)", "2026-03-10"},
      {R"(<meta name="pubdate" content="2026-03-11">)", "2026-03-11"},
      {R"(<meta name="sailthru.date" content="2026-03-12 14:05:00">)", "2026-03-12"},
      {R"(<meta name="parsely-pub-date" content="2026-03-13T07:00:00Z">)", "2026-03-13"},
      {R"(<meta name="date" content="Sat, 14 Mar 2026 10:00:00 GMT">)", "2026-03-14"},
      {R"(<meta property="article:modified_time" content="2026-03-15T10:00:00Z">)", "2026-03-15"},
  };
  for (const Case& c : cases) EXPECT_EQ(DateOf(MinimalPage(c.head)), c.date) << c.head;
  EXPECT_EQ(DateOf(MinimalPage("", R"(<time datetime="2026-03-16T08:00:00+01:00">Monday</time>)")),
            "2026-03-16");
  EXPECT_EQ(DateOf(MinimalPage("", R"(<p>Posted <time pubdate datetime="2026-03-17">today</time></p>)")),
            "2026-03-17");
  EXPECT_EQ(DateOf(MinimalPage("", R"(<span itemprop="datePublished" content="2026-03-18">18 March</span>)")),
            "2026-03-18");
  // The publisher's published time outranks a visible <time>, and a <time> inside the <article> one outside
  // it.
  EXPECT_EQ(DateOf(MinimalPage(R"(<meta property="article:published_time" content="2026-03-19T00:00:00Z">)",
                               R"(<time datetime="2026-01-01">then</time>)")),
            "2026-03-19");
  EXPECT_EQ(DateOf(MinimalPage("", R"(<div><time datetime="2026-01-01">x</time></div>
                                     <article><time datetime="2026-03-20">y</time></article>)")),
            "2026-03-20");
  // An unreadable field gives way to the next readable one.
  EXPECT_EQ(DateOf(MinimalPage(R"(<meta property="article:published_time" content="last Tuesday">
                                  <meta name="date" content="2026-03-21">)")),
            "2026-03-21");
}

TEST(HtmlReader, FallsBackToTheGivenDateAndOtherwiseNamesThePlace) {
  std::string undated = MinimalPage("<title>Undated</title>");
  Result<coder::Article> article = ReadHtmlArticle(undated, Context("https://x.example/a", "", kMarch1));
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(article->date.ToString(), "2026-03-01");

  article = ReadHtmlArticle(undated, Context("https://x.example/a", "feeds/x.html"));
  ASSERT_FALSE(article.ok());
  EXPECT_EQ(
      article.status().message(),
      "feeds/x.html: no publication date in the page (meta tags, JSON-LD, <time>) and no fallback date");
  article = ReadHtmlArticle(undated, Context("https://x.example/a", ""));
  ASSERT_FALSE(article.ok());
  EXPECT_TRUE(article.status().message().starts_with("https://x.example/a: ")) << article.status().message();

  EXPECT_EQ(DateOf(MinimalPage(R"(<meta name="date" content="31/02/2026">)")),
            "page.html: unreadable publication date '31/02/2026' in date and no fallback date");
}

TEST(HtmlReader, TakesTheTitleFromOpenGraphTwitterTitleOrH1) {
  auto title = [](std::string_view head, std::string_view body = "") {
    Result<coder::Article> article = ReadHtmlArticle(MinimalPage(head, body), Context("", "t", kMarch1));
    return article.ok() ? article->title : article.status().message();
  };
  EXPECT_EQ(
      title(
          R"(<title>T</title><meta name="twitter:title" content="Tw"><meta property="og:title" content="Og">)"),
      "Og");
  EXPECT_EQ(title(R"(<title>T</title><meta name="twitter:title" content="Tw">)"), "Tw");
  EXPECT_EQ(title("<title>\n  Page   title &amp; more\n</title>"), "Page title & more");
  EXPECT_EQ(title("", "<header><h1>Site logo</h1></header><article><h1>The <em>headline</em></h1></article>"),
            "The headline");
  EXPECT_EQ(title(""), "");
}

TEST(HtmlReader, TakesUrlIdAndSourceFromTheLinksItHas) {
  auto read = [](std::string_view head, std::string url, std::string where = "w") {
    Result<coder::Article> article = ReadHtmlArticle(MinimalPage(head), Context(url, where, kMarch1));
    EXPECT_TRUE(article.ok()) << article.status().ToString();
    return article.ok() ? fmt::format("{} | {} | {}", article->url, article->id, article->source)
                        : std::string();
  };
  EXPECT_EQ(read(R"(<link rel="canonical" href="https://News.Example/a">)", "https://other.example/b"),
            "https://News.Example/a | https://News.Example/a | news.example");
  EXPECT_EQ(read(R"(<link rel="canonical" href="//news.example/a">)", "https://news.example/b?x=1"),
            "https://news.example/a | https://news.example/a | news.example");
  EXPECT_EQ(read(R"(<link rel="Canonical" href="a/relative/path">)", "http://user@www.news.example:81/b"),
            "http://user@www.news.example:81/b | http://user@www.news.example:81/b | news.example");
  EXPECT_EQ(
      read(
          R"(<meta property="og:url" content="https://news.example/og"><meta property="og:site_name" content=" News  Example ">)",
          ""),
      "https://news.example/og | https://news.example/og | News Example");
  EXPECT_EQ(read("", "", "pages/local.html"), " | pages/local.html | ");
}

TEST(HtmlReader, ReadsAgainWithoutClassHintsWhenTheyDropEverything) {
  std::string html =
      "<html><body><div class=\"page nav-open\"><p>The ceasefire held through the night, both armies said in "
      "statements on Sunday.</p></div></body></html>";
  Result<coder::Article> article = ReadHtmlArticle(html, Context("", "p", kMarch1));
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(article->text, "The ceasefire held through the night, both armies said in statements on Sunday.");
}

TEST(HtmlReader, KeepsTextValidUtf8) {
  std::string html =
      "\xEF\xBB\xBF<p>Caf\xE9 talks opened in Paris on Monday with envoys from six countries.</p>";
  Result<coder::Article> article = ReadHtmlArticle(html, Context("", "p", kMarch1));
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_TRUE(text::IsValidUtf8(article->text));
  EXPECT_TRUE(article->text.starts_with("Caf")) << article->text;
}

TEST(HtmlReader, SurvivesHostileInput) {
  HtmlContext context = Context("", "hostile", kMarch1);
  EXPECT_FALSE(ReadHtmlArticle("", context).ok());
  EXPECT_FALSE(ReadHtmlArticle("<", context).ok());

  std::mt19937 random(7);
  std::string junk(64 * 1024, '\0');
  for (char& c : junk) c = char(random());
  Result<coder::Article> article = ReadHtmlArticle(junk, context);
  if (article.ok()) {
    EXPECT_TRUE(text::IsValidUtf8(article->text));
  }

  std::string tagless;
  while (tagless.size() < 1024 * 1024) tagless += "Talks resumed, and the envoys met again. ";
  article = ReadHtmlArticle(tagless, context);
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(article->text.size(), tagless.size() - 1);  // the final space trimmed

  std::string nested;
  for (int i = 0; i < 10000; ++i) nested += "<div>";
  nested += "<p>Deep inside the page, the ministers signed the agreement on Friday.</p>";
  for (int i = 0; i < 10000; ++i) nested += "</div>";
  article = ReadHtmlArticle(nested, context);
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(article->text, "Deep inside the page, the ministers signed the agreement on Friday.");

  std::string unclosed;
  for (int i = 0; i < 10000; ++i)
    unclosed += i % 3 == 0 ? "<span>" : i % 3 == 1 ? "<b><i><a href=x>x</a>" : "<section>";
  unclosed += "Words, words, words and more words at the bottom of the page.";
  article = ReadHtmlArticle(unclosed, context);
  ASSERT_TRUE(article.ok()) << article.status().ToString();
}

TEST(HtmlFragmentText, StripsMarkupAndKeepsBlocksApart) {
  EXPECT_EQ(HtmlFragmentText("Plain   text\n with spaces "), "Plain text with spaces");
  EXPECT_EQ(HtmlFragmentText(
                "<p>One &amp; <b>two</b>.</p><p>Three<br>four</p><script>x()</script><style>p{}</style>"),
            "One & two.\n\nThree\n\nfour");
  EXPECT_EQ(HtmlFragmentText("<ul><li>a</li><li>b</li></ul>tail&nbsp;end"), "a\n\nb\n\ntail end");
  EXPECT_EQ(HtmlFragmentText("AT&T &#8211; &bogus; 1 < 2"), "AT&T \u2013 &bogus; 1 < 2");
  EXPECT_EQ(HtmlFragmentText(""), "");
}

}  // namespace
}  // namespace dyad::ingest
