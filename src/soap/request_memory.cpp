// Per-request costs of gSOAP's runtime that a document/literal service does
// not need. Measured with callgrind on partner_read, these were more than
// half of the instructions of a whole request (the server's own, not the
// kernel's): gSOAP clears its 4096-entry pointer table (32 KB) and walks its
// 1999-bucket id table at every soap_free_temp(), and walks the id table
// twice more to resolve id/href references after every message.
#include "partnerapi/soap/glue.h"
#include "partnerapi/soap/session.h"

#include <dlfcn.h>

#include <cstring>

namespace partnerapi::soapglue {

void free_request(struct soap* soap) {
  Session::of(soap).end_request();  // a stream gives back its database connection now, not at the next request
  // soap_end() would also run soap_free_temp(): soap_begin_recv() runs it
  // for the next request anyway, and soap_end() when the connection is done.
  soap_destroy(soap);
  soap_dealloc(soap, nullptr);
}

}  // namespace partnerapi::soapglue

namespace {

bool has_ids(const struct soap* soap) {
  // memcmp with an empty table: vectorised, a fraction of gSOAP's pointer walk.
  static const decltype(soap->iht) kEmpty{};
  return std::memcmp(soap->iht, kEmpty, sizeof kEmpty) != 0;
}

using ResolveFn = int (*)(struct soap*);

ResolveFn gsoap_resolve() {
  static const ResolveFn fn = reinterpret_cast<ResolveFn>(::dlsym(RTLD_NEXT, "soap_resolve"));
  return fn;
}

}  // namespace

// libgsoap++ calls soap_resolve() through its PLT at the end of every
// message: this definition, in the executable, is the one it reaches. Our
// requests carry no id/href (document/literal, SOAP_XML_TREE), so the table
// is empty and there is nothing to resolve; when a request did use them,
// gSOAP's own resolution runs as before (tests/client/test_wire.py sends such
// requests). Measured with callgrind on partner_read (2,000 requests after a
// warm-up): 148,800 instructions a request with this, 177,400 without it —
// gSOAP's walk of its 1,999-bucket table is a fifth of a small request.
extern "C" int soap_resolve(struct soap* soap) {
  if (!has_ids(soap)) return SOAP_OK;
  const ResolveFn resolve = gsoap_resolve();
  return resolve ? resolve(soap) : SOAP_OK;
}
