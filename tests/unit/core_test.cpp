#include <gtest/gtest.h>

#include "partnerapi/api_error.h"
#include "partnerapi/db/conninfo.h"
#include "partnerapi/moscow_time.h"
#include "partnerapi/operand.h"
#include "partnerapi/request.h"
#include "partnerapi/text.h"
#include "partnerapi/uid.h"

using namespace partnerapi;

TEST(Uid, ParsesAnyCaseToLowercaseAndTrimsSpaces) {
  auto u = Uid::parse("  9254945C-8135-11E9-80F6-0025904F970F ");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->str(), "9254945c-8135-11e9-80f6-0025904f970f");
}

TEST(Uid, RejectsWhatIsNotAUuid) {
  for (const char* bad : {"", "   ", "not-a-uuid", "9254945c813511e980f60025904f970f",
                          "9254945c-8135-11e9-80f6-0025904f970", "9254945c-8135-11e9-80f6-0025904f970g",
                          "{9254945c-8135-11e9-80f6-0025904f970f}"})
    EXPECT_FALSE(Uid::parse(bad)) << bad;
}

TEST(Uid, RandomIsVersion4AndUnique) {
  const auto a = Uid::random(), b = Uid::random();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.str()[14], '4');
  EXPECT_TRUE(Uid::parse(a.str()));
}

TEST(Operand, ThreeStates) {
  Operand<int> absent;
  EXPECT_TRUE(absent.absent());
  EXPECT_TRUE(absent.unspecified());
  auto nil = Operand<int>::nil();
  EXPECT_TRUE(nil.is_nil());
  EXPECT_TRUE(nil.unspecified());
  auto v = Operand<int>::of(0);
  EXPECT_TRUE(v.has_value());
  EXPECT_EQ(v.value(), 0);
  EXPECT_EQ(absent.value_or(7), 7);
}

TEST(Text, TruncatesCyrillicByCharactersNotBytes) {
  const std::string name = "Общество с ограниченной ответственностью «Ромашка»";  // 50 characters
  ASSERT_EQ(text::length(name), 50u);
  EXPECT_EQ(text::truncate(name, 50), name);
  EXPECT_EQ(text::truncate(name + "Я", 50), name);
  EXPECT_EQ(text::truncate("Ромашка", 3), "Ром");
  EXPECT_EQ(text::truncate("Ром", 0), "");
  EXPECT_EQ(text::truncate("a😀b", 2), "a😀");
}

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(text::valid_utf8("Привет, 😀"));
  EXPECT_FALSE(text::valid_utf8("\xff"));
  EXPECT_FALSE(text::valid_utf8("\xd0"));           // cut sequence
  EXPECT_FALSE(text::valid_utf8("\xc0\xaf"));       // overlong
  EXPECT_FALSE(text::valid_utf8("\xed\xa0\x80"));   // surrogate
}

TEST(Text, Utf8ValidationAtEveryPlaceInLongAsciiText) {
  // ASCII is checked eight bytes at a time: a byte of any other kind is seen
  // wherever it falls in a word, or in the tail after the last whole word.
  const std::string ascii(24, 'a');
  for (std::size_t at = 0; at <= ascii.size(); ++at) {
    const auto with = [&](const std::string& bytes) { return ascii.substr(0, at) + bytes + ascii.substr(at); };
    EXPECT_TRUE(text::valid_utf8(with("Ж"))) << at;
    EXPECT_FALSE(text::valid_utf8(with("\xff"))) << at;
    EXPECT_FALSE(text::valid_utf8(with("\xd0"))) << at;  // cut: the next ASCII byte is no continuation
    EXPECT_FALSE(text::valid_utf8(with("\xc0\xaf"))) << at;
  }
}

TEST(Text, Utf8StreamAcceptsCharactersSplitBetweenPieces) {
  const std::string text = "Клиент 😀 ок";
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    text::Utf8Stream stream;
    EXPECT_TRUE(stream.feed(std::string_view(text).substr(0, cut)));
    EXPECT_TRUE(stream.feed(std::string_view(text).substr(cut)));
    EXPECT_TRUE(stream.complete()) << cut;
  }
}

TEST(Text, Utf8StreamRejectsBadBytesWhereverTheyFall) {
  text::Utf8Stream stream;
  EXPECT_TRUE(stream.feed("abc\xd0"));
  EXPECT_FALSE(stream.complete());  // in the middle of a character
  EXPECT_FALSE(stream.feed("x"));   // not a continuation byte
  EXPECT_FALSE(stream.feed("ok"));  // stays refused
  stream.reset();
  EXPECT_TRUE(stream.feed("\xe0"));
  EXPECT_FALSE(stream.feed("\x80\x80"));  // overlong, seen across pieces
  stream.reset();
  EXPECT_FALSE(stream.feed("\xff\xfe"));
}

TEST(Text, BlankAndTrim) {
  EXPECT_TRUE(text::blank("   "));
  EXPECT_TRUE(text::blank(""));
  EXPECT_FALSE(text::blank(" x "));
  EXPECT_EQ(text::trim("  x y \t"), "x y");
}

