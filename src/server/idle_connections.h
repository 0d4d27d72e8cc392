#pragma once
// Connections between requests, and requests still arriving, held without a
// worker: one thread watches them with epoll, reads what comes, and hands a
// connection back to the workers' queue once its request is whole (see
// request_framing.h). Idle keep-alive clients (an nginx upstream pool, a 1C
// configuration keeping its connection) and slow senders do not use up the
// workers. A connection silent for the receive timeout, or whose request takes
// longer than the transfer timeout, is closed.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "connection_queue.h"
#include "event_fds.h"

namespace partnerapi::server {

struct HoldLimits {
  std::chrono::seconds idle_timeout{30};      // silence, between requests or within one
  std::chrono::seconds transfer_timeout{60};  // a request, from its first byte
  std::uint64_t max_body = 8 * 1024 * 1024;   // a larger request goes to a worker, to be refused
  // Bytes of requests held in all; past it a request goes to a worker as it is.
  std::size_t max_buffered = 256u * 1024 * 1024;
};

class IdleConnections {
 public:
  IdleConnections(ConnectionQueue& queue, HoldLimits limits);
  IdleConnections(const IdleConnections&) = delete;
  IdleConnections& operator=(const IdleConnections&) = delete;
  ~IdleConnections();

  // Holds `conn` (conn.preread: what has come of its next request) until that
  // request is whole, or a timeout closes it. Closes it at once when too many are held.
  void hold(Accepted conn);
  // Stops watching and closes every connection still held.
  void stop();

  std::size_t size() const;

 private:
  struct Held {
    Accepted conn;
    std::chrono::steady_clock::time_point silent_until;
    std::optional<std::chrono::steady_clock::time_point> request_until;  // from its first byte
  };
  static constexpr std::size_t kMaxHeld = 10000;

  void run();
  void on_ready(int fd);
  // Reads what has come; false when the peer closed or failed.
  bool read_available(int fd, Held& held);
  void close_expired();
  void forget(int fd);

  ConnectionQueue& queue_;
  const HoldLimits limits_;
  EpollSet epoll_;
  EventFd wake_;  // stop() wakes the thread with it
  mutable std::mutex mu_;
  std::unordered_map<int, Held> held_;
  std::size_t buffered_ = 0;  // bytes in held_'s preread, under mu_
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace partnerapi::server
