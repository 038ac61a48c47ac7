// Helpers for the firearms tests: a fresh SQLite registry with the default reference data.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "kashf/firearms/firearm_registry.h"
#include "kashf/testing/files.h"

namespace kashf::firearms {

inline std::unique_ptr<FirearmRegistry> FreshRegistry(const std::string& name, std::string* path_out = nullptr) {
  std::string path = testing::FreshTempDir(name) + "/kashf.db";
  if (path_out) *path_out = path;
  auto reg = OpenSqliteFirearmRegistry(path, std::move(FirearmReference::LoadDefault("PK")).value(),
                                       std::move(LifecycleRules::LoadDefault()).value());
  EXPECT_TRUE(reg.ok()) << reg.status().ToString();
  return std::move(reg).value();
}

inline Firearm Pistol(const std::string& serial, const std::string& make = "Glock",
                      const std::string& calibre = "9mm") {
  Firearm f;
  f.serial = serial;
  f.make = make;
  f.model = "17";
  f.type = "pistol";
  f.calibre = calibre;
  f.country_of_manufacture = "at";
  f.place_of_manufacture = "Deutsch-Wagram";
  return f;
}

inline LifecycleEvent Event(int64_t firearm, const std::string& kind, const std::string& date) {
  LifecycleEvent e;
  e.firearm_id = firearm;
  e.kind = kind;
  e.date = date;
  e.agency = "Punjab Police";
  e.place = "Lahore";
  e.district = "Lahore";
  return e;
}

}  // namespace kashf::firearms
