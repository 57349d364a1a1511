#include "dyad/interop/record_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace dyad::interop {
namespace {

store::EventRecord Sample() {
  store::EventRecord e;
  e.id = 5;
  e.date = *Date::Parse("2025-09-04");
  e.source = "CHNGOV";
  e.target = "PRKGOV";
  e.source_name = "Xi Jinping";
  e.target_name = "Kim \"Jong\" Un, leader";
  e.code = "040";
  e.goldstein = 1;
  e.quad_class = 1;
  e.confidence = 0.85;
  e.location = {"Beijing", "CHN", 39.9042, 116.4074};
  e.num_mentions = 3;
  e.num_sources = 2;
  e.num_articles = 3;
  e.origin = "gdelt";
  e.origin_id = "1100000001";
  e.url = "https://example.com/a?b=1,2";
  return e;
}

TEST(RecordWriter, ParsesFormatNames) {
  ExportFormat format;
  EXPECT_TRUE(ParseExportFormat("gdelt", format));
  EXPECT_EQ(format, ExportFormat::kGdelt);
  EXPECT_TRUE(ParseExportFormat("icews", format));
  EXPECT_TRUE(NeedsIcewsCodebook(format));
  EXPECT_TRUE(ParseExportFormat("csv", format));
  EXPECT_EQ(format, ExportFormat::kCsv);
  EXPECT_TRUE(ParseExportFormat("jsonl", format));
  EXPECT_EQ(format, ExportFormat::kJsonl);
  EXPECT_FALSE(NeedsIcewsCodebook(format));
  EXPECT_FALSE(ParseExportFormat("xml", format));
  EXPECT_EQ(ExportHeader(ExportFormat::kGdelt), "");
  EXPECT_EQ(ExportHeader(ExportFormat::kJsonl), "");
  EXPECT_TRUE(ExportHeader(ExportFormat::kIcews).starts_with("Event ID\tEvent Date\t"));
}

TEST(RecordWriter, WritesCsv) {
  EXPECT_EQ(
      ExportHeader(ExportFormat::kCsv),
      "id,date,source,target,source_name,target_name,code,root,quad_class,goldstein,mode,confidence,location,"
      "country_location,lat,lon,num_mentions,num_sources,num_articles,origin,origin_id,url\n");
  std::string out;
  AppendCsvRecord(Sample(), out);
  EXPECT_EQ(out,
            "5,2025-09-04,CHNGOV,PRKGOV,Xi Jinping,\"Kim \"\"Jong\"\" Un, "
            "leader\",040,04,1,1,asserted,0.85,Beijing,"
            "CHN,39.9042,116.4074,3,2,3,gdelt,1100000001,\"https://example.com/a?b=1,2\"\n");
  store::EventRecord no_place = Sample();
  no_place.location = {};
  out.clear();
  AppendCsvRecord(no_place, out);
  EXPECT_NE(out.find(",0.85,,,,,3,2,3,"), std::string::npos) << out;
}

TEST(RecordWriter, WritesJsonLines) {
  std::string out;
  AppendJsonlRecord(Sample(), out);
  EXPECT_EQ(
      out,
      "{\"id\":5,\"date\":\"2025-09-04\",\"source\":\"CHNGOV\",\"target\":\"PRKGOV\",\"source_name\":\"Xi "
      "Jinping\",\"target_name\":\"Kim \\\"Jong\\\" Un, leader\",\"code\":\"040\",\"root\":\"04\","
      "\"quad_class\":1,\"goldstein\":1,\"mode\":\"asserted\",\"confidence\":0.85,\"location\":{\"name\":"
      "\"Beijing\",\"country\":\"CHN\",\"lat\":39.9042,\"lon\":116.4074},\"num_mentions\":3,\"num_sources\":"
      "2,"
      "\"num_articles\":3,\"origin\":\"gdelt\",\"origin_id\":\"1100000001\",\"url\":"
      "\"https://example.com/a?b=1,2\"}\n");
  store::EventRecord no_place = Sample();
  no_place.location = {};
  no_place.goldstein = -0.5;
  out.clear();
  AppendExportRecord(no_place, ExportFormat::kJsonl, nullptr, out);
  EXPECT_NE(out.find("\"goldstein\":-0.5,"), std::string::npos) << out;
  EXPECT_NE(out.find("\"location\":null,"), std::string::npos) << out;
}

TEST(RecordWriter, DispatchesGdeltRows) {
  std::string out;
  AppendExportRecord(Sample(), ExportFormat::kGdelt, nullptr, out);
  EXPECT_TRUE(out.starts_with("1100000001\t20250904\t"));
  EXPECT_EQ(std::count(out.begin(), out.end(), '\t'), 60);
}

}  // namespace
}  // namespace dyad::interop
