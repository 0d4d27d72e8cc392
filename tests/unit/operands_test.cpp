// The executor's parsing of operands by declaration, without a database:
// second spellings, cuts, refusals, formats, blanks and required operands.
#include <gtest/gtest.h>

#include "ops/operands.h"
#include "partnerapi/api_error.h"

using namespace partnerapi;
using namespace partnerapi::ops;

namespace {

constexpr OperandSpec kUser = id("client_id", ObjectKind::PartnerUser);
constexpr OperandSpec kName = nonblank(text("name", 5), "Имя не должно быть пустым");
constexpr OperandSpec kNote = text("note", 3, Overflow::Fault);
constexpr OperandSpec kFlag = boolean("flag");
constexpr OperandSpec kWhen = date("when");

constexpr Refusal kBadFormat{&code::kInvalidRegNum, "BAD", Ground::Specification, "a test's format"};
std::string upper_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (s == "BAD") refuse(kBadFormat, "плохой формат");
  return s;
}
constexpr OperandSpec kCode = formatted(text("code"), upper_ascii, kBadFormat);

OperationSpec spec() {
  OperationSpec s = not_built("test_op", Access::Write);
  s.operands = {kUser, alias("partner_user_id", kUser), required(kName), kNote, kFlag, kWhen, kCode};
  return s;
}

struct Given {
  std::vector<std::pair<std::string, std::string>> values;
  Request request() const {
    std::vector<Field> fields;
    for (const auto& [n, v] : values) fields.push_back({n, &v});
    return Request("test_op", fields);
  }
};

std::string fault(const OperationSpec& s, const Given& g) {
  try {
    parse_operands(s, g.request());
  } catch (const ApiError& e) {
    return e.code();
  }
  return "no fault";
}

const std::string kUid = "6f1d3a8e-0000-4000-8000-000000000001";

}  // namespace

TEST(Operands, EitherSpellingCarriesTheValueTheFirstWinning) {
  const auto s = spec();
  Given by_alias{{{"partner_user_id", kUid}, {"name", "Анна"}}};
  EXPECT_EQ(parse_operands(s, by_alias.request()).id(kUser)->str(), kUid);
  Given blank_first{{{"client_id", "  "}, {"partner_user_id", kUid}, {"name", "Анна"}}};
  EXPECT_EQ(parse_operands(s, blank_first.request()).id(kUser)->str(), kUid);
  const std::string other = "6f1d3a8e-0000-4000-8000-000000000002";
  Given both{{{"client_id", other}, {"partner_user_id", kUid}, {"name", "Анна"}}};
  EXPECT_EQ(parse_operands(s, both.request()).id(kUser)->str(), other);
}

TEST(Operands, CutsByCharactersOrRefusesPastTheMaximum) {
  const auto s = spec();
  Given long_name{{{"name", "Александра"}}};
  EXPECT_EQ(*parse_operands(s, long_name.request()).text(kName), "Алекс");
  EXPECT_EQ(fault(s, {{{"name", "Анна"}, {"note", "яяя"}}}), "no fault");
  EXPECT_EQ(fault(s, {{{"name", "Анна"}, {"note", "яяяя"}}}), code::kBadValue);
}

TEST(Operands, RequiredAndNonblankAreTheDeclaredFaultAfterTheCut) {
  const auto s = spec();
  EXPECT_EQ(fault(s, {{}}), code::kRequired);
  EXPECT_EQ(fault(s, {{{"name", "     x"}}}), code::kRequired);  // blank once cut at 5
  try {
    parse_operands(s, Given{{{"name", " "}}}.request());
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_STREQ(e.what(), "Имя не должно быть пустым");
  }
}

TEST(Operands, TypesAndFormatsAreCheckedBeforePresence) {
  const auto s = spec();
  EXPECT_EQ(fault(s, {{{"client_id", "nope"}}}), code::kBadId);  // before the missing name
  EXPECT_EQ(fault(s, {{{"flag", "maybe"}}}), code::kBadValue);
  EXPECT_EQ(fault(s, {{{"when", "2024-02-30"}}}), code::kBadDate);
  EXPECT_EQ(fault(s, {{{"code", "bad"}}}), code::kInvalidRegNum.name);
  const auto a = parse_operands(s, Given{{{"name", "Анна"}, {"code", "ab"}, {"when", "2024-02-03T10:11:12"}}}.request());
  EXPECT_EQ(*a.text(kCode), "AB");
  EXPECT_STREQ(a.param(kWhen), "2024-02-03");
  EXPECT_FALSE(a.boolean(kFlag).has_value());
}

TEST(Operands, AnOperandTheOperationDoesNotDeclareIsNotSpecified) {
  const auto s = spec();  // Args refers to its declaration
  const auto a = parse_operands(s, Given{{{"name", "Анна"}, {"other", "x"}}}.request());
  EXPECT_FALSE(a.text(text("other")).has_value());
  EXPECT_EQ(a.param(text("other")), nullptr);
}
