#include "request_framing.h"

#include "partnerapi/text.h"

#include <cctype>
#include <charconv>

namespace partnerapi::server {
namespace {

constexpr std::size_t kMaxHeader = 64 * 1024;

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool contains_word(std::string_view value, std::string_view word) {
  for (std::size_t i = 0; i + word.size() <= value.size(); ++i)
    if (same_name(value.substr(i, word.size()), word)) return true;
  return false;
}

struct Header {
  bool has_length = false;
  std::uint64_t length = 0;
  bool chunked = false;
  bool expect_continue = false;
  bool bad_length = false;
};

Header parse_header(std::string_view head) {
  Header h;
  std::size_t line_start = head.find("\r\n");  // past the request line
  while (line_start != std::string_view::npos && line_start + 2 < head.size()) {
    line_start += 2;
    const std::size_t line_end = head.find("\r\n", line_start);
    const std::string_view line = head.substr(line_start, line_end - line_start);
    line_start = line_end;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = text::trim(line.substr(0, colon)), value = text::trim(line.substr(colon + 1));
    if (same_name(name, "Content-Length")) {
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), h.length);
      h.has_length = true;
      h.bad_length = ec != std::errc() || end != value.data() + value.size();
    } else if (same_name(name, "Transfer-Encoding")) {
      h.chunked = h.chunked || contains_word(value, "chunked");
    } else if (same_name(name, "Expect")) {
      h.expect_continue = h.expect_continue || contains_word(value, "100-continue");
    }
  }
  return h;
}

// What framing found: Ready with `length` set when the whole request is there
// (its bytes, from the start of `received`), or 0 when Ready for another reason.
struct Framed {
  Framing framing;
  std::size_t length = 0;
};

constexpr Framed kIncomplete{Framing::Incomplete};
constexpr Framed kForTheWorker{Framing::Ready};

// A chunked body is whole at its last (zero-size) chunk and the blank line
// after its trailers; its length is returned. What cannot be a chunked body is
// for the worker: gSOAP refuses it.
Framed chunked_framing(std::string_view body, std::uint64_t max_body) {
  constexpr std::size_t kMaxLine = 1024;
  std::uint64_t decoded = 0;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t eol = body.find("\r\n", pos);
    if (eol == std::string_view::npos) return body.size() - pos > kMaxLine ? kForTheWorker : kIncomplete;
    const std::string_view line = body.substr(pos, eol - pos);
    std::uint64_t size = 0;
    const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), size, 16);
    if (ec != std::errc() || (end != line.data() + line.size() && *end != ';' && *end != ' ')) return kForTheWorker;
    pos = eol + 2;
    if (size == 0) break;
    decoded += size;
    if (decoded > max_body) return kForTheWorker;
    if (size > body.size() || body.size() - pos < size + 2) return kIncomplete;
    pos += size + 2;  // the chunk and its CRLF
  }
  for (;;) {  // trailer lines, then the blank line that ends the body
    const std::size_t eol = body.find("\r\n", pos);
    if (eol == std::string_view::npos) return body.size() - pos > kMaxLine ? kForTheWorker : kIncomplete;
    if (eol == pos) return {Framing::Ready, eol + 2};
    pos = eol + 2;
  }
}

Framed frame(std::string_view received, std::uint64_t max_body) {
  std::size_t skipped = 0;
  while (received.substr(0, 2) == "\r\n") {  // blank lines before a request
    received.remove_prefix(2);
    skipped += 2;
  }
  const std::size_t end = received.find("\r\n\r\n");
  if (end == std::string_view::npos) return received.size() >= kMaxHeader ? kForTheWorker : kIncomplete;
  const std::size_t head = end + 4;
  const Header h = parse_header(received.substr(0, end + 2));
  if (h.expect_continue) return kForTheWorker;  // the client waits for gSOAP's 100 Continue
  if (h.chunked) {
    const Framed body = chunked_framing(received.substr(head), max_body);
    return body.length ? Framed{Framing::Ready, skipped + head + body.length} : body;
  }
  if (!h.has_length) {  // a GET has no body; any other request's body may end at the close (HTTP/1.0)
    const bool get = received.substr(0, 4) == "GET ";
    return get ? Framed{Framing::Ready, skipped + head} : kForTheWorker;
  }
  if (h.bad_length || h.length > max_body) return kForTheWorker;
  if (received.size() - head < h.length) return kIncomplete;
  return {Framing::Ready, skipped + head + static_cast<std::size_t>(h.length)};
}

}  // namespace

Framing request_framing(std::string_view received, std::uint64_t max_body) {
  return frame(received, max_body).framing;
}

std::size_t whole_request_length(std::string_view received, std::uint64_t max_body) {
  return frame(received, max_body).length;
}

}  // namespace partnerapi::server
