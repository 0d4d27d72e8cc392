#include "idle_connections.h"

#include <spdlog/spdlog.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace partnerapi::server {

IdleConnections::IdleConnections(ConnectionQueue& queue, std::chrono::seconds idle_timeout)
    : queue_(queue), idle_timeout_(idle_timeout) {
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_ < 0 || wake_ < 0) throw std::runtime_error(std::string("epoll: ") + std::strerror(errno));
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
  thread_ = std::thread([this] { run(); });
}

IdleConnections::~IdleConnections() {
  stop();
  ::close(wake_);
  ::close(epoll_);
}

void IdleConnections::hold(Accepted conn) {
  const int fd = conn.socket;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_.load() || held_.size() >= kMaxHeld) {
      ::close(fd);
      return;
    }
    held_[fd] = Held{std::move(conn), std::chrono::steady_clock::now() + idle_timeout_};
  }
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP;  // a request's first bytes, or the peer's close
  ev.data.fd = fd;
  if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) == 0) return;
  spdlog::warn("cannot watch an idle connection: {}", std::strerror(errno));
  std::lock_guard<std::mutex> lock(mu_);
  held_.erase(fd);
  ::close(fd);
}

std::size_t IdleConnections::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return held_.size();
}

void IdleConnections::stop() {
  if (stopping_.exchange(true)) return;
  const std::uint64_t one = 1;
  if (::write(wake_, &one, sizeof one) < 0) spdlog::warn("cannot wake the idle-connection watcher");
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [fd, held] : held_) ::close(fd);
  held_.clear();
}

void IdleConnections::run() {
  constexpr int kTickMs = 250;  // how late an idle connection may be closed
  epoll_event events[64];
  while (!stopping_.load()) {
    const int n = ::epoll_wait(epoll_, events, 64, kTickMs);
    for (int i = 0; i < n; ++i)
      if (events[i].data.fd != wake_) resume(events[i].data.fd);
    close_expired();
  }
}

// Its next request (or its close) has come: back to the workers, who read it.
void IdleConnections::resume(int fd) {
  ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
  Accepted conn;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = held_.find(fd);
    if (it == held_.end()) return;
    conn = std::move(it->second.conn);
    held_.erase(it);
  }
  queue_.push_resumed(std::move(conn));
}

void IdleConnections::close_expired() {
  const auto now = std::chrono::steady_clock::now();
  std::vector<int> expired;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = held_.begin(); it != held_.end();) {
      if (it->second.deadline > now) {
        ++it;
        continue;
      }
      expired.push_back(it->first);
      it = held_.erase(it);
    }
  }
  for (const int fd : expired) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    ::close(fd);
  }
}

}  // namespace partnerapi::server
