#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>

#include "server/idle_connections.h"

namespace partnerapi::server {
namespace {

using namespace std::chrono_literals;

// One end held by IdleConnections (as a server's connection), the other the client's.
struct Pair {
  int server = -1, client = -1;
  Pair() {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    server = fds[0];
    client = fds[1];
  }
  ~Pair() { ::close(client); }
  // True when the server's end was closed within `limit`.
  bool closed_by_server(std::chrono::milliseconds limit) const {
    pollfd p{client, POLLIN, 0};
    char c;
    return ::poll(&p, 1, static_cast<int>(limit.count())) == 1 && ::recv(client, &c, 1, 0) == 0;
  }
};

TEST(IdleConnections, HandsAConnectionBackWhenItsNextRequestArrives) {
  ConnectionQueue queue(4);
  IdleConnections idle(queue, 30s);
  Pair pair;
  idle.hold({pair.server, "10.0.0.1", 7});
  EXPECT_EQ(idle.size(), 1u);

  auto popped = std::async(std::launch::async, [&] { return queue.pop(); });
  EXPECT_EQ(popped.wait_for(200ms), std::future_status::timeout);  // nothing sent yet: still held
  ASSERT_EQ(::send(pair.client, "P", 1, 0), 1);
  if (popped.wait_for(5s) != std::future_status::ready) {
    queue.push_resumed({});  // lets the waiting pop (and the test) end
    FAIL() << "the connection was not handed back";
  }
  const Accepted back = popped.get();
  EXPECT_EQ(back.socket, pair.server);
  EXPECT_EQ(back.peer, "10.0.0.1");
  EXPECT_EQ(back.keep_alive, 7);  // the keep-alive count goes on where it stopped
  EXPECT_EQ(idle.size(), 0u);
  char c;
  EXPECT_EQ(::recv(back.socket, &c, 1, 0), 1);  // the request's byte is still there for the worker
  ::close(back.socket);
}

TEST(IdleConnections, ClosesAConnectionIdleForTheTimeout) {
  ConnectionQueue queue(4);
  IdleConnections idle(queue, 1s);
  Pair pair;
  const auto held_at = std::chrono::steady_clock::now();
  idle.hold({pair.server, "peer", 3});
  EXPECT_TRUE(pair.closed_by_server(5s));
  EXPECT_GE(std::chrono::steady_clock::now() - held_at, 900ms);
  EXPECT_EQ(idle.size(), 0u);
}

TEST(IdleConnections, StopClosesEveryConnectionHeldAndAnyHandedOverLater) {
  ConnectionQueue queue(4);
  IdleConnections idle(queue, 30s);
  Pair first, second;
  idle.hold({first.server, "peer", 3});
  idle.stop();
  EXPECT_TRUE(first.closed_by_server(1s));
  idle.hold({second.server, "peer", 3});
  EXPECT_TRUE(second.closed_by_server(1s));
  EXPECT_EQ(idle.size(), 0u);
}

}  // namespace
}  // namespace partnerapi::server
