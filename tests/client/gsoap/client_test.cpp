// Calls the running server (PARTNERAPI_TEST_URL) through a client that gSOAP
// generated from wsdl/PartnerAPI.wsdl.
#include <gtest/gtest.h>
#include <soapPartnerAPISoapBindingProxy.h>

#include <cstdlib>
#include <string>

#include "PartnerAPISoapBinding.nsmap"

namespace {

std::string url() {
  const char* v = std::getenv("PARTNERAPI_TEST_URL");
  return v ? v : "http://127.0.0.1:8080/cus/ws/PartnerAPI";
}

struct Client {
  PartnerAPISoapBindingProxy proxy{SOAP_C_UTFSTRING};
  explicit Client(const char* login = "demo", const char* password = "demo") : login_(login), password_(password) {
    endpoint = url();
    proxy.soap_endpoint = endpoint.c_str();
    auth();
  }
  // gSOAP forgets the credentials after each call: give them before each.
  PartnerAPISoapBindingProxy& auth() {
    proxy.soap->userid = login_;
    proxy.soap->passwd = password_;
    return proxy;
  }
  std::string endpoint;

 private:
  const char* login_;
  const char* password_;
};

// The text of a literal <Value> as gSOAP hands it back.
std::string text_of(const char* literal) {
  std::string s = literal ? literal : "";
  const auto open = s.find('>');
  const auto close = s.rfind("</");
  if (s.rfind("<", 0) == 0 && open != std::string::npos && close != std::string::npos && close > open)
    return s.substr(open + 1, close - open - 1);
  return s;
}

}  // namespace

TEST(GsoapClient, RegionReadReturnsATableWithTheSpecifiedColumns) {
  Client c;
  _pa__region_USCOREread req;
  _pa__region_USCOREreadResponse resp;
  ASSERT_EQ(c.proxy.region_USCOREread(&req, resp), SOAP_OK) << c.proxy.soap_fault_string();
  ASSERT_NE(resp.return_, nullptr);
  ASSERT_EQ(resp.return_->column.size(), 3u);
  EXPECT_EQ(*resp.return_->column[0]->Name, "region_id");
  EXPECT_EQ(*resp.return_->column[1]->Name, "region_name");
  EXPECT_EQ(*resp.return_->column[2]->Name, "region_time_zone");
  ASSERT_EQ(resp.return_->index.size(), 1u);
  EXPECT_EQ(resp.return_->index[0]->column.at(0), "region_id");
  EXPECT_GE(resp.return_->row.size(), 50u);
  bool moscow = false;
  for (const auto* row : resp.return_->row) {
    ASSERT_EQ(row->Value.size(), 3u);
    moscow = moscow || text_of(row->Value[1]) == "Москва";
  }
  EXPECT_TRUE(moscow);
}

TEST(GsoapClient, PartnerReadAndPayMethods) {
  Client c;
  _pa__partner_USCOREread req;
  _pa__partner_USCOREreadResponse resp;
  ASSERT_EQ(c.proxy.partner_USCOREread(&req, resp), SOAP_OK) << c.proxy.soap_fault_string();
  ASSERT_EQ(resp.return_->row.size(), 1u);
  EXPECT_EQ(text_of(resp.return_->row[0]->Value[1]), "ООО «Демо Партнер»");

  _pa__pay_USCOREmethod_USCOREtype_USCOREread preq;
  _pa__pay_USCOREmethod_USCOREtype_USCOREreadResponse presp;
  ASSERT_EQ(c.auth().pay_USCOREmethod_USCOREtype_USCOREread(&preq, presp), SOAP_OK);
  ASSERT_EQ(presp.return_->row.size(), 5u);
  EXPECT_EQ(text_of(presp.return_->row[2]->Value[0]), "2");
}

TEST(GsoapClient, FaultCarriesItsCode) {
  Client c;
  _pa__partner_USCOREread req;
  std::string bad = "not-a-uuid";
  req.partner_USCOREid = &bad;
  _pa__partner_USCOREreadResponse resp;
  ASSERT_EQ(c.proxy.partner_USCOREread(&req, resp), SOAP_CLI_FAULT);  // a Client fault
  const char* detail = c.proxy.soap_fault_detail();
  ASSERT_NE(detail, nullptr);
  EXPECT_NE(std::string(detail).find("INVALID_ID"), std::string::npos);
  EXPECT_NE(std::string(c.proxy.soap_fault_string()).find("partner_id"), std::string::npos);
}

TEST(GsoapClient, WrongPasswordIs401) {
  Client c("demo", "wrong");
  _pa__partner_USCOREread req;
  _pa__partner_USCOREreadResponse resp;
  EXPECT_EQ(c.proxy.partner_USCOREread(&req, resp), 401);
}
