#include "socket_io.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "partnerapi/cooperative.h"

namespace partnerapi::server {
namespace {

SocketIo& of(struct soap* s) { return *static_cast<SocketIo*>(s->data[0]); }

constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace

SocketIo::SocketIo(int recv_timeout_s, int send_timeout_s, int transfer_timeout_s,
                   std::chrono::milliseconds idle_after)
    : recv_timeout_(recv_timeout_s),
      send_timeout_(send_timeout_s),
      transfer_timeout_(transfer_timeout_s),
      idle_after_(idle_after) {}

void SocketIo::install(struct soap* s, FramingLimits limits) {
  limits_ = limits;
  s->data[0] = this;
  s->frecv = &SocketIo::recv;
  s->fsend = &SocketIo::send;
  default_close_ = s->fclose;
  s->fclose = &SocketIo::close;
  // gSOAP polls the socket before a fault and sends none when the peer has
  // shut its side for writing: a client that sent its whole request and
  // closed would never hear why it was refused. Our writes see a dead peer.
  s->fpoll = [](struct soap*) { return static_cast<int>(SOAP_OK); };
  held_.reserve(kHoldLimit);
  s->recv_timeout = 0;
  s->send_timeout = 0;
  s->transfer_timeout = 0;
}

void SocketIo::attach(SOAP_SOCKET socket, std::string received) {
  held_.clear();
  ahead_ = std::move(received);
  handed_over_ = !ahead_.empty();  // IdleConnections hands over a request ready, or one it cannot hold
  answered_ = false;
  partial_.clear();
  // Non-blocking: each wait goes through cooperative::wait_fd, which in the
  // server suspends the fiber instead of the thread.
  const int flags = ::fcntl(socket, F_GETFL);
  if (flags >= 0 && !(flags & O_NONBLOCK)) ::fcntl(socket, F_SETFL, flags | O_NONBLOCK);
}

SocketIo::Next SocketIo::next_request(struct soap* s) {
  started_ = timed_out_ = idle_ = whole_ = refused_ = http10_ = false;
  request_.clear();
  bytes_in_ = bytes_out_ = 0;
  request_at_ = 0;
  std::string raw = std::exchange(ahead_, {});
  const bool may_hand_over = !std::exchange(handed_over_, false);
  if (flush(s) != SOAP_OK) return Next::Closed;
  if (raw.empty() && !read_more(s->socket, raw)) return idle_ ? Next::Idle : Next::Closed;
  started_ = true;
  deadline_ = std::chrono::steady_clock::now() + transfer_timeout_;
  bool continued = false;
  for (;;) {
    Frame frame = frame_request(raw, limits_, true);
    if (frame.state == Frame::State::Whole) return take_whole(std::move(raw), std::move(frame));
    if (frame.state == Frame::State::Refused) {
      refused_ = true;
      refusal_ = std::move(frame);
      return Next::Refused;
    }
    if (frame.expect_continue && !continued) {  // the client waits for it before its body
      if (write_all(s, kContinue, sizeof kContinue - 1) != SOAP_OK) return Next::Closed;
      continued = true;
    } else if (may_hand_over && !continued) {  // a slow sender: not waited for by a worker
      partial_ = std::move(raw);
      idle_ = true;
      return Next::Idle;
    }
    if (!read_more(s->socket, raw)) return Next::Closed;
  }
}

SocketIo::Next SocketIo::take_whole(std::string&& raw, Frame&& frame) {
  bytes_in_ = std::min<std::uint64_t>(frame.length, raw.size());
  if (frame.length < raw.size()) ahead_.assign(raw, frame.length, std::string::npos);  // pipelined
  if (frame.as_is) {  // the common case: the bytes as they came, not copied
    raw.resize(frame.length);
    raw.erase(0, frame.start);
    request_ = std::move(raw);
  } else {
    request_ = std::move(frame.request);
  }
  whole_ = true;
  http10_ = frame.http10;
  return Next::Request;
}

bool SocketIo::read_more(SOAP_SOCKET socket, std::string& raw) {
  // After an answer the client's next request is not there yet: wait for it
  // first, one recv() the less.
  if (!started_ && answered_ && !wait_for_input(socket)) return false;
  char buf[65536];
  for (;;) {
    if (past_deadline()) {
      timed_out_ = true;
      return false;
    }
    const ssize_t n = ::recv(socket, buf, sizeof buf, 0);
    if (n > 0) {
      raw.append(buf, static_cast<size_t>(n));
      return true;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
    if (!wait_for_input(socket)) return false;
  }
}

void SocketIo::linger(SOAP_SOCKET socket) {
  constexpr std::uint64_t kMaxDropped = 64ull * 1024 * 1024;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  ::shutdown(socket, SHUT_WR);
  char buf[16384];
  for (std::uint64_t dropped = 0; dropped < kMaxDropped && std::chrono::steady_clock::now() < give_up;) {
    const ssize_t n = ::recv(socket, buf, sizeof buf, 0);
    if (n > 0) {
      dropped += static_cast<std::uint64_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) ||
               !cooperative::wait_fd(socket, POLLIN, std::chrono::seconds(2))) {
      break;  // the peer closed, or went quiet
    }
  }
}

bool SocketIo::past_deadline() const { return started_ && std::chrono::steady_clock::now() > deadline_; }

// gSOAP reads the request alone: 0 (its end of input) past its last byte.
size_t SocketIo::recv(struct soap* s, char* buf, size_t len) {
  SocketIo& io = of(s);
  if (io.flush(s) != SOAP_OK) return 0;
  const size_t n = std::min(len, io.request_.size() - io.request_at_);
  std::memcpy(buf, io.request_.data() + io.request_at_, n);
  io.request_at_ += n;
  return n;
}

bool SocketIo::wait_for_input(SOAP_SOCKET socket) {
  if (!started_) {  // between requests: a short wait, then the connection is held idle
    idle_ = !cooperative::wait_fd(socket, POLLIN, idle_after_);
    return !idle_;
  }
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(recv_timeout_);
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
  timed_out_ = left.count() <= 0 || !cooperative::wait_fd(socket, POLLIN, std::min(wait, left));
  return !timed_out_;
}

int SocketIo::send(struct soap* s, const char* buf, size_t len) {
  SocketIo& io = of(s);
  if (io.held_.size() + len <= kHoldLimit) {
    io.held_.append(buf, len);
    return SOAP_OK;
  }
  if (io.flush(s) != SOAP_OK) return SOAP_EOF;
  cooperative::yield_if_busy();  // a large answer: the thread's other requests are not held up by it
  return io.write_all(s, buf, len);
}

int SocketIo::flush(struct soap* s) {
  if (held_.empty()) return SOAP_OK;
  answered_ = true;
  const int rc = write_all(s, held_.data(), held_.size());
  held_.clear();
  return rc;
}

int SocketIo::respond(struct soap* s, const std::string& response) {
  if (flush(s) != SOAP_OK) return SOAP_EOF;
  answered_ = true;
  return write_all(s, response.data(), response.size());
}

int SocketIo::close(struct soap* s) {
  SocketIo& io = of(s);
  if (io.idle_) return SOAP_OK;  // gSOAP's end of input, but the server holds the connection idle
  // A refused request's body may still be on its way: our answer first.
  if (soap_valid_socket(s->socket) && io.flush(s) == SOAP_OK && io.refused_ && !io.timed_out_) linger(s->socket);
  io.held_.clear();
  return io.default_close_ ? io.default_close_(s) : SOAP_OK;
}

int SocketIo::write_all(struct soap* s, const char* buf, size_t len) {
  while (len > 0) {
    if (past_deadline()) return SOAP_EOF;
    const ssize_t n = ::send(s->socket, buf, len, MSG_NOSIGNAL);
    if (n >= 0) {
      bytes_out_ += static_cast<std::uint64_t>(n);
      buf += n;
      len -= static_cast<size_t>(n);
      continue;
    }
    if (errno == EINTR) continue;
    s->errnum = errno;
    if ((errno != EAGAIN && errno != EWOULDBLOCK) ||
        !cooperative::wait_fd(s->socket, POLLOUT, std::chrono::duration_cast<std::chrono::milliseconds>(send_timeout_)))
      return SOAP_EOF;
  }
  return SOAP_OK;
}

}  // namespace partnerapi::server
