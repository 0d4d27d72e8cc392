// The custom gSOAP serializer of core:ValueTable. The `return` element binds
// the core namespace as default and xs/xsi, as 1C does, so the QNames in
// <Type> and xsi:type resolve wherever a reader extracts the table.
#include <soapH.h>

#include "partnerapi/soap/streamed_rows.h"

namespace {
constexpr const char* kCoreNs = "http://v8.1c.ru/8.1/data/core";
constexpr const char* kXsNs = "http://www.w3.org/2001/XMLSchema";
constexpr const char* kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";
}  // namespace

namespace partnerapi::soapglue {

// soap->user holds the Session as its StreamedRows (Session::attach()).
StreamedRows* streamed_rows_of(struct soap* soap) { return static_cast<StreamedRows*>(soap->user); }

}  // namespace partnerapi::soapglue

int soap_out_core__ValueTable(struct soap* soap, const char* tag, int id, const std::string* a, const char*) {
  if (soap_set_attr(soap, "xmlns", kCoreNs, 1) || soap_set_attr(soap, "xmlns:xs", kXsNs, 1) ||
      soap_set_attr(soap, "xmlns:xsi", kXsiNs, 1) || soap_element_begin_out(soap, tag, id, nullptr))
    return soap->error;
  auto* owner = partnerapi::soapglue::streamed_rows_of(soap);
  if (int error = SOAP_OK; owner && owner->write_streamed_rows(soap, a, &error)) {
    if (error) return error;
  } else if (soap_send_raw(soap, a->data(), a->size())) {
    return soap->error;
  }
  return soap_element_end_out(soap, tag);
}

// Only the test client reads tables back; the server never parses one.
std::string* soap_in_core__ValueTable(struct soap* soap, const char* tag, std::string* a, const char*) {
  char* xml = nullptr;
  if (!soap_inliteral(soap, tag, &xml)) return nullptr;
  if (!a) a = soap_new_std__string(soap);
  if (a) a->assign(xml ? xml : "");
  return a;
}
