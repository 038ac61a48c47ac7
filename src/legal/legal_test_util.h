// Helpers for the legal-layer tests: the shipped framework (data/reference/legal) and assessments.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "kashf/core/paths.h"
#include "kashf/legal/framework.h"

namespace kashf::legal {

inline const LegalFramework& ShippedFramework() {
  static const LegalFramework f = [] {
    auto r = LoadLegalFramework(SourceDir() + "/data/reference/legal");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : LegalFramework{};
  }();
  return f;
}

inline Assessment MakeAssessment(const std::string& requirement, const std::string& jurisdiction, Compliance status,
                                 const std::string& on = "2025-06-01") {
  Assessment a;
  a.requirement = requirement;
  a.jurisdiction = jurisdiction;
  const Catalogue* c = ShippedFramework().CatalogueOf(requirement);
  a.catalogue_version = c ? c->version : "";
  a.status = status;
  a.assessed_on = on;
  a.justification = "synthetic test justification";
  return a;
}

}  // namespace kashf::legal
