#pragma once
// The declarations of each object family, one function per family file; the
// operation table (operations.cpp) puts them in the specification's order.
#include <vector>

#include "partnerapi/ops/declaration.h"

namespace partnerapi::ops {

std::vector<OperationSpec> reference_operations();  // reference_ops.cpp: dictionaries
std::vector<OperationSpec> partner_operations();    // partner_ops.cpp: the current partner
std::vector<OperationSpec> client_operations();     // client_ops.cpp: clients
std::vector<OperationSpec> its_operations();        // its_ops.cpp: the 1C:ITS registry
std::vector<OperationSpec> user_operations();       // user_ops.cpp: partner users and client users
std::vector<OperationSpec> agent_operations();      // agent_ops.cpp: partner agents and user agents
std::vector<OperationSpec> access_email_operations();  // access_email_ops.cpp: the access notice
std::vector<OperationSpec> service_type_operations();  // service_type_ops.cpp: support lines, vendor partners
std::vector<OperationSpec> contract_operations();   // contract_ops.cpp: contracts and their permissions
std::vector<OperationSpec> service_operations();    // service_ops.cpp: subscriptions
std::vector<OperationSpec> competence_operations();  // competence_ops.cpp: agents' competences
std::vector<OperationSpec> statistics_operations();  // statistics_ops.cpp: calls, remote access, SIP calls
std::vector<OperationSpec> chat_operations();        // chat_ops.cpp: chat transcripts

}  // namespace partnerapi::ops
