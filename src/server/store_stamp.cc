#include "store_stamp.h"

namespace kashf::server {

std::string StoreContentStamp::Read(const std::string& db_path, const Model& model) {
  if (!store_) {
    StoreOptions options;
    options.create_if_missing = false;
    options.read_only = true;
    auto opened = OpenSqliteStore(db_path, model, options);
    if (!opened.ok()) return "unreadable";
    store_ = std::move(*opened);
  }
  auto version = store_->ContentVersion();
  return version.ok() ? *version : "unreadable";
}

}  // namespace kashf::server
