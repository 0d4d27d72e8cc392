// The operation table: the operations of wsdl/PartnerAPI.wsdl (all 71 of
// PartnerAPI 1.20, in the order of the specification's section 3), each as
// its family declares it. A name no family declares answers with a
// NOT_IMPLEMENTED fault naming the operation, never with a fake success.
#include <algorithm>
#include <stdexcept>

#include "families.h"
#include "partnerapi/ops/wsdl_operations.h"

namespace partnerapi::ops {
namespace {

std::vector<OperationSpec> declared() {
  std::vector<OperationSpec> all;
  for (auto family : {reference_operations, partner_operations, client_operations, its_operations, user_operations,
                        agent_operations, access_email_operations, service_type_operations, contract_operations,
                        service_operations, competence_operations, statistics_operations, chat_operations})
    for (auto& spec : family()) all.push_back(std::move(spec));
  return all;
}

// The WSDL's operations (the specification's, in the order of its section 3),
// each its family's declaration when there is one.
std::vector<OperationSpec> table() {
  auto families = declared();
  std::vector<OperationSpec> out;
  for (const auto& listed : wsdl_operations()) {
    const auto declared_here =
        std::find_if(families.begin(), families.end(), [&](const OperationSpec& d) { return d.name == listed.name; });
    out.push_back(declared_here == families.end() ? not_built(listed.name) : std::move(*declared_here));
  }
  const auto built = std::count_if(out.begin(), out.end(), [](const auto& s) { return s.built(); });
  if (static_cast<std::size_t>(built) != families.size())
    throw std::logic_error("a family declares an operation the WSDL does not list");
  return out;
}

}  // namespace

const std::vector<OperationSpec>& operations() {
  static const std::vector<OperationSpec> kTable = table();
  return kTable;
}

const OperationSpec* find_operation(std::string_view name) {
  for (const auto& op : operations())
    if (op.name == name) return &op;
  return nullptr;
}

}  // namespace partnerapi::ops
