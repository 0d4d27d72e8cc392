#pragma once
// The 1C:ITS rules of the specification: what a valid registration number of
// a 1C product is, and the ITS level of a client (client_ITS_status_For_INN).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace partnerapi::its {

// ITSLevel values of the specification.
enum Level : int {
  kNone = 0,            // no registration number, or an invalid one
  kProf = 1,            // PROF contract
  kTechno = 2,          // TECHNO contract
  kBasic = 3,           // a valid number the registry does not know
  kInternational = 4,   // international ITS
  kOtherInn = 10,       // the number is in the registry, but for another INN
};

// A number from 500000 to 999999999999, or text starting with the prefix ВО
// (Cyrillic, or its Latin look-alike BO) or FR; case-insensitive, blanks at
// the ends ignored.
bool valid_reg_num(std::string_view reg_num);

// One registry row for a registration number; dates in wire form.
struct Contract {
  std::string inn;  // empty: a contract without an INN (international)
  int level = kNone;
  std::string date_from;
  std::string date_to;
  bool in_force = false;  // not expired today (Moscow time)
};

struct Status {
  int level = kNone;
  std::optional<Contract> contract;  // the matching row, if any
};

// The level for `reg_num` and `inn` given the registry rows of that number:
// a row for the INN (or one without an INN) gives its level; rows only for
// other INNs give kOtherInn; no rows give kBasic for a valid number.
Status status(std::string_view reg_num, std::string_view inn, const std::vector<Contract>& rows);

}  // namespace partnerapi::its
