// The access log's lines: one valid JSON object a line, whatever a client sent
// as its login; the text form; the request IDs kept.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

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

namespace partnerapi::server {
namespace {

using namespace std::chrono_literals;

// A pipe the log writes to; read without waiting.
struct Sink {
  int read = -1, write = -1;
  Sink() {
    int fds[2];
    EXPECT_EQ(::pipe2(fds, O_NONBLOCK), 0);
    read = fds[0];
    write = fds[1];
  }
  ~Sink() {
    ::close(read);
    ::close(write);
  }
  std::string drain() const {
    std::string out;
    char buf[65536];
    for (ssize_t n; (n = ::read(read, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    return out;
  }
};

AccessRecord record(int i) {
  return {"req-" + std::to_string(i), "127.0.0.1", "demo", "partner_read", 1, 200, "", 1000us, 100, 200};
}

TEST(AccessLogWriter, LinesAreHeldAndWrittenTogetherWithinASecondNeverOneWriteARequest) {
  Sink sink;
  AccessLog log(sink.write);
  for (int i = 0; i < 100; ++i) log.write(record(i), AccessLogFormat::Json);
  EXPECT_EQ(sink.drain(), "") << "a line went out with its request";
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  while (std::count(out.begin(), out.end(), '\n') < 100 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);  // the test waits for the writer's second; the log itself never polls
    out += sink.drain();
  }
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 100) << "not all written within a second or so";
  EXPECT_EQ(log.dropped(), 0u);
}

TEST(AccessLogWriter, StopWritesEveryLineOfEveryThreadWhole) {
  Sink sink;
  std::string out;
  std::atomic<bool> stopped{false};
  std::thread reader([&] {  // keeps the pipe from filling, as a log collector would
    while (!stopped) {
      out += sink.drain();
      std::this_thread::sleep_for(5ms);
    }
  });
  {
    AccessLog log(sink.write);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&log, t] {
        for (int i = 0; i < 2000; ++i) log.write(record(t * 10000 + i), AccessLogFormat::Json);
      });
    for (auto& t : threads) t.join();
    log.stop();
  }
  stopped = true;
  reader.join();
  out += sink.drain();
  std::istringstream lines(out);
  std::set<std::string> ids;
  for (std::string line; std::getline(lines, line);) ids.insert(nlohmann::json::parse(line)["request_id"]);
  EXPECT_EQ(ids.size(), 8000u);
}

TEST(AccessLogWriter, ASinkThatDoesNotKeepUpNeverHoldsARequestLinesAreDroppedAndCounted) {
  Sink sink;  // nobody reads it for now: the writer waits once the pipe is full
  std::atomic<bool> stopped{false};
  std::thread reader;
  {
    AccessLog log(sink.write);
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 200000; ++i) log.write(record(i), AccessLogFormat::Json);  // ~40 MB of lines
    EXPECT_LT(std::chrono::steady_clock::now() - start, 10s) << "requests waited for the sink";
    EXPECT_GT(log.dropped(), 0u);
    reader = std::thread([&] {  // the sink comes back: what was kept is written, and the log stops
      while (!stopped) {
        sink.drain();
        std::this_thread::sleep_for(1ms);
      }
    });
  }
  stopped = true;
  reader.join();
}

}  // namespace
}  // namespace partnerapi::server
