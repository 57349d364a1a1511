#include "dyad/ingest/input_format.h"

#include <gtest/gtest.h>

#include <string>

namespace dyad::ingest {
namespace {

std::string Detect(std::string_view name, std::string_view head, std::string_view content_type = {}) {
  return InputFormatName(DetectInputFormat(name, head, content_type));
}

TEST(InputFormat, ContentDecidesFirst) {
  EXPECT_EQ(Detect("news.txt", "  \n{\"id\": \"a1\"}"), "jsonl");
  EXPECT_EQ(Detect("x", "\xEF\xBB\xBF{\"id\": 1}"), "jsonl");
  EXPECT_EQ(Detect("page.xml", "<!DOCTYPE html>\n<html lang=\"en\">"), "html");
  EXPECT_EQ(Detect("x", "<!-- saved page -->\n<!doctype HTML><html>"), "html");
  EXPECT_EQ(Detect("x", "<HTML><HEAD><TITLE>x"), "html");
  EXPECT_EQ(Detect("x", "\n<head><meta charset=utf-8>"), "html");
  EXPECT_EQ(Detect("x", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"), "html");
  EXPECT_EQ(Detect("page.html", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">"), "feed");
  EXPECT_EQ(Detect("x",
                   "\xEF\xBB\xBF<?xml version=\"1.0\"?><?xml-stylesheet href=\"a.xsl\"?>\n"
                   "<!-- generator -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            "feed");
  EXPECT_EQ(Detect("x", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"), "feed");
  EXPECT_EQ(Detect("x", "<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\">"), "feed");
  EXPECT_EQ(Detect("x", "<!DOCTYPE rss [<!ENTITY nbsp \"&#160;\">]>\n<rss>"), "feed");
  EXPECT_EQ(Detect("feed.xml", "Russian forces attacked Kyiv.", "text/html"), "html");
}

TEST(InputFormat, ContentTypeThenExtensionWhenContentDoesNotDecide) {
  EXPECT_EQ(Detect("https://x.example/feed", "", "application/rss+xml; charset=utf-8"), "feed");
  EXPECT_EQ(Detect("https://x.example/feed", "", "Application/Atom+XML"), "feed");
  EXPECT_EQ(Detect("https://x.example/a.html", "<div>", "text/plain"), "text");
  EXPECT_EQ(Detect("https://x.example/story", "<div class=\"page\">", "text/html;charset=UTF-8"), "html");
  EXPECT_EQ(Detect("articles.jsonl", ""), "jsonl");
  EXPECT_EQ(Detect("articles.JSON", "  "), "jsonl");
  EXPECT_EQ(Detect("saved/page.htm", "<div>"), "html");
  EXPECT_EQ(Detect("https://x.example/world.rss?format=full#top", ""), "feed");
  EXPECT_EQ(Detect("feeds/world.atom", "<!-- cut off before the root"), "feed");
  EXPECT_EQ(Detect("wire.xml", ""), "feed");
  EXPECT_EQ(Detect("story.txt", "<b>not markup</b>"), "text");
  EXPECT_EQ(Detect("dir.html/story", "Plain words."), "text");
  EXPECT_EQ(Detect("-", "Russian forces attacked Kyiv."), "text");
  EXPECT_EQ(Detect("", ""), "text");
}

}  // namespace
}  // namespace dyad::ingest
