#include "idle_connections.h"

#include <spdlog/spdlog.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "request_framing.h"

namespace partnerapi::server {

IdleConnections::IdleConnections(ConnectionQueue& queue, HoldLimits limits) : queue_(queue), limits_(limits) {
  epoll_data_t tag{};
  tag.fd = wake_.fd();
  epoll_.add(wake_.fd(), EPOLLIN, tag);
  thread_ = std::thread([this] { run(); });
}

IdleConnections::~IdleConnections() { stop(); }

void IdleConnections::hold(Accepted conn) {
  const int fd = conn.socket;
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_.load() || held_.size() >= kMaxHeld) {
      ::close(fd);
      return;
    }
    Held held{std::move(conn), now + limits_.idle_timeout, std::nullopt};
    if (!held.conn.preread.empty()) held.request_until = now + limits_.transfer_timeout;
    buffered_ += held.conn.preread.size();
    held_[fd] = std::move(held);
  }
  epoll_data_t tag{};
  tag.fd = fd;
  if (epoll_.add(fd, EPOLLIN | EPOLLRDHUP, tag)) return;  // more of a request, or the peer's close
  spdlog::warn("cannot watch a held connection: {}", std::strerror(errno));
  forget(fd);
  ::close(fd);
}

std::size_t IdleConnections::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return held_.size();
}

void IdleConnections::stop() {
  if (stopping_.exchange(true)) return;
  wake_.signal();
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [fd, held] : held_) ::close(fd);
  held_.clear();
  buffered_ = 0;
}

void IdleConnections::run() {
  constexpr int kTickMs = 250;  // how late a silent connection may be closed
  epoll_event events[64];
  while (!stopping_.load()) {
    const int n = ::epoll_wait(epoll_.fd(), events, 64, kTickMs);
    for (int i = 0; i < n; ++i)
      if (events[i].data.fd != wake_.fd()) on_ready(events[i].data.fd);
    close_expired();
  }
}

// More of its request, or its close, has come: a whole request goes to the
// workers with what was read of it; a closed connection is closed.
void IdleConnections::on_ready(int fd) {
  std::optional<Accepted> whole;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = held_.find(fd);
    if (it == held_.end()) return;
    Held& held = it->second;
    std::string& bytes = held.conn.preread;
    const std::size_t before = bytes.size();
    const bool open = read_available(fd, held);
    buffered_ += bytes.size() - before;
    if (bytes.size() > before) {
      const auto now = std::chrono::steady_clock::now();
      held.silent_until = now + limits_.idle_timeout;
      if (!held.request_until) held.request_until = now + limits_.transfer_timeout;
    }
    // Past the memory for held requests, a worker reads the rest as it comes
    // (else a connection with input waiting would be reported again and again).
    const bool ready = buffered_ >= limits_.max_buffered ||
                       (!bytes.empty() && request_framing(bytes, FramingLimits{limits_.max_body}) == Framing::Ready);
    if (open && !ready) return;  // still arriving, or still idle
    buffered_ -= bytes.size();
    if (ready) whole = std::move(held.conn);
    held_.erase(it);
  }
  ::epoll_ctl(epoll_.fd(), EPOLL_CTL_DEL, fd, nullptr);
  if (whole)
    queue_.push_resumed(std::move(*whole));
  else
    ::close(fd);  // the peer closed before (or amid) its next request
}

bool IdleConnections::read_available(int fd, Held& held) {
  char buf[65536];
  std::size_t room = limits_.max_buffered > buffered_ ? limits_.max_buffered - buffered_ : 0;
  for (int reads = 0; reads < 16 && room > 0; ++reads) {
    const ssize_t n = ::recv(fd, buf, std::min(sizeof buf, room), MSG_DONTWAIT);
    if (n > 0) {
      held.conn.preread.append(buf, static_cast<std::size_t>(n));
      room -= static_cast<std::size_t>(n);
      if (request_framing(held.conn.preread, FramingLimits{limits_.max_body}) == Framing::Ready) return true;
      continue;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK;
  }
  return true;  // more may be there: epoll says so again
}

void IdleConnections::close_expired() {
  const auto now = std::chrono::steady_clock::now();
  std::vector<int> expired;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = held_.begin(); it != held_.end();) {
      const Held& held = it->second;
      if (held.silent_until > now && (!held.request_until || *held.request_until > now)) {
        ++it;
        continue;
      }
      buffered_ -= held.conn.preread.size();
      expired.push_back(it->first);
      it = held_.erase(it);
    }
  }
  for (const int fd : expired) {
    ::epoll_ctl(epoll_.fd(), EPOLL_CTL_DEL, fd, nullptr);
    ::close(fd);
  }
}

void IdleConnections::forget(int fd) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = held_.find(fd);
  if (it == held_.end()) return;
  buffered_ -= it->second.conn.preread.size();
  held_.erase(it);
}

}  // namespace partnerapi::server
