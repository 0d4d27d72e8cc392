// Imported by soapcpp2 (wsdl/typemap.dat): core:ValueTable is a string of XML
// written by the Table writer and sent verbatim by value_table_serializer.cpp.
extern typedef std::string core__ValueTable;
