#include "dyad/ingest/html_reader.h"

#include <fmt/format.h>
#include <gumbo.h>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "dyad/ingest/web_date.h"
#include "dyad/text/utf8.h"

namespace dyad::ingest {
namespace {

// Owns gumbo's tree of one document.
class HtmlTree {
 public:
  explicit HtmlTree(std::string_view html) {
    options_.max_errors = 0;  // only the tree matters; recording every error of a broken page costs memory
    output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
  }
  ~HtmlTree() { gumbo_destroy_output(&options_, output_); }
  HtmlTree(const HtmlTree&) = delete;
  HtmlTree& operator=(const HtmlTree&) = delete;

  const GumboNode* root() const { return output_->root; }  // the <html> element, always present

 private:
  GumboOptions options_ = kGumboDefaultOptions;
  GumboOutput* output_;
};

bool IsElement(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

bool IsText(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
         node->type == GUMBO_NODE_WHITESPACE;
}

GumboTag TagOf(const GumboNode* element) { return element->v.element.tag; }

std::string_view Attribute(const GumboNode* element, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&element->v.element.attributes, name);
  return attribute ? std::string_view(attribute->value) : std::string_view();
}

bool HasAttribute(const GumboNode* element, const char* name) {
  return gumbo_get_attribute(&element->v.element.attributes, name) != nullptr;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return Lower(x) == Lower(y); });
}

constexpr std::string_view kWhitespace = " \t\r\n\f\v";

std::string_view Trim(std::string_view s) {
  size_t start = s.find_first_not_of(kWhitespace);
  if (start == std::string_view::npos) return {};
  return s.substr(start, s.find_last_not_of(kWhitespace) + 1 - start);
}

// True when the space-separated `list` (a rel or role attribute) holds `word`.
bool HasToken(std::string_view list, std::string_view word) {
  size_t i = 0;
  while (i < list.size()) {
    size_t start = list.find_first_not_of(kWhitespace, i);
    if (start == std::string_view::npos) break;
    size_t end = std::min(list.find_first_of(kWhitespace, start), list.size());
    if (EqualsIgnoreCase(list.substr(start, end - start), word)) return true;
    i = end;
  }
  return false;
}

// Appends `text` with each run of whitespace, no-break spaces included, as one space (none at the start).
void AppendCollapsed(std::string& out, std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      space = true;
      ++i;
    }
    if (!space) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
}

std::string Collapsed(std::string_view text) {
  std::string out;
  AppendCollapsed(out, text);
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Visits the element `root` and the nodes below it in document order with an explicit stack, because pages
// can nest tens of thousands of elements deep. `enter(node)` returns whether to go below an element;
// `leave(element)` runs after the children of each element that was entered so.
template <typename Enter, typename Leave>
void Walk(const GumboNode* root, Enter&& enter, Leave&& leave) {
  struct Frame {
    const GumboNode* element;
    unsigned next_child;
  };
  std::vector<Frame> stack;
  if (enter(root)) stack.push_back({root, 0});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const GumboVector& children = frame.element->v.element.children;
    if (frame.next_child < children.length) {
      const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child++]);
      if (enter(child) && IsElement(child)) stack.push_back({child, 0});
    } else {
      leave(frame.element);
      stack.pop_back();
    }
  }
}

// Elements that hold no readable text.
bool IsNonText(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
      return true;
    default:
      return false;
  }
}

// Page furniture by element name: never part of an article's text.
bool IsFurnitureTag(GumboTag tag) {
  return tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FOOTER ||
         tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_MENU;
}

// Elements that are one paragraph of text: their text counts for the element around them.
bool IsParagraph(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return true;
    default:
      return false;
  }
}

bool IsHeading(GumboTag tag) { return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6; }

// Elements whose start and end break the text into separate blocks.
bool IsBlock(GumboTag tag) {
  if (IsParagraph(tag)) return true;
  switch (tag) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
      return true;
    default:
      return false;
  }
}

