#pragma once
// Socket I/O for the workers, in place of gSOAP's: the socket is non-blocking
// and each wait for it goes through cooperative::wait_fd, so a worker's fiber
// waiting for its client lets the thread serve others (fiber_loop.h). The
// receive, send and transfer timeouts (a whole request, from its first byte)
// are kept here.
//
// One request in, one answer out: next_request() collects a request until its
// framing (request_framing.h) says it is whole, and gSOAP then reads that
// request alone, rewritten with its exact body under one Content-Length: it
// cannot read past the body, and what followed the body on the connection is
// kept as the beginning of the next request. A request refused by its framing
// is answered with its status and the connection closed.
//
// A worker does not wait for a slow sender: a request not whole at its first
// read is handed (take_received) with the connection to IdleConnections, which
// collects the rest and hands it back.
//
// Small writes are held and sent together: gSOAP writes the HTTP header and
// the body separately, and two segments cost the client a second wake-up.
// Held output goes out when the connection closes, at flush(), and before a
// 100 Continue.
//
// A connection closed while the peer may still be sending its request (a
// refused body) lingers: our answer goes out, then what the peer sends is read
// and dropped until it closes. Closing on unread input would make the kernel
// reset the connection, and the client lose our answer.
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>

#include <stdsoap2.h>

#include "request_framing.h"

namespace partnerapi::server {

class SocketIo {
 public:
  // A request that has not begun within `idle_after`, or whose first read is
  // not the whole of it, is not waited for: next_request() says Idle and the
  // connection is then held elsewhere until it is ready.
  SocketIo(int recv_timeout_s, int send_timeout_s, int transfer_timeout_s, std::chrono::milliseconds idle_after);
  // Takes over `s`'s recv/send/close; gSOAP's own timeouts must be 0.
  void install(struct soap* s, FramingLimits limits);
  // A connection taken up (made non-blocking); `received` (bytes of its next
  // request, read while it was held) is read before the socket.
  void attach(SOAP_SOCKET socket, std::string received);

  enum class Next {
    Request,  // whole: gSOAP reads it now
    Idle,     // none begun within idle_after, or still arriving: hand the connection over
    Refused,  // its framing is wrong: answer refusal() and close
    Closed,   // the peer closed, failed or timed out
  };
  // Collects the connection's next request.
  Next next_request(struct soap* s);
  const Frame& refusal() const { return refusal_; }
  // No request began within idle_after, or it is still arriving.
  bool went_idle() const { return idle_; }
  // The request was read whole (its fault leaves the connection clean).
  bool whole() const { return whole_; }
  // The request was HTTP/1.0.
  bool http10() const { return http10_; }
  // The request's bytes as they came (header and body), and the bytes sent since it came.
  std::uint64_t bytes_in() const { return bytes_in_; }
  std::uint64_t bytes_out() const { return bytes_out_; }
  // What was read of a request still arriving, for whoever holds the connection.
  std::string take_received() { return std::exchange(partial_, {}); }
  // Sends what is held; SOAP_OK or SOAP_EOF.
  int flush(struct soap* s);
  // Sends a whole HTTP response written by the caller; SOAP_OK or SOAP_EOF.
  int respond(struct soap* s, const std::string& response);

 private:
  static size_t recv(struct soap* s, char* buf, size_t len);
  static int send(struct soap* s, const char* buf, size_t len);
  static int close(struct soap* s);
  int write_all(struct soap* s, const char* buf, size_t len);
  // Ends our side, then reads and drops input until the peer closes: at most
  // 64 MB, 2 s for each read and 10 s in all, so a slow sender is not waited for.
  static void linger(SOAP_SOCKET socket);
  bool past_deadline() const;
  // Waits for input on the socket: idle_after_ before a request's first byte
  // (false and idle_ when none came), recv_timeout_ within one (false and
  // timed_out_), never past the transfer deadline.
  bool wait_for_input(SOAP_SOCKET socket);
  // Appends what the socket has to `raw`, waiting for it; false at its end.
  bool read_more(SOAP_SOCKET socket, std::string& raw);
  // The request framed whole in `raw`: gSOAP's to read, what follows kept.
  Next take_whole(std::string&& raw, Frame&& frame);

  static constexpr size_t kHoldLimit = 16 * 1024;
  std::string held_;
  int (*default_close_)(struct soap*) = nullptr;

  std::chrono::seconds recv_timeout_, send_timeout_;
  std::chrono::seconds transfer_timeout_;
  std::chrono::milliseconds idle_after_;
  FramingLimits limits_;
  bool started_ = false;    // the request's first byte came: its transfer time runs
  bool timed_out_ = false;  // the peer went quiet: it is not waited for again at close
  bool idle_ = false;
  bool answered_ = false;   // something was sent on this connection
  bool whole_ = false;
  bool http10_ = false;
  bool refused_ = false;
  std::string ahead_;           // bytes of the next request: read while held, or after this one's body
  bool handed_over_ = false;    // ahead_ came from IdleConnections, which holds a request no further
  std::uint64_t bytes_in_ = 0, bytes_out_ = 0;
  std::string request_;         // the request gSOAP reads, rewritten
  size_t request_at_ = 0;
  std::string partial_;
  Frame refusal_;
  std::chrono::steady_clock::time_point deadline_{};
};

}  // namespace partnerapi::server
