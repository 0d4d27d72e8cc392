#include "request_hooks.h"

#include <chrono>

#include "partnerapi/db/migrations.h"
#include "partnerapi/db/pool.h"
#include "access_log.h"
#include "metrics.h"
#include "wsdl_document.h"
#include <stdsoap2.h>

namespace partnerapi::server {

namespace {

bool header_is(const char* key, const char* name) { return soap_tag_cmp(key, name) == 0; }

// Keeps the headers the WSDL address needs, then lets gSOAP parse as usual.
int parse_header(struct soap* s, const char* key, const char* val) {
  auto& st = WorkerState::of(s);
  st.headers_seen = true;
  if (header_is(key, "Host")) st.host = val;
  else if (header_is(key, "X-Forwarded-Proto")) st.forwarded_proto = val;
  else if (header_is(key, "X-Forwarded-Host")) st.forwarded_host = val;
  else if (header_is(key, "X-Request-Id") && acceptable_request_id(val)) st.request_id = val;
  return st.default_parse_header(s, key, val);
}

// The body must be UTF-8: gSOAP would read a stray byte as Latin-1 and pass
// on a different text. Checked as the bytes arrive (after de-chunking).
int check_body_text(struct soap* s, const char* data, size_t n) {
  auto& st = WorkerState::of(s);
  if (!st.in_body || st.body_text.feed({data, n})) return SOAP_OK;
  return SOAP_UTF_ERROR;
}

// After the HTTP header: the body bytes read along with it are checked here,
// the rest as gSOAP reads them (a body reaches gSOAP de-chunked: SocketIo).
int parse_http(struct soap* s) {
  auto& st = WorkerState::of(s);
  if (const int rc = st.default_parse(s)) return rc;
  // The request's ID goes back with its answer (gSOAP sends this header once).
  s->http_extra_header = soap_strdup(s, ("X-Request-Id: " + st.request_id).c_str());
  st.in_body = true;
  return check_body_text(s, s->buf + s->bufidx, s->buflen - s->bufidx);
}

}  // namespace

bool authenticate(struct soap* s) {
  auto& st = WorkerState::of(s);
  if (!s->userid || !s->passwd) return false;
  st.login = s->userid;
  st.partner = st.auth->check(s->userid, s->passwd);
  return st.partner.has_value();
}

namespace {

int send_text(struct soap* s, int status, const char* content_type, const std::string& body) {
  if (status != SOAP_FILE) WorkerState::of(s).sent_status = status;
  s->http_content = content_type;
  if (soap_response(s, status) || soap_send_raw(s, body.data(), body.size()) || soap_end_send(s)) return s->error;
  return SOAP_OK;
}

int serve_wsdl(struct soap* s) {
  auto& st = WorkerState::of(s);
  if (st.config->wsdl_auth && !authenticate(s)) return 401;
  const auto fallback = st.config->listen_host + ":" + std::to_string(st.config->listen_port);
  const auto url = endpoint_url({st.config->public_url, st.forwarded_proto, st.forwarded_host, st.host, fallback});
  return send_text(s, SOAP_FILE, "text/xml; charset=utf-8", wsdl_for(url));
}

int serve_health(struct soap* s) {
  auto& st = WorkerState::of(s);
  if (!st.pool->healthy(std::chrono::seconds(2))) return 503;
  return send_text(s, SOAP_FILE, "text/plain; charset=utf-8", "ok\n");
}

// Ready: the database answers and carries this build's migrations (a newer
// schema is ready too: a rolling upgrade migrates before the last old server stops).
int serve_ready(struct soap* s) {
  auto& st = WorkerState::of(s);
  const auto version = st.pool->schema_version(std::chrono::seconds(2));
  const int needed = db::embedded_schema_version();
  if (!version) return send_text(s, 503, "text/plain; charset=utf-8", "not ready: the database does not answer\n");
  if (*version < needed)
    return send_text(s, 503, "text/plain; charset=utf-8",
                     "not ready: the database is at migration " + std::to_string(*version) + ", this build needs " +
                         std::to_string(needed) + " (partnerapi migrate)\n");
  return send_text(s, SOAP_FILE, "text/plain; charset=utf-8", "ready\n");
}

int handle_get(struct soap* s) {
  const std::string path = s->path;
  const std::string base = kServicePath;
  if (path == base + "?wsdl" || path == base + "?WSDL" || path == base + "?singleWsdl") return serve_wsdl(s);
  if (path == "/health") return serve_health(s);
  if (path == "/health/live") return send_text(s, SOAP_FILE, "text/plain; charset=utf-8", "live\n");
  if (path == "/health/ready") return serve_ready(s);
  if (path == "/metrics")
    return send_text(s, SOAP_FILE, "text/plain; version=0.0.4; charset=utf-8", Metrics::global().exposition());
  return 404;
}

}  // namespace

void install_hooks(struct soap* s, WorkerState& state) {
  state.attach(s);
  state.default_parse_header = s->fparsehdr;
  s->fparsehdr = parse_header;
  state.default_parse = s->fparse;
  s->fparse = parse_http;
  s->fpreparerecv = check_body_text;
  s->fget = handle_get;
}

}  // namespace partnerapi::server
