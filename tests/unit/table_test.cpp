#include <gtest/gtest.h>

#include "partnerapi/password.h"
#include "partnerapi/table.h"
#include "server/config.h"
#include "server/wsdl_document.h"

using namespace partnerapi;

namespace {
const TableShape kShape({{"id", ColumnType::String, 36},
                         {"flag", ColumnType::Boolean, 0, false},
                         {"n", ColumnType::Decimal},
                         {"at", ColumnType::DateTime},
                         {"day", ColumnType::Date}},
                        {"id"});
}  // namespace

TEST(ValueTableWriter, ColumnsIndexAndTypedPositionalValues) {
  Table t(kShape);
  t.add({cell(std::string("a")), cell(true), cell(7LL), cell(std::string("2024-01-02T03:04:05")), nil()});
  const std::string xml = write_value_table(t);
  EXPECT_EQ(xml.find("<column><Name>id</Name><ValueType><Type>xs:string</Type><Type>Null</Type>"
                     "<StringQualifiers><Length>36</Length><AllowedLength>Variable</AllowedLength>"
                     "</StringQualifiers></ValueType></column>"),
            0u);
  EXPECT_NE(xml.find("<column><Name>flag</Name><ValueType><Type>xs:boolean</Type></ValueType></column>"),
            std::string::npos);
  EXPECT_NE(xml.find("<DateFractions>Date</DateFractions>"), std::string::npos);
  EXPECT_NE(xml.find("<DateFractions>DateTime</DateFractions>"), std::string::npos);
  EXPECT_NE(xml.find("<index><column>id</column></index><row>"), std::string::npos);
  EXPECT_NE(xml.find("<row><Value xsi:type=\"xs:string\">a</Value><Value xsi:type=\"xs:boolean\">true</Value>"
                     "<Value xsi:type=\"xs:decimal\">7</Value><Value xsi:type=\"xs:dateTime\">2024-01-02T03:04:05</Value>"
                     "<Value xsi:nil=\"true\"/></row>"),
            std::string::npos);
}

TEST(ValueTableWriter, EmptyResultHasColumnsAndIndexOnly) {
  const std::string xml = write_value_table(Table(kShape));
  EXPECT_EQ(xml.find("<row>"), std::string::npos);
  EXPECT_NE(xml.find("<index>"), std::string::npos);
}

TEST(ValueTableWriter, EscapesMarkupAndDropsControlCharacters) {
  const TableShape shape({{"v", ColumnType::String}}, {"v"});
  Table t(shape);
  t.add({cell(std::string("a<b>&c\r\n\td\x01\x1f«ё»"))});
  EXPECT_NE(write_value_table(t).find(">a&lt;b&gt;&amp;c&#xD;\n\td«ё»</Value>"), std::string::npos);
}

TEST(ValueTableWriter, RowOfWrongWidthIsAProgrammingError) {
  Table t(kShape);
  EXPECT_THROW(t.add({cell(std::string("a"))}), std::logic_error);
}

TEST(Table, KeepsEmptyTextApartFromNilAndDropsAHalfPushedRow) {
  const TableShape shape({{"a", ColumnType::String}, {"b", ColumnType::String}}, {"a"});
  Table t(shape);
  t.push("");
  t.push_nil();
  t.end_row();
  t.push("x");
  EXPECT_THROW(t.end_row(), std::logic_error);  // one cell of two: not kept
  t.add({cell(std::string("ё")), cell(std::string("z"))});
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t.at(0, 0), std::optional<std::string>(""));
  EXPECT_EQ(t.at(0, 1), std::nullopt);
  EXPECT_EQ(t.at(1, 0), std::optional<std::string>("ё"));
  EXPECT_EQ(t.at(1, 1), std::optional<std::string>("z"));
  EXPECT_THROW(t.at(2, 0), std::out_of_range);
  EXPECT_NE(write_value_table(t).find("<row><Value xsi:type=\"xs:string\"></Value><Value xsi:nil=\"true\"/></row>"),
            std::string::npos);
}

TEST(Password, HashVerifiesOnlyTheRightPassword) {
  const auto h = password::hash("s3cret", 1000);
  EXPECT_EQ(h.rfind("pbkdf2-sha256$1000$", 0), 0u);
  EXPECT_TRUE(password::verify("s3cret", h));
  EXPECT_FALSE(password::verify("s3cret ", h));
  EXPECT_FALSE(password::verify("s3cret", "pbkdf2-sha256$x$00$00"));
  EXPECT_NE(password::hash("s3cret", 1000), h);  // salted
}

TEST(Password, Sha256HexIsTheStandardDigest) {
  EXPECT_EQ(password::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(password::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(WsdlDocument, AddressFollowsTheClientOrTheProxyOrTheConfig) {
  using server::endpoint_url;
  EXPECT_EQ(endpoint_url({"", "", "", "api.example:8080", "127.0.0.1:1"}), "http://api.example:8080/cus/ws/PartnerAPI");
  EXPECT_EQ(endpoint_url({"", "https", "partners.example", "127.0.0.1:8080", "x"}),
            "https://partners.example/cus/ws/PartnerAPI");
  EXPECT_EQ(endpoint_url({"https://fixed.example/cus/ws/PartnerAPI", "http", "other", "h", "x"}),
            "https://fixed.example/cus/ws/PartnerAPI");
  EXPECT_EQ(endpoint_url({"", "", "", "evil\"><x", "127.0.0.1:8080"}), "http://127.0.0.1:8080/cus/ws/PartnerAPI");
  const auto doc = server::wsdl_for("https://partners.example/cus/ws/PartnerAPI");
  EXPECT_EQ(doc.find("localhost:8080"), std::string::npos);
  EXPECT_NE(doc.find("location=\"https://partners.example/cus/ws/PartnerAPI\""), std::string::npos);
}

TEST(Config, ListenParsing) {
  server::Config c;
  server::set_listen(c, "0.0.0.0:9090");
  EXPECT_EQ(c.listen_host, "0.0.0.0");
  EXPECT_EQ(c.listen_port, 9090);
  EXPECT_THROW(server::set_listen(c, "nohost"), std::runtime_error);
  EXPECT_THROW(server::set_listen(c, "h:70000"), std::runtime_error);
}
