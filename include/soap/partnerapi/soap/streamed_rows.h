#pragma once
// Between the ValueTable serializer (in the generated code's library) and the
// glue: the rows of a streamed answer are not in the string the serializer is
// given, so it asks whoever owns the gSOAP context — the request's Session,
// reached through soap->user — to write them. A context without one (a
// client's) has its tables written from the string.
#include <string>

struct soap;

namespace partnerapi::soapglue {

class StreamedRows {
 public:
  // Writes the rows `table` stands in for, if it stands in for a stream's:
  // true then, with `*error` gSOAP's outcome; false when `table` holds its rows.
  virtual bool write_streamed_rows(struct soap* soap, const std::string* table, int* error) = 0;

 protected:
  ~StreamedRows() = default;
};

// The owner of `soap`'s context, or nullptr.
StreamedRows* streamed_rows_of(struct soap* soap);

}  // namespace partnerapi::soapglue
