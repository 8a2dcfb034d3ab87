# Writes OUTPUT, a header holding the text of INPUT as
# sopir::testing::NAME (a std::string_view). Run in script mode (-P).
file(READ ${INPUT} text)
file(WRITE ${OUTPUT}.tmp "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.\n#pragma once\n#include <string_view>\n\nnamespace sopir::testing {\n\ninline constexpr std::string_view ${NAME} = R\"sopir_text(${text})sopir_text\";\n\n}\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
