#pragma once
// A connected pair of sockets for the server-side unit tests: `server` is
// handed to the code under test (which closes it), `client` is the test's and
// closes with the pair.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

namespace partnerapi::server {

struct SocketPair {
  int server = -1, client = -1;
  SocketPair() {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    server = fds[0];
    client = fds[1];
  }
  SocketPair(const SocketPair&) = delete;
  SocketPair& operator=(const SocketPair&) = delete;
  ~SocketPair() { ::close(client); }

  void say(char c) const { ASSERT_EQ(::send(client, &c, 1, 0), 1); }
  // The byte the server sent, or 0 when none came within `limit`.
  char answer(std::chrono::milliseconds limit) const {
    char c = 0;
    return readable_within(limit) && ::recv(client, &c, 1, 0) == 1 ? c : 0;
  }
  // True when the server's end was closed within `limit`.
  bool closed_by_server(std::chrono::milliseconds limit) const {
    char c;
    return readable_within(limit) && ::recv(client, &c, 1, 0) == 0;
  }

 private:
  bool readable_within(std::chrono::milliseconds limit) const {
    pollfd p{client, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(limit.count())) == 1;
  }
};

}  // namespace partnerapi::server
