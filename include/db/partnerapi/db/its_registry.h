#pragma once
// The 1C:ITS registry: lookups for the ITS rules and the bulk import ops run
// from the admin command.
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "partnerapi/db/session.h"

#include "partnerapi/its.h"

namespace partnerapi::db {

// The registry rows of one registration number (blanks at the ends ignored).
std::vector<its::Contract> its_contracts(Session& db, const std::string& reg_num);

struct ItsImport {
  bool replace = false;  // drop the rows the file does not hold
  // Called after each chunk with the bytes sent so far.
  std::function<void(std::uint64_t)> progress;
};
struct ItsImportResult {
  std::uint64_t rows_in_file = 0;
  std::uint64_t rows_stored = 0;  // distinct (reg_num, inn); the last line wins
};

// Streams CSV (header `reg_num,inn,level,date_from,date_to`; an empty
// date_to is open-ended) into the registry with COPY, in one transaction:
// a bad line rolls everything back and the error names it.
ItsImportResult import_its_registry(const std::string& conninfo, std::istream& csv, const ItsImport& options);

}  // namespace partnerapi::db
