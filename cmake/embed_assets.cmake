# Turns every file under ASSET_DIR into OUTPUT, a C++ source defining
# gatehouse::embedded::admin_assets: (relative path, bytes) pairs, so the server reads no
# template or stylesheet from disk at run time.
file(GLOB_RECURSE files RELATIVE ${ASSET_DIR} ${ASSET_DIR}/templates/* ${ASSET_DIR}/static/*)
list(FILTER files EXCLUDE REGEX "(README\\.md|preview\\.html)$")
list(SORT files)
set(arrays "")
set(entries "")
set(index 0)
foreach(name IN LISTS files)
  file(READ ${ASSET_DIR}/${name} content HEX)
  string(LENGTH "${content}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
  string(APPEND arrays "const unsigned char asset_${index}[] = {${bytes}0x00};\n")
  string(APPEND entries "    {\"${name}\", {reinterpret_cast<const char*>(asset_${index}), ${size}}},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE ${OUTPUT}.tmp
  "#include \"admin/assets.hpp\"\n"
  "namespace gatehouse::admin {\nnamespace {\n${arrays}}  // namespace\n"
  "const std::vector<Asset>& embedded_assets() {\n"
  "  static const std::vector<Asset> assets = {\n${entries}  };\n  return assets;\n}\n"
  "}  // namespace gatehouse::admin\n")
# Rewrite only on change, so an unchanged asset set does not rebuild anything.
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
