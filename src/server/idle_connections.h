#pragma once
// Keep-alive connections between requests, held without a worker: one thread
// watches them with epoll and hands a connection back to the workers' queue
// when its next request starts to arrive, or closes it once it has been idle
// for the receive timeout. So idle clients (an nginx upstream pool, a 1C
// configuration keeping its connection) do not use up the workers.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "connection_queue.h"

namespace partnerapi::server {

class IdleConnections {
 public:
  IdleConnections(ConnectionQueue& queue, std::chrono::seconds idle_timeout);
  IdleConnections(const IdleConnections&) = delete;
  IdleConnections& operator=(const IdleConnections&) = delete;
  ~IdleConnections();

  // Holds `conn` (nothing of its next request read yet) until that request
  // arrives or the idle timeout passes. Closes it at once when too many are held.
  void hold(Accepted conn);
  // Stops watching and closes every connection still held.
  void stop();

  std::size_t size() const;

 private:
  struct Held {
    Accepted conn;
    std::chrono::steady_clock::time_point deadline;
  };
  static constexpr std::size_t kMaxHeld = 10000;

  void run();
  void resume(int fd);
  void close_expired();

  ConnectionQueue& queue_;
  const std::chrono::seconds idle_timeout_;
  int epoll_ = -1;
  int wake_ = -1;  // eventfd: stop() wakes the thread with it
  mutable std::mutex mu_;
  std::unordered_map<int, Held> held_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace partnerapi::server