// Words of class and id names that mark page furniture. A word of a name matches a hint it equals or, for
// hints of three letters or more, starts with ("comments", "navbar", "sharing", "adslot").
constexpr std::string_view kFurnitureWords[] = {
    "ad",         "ads",      "advert",   "banner", "breadcrumb", "comment", "consent",   "cookie",
    "disqus",     "footer",   "gdpr",     "header", "masthead",   "menu",    "modal",     "nav",
    "newsletter", "outbrain", "paywall",  "popup",  "promo",      "recirc",  "related",   "share",
    "sharing",    "sidebar",  "signup",   "skip",   "social",     "sponsor", "subscribe", "subscription",
    "taboola",    "toolbar",  "trending", "widget"};
// Words that start like a hint but name article content.
constexpr std::string_view kContentWords[] = {"commentary"};

bool IsFurnitureWord(std::string_view word) {
  if (std::find(std::begin(kContentWords), std::end(kContentWords), word) != std::end(kContentWords)) {
    return false;
  }
  return std::any_of(std::begin(kFurnitureWords), std::end(kFurnitureWords), [&](std::string_view hint) {
    return word == hint || (hint.size() >= 3 && word.starts_with(hint));
  });
}

// Splits a class or id value into words at punctuation, spaces and camelCase ("relatedLinks", "share-bar").
bool HasFurnitureWord(std::string_view name) {
  auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto is_lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto is_alnum = [&](char c) { return is_upper(c) || is_lower(c) || (c >= '0' && c <= '9'); };
  size_t i = 0;
  while (i < name.size()) {
    if (!is_alnum(name[i])) {
      ++i;
      continue;
    }
    size_t start = i++;
    while (i < name.size() && is_alnum(name[i]) && !(is_upper(name[i]) && is_lower(name[i - 1]))) ++i;
    if (IsFurnitureWord(Lowercase(name.substr(start, i - start)))) return true;
  }
  return false;
}

bool HasFurnitureRole(std::string_view role) {
  static constexpr std::string_view kRoles[] = {"alert",       "alertdialog", "banner", "complementary",
                                                "contentinfo", "dialog",      "menu",   "menubar",
                                                "navigation",  "search",      "toolbar"};
  return std::any_of(std::begin(kRoles), std::end(kRoles),
                     [&](std::string_view r) { return HasToken(role, r); });
}

bool IsHidden(const GumboNode* element) {
  if (HasAttribute(element, "hidden") || EqualsIgnoreCase(Attribute(element, "aria-hidden"), "true")) {
    return true;
  }
  std::string style;
  for (char c : Attribute(element, "style")) {
    if (c != ' ') style += Lower(c);
  }
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

enum class DropRule {
  kNonText,            // scripts, styles, media and form controls
  kFurniture,          // and navigation, headers, footers, asides, forms
  kFurnitureAndHints,  // and elements whose class, id or role says furniture, and hidden ones
};

// Decides which elements are skipped with everything below them.
class Dropper {
 public:
  // `main_path` holds the elements around the page's main content (<main>, <h1>, articleBody): class names
  // and forms never drop those (a page-wide <form>, a wrapper called "page has-sidebar").
  Dropper(DropRule rule, const std::unordered_set<const GumboNode*>* main_path)
      : rule_(rule), main_path_(main_path) {}

  bool Drops(const GumboNode* element) const {
    GumboTag tag = TagOf(element);
    if (IsNonText(tag)) return true;
    if (rule_ == DropRule::kNonText) return false;
    if (IsFurnitureTag(tag)) return true;
    if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY || (main_path_ && main_path_->contains(element))) {
      return false;
    }
    if (tag == GUMBO_TAG_FORM) return true;
    if (rule_ == DropRule::kFurniture) return false;
    return IsHidden(element) || HasFurnitureRole(Attribute(element, "role")) ||
           HasFurnitureWord(Attribute(element, "class")) || HasFurnitureWord(Attribute(element, "id"));
  }

 private:
  DropRule rule_;
  const std::unordered_set<const GumboNode*>* main_path_;
};

