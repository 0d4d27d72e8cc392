#pragma once
// A fiber loop on a thread of its own, for tests of code that runs in fibers:
// each connection pushed is served by a fiber of the loop.
#include <unistd.h>

#include <functional>
#include <thread>

#include "server/fiber_loop.h"
#include "socket_pair.h"

namespace partnerapi::server {

// Runs a loop of `fibers` fibers on a thread of its own, each connection
// served by `serve` (which owns and closes the socket).
class LoopThread {
 public:
  LoopThread(std::size_t fibers, std::function<void(int)> serve)
      : loop_(queue_, fibers, [serve = std::move(serve)](std::size_t, Accepted conn) {
          serve(conn.socket);
          ::close(conn.socket);
        }),
        thread_([this] { loop_.run(); }) {}
  ~LoopThread() {
    loop_.stop();
    thread_.join();
  }
  void connect(const SocketPair& peer) { queue_.push({peer.server, "test", -1, {}}); }

 private:
  ConnectionQueue queue_{16};
  FiberLoop loop_;
  std::thread thread_;
};

}  // namespace partnerapi::server
