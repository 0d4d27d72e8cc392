#include <gtest/gtest.h>

#include <string>

#include "server/request_framing.h"

namespace partnerapi::server {
namespace {

constexpr std::uint64_t kMax = 8 * 1024 * 1024;

std::string post(const std::string& extra_headers, const std::string& body) {
  return "POST /cus/ws/PartnerAPI HTTP/1.1\r\nHost: x\r\n" + extra_headers + "\r\n" + body;
}

TEST(RequestFraming, WaitsForTheHeaderToEnd) {
  EXPECT_EQ(request_framing("", kMax), Framing::Incomplete);
  EXPECT_EQ(request_framing("POST /cus/ws/PartnerAPI HTTP/1.1\r\nHost: x\r\n", kMax), Framing::Incomplete);
  EXPECT_EQ(request_framing("GET /health HTTP/1.1\r\nHost: x\r\n\r\n", kMax), Framing::Ready);
  EXPECT_EQ(request_framing("\r\nGET /health HTTP/1.1\r\n\r\n", kMax), Framing::Ready);
}

TEST(RequestFraming, WaitsForTheBodyByContentLength) {
  EXPECT_EQ(request_framing(post("Content-Length: 10\r\n", "12345"), kMax), Framing::Incomplete);
  EXPECT_EQ(request_framing(post("content-length:  10 \r\n", "1234567890"), kMax), Framing::Ready);
  EXPECT_EQ(request_framing(post("Content-Length: 10\r\n", "1234567890POST /next"), kMax), Framing::Ready);
  EXPECT_EQ(request_framing(post("Content-Length: 0\r\n", ""), kMax), Framing::Ready);
}

TEST(RequestFraming, WaitsForAChunkedBodyToItsLastChunk) {
  const std::string te = "Transfer-Encoding: chunked\r\n";
  EXPECT_EQ(request_framing(post(te, ""), kMax), Framing::Incomplete);
  EXPECT_EQ(request_framing(post(te, "6\r\n<s:Env"), kMax), Framing::Incomplete);
  EXPECT_EQ(request_framing(post(te, "6\r\n<s:Env\r\n"), kMax), Framing::Incomplete);
  EXPECT_EQ(request_framing(post(te, "6\r\n<s:Env\r\n0\r\n"), kMax), Framing::Incomplete);
  EXPECT_EQ(request_framing(post(te, "6\r\n<s:Env\r\n0\r\n\r\n"), kMax), Framing::Ready);
  EXPECT_EQ(request_framing(post(te, "6;ext=1\r\n<s:Env\r\nA\r\nelope/>   \r\n0\r\n\r\n"), kMax), Framing::Ready);
  EXPECT_EQ(request_framing(post(te, "6\r\n<s:Env\r\n0\r\nX-Trailer: 1\r\n"), kMax), Framing::Incomplete);
  EXPECT_EQ(request_framing(post(te, "6\r\n<s:Env\r\n0\r\nX-Trailer: 1\r\n\r\n"), kMax), Framing::Ready);
}

TEST(RequestFraming, FindsWhereAWholeRequestEndsAndThePipelinedNextBegins) {
  const std::string plain = post("Content-Length: 10\r\n", "1234567890");
  const std::string chunked = post("Transfer-Encoding: chunked\r\n", "6\r\n<s:Env\r\n0\r\n\r\n");
  const std::string get = "GET /health HTTP/1.1\r\n\r\n";
  EXPECT_EQ(whole_request_length(plain + "POST /next", kMax), plain.size());
  EXPECT_EQ(whole_request_length(chunked + plain, kMax), chunked.size());
  EXPECT_EQ(whole_request_length("\r\n" + get + get, kMax), get.size() + 2);
  EXPECT_EQ(whole_request_length(plain.substr(0, plain.size() - 1), kMax), 0u);  // not whole yet
  EXPECT_EQ(whole_request_length(post("Content-Length: 100\r\nExpect: 100-continue\r\n", ""), kMax), 0u);
}

TEST(RequestFraming, LeavesToTheWorkerWhatItMustAnswerOrReadItself) {
  EXPECT_EQ(request_framing(post("Content-Length: 9437184\r\n", "<s:Env"), kMax), Framing::Ready);  // 413
  EXPECT_EQ(request_framing(post("Transfer-Encoding: chunked\r\n", "900001\r\n<s:Env"), kMax), Framing::Ready);
  EXPECT_EQ(request_framing(post("Transfer-Encoding: chunked\r\n", "zz\r\n<s:Env"), kMax), Framing::Ready);
  EXPECT_EQ(request_framing(post("Content-Length: 100\r\nExpect: 100-continue\r\n", ""), kMax), Framing::Ready);
  EXPECT_EQ(request_framing(post("Content-Length: ten\r\n", ""), kMax), Framing::Ready);  // gSOAP refuses it
  EXPECT_EQ(request_framing(post("", "no length"), kMax), Framing::Ready);
  EXPECT_EQ(request_framing("POST / HTTP/1.1\r\nX: " + std::string(70000, 'a'), kMax), Framing::Ready);
}

}  // namespace
}  // namespace partnerapi::server