// A run of text between block boundaries.
struct TextBlock {
  const GumboNode* owner = nullptr;    // the nearest block element around the text
  const GumboNode* article = nullptr;  // the outermost <article> around it, if any
  std::string text;                    // whitespace collapsed and trimmed
  size_t link_bytes = 0;               // how much of the text is inside links

  double LinkDensity() const {
    return text.empty() ? 0 : std::min(1.0, double(link_bytes) / double(text.size()));
  }
};

std::vector<TextBlock> CollectBlocks(const GumboNode* root, const Dropper& dropper) {
  std::vector<TextBlock> blocks;
  TextBlock current;
  std::vector<const GumboNode*> owners = {root};
  std::vector<const GumboNode*> articles;
  int link_depth = 0;
  auto flush = [&] {
    if (!current.text.empty() && current.text.back() == ' ') current.text.pop_back();
    if (!current.text.empty()) {
      current.owner = owners.back();
      current.article = articles.empty() ? nullptr : articles.front();
      blocks.push_back(std::move(current));
    }
    current = TextBlock();
  };
  auto enter = [&](const GumboNode* node) {
    if (IsText(node)) {
      size_t before = current.text.size();
      AppendCollapsed(current.text, node->v.text.text);
      if (link_depth > 0) current.link_bytes += current.text.size() - before;
      return false;
    }
    if (!IsElement(node) || dropper.Drops(node)) return false;
    GumboTag tag = TagOf(node);
    if (tag == GUMBO_TAG_BR) flush();
    if (IsBlock(tag)) {
      flush();
      owners.push_back(node);
    }
    if (tag == GUMBO_TAG_A) ++link_depth;
    if (tag == GUMBO_TAG_ARTICLE) articles.push_back(node);
    return true;
  };
  auto leave = [&](const GumboNode* element) {
    GumboTag tag = TagOf(element);
    if (IsBlock(tag)) {
      flush();
      owners.pop_back();
    }
    if (tag == GUMBO_TAG_A) --link_depth;
    if (tag == GUMBO_TAG_ARTICLE) articles.pop_back();
  };
  Walk(root, enter, leave);
  flush();
  return blocks;
}

