#include "request_framing.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>

#include "partnerapi/text.h"

namespace partnerapi::server {
namespace {

namespace http = boost::beast::http;
using boost::beast::error_code;
using boost::beast::iequals;
using string_view = boost::beast::string_view;

// Beast's parser, keeping what the rewrite needs (or only counting, while a
// request is still arriving: no body is copied then), and refusing what
// RFC 9112 refuses and Beast lets through: a transfer coding other than
// exactly `chunked`, too many fields.
class Parser final : public http::basic_parser<true> {
 public:
  Parser(const FramingLimits& limits, bool keep) : max_fields_(limits.max_fields), keep_(keep) {
    header_limit(limits.max_header);
    body_limit(limits.max_body);
    eager(true);
  }

  bool unsupported_coding = false;
  bool too_many_fields = false;
  bool expect_continue = false;
  bool has_length = false;
  bool plain_length = true;  // every Content-Length field one run of digits
  bool post = false;
  bool http10 = false;
  std::string head;  // the request line and fields kept (keep)
  std::string body;  // de-chunked (keep)

 private:
  void on_request_impl(http::verb, string_view method, string_view target, int version, error_code&) override {
    post = method == "POST";
    http10 = version == 10;
    if (!keep_) return;
    head.append(method.data(), method.size()).append(" ").append(target.data(), target.size());
    head.append(version == 10 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n");
  }
  void on_response_impl(int, string_view, int, error_code&) override {}

  void on_field_impl(http::field name, string_view name_text, string_view value, error_code& ec) override {
    if (++fields_ > max_fields_) {
      too_many_fields = true;
      ec = http::error::header_limit;
      return;
    }
    switch (name) {
      case http::field::transfer_encoding:
        // Beast has refused a second chunked and a Content-Length beside it.
        if (const auto coding = text::trim({value.data(), value.size()});
            !iequals(string_view(coding.data(), coding.size()), "chunked")) {
          unsupported_coding = true;
          ec = http::error::bad_transfer_encoding;
        }
        return;
      case http::field::content_length:
        plain_length = plain_length && !has_length && !value.empty() &&
                       value.find_first_not_of("0123456789") == string_view::npos;
        has_length = true;
        return;
      case http::field::expect: expect_continue = iequals(value, "100-continue"); return;
      default: break;
    }
    if (keep_) head.append(name_text.data(), name_text.size()).append(": ").append(value.data(), value.size()).append("\r\n");
  }

  void on_header_impl(error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, error_code&) override {
    if (keep_ && length) body.reserve(static_cast<std::size_t>(*length));
  }
  std::size_t on_body_impl(string_view s, error_code&) override { return keep(s); }
  void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, string_view s, error_code&) override { return keep(s); }
  void on_finish_impl(error_code&) override {}

  std::size_t keep(string_view s) {
    if (keep_) body.append(s.data(), s.size());
    return s.size();
  }

