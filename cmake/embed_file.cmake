# Turns INPUT (a file) into OUTPUT, a C++ source defining the bytes as
# gatehouse::embedded::common_passwords_gz and its size.
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT}
  "#include <cstddef>\n"
  "namespace gatehouse::embedded {\n"
  "extern const unsigned char common_passwords_gz[] = {${bytes}};\n"
  "extern const std::size_t common_passwords_gz_size = ${size};\n"
  "}\n")