TEST(MoscowTime, AcceptsTheFourFormsOfTheSpecification) {
  EXPECT_EQ(MoscowTime::parse("2012-09-14T00:00:00")->str(), "2012-09-14T00:00:00");
  EXPECT_EQ(MoscowTime::parse("2012-09-14T00:00:00.000")->str(), "2012-09-14T00:00:00");
  EXPECT_EQ(MoscowTime::parse("2012-09-14")->str(), "2012-09-14T00:00:00");
  // +06:00 midnight is 18:00 UTC the day before, 21:00 in Moscow.
  EXPECT_EQ(MoscowTime::parse("2012-09-14T00:00:00.000+06:00")->str(), "2012-09-13T21:00:00");
  EXPECT_EQ(MoscowTime::parse("2012-09-14T00:00:00Z")->str(), "2012-09-14T03:00:00");
}

TEST(MoscowTime, RejectsImpossibleOrMalformedDates) {
  for (const char* bad : {"2012-13-01", "2013-02-29", "2012-02-30", "2012-09-14T24:00:00", "14.09.2012", "",
                          "2012-09-14T00:00", "2012-09-14T00:00:00+25:00", "2012-09-14 00:00:00", "2012-9-14"})
    EXPECT_FALSE(MoscowTime::parse(bad)) << bad;
  EXPECT_TRUE(MoscowTime::parse("2012-02-29"));  // a leap year
}

TEST(MoscowTime, UnixRoundTripIsMoscowTime) {
  const auto t = MoscowTime::from_unix(0);
  EXPECT_EQ(t.str(), "1970-01-01T03:00:00");
  EXPECT_EQ(MoscowTime::parse("2024-02-29T23:59:59")->to_unix(),
            MoscowTime::from_unix(MoscowTime::parse("2024-02-29T23:59:59")->to_unix()).to_unix());
  EXPECT_EQ(MoscowTime::parse("0001-01-01T00:00:00")->str(), kEmptyDate);
  EXPECT_TRUE(MoscowTime::parse("0001-01-01T00:00:00")->empty_date());
}

TEST(MoscowTime, CalendarMonthsBackClampTheDay) {
  EXPECT_EQ(MoscowTime::parse("2013-04-30")->months_back(2).str(), "2013-02-28T00:00:00");
  EXPECT_EQ(MoscowTime::parse("2013-05-16")->months_back(2).str(), "2013-03-16T00:00:00");
  EXPECT_EQ(MoscowTime::parse("2024-01-31")->months_back(2).str(), "2023-11-30T00:00:00");
  EXPECT_EQ(MoscowTime::parse("2024-04-30")->months_back(2).str(), "2024-02-29T00:00:00");
}

namespace {
std::string s(const char* v) { return v; }
}  // namespace

TEST(Request, TypedOperandsAndTheirFaults) {
  const std::string yes = "true", zero = "0", num = " 42 ", date = "2012-09-14", bad_date = "2012-02-30",
                    word = "yes", big = "99999999999", blank = "  ";
  Request r("op", {{"b1", &yes, FieldType::Boolean}, {"b2", &zero, FieldType::Boolean},
                   {"i", &num, FieldType::Integer}, {"d", &date, FieldType::DateTime},
                   {"blank_bool", &blank, FieldType::Boolean}, {"nil", nullptr}});
  EXPECT_TRUE(r.boolean("b1").value());
  EXPECT_FALSE(r.boolean("b2").value());
  EXPECT_EQ(r.integer("i").value(), 42);
  EXPECT_EQ(r.datetime("d").value().str(), "2012-09-14T00:00:00");
  EXPECT_TRUE(r.boolean("blank_bool").unspecified());
  EXPECT_TRUE(r.text("nil").unspecified());
  EXPECT_TRUE(r.text("undeclared").absent());
  EXPECT_NO_THROW(r.validate());

  try {
    Request(s("op"), {{"d", &bad_date, FieldType::DateTime}}).validate();
    FAIL() << "no fault for 30 February";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), code::kBadDate);
    EXPECT_NE(std::string(e.what()).find("d"), std::string::npos);
  }
  EXPECT_THROW(Request("op", {{"b", &word, FieldType::Boolean}}).validate(), ApiError);
  EXPECT_THROW(Request("op", {{"i", &big, FieldType::Integer}}).validate(), ApiError);
}

TEST(Request, InvalidUtf8TextIsAFault) {
  const std::string bad = "\xd0\x9f\xff";
  try {
    Request("op", {{"client_name", &bad}}).validate();
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), code::kBadValue);
  }
}


TEST(Conninfo, AHostNameIsResolvedAsideAndGivenAsHostaddr) {
  const std::string named = db::with_host_resolved("host=localhost port=5432 dbname=x");
  EXPECT_NE(named.find("host='localhost'"), std::string::npos) << named;
  EXPECT_TRUE(named.find("hostaddr='127.0.0.1'") != std::string::npos || named.find("hostaddr='::1'") != std::string::npos)
      << named;
  for (const std::string unchanged : {"host=/var/run/postgresql dbname=x", "host=127.0.0.1 dbname=x",
                                      "host=localhost hostaddr=127.0.0.2 dbname=x", "dbname=x", "host=a,b dbname=x"})
    EXPECT_EQ(db::with_host_resolved(unchanged), unchanged);
}