  std::size_t max_fields_;
  std::size_t fields_ = 0;
  bool keep_;
};

Frame refused(int status, std::string why) {
  Frame f;
  f.state = Frame::State::Refused;
  f.status = status;
  f.why = std::move(why);
  return f;
}

int status_of(const error_code& ec, const Parser& p) {
  if (ec == http::error::header_limit) return 431;
  if (ec == http::error::body_limit) return 413;
  if (p.unsupported_coding) return 501;
  return 400;
}

// obs-fold (RFC 9112 §5.2): a field line that begins with a space or a tab.
bool has_obs_fold(std::string_view header) {
  for (std::size_t i = header.find("\r\n"); i != std::string_view::npos; i = header.find("\r\n", i + 2))
    if (i + 2 < header.size() && (header[i + 2] == ' ' || header[i + 2] == '\t')) return true;
  return false;
}

// The end (past its ';') of a character reference to U+0000 at `i`
// (`&#0;`, `&#x00;`...), or 0 when there is none there.
std::size_t nul_reference_end(std::string_view s, std::size_t i) {
  if (s.compare(i, 2, "&#") != 0) return 0;
  std::size_t j = i + 2;
  if (j < s.size() && (s[j] == 'x' || s[j] == 'X')) ++j;
  const std::size_t digits = j;
  while (j < s.size() && s[j] == '0') ++j;
  return j > digits && j < s.size() && s[j] == ';' ? j + 1 : 0;
}

// Whether without_nul() would change `body`.
bool has_nul(std::string_view body) {
  if (body.find('\0') != std::string_view::npos) return true;
  for (std::size_t i = body.find("&#"); i != std::string_view::npos; i = body.find("&#", i + 2))
    if (nul_reference_end(body, i)) return true;
  return false;
}

// gSOAP reads a character reference to U+0000, or a NUL byte, as the end of
// the text and cuts it silently. Neither is an XML character: each becomes a
// reference to U+FFFF, which is not one either, so the operand it is in is
// refused by name (INVALID_VALUE), as any other is.
std::string without_nul(std::string body) {
  if (!has_nul(body)) return body;
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\0') {
      out += "&#xFFFF;";
    } else if (const std::size_t end = nul_reference_end(body, i)) {
      out += "&#xFFFF;";
      i = end - 1;
    } else {
      out += body[i];
    }
  }
  return out;
}

std::string rewritten(Parser& p) {
  const std::string body = without_nul(std::move(p.body));
  std::string out = std::move(p.head);
  if (p.post || !body.empty()) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "\r\n";
  out += body;
  return out;
}

// Parses a whole request again, keeping its fields and body, and rewrites it.
std::string rewritten_request(std::string_view whole, const FramingLimits& limits) {
  Parser p(limits, true);
  error_code ec;
  for (std::size_t used = 0; !p.is_done() && used < whole.size();) {
    const std::size_t n = p.put(boost::asio::const_buffer(whole.data() + used, whole.size() - used), ec);
    if (ec || n == 0) break;
    used += n;
  }
  return rewritten(p);
}

}  // namespace

Frame frame_request(std::string_view received, const FramingLimits& limits, bool rewrite) {
  std::size_t skipped = 0;
  while (received.substr(skipped, 2) == "\r\n") skipped += 2;
  const std::string_view rest = received.substr(skipped);
  if (rest.empty()) return {};
  const std::size_t header_end = rest.find("\r\n\r\n");
  if (header_end != std::string_view::npos && header_end <= limits.max_header &&
      has_obs_fold(rest.substr(0, header_end + 2)))
    return refused(400, "obs-fold header line");

  Parser p(limits, false);  // the body is not copied; a rewrite parses again
  error_code ec;
  std::size_t used = 0;
  while (!p.is_done()) {
    const std::size_t n = p.put(boost::asio::const_buffer(rest.data() + used, rest.size() - used), ec);
    used += n;
    if (ec && ec != http::error::need_more) return refused(status_of(ec, p), ec.message());
    if (ec || n == 0 || used == rest.size()) break;  // needs more than has come
  }
  if (!p.is_done()) {
    Frame f;
    f.expect_continue = p.is_header_done() && p.expect_continue;
    return f;
  }
  if (p.post && !p.has_length && !p.chunked()) return refused(411, "a POST without Content-Length");
  Frame f;
  f.state = Frame::State::Whole;
  f.start = skipped;
  f.length = skipped + used;
  f.http10 = p.http10;
  if (p.has_length && p.plain_length && !p.chunked() && !p.expect_continue) {
    const auto body_size = static_cast<std::size_t>(p.content_length().value_or(0));
    f.as_is = !has_nul(rest.substr(used - body_size, body_size));
  }
  if (rewrite && !f.as_is) f.request = rewritten_request(rest.substr(0, used), limits);
  return f;
}

Framing request_framing(std::string_view received, const FramingLimits& limits) {
  const Frame f = frame_request(received, limits);
  return f.state != Frame::State::Incomplete || f.expect_continue ? Framing::Ready : Framing::Incomplete;
}

}  // namespace partnerapi::server
