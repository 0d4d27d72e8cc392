# Warnings and sanitizers as an INTERFACE target applied to our own targets only;
# generated gSOAP code links against it without inheriting the warnings.
add_library(partnerapi_quality INTERFACE)
target_compile_options(partnerapi_quality INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
if(PARTNERAPI_WERROR)
  target_compile_options(partnerapi_quality INTERFACE -Werror)
endif()

if(PARTNERAPI_SANITIZE)
  set(_san "-fsanitize=${PARTNERAPI_SANITIZE}")
  if(PARTNERAPI_SANITIZE STREQUAL "undefined")
    set(_san "${_san};-fno-sanitize-recover=undefined")
  endif()
  add_compile_options(${_san} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${PARTNERAPI_SANITIZE})
endif()
