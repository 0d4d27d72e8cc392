#pragma once
// Where a request ends, by RFC 9112 §6, with Boost.Beast's HTTP/1.1 parser:
// one request in, one answer out. A body is exactly what its framing says
// (Content-Length, or chunks to the last one), and the request is handed to
// gSOAP rewritten with that body alone, de-chunked, under one Content-Length:
// bytes after the envelope stay inside the body they came in, and what follows
// the body on the connection is the next request, framed afresh.
//
// Refused, each with a status, before anything runs: Content-Length values
// that disagree or are not plain digits, Transfer-Encoding with Content-Length,
// an invalid chunk, an obs-fold line (400); a POST without a length (411); a
// body over the limit (413), chunked included, however far it got; a header
// section over its limits (431); a transfer coding other than exactly
// `chunked` (501).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace partnerapi::server {

struct FramingLimits {
  std::uint64_t max_body = 8 * 1024 * 1024;
  std::uint32_t max_header = 64 * 1024;  // the request line and every field
  std::size_t max_fields = 100;
};

struct Frame {
  enum class State { Incomplete, Whole, Refused };
  State state = State::Incomplete;
  std::size_t length = 0;        // Whole: the request's bytes at the start of `received`
  std::size_t start = 0;         // Whole: where it begins, past blank lines
  // Whole: gSOAP can read its bytes as they came (one plain Content-Length,
  // not chunked, no Expect, nothing for without_nul to change): no rewrite.
  bool as_is = false;
  int status = 0;                // Refused: 400, 411, 413, 431 or 501
  std::string why;               // Refused: what was wrong, for the fault and the log
  bool expect_continue = false;  // Incomplete with its header whole: the client waits for 100 Continue
  bool http10 = false;           // Whole: an HTTP/1.0 request (its answer cannot be chunked)
  std::string request;           // Whole, when asked for: the request as gSOAP reads it
};

// Frames the first request in `received` (blank lines before it are skipped,
// as RFC 9112 §2.2 allows). With `rewrite`, a whole request that is not
// `as_is` gets its `request`: its request line and fields, without
// Content-Length, Transfer-Encoding and Expect, then `Content-Length: <body>`
// (for a body or a POST), then the body.
Frame frame_request(std::string_view received, const FramingLimits& limits, bool rewrite = false);

enum class Framing {
  Incomplete,  // more is on its way: keep collecting
  Ready,       // hand it to a worker: whole, refused, or waiting for 100 Continue
};

// For the idle connections: whether a worker should take the connection now.
Framing request_framing(std::string_view received, const FramingLimits& limits);

}  // namespace partnerapi::server
