#include "kashf/testing/zip_parts.h"

#include <gtest/gtest.h>
#include <zip.h>

namespace kashf::testing {

std::string ReadZipPart(const std::string& path, const std::string& entry) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  EXPECT_NE(z, nullptr) << path << " is not a zip (libzip error " << err << ")";
  if (!z) return "";
  std::string out;
  zip_stat_t st;
  zip_file_t* f = zip_stat(z, entry.c_str(), 0, &st) == 0 ? zip_fopen(z, entry.c_str(), 0) : nullptr;
  EXPECT_NE(f, nullptr) << path << " has no part " << entry;
  if (f) {
    out.resize(st.size);
    EXPECT_EQ(zip_fread(f, out.data(), st.size), static_cast<zip_int64_t>(st.size));
    zip_fclose(f);
  }
  zip_discard(z);
  return out;
}

void WriteZipParts(const std::string& path, const std::vector<std::pair<std::string, std::string>>& parts) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE, &err);
  ASSERT_NE(z, nullptr) << path << ": libzip error " << err;
  for (const auto& [name, body] : parts) {
    zip_source_t* src = zip_source_buffer(z, body.data(), body.size(), 0);
    ASSERT_NE(src, nullptr);
    EXPECT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8), 0) << zip_strerror(z);
  }
  EXPECT_EQ(zip_close(z), 0) << path;  // compresses and writes while the buffers are alive
}

}  // namespace kashf::testing
