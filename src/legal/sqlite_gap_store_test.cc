#include <gtest/gtest.h>

#include "kashf/audit/audit_log.h"
#include "kashf/legal/gap_store.h"
#include "kashf/testing/files.h"
#include "legal_test_util.h"

namespace kashf::legal {
namespace {

using auth::Role;

class GapStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::FreshTempDir("gap-store") + "/kashf.db";
    auto s = OpenSqliteGapStore(path_, ShippedFramework());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  std::vector<std::string> AuditActions() {
    auto log = audit::OpenSqliteAuditLog(path_);
    auto entries = (*log)->List(0, 1000);
    std::vector<std::string> out;
    if (!entries.ok()) return out;
    for (const auto& e : *entries) out.push_back(e.action + " " + e.subject + " " + e.actor);
    return out;
  }

  std::string path_;
  std::unique_ptr<GapStore> store_;
  GapActor assessor_{"amna", "unodc", Role::kAssessor};
  GapActor reviewer_{"bilal", "mofa", Role::kReviewer};
  GapActor cso_{"sadia", "ngo", Role::kCivilSociety};
};

TEST_F(GapStoreTest, EveryChangeIsANewVersionAndADiffShowsWhatChanged) {
  ASSERT_TRUE(store_->Save(assessor_, {MakeAssessment("FP-08a", "pk-pb", Compliance::kNotMet, "2025-03-01")}).ok());
  Assessment later = MakeAssessment("FP-08a", "pk-pb", Compliance::kPartlyMet, "2026-03-01");
  later.provisions = {{"pk-pb-arms-rules-2023", "10"}};
  auto stored = store_->Save(assessor_, {later, MakeAssessment("FP-07a", "pk-pb", Compliance::kMet, "2026-03-01")});
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ((*stored)[0].version, 2);
  EXPECT_EQ((*stored)[0].assessed_by, "amna");
  // Saving the same content again stores nothing.
  EXPECT_TRUE(store_->Save(assessor_, {later})->empty());

  auto history = store_->History("FP-08a", "pk-pb");
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].status, Compliance::kNotMet);

  auto last_year = store_->Latest("2025-12-31");
  auto now = store_->Latest("");
  ASSERT_EQ(last_year->size(), 1u);
  ASSERT_EQ(now->size(), 2u);
  auto changes = DiffAssessments(*last_year, *now);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].requirement, "FP-07a");
  EXPECT_EQ(changes[0].before, Compliance::kNotAssessed);
  EXPECT_EQ(changes[1].before, Compliance::kNotMet);
  EXPECT_EQ(changes[1].after, Compliance::kPartlyMet);
  EXPECT_EQ(changes[1].after_provisions, "pk-pb-arms-rules-2023 s.10");
}

// A workshop import reads the store, then saves: an edit saved by someone else in between is a
// conflict (nothing stored), not overwritten.
TEST_F(GapStoreTest, AnEditFromAVersionNoLongerCurrentStoresNothing) {
  Assessment first = MakeAssessment("FP-08a", "pk-pb", Compliance::kNotMet, "2025-03-01");
  first.based_on = 0;  // made when the cell was not yet assessed
  ASSERT_TRUE(store_->Save(assessor_, {first}).ok());
  Assessment theirs = MakeAssessment("FP-08a", "pk-pb", Compliance::kMet, "2025-04-01");
  theirs.based_on = 1;
  Assessment someone_else = MakeAssessment("FP-08a", "pk-pb", Compliance::kPartlyMet, "2025-04-01");
  ASSERT_TRUE(store_->Save(assessor_, {someone_else}).ok());  // version 2 saved in between
  Assessment other_cell = MakeAssessment("FP-07a", "pk-pb", Compliance::kMet, "2025-04-01");
  auto late = store_->Save(assessor_, {other_cell, theirs});
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(late.status().message().find("version 2 was saved since"), std::string::npos);
  EXPECT_EQ(store_->History("FP-08a", "pk-pb")->back().status, Compliance::kPartlyMet);
  EXPECT_TRUE(store_->History("FP-07a", "pk-pb")->empty());  // all or none
  theirs.based_on = 2;
  EXPECT_TRUE(store_->Save(assessor_, {theirs}).ok());
}

TEST_F(GapStoreTest, RolesSplitEditingApprovalAndCommentAndAllIsAudited) {
  Assessment a = MakeAssessment("TIP-06f", "pk", Compliance::kPartlyMet);
  EXPECT_EQ(store_->Save(cso_, {a}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(store_->Save(reviewer_, {a}).status().code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(store_->Save(assessor_, {a}).ok());
  EXPECT_EQ(store_->Review(assessor_, "TIP-06f", "pk", 1, "2025-06-02").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(store_->Review(reviewer_, "TIP-06f", "pk", 2, "2025-06-02").code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->Review(reviewer_, "TIP-06f", "pk", 1, "2025-06-02").ok());
  EXPECT_EQ(store_->History("TIP-06f", "pk")->back().reviewed_by, "bilal");
  ASSERT_TRUE(
      store_->AddComment(cso_, {"TIP-06f", "pk", "", "", "2025-06-03", "shelters exist only in two districts"}).ok());
  EXPECT_EQ(store_->AddComment(cso_, {"TIP-99", "pk", "", "", "2025-06-03", "x"}).code(), StatusCode::kNotFound);
  auto comments = store_->Comments("TIP-06f", "pk");
  ASSERT_EQ(comments->size(), 1u);
  EXPECT_EQ((*comments)[0].author, "sadia");
  EXPECT_EQ((*comments)[0].role, "cso");
  // A new version needs a new review.
  Assessment changed = a;
  changed.status = Compliance::kMet;
  ASSERT_TRUE(store_->Save(assessor_, {changed}).ok());
  EXPECT_TRUE(store_->History("TIP-06f", "pk")->back().reviewed_by.empty());
  EXPECT_EQ(AuditActions(), (std::vector<std::string>{"gaps.assess TIP-06f@pk amna", "gaps.review TIP-06f@pk bilal",
                                                      "gaps.comment TIP-06f@pk sadia", "gaps.assess TIP-06f@pk amna"}));
}

TEST_F(GapStoreTest, AReviewerCannotApproveTheirOwnAssessment) {
  GapActor both{"amna", "unodc", Role::kReviewer};
  ASSERT_TRUE(store_->Save(assessor_, {MakeAssessment("FP-05a", "pk", Compliance::kMet)}).ok());
  EXPECT_EQ(store_->Review(both, "FP-05a", "pk", 1, "2025-06-02").code(), StatusCode::kFailedPrecondition);
}

TEST_F(GapStoreTest, ABatchWithOneInvalidAssessmentStoresNothing) {
  Assessment bad = MakeAssessment("FP-05a", "pk", Compliance::kMet);
  bad.catalogue_version = "2019.1";
  auto r = store_->Save(assessor_, {MakeAssessment("FP-05b", "pk", Compliance::kMet), bad});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("catalogue_version"), std::string::npos);
  EXPECT_TRUE(store_->Latest("")->empty());
}

}  // namespace
}  // namespace kashf::legal
