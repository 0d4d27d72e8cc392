// The access log's lines: one valid JSON object a line, whatever a client sent
// as its login; the text form; the request IDs kept.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/access_log.h"

namespace partnerapi::server {
namespace {

TEST(AccessLog, AJsonLineStaysOneValidObjectWhateverTheLogin) {
  AccessRecord r{"id-1", "127.0.0.1", "evil\"login\n{x", "client_read", 2, 400, "INVALID_ID",
                 std::chrono::microseconds(1500), 10, 20};
  const std::string line = access_line(r, AccessLogFormat::Json);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["login"], "evil\"login\n{x");
  EXPECT_EQ(j["soap"], "1.2");
  EXPECT_EQ(j["status"], 400);
  EXPECT_DOUBLE_EQ(j["ms"].get<double>(), 1.5);
  EXPECT_EQ(j["bytes_out"], 20);
  const auto bad_utf8 = access_line({"id", "", std::string("\xff\xfe", 2), "", 1, 200, "", {}, 0, 0},
                                    AccessLogFormat::Json);
  EXPECT_NO_THROW(nlohmann::json::parse(bad_utf8));
}

TEST(AccessLog, TheTextLineHasTheFieldsInOrder) {
  AccessRecord r{"id-2", "::1", "", "", 1, 401, "UNAUTHORIZED", std::chrono::microseconds(250), 5, 6};
  const std::string line = access_line(r, AccessLogFormat::Text);
  EXPECT_NE(line.find(" id-2 ::1 - - soap1.1 401 UNAUTHORIZED 0.250ms in=5 out=6"), std::string::npos) << line;
}

TEST(AccessLog, OnlyPlainRequestIdsAreKept) {
  EXPECT_TRUE(acceptable_request_id("trace-42:a.b_c"));
  EXPECT_FALSE(acceptable_request_id(""));
  EXPECT_FALSE(acceptable_request_id("with space"));
  EXPECT_FALSE(acceptable_request_id("x\r\nSet-Cookie: a"));
  EXPECT_FALSE(acceptable_request_id(std::string(129, 'a')));
  EXPECT_THROW(access_log_format("xml"), std::runtime_error);
}

}  // namespace
}  // namespace partnerapi::server
