#pragma once
// The operations of wsdl/PartnerAPI.wsdl as data, generated from it
// (wsdl/generate.py): the operation table follows them, and the suite checks
// every declaration against them.
#include <string_view>
#include <vector>

namespace partnerapi {

struct WsdlOperand {
  std::string_view name;
  std::string_view type;  // xs:string, xs:boolean, xs:int, xs:dateTime
};

struct WsdlOperation {
  std::string_view name;
  std::string_view result;  // table, boolean or binary
  std::vector<WsdlOperand> operands;
};

const std::vector<WsdlOperation>& wsdl_operations();

}  // namespace partnerapi