// The text below an element (a <title>, an <h1>) on one line.
std::string InnerText(const GumboNode* element) {
  std::string text;
  Walk(
      element,
      [&](const GumboNode* node) {
        if (IsText(node)) AppendCollapsed(text, node->v.text.text);
        return node == element || (IsElement(node) && !IsNonText(TagOf(node)));
      },
      [](const GumboNode*) {});
  if (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// Readability-style scoring: a block of at least kMinScoredBytes scores 1, plus 1 per comma and 1 per 100
// bytes (at most 3), less its share of link text. Headings are not prose and do not score.
constexpr size_t kMinScoredBytes = 25;

double BlockScore(const TextBlock& block) {
  if (block.text.size() < kMinScoredBytes || IsHeading(TagOf(block.owner))) return 0;
  double commas = double(std::count(block.text.begin(), block.text.end(), ','));
  return (1 + commas + std::min(double(block.text.size()) / 100, 3.0)) * (1 - block.LinkDensity());
}

// A paragraph's score goes to the element holding it; text straight in a <div> scores for the <div> itself.
const GumboNode* ContainerOf(const TextBlock& block) {
  return IsParagraph(TagOf(block.owner)) ? block.owner->parent : block.owner;
}

// Blocks made mostly of links ("Read more: ...", tag lists) are not article text.
constexpr double kMaxLinkDensity = 0.5;

void AppendBlocks(const std::vector<TextBlock>& blocks, double max_link_density, std::string& out) {
  for (const TextBlock& block : blocks) {
    if (block.LinkDensity() > max_link_density) continue;
    if (!out.empty()) out += "\n\n";
    out += block.text;
  }
}

// The main text of a page: the blocks of its best-scoring container, and of the container's siblings that
// score at least a fifth as much (an article body split into several <div>s). Empty when the page has no
// prose.
std::string MainText(const GumboNode* html, const Dropper& dropper) {
  std::vector<TextBlock> blocks = CollectBlocks(html, dropper);

  // Prefer an <article>: when one holds at least half of the page's score, containers outside it do not
  // compete. An outermost article's blocks are consecutive, so each article's score is one run.
  double total = 0, best_article_score = 0, run = 0;
  const GumboNode* article = nullptr;
  for (size_t i = 0; i < blocks.size(); ++i) {
    double score = BlockScore(blocks[i]);
    total += score;
    run = i > 0 && blocks[i - 1].article == blocks[i].article ? run + score : score;
    if (blocks[i].article && run > best_article_score) {
      best_article_score = run;
      article = blocks[i].article;
    }
  }
  if (best_article_score < total / 2) article = nullptr;

  std::unordered_map<const GumboNode*, double> scores;
  std::vector<const GumboNode*> candidates;  // in the order first scored, so that ties go to the earlier one
  auto add = [&](const GumboNode* node, double score) {
    auto [it, inserted] = scores.try_emplace(node, 0);
    if (inserted) candidates.push_back(node);
    it->second += score;
  };
  for (const TextBlock& block : blocks) {
    double score = BlockScore(block);
    if (score == 0 || (article && block.article != article)) continue;
    const GumboNode* container = ContainerOf(block);
    add(container, score);
    if (container != article && container->parent && IsElement(container->parent)) {
      add(container->parent, score / 2);
    }
  }
  // Without one paragraph of prose (a page of headlines and links) there is no main text.
  if (candidates.empty()) return {};
  const GumboNode* winner = nullptr;
  double winner_score = 0;
  for (const GumboNode* node : candidates) {
    if (scores[node] > winner_score) {
      winner = node;
      winner_score = scores[node];
    }
  }

  std::string text;
  if (winner == article || !winner->parent || !IsElement(winner->parent)) {
    AppendBlocks(CollectBlocks(winner, dropper), kMaxLinkDensity, text);
    return text;
  }
  const GumboVector& siblings = winner->parent->v.element.children;
  for (unsigned i = 0; i < siblings.length; ++i) {
    const auto* sibling = static_cast<const GumboNode*>(siblings.data[i]);
    if (!IsElement(sibling)) continue;
    std::vector<TextBlock> sibling_blocks = CollectBlocks(sibling, dropper);
    double score = 0;
    for (const TextBlock& block : sibling_blocks) score += BlockScore(block);
    if (sibling == winner || score >= winner_score / 5) AppendBlocks(sibling_blocks, kMaxLinkDensity, text);
  }
  return text;
}

// The first "datePublished" string in JSON-LD, found by searching rather than parsing: that one field is all
// that is needed, and the JSON-LD of real pages is not always valid JSON.
std::string_view JsonLdDatePublished(std::string_view json) {
  constexpr std::string_view kKey = "\"datePublished\"";
  for (size_t at = json.find(kKey); at != std::string_view::npos; at = json.find(kKey, at + 1)) {
    size_t i = json.find_first_not_of(kWhitespace, at + kKey.size());
    if (i == std::string_view::npos || json[i] != ':') continue;
    i = json.find_first_not_of(kWhitespace, i + 1);
    if (i == std::string_view::npos || json[i] != '"') continue;
    size_t end = json.find('"', i + 1);
    if (end == std::string_view::npos) break;
    return json.substr(i + 1, end - i - 1);
  }
  return {};
}

// Keys for the dates that do not come from a <meta> tag (lowercase, like the others).
constexpr std::string_view kJsonLdKey = "json-ld datepublished";
constexpr std::string_view kTimeKey = "<time datetime>";

// What the page says about itself, outside its text.
struct PageMeta {
  std::unordered_map<std::string, std::string> values;  // <meta> content by lowercased name/property/itemprop
  std::string title;                                    // <title>
  std::string canonical;                                // <link rel="canonical">
  const GumboNode* h1 = nullptr;                        // the first <h1>, inside an <article> if any
  // <main>, <h1> and articleBody elements and their ancestors.
  std::unordered_set<const GumboNode*> main_path;
};

PageMeta ReadMeta(const GumboNode* html) {
  PageMeta meta;
  std::vector<const GumboNode*> anchors;
  const GumboNode* article_h1 = nullptr;
  std::string_view first_time, article_time;
  int article_depth = 0;
  auto record = [&](std::string_view key, std::string_view value) {
    value = Trim(value);
    if (!key.empty() && !value.empty()) meta.values.try_emplace(Lowercase(Trim(key)), value);
  };
  auto enter = [&](const GumboNode* node) {
    if (!IsElement(node)) return false;
    GumboTag tag = TagOf(node);
    if (tag == GUMBO_TAG_META) {
      std::string_view content = Attribute(node, "content");
      record(Attribute(node, "property"), content);
      record(Attribute(node, "name"), content);
      record(Attribute(node, "itemprop"), content);
      return false;
    }
    // Microdata outside <meta>: <time itemprop="datePublished" datetime="...">, <div itemprop="articleBody">.
    if (std::string_view itemprop = Attribute(node, "itemprop"); !itemprop.empty()) {
      std::string_view value = Attribute(node, "content");
      record(itemprop, value.empty() ? Attribute(node, "datetime") : value);
      if (EqualsIgnoreCase(itemprop, "articleBody")) anchors.push_back(node);
    }
    switch (tag) {
      case GUMBO_TAG_LINK:
        if (meta.canonical.empty() && HasToken(Attribute(node, "rel"), "canonical")) {
          meta.canonical = Trim(Attribute(node, "href"));
        }
        return false;
      case GUMBO_TAG_TITLE:
        if (meta.title.empty()) meta.title = InnerText(node);
        return false;
      case GUMBO_TAG_SCRIPT:
        if (EqualsIgnoreCase(Trim(Attribute(node, "type")), "application/ld+json")) {
          const GumboVector& children = node->v.element.children;
          for (unsigned i = 0; i < children.length; ++i) {
            const auto* child = static_cast<const GumboNode*>(children.data[i]);
            if (IsText(child)) record(kJsonLdKey, JsonLdDatePublished(child->v.text.text));
          }
        }
        return false;
      case GUMBO_TAG_H1:
        anchors.push_back(node);
        if (!meta.h1) meta.h1 = node;
        if (!article_h1 && article_depth > 0) article_h1 = node;
        return false;
      case GUMBO_TAG_TIME: {
        std::string_view datetime = Trim(Attribute(node, "datetime"));
        if (HasAttribute(node, "pubdate")) record("pubdate", datetime);
        if (first_time.empty()) first_time = datetime;
        if (article_time.empty() && article_depth > 0) article_time = datetime;
        return true;
      }
      case GUMBO_TAG_MAIN:
        anchors.push_back(node);
        return true;
      case GUMBO_TAG_ARTICLE:
        ++article_depth;
        return true;
      default:
        return true;
    }
  };
  auto leave = [&](const GumboNode* element) {
    if (TagOf(element) == GUMBO_TAG_ARTICLE) --article_depth;
  };
  Walk(html, enter, leave);

  if (article_h1) meta.h1 = article_h1;
  record(kTimeKey, article_time.empty() ? first_time : article_time);
  // Each ancestor is inserted once, so this is linear in the page however many anchors share ancestors.
  for (const GumboNode* node : anchors) {
    for (; node && IsElement(node) && meta.main_path.insert(node).second; node = node->parent) {
    }
  }
  return meta;
}

// In order of trust: the publisher's published-time fields, then a visible <time>, then modified times.
constexpr std::string_view kDateKeys[] = {
    "article:published_time",
    "og:published_time",
    kJsonLdKey,
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "sailthru.date",
    "parsely-pub-date",
    kTimeKey,
    "article:modified_time",
    "datemodified",
};

bool HasScheme(std::string_view url) {
  size_t colon = url.find("://");
  return colon != std::string_view::npos && colon > 0 &&
         std::all_of(url.begin(), url.begin() + colon, [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
                  c == '-' || c == '.';
         });
}

// An absolute link as is; a scheme-relative ("//host/path") or root-relative ("/path") one resolved against
// `base`; anything else gives an empty string.
std::string ResolveUrl(std::string_view link, std::string_view base) {
  if (HasScheme(link)) return std::string(link);
  if (!HasScheme(base) || !link.starts_with('/')) return {};
  size_t scheme_end = base.find("://");
  if (link.starts_with("//")) return fmt::format("{}{}", base.substr(0, scheme_end + 1), link);
  return fmt::format("{}{}", base.substr(0, base.find('/', scheme_end + 3)), link);
}

// "https://user@www.example.com:8080/a?b" -> "example.com".
std::string HostOf(std::string_view url) {
  if (!HasScheme(url)) return {};
  std::string_view host = url.substr(url.find("://") + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  if (size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  host = host.substr(0, host.find(':'));
  std::string lower = Lowercase(host);
  if (lower.starts_with("www.")) lower.erase(0, 4);
  return lower;
}

}  // namespace

Result<coder::Article> ReadHtmlArticle(std::string_view html, const HtmlContext& context) {
  std::string_view where = context.where;
  if (where.empty()) where = !context.url.empty() ? std::string_view(context.url) : "HTML page";
  if (html.starts_with("\xEF\xBB\xBF")) html.remove_prefix(3);
  HtmlTree tree(html);
  PageMeta meta = ReadMeta(tree.root());

  coder::Article article;
  // Class names can mislead (a wrapper called "content with-sidebar"); when the hints leave no text, the page
  // is read again by element names alone.
  article.text = MainText(tree.root(), Dropper(DropRule::kFurnitureAndHints, &meta.main_path));
  if (article.text.empty()) {
    article.text = MainText(tree.root(), Dropper(DropRule::kFurniture, &meta.main_path));
  }
  if (article.text.empty()) return InvalidArgument(fmt::format("{}: no article text in the page", where));

  auto value = [&](std::string_view key) -> std::string_view {
    auto it = meta.values.find(std::string(key));
    return it == meta.values.end() ? std::string_view() : std::string_view(it->second);
  };
  bool dated = false;
  std::string_view unreadable_key;
  for (std::string_view key : kDateKeys) {
    if (value(key).empty()) continue;
    if (std::optional<Date> date = ParseWebDate(value(key))) {
      article.date = *date;
      dated = true;
      break;
    }
    if (unreadable_key.empty()) unreadable_key = key;
  }
  if (!dated && context.fallback_date) {
    article.date = *context.fallback_date;
    dated = true;
  }
  if (!dated && !unreadable_key.empty()) {
    return InvalidArgument(fmt::format("{}: unreadable publication date '{}' in {} and no fallback date",
                                       where, value(unreadable_key), unreadable_key));
  }
  if (!dated) {
    return InvalidArgument(fmt::format(
        "{}: no publication date in the page (meta tags, JSON-LD, <time>) and no fallback date", where));
  }

  for (std::string_view title : {value("og:title"), value("twitter:title"), std::string_view(meta.title)}) {
    if (article.title.empty()) article.title = Collapsed(title);
  }
  if (article.title.empty() && meta.h1) article.title = InnerText(meta.h1);

  article.url = ResolveUrl(meta.canonical, context.url);
  if (article.url.empty()) article.url = ResolveUrl(value("og:url"), context.url);
  if (article.url.empty()) article.url = context.url;
  article.id = !article.url.empty() ? article.url : std::string(context.where);
  article.source = Collapsed(value("og:site_name"));
  if (article.source.empty()) article.source = HostOf(article.url);
  return article;
}

std::string HtmlFragmentText(std::string_view html) {
  if (html.find_first_of("<&") == std::string_view::npos && text::IsValidUtf8(html)) return Collapsed(html);
  HtmlTree tree(html);
  std::string text;
  // A description's links are part of what it says: no block is dropped for them.
  AppendBlocks(CollectBlocks(tree.root(), Dropper(DropRule::kNonText, nullptr)), /*max_link_density=*/1,
               text);
  return text;
}

}  // namespace dyad::ingest
