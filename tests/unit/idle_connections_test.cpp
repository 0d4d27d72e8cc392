#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "server/idle_connections.h"
#include "socket_pair.h"

namespace partnerapi::server {
namespace {

using namespace std::chrono_literals;

const std::string kHead = "POST /cus/ws/PartnerAPI HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n";

HoldLimits limits(std::chrono::seconds idle, std::chrono::seconds transfer = 60s) { return {idle, transfer, 1024}; }

void send_text(int fd, const std::string& text) { ASSERT_EQ(::send(fd, text.data(), text.size(), 0), ssize_t(text.size())); }

// The queue's next connection, waited for in the background, so a test can
// also see that none comes too early.
class NextOnQueue {
 public:
  explicit NextOnQueue(ConnectionQueue& queue)
      : queue_(queue), popped_(std::async(std::launch::async, [&queue] { return queue.pop(); })) {}
  ~NextOnQueue() {
    if (popped_.valid() && popped_.wait_for(0s) != std::future_status::ready) queue_.push_resumed({});  // ends the wait
  }
  bool none_within(std::chrono::milliseconds limit) { return popped_.wait_for(limit) == std::future_status::timeout; }
  std::optional<Accepted> within(std::chrono::milliseconds limit) {
    if (popped_.wait_for(limit) != std::future_status::ready) return std::nullopt;
    return popped_.get();
  }

 private:
  ConnectionQueue& queue_;
  std::future<Accepted> popped_;
};

// The server's end closed within `limit`, and not before the timeout of about a second.
void expect_closed_at_the_timeout(const SocketPair& pair, const IdleConnections& idle,
                                  std::chrono::steady_clock::time_point held_at, std::chrono::milliseconds limit) {
  EXPECT_TRUE(pair.closed_by_server(limit));
  EXPECT_GE(std::chrono::steady_clock::now() - held_at, 900ms);
  EXPECT_EQ(idle.size(), 0u);
}

TEST(IdleConnections, HandsAConnectionBackWhenItsRequestIsWhole) {
  ConnectionQueue queue(4);
  IdleConnections idle(queue, limits(30s));
  SocketPair pair;
  idle.hold({pair.server, "10.0.0.1", 7, kHead.substr(0, 5)});  // a worker read the first bytes
  EXPECT_EQ(idle.size(), 1u);

  NextOnQueue next(queue);
  send_text(pair.client, kHead.substr(5) + "12345");
  EXPECT_TRUE(next.none_within(300ms));  // half the body: still held
  send_text(pair.client, "67890");
  const auto popped = next.within(5s);
  ASSERT_TRUE(popped) << "the connection was not handed back";
  const Accepted& back = *popped;
  EXPECT_EQ(back.socket, pair.server);
  EXPECT_EQ(back.peer, "10.0.0.1");
  EXPECT_EQ(back.keep_alive, 7);  // the keep-alive count goes on where it stopped
  EXPECT_EQ(back.preread, kHead + "1234567890");  // the whole request, for the worker to read first
  EXPECT_EQ(idle.size(), 0u);
  ::close(back.socket);
}

TEST(IdleConnections, PastItsMemoryHandsARequestOverAsItIs) {
  ConnectionQueue queue(4);
  HoldLimits small = limits(30s);
  small.max_buffered = 16;
  IdleConnections idle(queue, small);
  SocketPair pair;
  idle.hold({pair.server, "peer", 3, kHead.substr(0, 10)});
  NextOnQueue next(queue);
  send_text(pair.client, kHead.substr(10, 10));  // still short of the header's end
  const auto popped = next.within(5s);
  ASSERT_TRUE(popped) << "the connection was not handed over";
  const Accepted& back = *popped;
  EXPECT_EQ(back.preread, kHead.substr(0, 16));  // what fitted; the worker reads the rest as it comes
  char rest[8];
  EXPECT_EQ(::recv(back.socket, rest, sizeof rest, MSG_DONTWAIT), 4);
  ::close(back.socket);
}

TEST(IdleConnections, ClosesARequestStillArrivingAtTheTransferTimeout) {
  ConnectionQueue queue(4);
  IdleConnections idle(queue, limits(30s, 1s));
  SocketPair pair;
  const auto held_at = std::chrono::steady_clock::now();
  idle.hold({pair.server, "peer", 3, "POST / HTTP/1.1\r\n"});
  for (int i = 0; i < 4; ++i) {  // never silent long, never finished
    std::this_thread::sleep_for(300ms);
    if (::send(pair.client, "X", 1, MSG_NOSIGNAL) != 1) break;
  }
  expect_closed_at_the_timeout(pair, idle, held_at, 3s);
}

TEST(IdleConnections, ClosesAConnectionIdleForTheTimeout) {
  ConnectionQueue queue(4);
  IdleConnections idle(queue, limits(1s));
  SocketPair pair;
  const auto held_at = std::chrono::steady_clock::now();
  idle.hold({pair.server, "peer", 3, {}});
  expect_closed_at_the_timeout(pair, idle, held_at, 5s);
}

TEST(IdleConnections, StopClosesEveryConnectionHeldAndAnyHandedOverLater) {
  ConnectionQueue queue(4);
  IdleConnections idle(queue, limits(30s));
  SocketPair first, second;
  idle.hold({first.server, "peer", 3, {}});
  idle.stop();
  EXPECT_TRUE(first.closed_by_server(1s));
  idle.hold({second.server, "peer", 3, {}});
  EXPECT_TRUE(second.closed_by_server(1s));
  EXPECT_EQ(idle.size(), 0u);
}

}  // namespace
}  // namespace partnerapi::server
