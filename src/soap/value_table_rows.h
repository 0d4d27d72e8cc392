#pragma once
// Between the ValueTable serializer (in the generated code's library) and the
// glue: the rows of a streamed answer are not in the string the serializer
// is given, so it asks the glue to write them. Set by the glue.
#include <string>

struct soap;

namespace partnerapi::soapglue {

// Writes the rows `table` stands in for, if it stands in for a stream's:
// true then, with `*error` gSOAP's outcome; false when `table` holds its rows.
using StreamedRows = bool (*)(struct soap* soap, const std::string* table, int* error);
inline StreamedRows streamed_rows = nullptr;

}  // namespace partnerapi::soapglue
