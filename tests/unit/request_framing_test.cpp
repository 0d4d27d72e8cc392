// Request framing by RFC 9112 §6: where a request ends, what it becomes for
// gSOAP, and what is refused with which status before anything runs.
#include <gtest/gtest.h>

#include <string>

#include "server/request_framing.h"

namespace partnerapi::server {
namespace {

const FramingLimits kLimits{};

std::string post(const std::string& extra_headers, const std::string& body) {
  return "POST /cus/ws/PartnerAPI HTTP/1.1\r\nHost: x\r\n" + extra_headers + "\r\n" + body;
}

Frame::State state(const std::string& received) { return frame_request(received, kLimits).state; }
int status(const std::string& received) { return frame_request(received, kLimits).status; }

constexpr auto kIncomplete = Frame::State::Incomplete;
constexpr auto kWhole = Frame::State::Whole;

TEST(RequestFraming, WaitsForTheHeaderToEnd) {
  EXPECT_EQ(state(""), kIncomplete);
  EXPECT_EQ(state("POST /cus/ws/PartnerAPI HTTP/1.1\r\nHost: x\r\n"), kIncomplete);
  EXPECT_EQ(state("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"), kWhole);
  EXPECT_EQ(state("\r\nGET /health HTTP/1.1\r\n\r\n"), kWhole);
}

TEST(RequestFraming, WaitsForTheBodyByContentLength) {
  EXPECT_EQ(state(post("Content-Length: 10\r\n", "12345")), kIncomplete);
  EXPECT_EQ(state(post("content-length:  10 \r\n", "1234567890")), kWhole);
  EXPECT_EQ(state(post("Content-Length: 0\r\n", "")), kWhole);
  EXPECT_EQ(state(post("Content-Length: 10, 10\r\n", "1234567890")), kWhole);  // the same value twice
}

TEST(RequestFraming, WaitsForAChunkedBodyToItsLastChunk) {
  const std::string te = "Transfer-Encoding: chunked\r\n";
  EXPECT_EQ(state(post(te, "")), kIncomplete);
  EXPECT_EQ(state(post(te, "6\r\n<s:Env")), kIncomplete);
  EXPECT_EQ(state(post(te, "6\r\n<s:Env\r\n0\r\n")), kIncomplete);
  EXPECT_EQ(state(post(te, "6\r\n<s:Env\r\n0\r\n\r\n")), kWhole);
  EXPECT_EQ(state(post(te, "6;ext=1\r\n<s:Env\r\nA\r\nelope/>   \r\n0\r\n\r\n")), kWhole);
  EXPECT_EQ(state(post(te, "6\r\n<s:Env\r\n0\r\nX-Trailer: 1\r\n")), kIncomplete);
  EXPECT_EQ(state(post(te, "6\r\n<s:Env\r\n0\r\nX-Trailer: 1\r\n\r\n")), kWhole);
}

TEST(RequestFraming, EndsARequestAtItsBodySoWhatFollowsIsTheNextRequest) {
  const std::string plain = post("Content-Length: 10\r\n", "1234567890");
  const std::string chunked = post("Transfer-Encoding: chunked\r\n", "6\r\n<s:Env\r\n0\r\n\r\n");
  const std::string get = "GET /health HTTP/1.1\r\n\r\n";
  EXPECT_EQ(frame_request(plain + "POST /next", kLimits).length, plain.size());
  EXPECT_EQ(frame_request(chunked + plain, kLimits).length, chunked.size());
  EXPECT_EQ(frame_request("\r\n" + get + get, kLimits).length, get.size() + 2);
}

TEST(RequestFraming, GivesGsoapTheBodyAloneDechunkedUnderOneLength) {
  const Frame chunked = frame_request(
      post("Transfer-Encoding: chunked\r\nExpect: 100-continue\r\nSOAPAction: \"x\"\r\n",
           "6\r\n<s:Env\r\n3\r\n/>X\r\n0\r\n\r\nPOST /next HTTP/1.1\r\n"),
      kLimits, true);
  EXPECT_EQ(chunked.request,
            "POST /cus/ws/PartnerAPI HTTP/1.1\r\nHost: x\r\nSOAPAction: \"x\"\r\nContent-Length: 9\r\n\r\n<s:Env/>X");
  // Bytes after the envelope belong to the body: never a request of their own.
  const std::string smuggled = "<s:Envelope/>GET /health HTTP/1.1\r\n\r\n";
  const std::string plain_request = post("Content-Length: " + std::to_string(smuggled.size()) + "\r\n", smuggled);
  const Frame plain = frame_request("\r\n" + plain_request + "POST /next", kLimits, true);
  EXPECT_EQ(plain.state, kWhole);
  EXPECT_TRUE(plain.as_is);  // gSOAP reads it as it came, to its end and no further
  EXPECT_EQ(plain.start, 2u);
  EXPECT_EQ(plain.length, 2 + plain_request.size());
  // A list of equal lengths, or a reference to U+0000, is rewritten.
  const Frame listed = frame_request(post("Content-Length: 3, 3\r\n", "abc"), kLimits, true);
  EXPECT_FALSE(listed.as_is);
  EXPECT_EQ(listed.request, "POST /cus/ws/PartnerAPI HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
  const Frame nul = frame_request(post("Content-Length: 9\r\n", std::string("a&#x00;b\0", 9)), kLimits, true);
  EXPECT_FALSE(nul.as_is);
  EXPECT_EQ(nul.request.substr(nul.request.find("\r\n\r\n") + 4), "a&#xFFFF;b&#xFFFF;");
  EXPECT_EQ(frame_request("GET /health HTTP/1.0\r\nHost: y\r\n\r\n", kLimits, true).request,
            "GET /health HTTP/1.0\r\nHost: y\r\n\r\n");
}

TEST(RequestFraming, RefusesContentLengthsThatDisagreeOrAreNotDigits) {
  EXPECT_EQ(status(post("Content-Length: 5\r\nContent-Length: 6\r\n", "123456")), 400);
  EXPECT_EQ(status(post("Content-Length: 6\r\nContent-Length: 5\r\n", "123456")), 400);
  EXPECT_EQ(status(post("Content-Length: 5, 6\r\n", "123456")), 400);
  EXPECT_EQ(status(post("Content-Length: +5\r\n", "12345")), 400);
  EXPECT_EQ(status(post("Content-Length: ten\r\n", "")), 400);
}

TEST(RequestFraming, RefusesTransferEncodingWithContentLengthInEitherOrder) {
  const std::string body = "6\r\n<s:Env\r\n0\r\n\r\n";
  EXPECT_EQ(status(post("Content-Length: 16\r\nTransfer-Encoding: chunked\r\n", body)), 400);
  EXPECT_EQ(status(post("Transfer-Encoding: chunked\r\nContent-Length: 16\r\n", body)), 400);
}

TEST(RequestFraming, RefusesAnyTransferCodingButExactlyChunked) {
  EXPECT_EQ(status(post("Transfer-Encoding: gzip\r\n", "")), 501);
  EXPECT_EQ(status(post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n")), 501);
  EXPECT_EQ(status(post("Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n")), 501);
}

TEST(RequestFraming, RefusesBadChunksObsFoldAndAPostWithoutLength) {
  EXPECT_EQ(status(post("Transfer-Encoding: chunked\r\n", "zz\r\n<s:Env\r\n0\r\n\r\n")), 400);
  EXPECT_EQ(status(post("Transfer-Encoding: chunked\r\n", "-1\r\n<s:Env\r\n0\r\n\r\n")), 400);
  EXPECT_EQ(status(post("X-Folded: a\r\n b\r\nContent-Length: 0\r\n", "")), 400);
  EXPECT_EQ(status(post("", "no length")), 411);
}

TEST(RequestFraming, RefusesOversizedHeadersAndBodiesBeforeTheyEnd) {
  EXPECT_EQ(status("POST / HTTP/1.1\r\nX: " + std::string(70000, 'a')), 431);
  std::string many;
  for (int i = 0; i < 101; ++i) many += "X-" + std::to_string(i) + ": 1\r\n";
  EXPECT_EQ(status(post(many + "Content-Length: 0\r\n", "")), 431);
  EXPECT_EQ(status(post("Content-Length: 9437184\r\n", "<s:Env")), 413);
  // A chunked body passing the limit is refused though it has not ended.
  const std::string big(1 << 20, 'a');
  std::string chunks;
  for (int i = 0; i < 9; ++i) chunks += "100000\r\n" + big + "\r\n";
  EXPECT_EQ(status(post("Transfer-Encoding: chunked\r\n", chunks)), 413);
}

TEST(RequestFraming, HandsTheIdleConnectionToAWorkerWhenItMustAnswer) {
  EXPECT_EQ(request_framing(post("Content-Length: 10\r\n", "12345"), kLimits), Framing::Incomplete);
  EXPECT_EQ(request_framing(post("Content-Length: 100\r\nExpect: 100-continue\r\n", ""), kLimits), Framing::Ready);
  EXPECT_EQ(request_framing(post("Transfer-Encoding: gzip\r\n", ""), kLimits), Framing::Ready);
  EXPECT_EQ(request_framing(post("Content-Length: 9437184\r\n", ""), kLimits), Framing::Ready);
}

}  // namespace
}  // namespace partnerapi::server
