#include "dyad/text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "dyad/text/utf8.h"

namespace dyad::text {
namespace {

// The slow path: decompose (NFD), drop combining marks, fold case, recompose (NFC), fold punctuation.
void AppendFoldedUnicode(std::string_view in, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {  // ICU data missing: fold ASCII only rather than fail.
    for (char c : in) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    return;
  }
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(icu::StringPiece(in.data(), in.size()));
  icu::UnicodeString decomposed = nfd->normalize(source, status);
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 cp = decomposed.char32At(i);
    i += U16_LENGTH(cp);
    if (u_charType(cp) == U_NON_SPACING_MARK) continue;
    if (IsApostropheLike(cp)) cp = '\'';
    else if (IsDoubleQuoteLike(cp)) cp = '"';
    else if (IsDashLike(cp)) cp = '-';
    else if (cp == 0x00A0 || cp == 0x202F || cp == 0x2009) cp = ' ';
    stripped.append(cp);
  }
  stripped.foldCase();
  icu::UnicodeString composed = nfc->normalize(stripped, status);
  if (U_FAILURE(status)) composed = stripped;
  std::string utf8;
  composed.toUTF8String(utf8);
  out.append(utf8);
}

}  // namespace

bool IsApostropheLike(char32_t cp) {
  return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032 || cp == 0x02BC ||
         cp == 0x02BB || cp == 0x0060 || cp == 0x00B4;
}

bool IsDoubleQuoteLike(char32_t cp) {
  return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0x00AB ||
         cp == 0x00BB || cp == 0x2033;
}

bool IsDashLike(char32_t cp) {
  return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63 ||
         cp == 0xFF0D;
}

void AppendFolded(std::string_view in, std::string& out) {
  for (char c : in) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      AppendFoldedUnicode(in, out);
      return;
    }
  }
  size_t start = out.size();
  out.append(in);
  for (size_t i = start; i < out.size(); ++i) {
    char c = out[i];
    if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
  }
}

}  // namespace dyad::text
