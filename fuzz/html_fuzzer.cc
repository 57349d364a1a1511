// Fuzzes the HTML article reader and the input-format sniffer: any bytes must give an article or a Status
// naming the page, never a crash; the text of an article is valid UTF-8 and never empty.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dyad/ingest/html_reader.h"
#include "dyad/ingest/input_format.h"
#include "dyad/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  dyad::ingest::HtmlContext context;
  context.url = "https://fuzz.example/page";
  context.where = "fuzz.html";
  if (size % 2 == 0) context.fallback_date = dyad::Date::FromCivil(2026, 3, 4);
  dyad::Result<dyad::coder::Article> article = dyad::ingest::ReadHtmlArticle(html, context);
  if (article.ok() && (article->text.empty() || !dyad::text::IsValidUtf8(article->text))) __builtin_trap();
  if (!article.ok() && article.status().message().rfind("fuzz.html: ", 0) != 0) __builtin_trap();
  if (!dyad::text::IsValidUtf8(dyad::ingest::HtmlFragmentText(html))) __builtin_trap();
  (void)dyad::ingest::DetectInputFormat("fuzz", html.substr(0, 4096));
  return 0;
}
