# Embeds text files (migrations, demo data, the WSDL) into the binary, so a
# deployed server needs nothing beside itself.
function(partnerapi_embed out_var)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_files.cpp")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DFILES="${ARGN}" -DROOT=${PROJECT_SOURCE_DIR}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    COMMENT "Embedding SQL and WSDL")
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()
