#include "kashf/learning/node_labels.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::learning {
namespace {

struct AuditRow {
  std::string action, subject, detail;
};

// A store with two people resolved into one cluster, a third person, and a recorded victim; every
// label change's audit entry is collected, and the log can be made to fail.
class NodeLabelsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto m = Model::LoadDefault();
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    model_ = std::move(*m);
    auto s = OpenSqliteStore(kashf::testing::FreshTempDir("node-labels") + "/k.db", model_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    const std::string inv = MakeEntityId("fia", "Involvement", "i1");
    std::vector<Statement> batch = {{asif1_, "Person", "name", "Muhammad Asif", "fir", "a.csv:2", 1},
                                    {asif2_, "Person", "name", "Mohd Asif", "fia", "b.csv:2", 1},
                                    {bilal_, "Person", "name", "Bilal Khan", "fir", "a.csv:3", 1},
                                    {victim_, "Person", "name", "Private Name", "fia", "b.csv:3", 1},
                                    {inv, "Involvement", "party", victim_, "fia", "b.csv:4", 1},
                                    {inv, "Involvement", "role", "victim", "fia", "b.csv:4", 1}};
    ASSERT_TRUE(store_->Begin().ok());
    ASSERT_TRUE(store_->PutStatements(batch).ok());
    ASSERT_TRUE(store_->PutClusters({{asif1_, "E-asif"}, {asif2_, "E-asif"}}).ok());
    ASSERT_TRUE(store_->Commit().ok());
  }
  LabelAuditFn Audit() {
    return [this](const std::string& action, const std::string& subject, const std::string& detail) {
      if (audit_fails_) return Status::IoError("the audit log cannot be written");
      audited_.push_back({action, subject, detail});
      return Status::Ok();
    };
  }
  Model model_;
  std::unique_ptr<Store> store_;
  const std::string asif1_ = MakeEntityId("fir", "Person", "asif1"), asif2_ = MakeEntityId("fia", "Person", "asif2");
  const std::string bilal_ = MakeEntityId("fir", "Person", "bilal"), victim_ = MakeEntityId("fia", "Person", "v1");
  std::vector<AuditRow> audited_;
  bool audit_fails_ = false;
};

TEST_F(NodeLabelsTest, AddAndRemoveAreStoredAndAuditedWithWhoWhatAndWhy) {
  auto added = ChangeNodeLabel(*store_, {"E-asif", " Organiser ", "ayesha", "named by an informant", false}, Audit());
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->label, "organiser");
  EXPECT_EQ(added->user, "ayesha");
  EXPECT_GT(added->at, 0);
  ASSERT_TRUE(ChangeNodeLabel(*store_, {bilal_, "courier", "ayesha", "", false}, Audit()).ok());
  auto labels = store_->NodeLabels();
  ASSERT_TRUE(labels.ok());
  ASSERT_EQ(labels->size(), 2u);
  EXPECT_EQ((*labels)[0].node_id, "E-asif");
  EXPECT_EQ((*labels)[0].note, "named by an informant");
  ASSERT_EQ(audited_.size(), 2u);
  EXPECT_EQ(audited_[0].action, "network.label.add");
  EXPECT_EQ(audited_[0].subject, "E-asif");
  EXPECT_EQ(audited_[0].detail, "label=organiser reason=named by an informant");

  auto removed = ChangeNodeLabel(*store_, {"E-asif", "organiser", "bilqis", "informant retracted", true}, Audit());
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(removed->user, "ayesha") << "the label removed, as it was";
  ASSERT_EQ(audited_.size(), 3u);
  EXPECT_EQ(audited_[2].action, "network.label.remove");
  EXPECT_EQ(audited_[2].detail, "label=organiser reason=informant retracted");
  EXPECT_EQ(store_->NodeLabels()->size(), 1u);
}

TEST_F(NodeLabelsTest, BadInputsAreRefusedUnauditedWithClearMessages) {
  auto unknown = ChangeNodeLabel(*store_, {"E-nobody", "organiser", "u", "", false}, Audit());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("no node 'E-nobody'"), std::string::npos);
  for (const char* bad : {"", "two words", "organiser,broker", "a-very-long-label-that-goes-on-and-on-and-on"}) {
    auto r = ChangeNodeLabel(*store_, {bilal_, bad, "u", "", false}, Audit());
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(r.status().message().find("use one word"), std::string::npos) << r.status().message();
  }
  auto not_there = ChangeNodeLabel(*store_, {bilal_, "broker", "u", "", true}, Audit());
  ASSERT_FALSE(not_there.ok());
  EXPECT_EQ(not_there.status().code(), StatusCode::kNotFound);
  EXPECT_NE(not_there.status().message().find("has no label 'broker'"), std::string::npos);
  auto long_reason = ChangeNodeLabel(*store_, {bilal_, "broker", "u", std::string(2001, 'x'), false}, Audit());
  EXPECT_EQ(long_reason.status().code(), StatusCode::kInvalidArgument);
  // A recorded victim is never labelled; the message names no one.
  auto victim = ChangeNodeLabel(*store_, {victim_, "courier", "u", "", false}, Audit());
  ASSERT_FALSE(victim.ok());
  EXPECT_EQ(victim.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(victim.status().message().find("Private"), std::string::npos);
  EXPECT_TRUE(audited_.empty());
  EXPECT_TRUE(store_->NodeLabels()->empty());
}

// Fail closed: a change whose audit entry cannot be written does not happen.
TEST_F(NodeLabelsTest, NoAuditNoChange) {
  audit_fails_ = true;
  auto r = ChangeNodeLabel(*store_, {bilal_, "courier", "u", "", false}, Audit());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
  EXPECT_TRUE(store_->NodeLabels()->empty());
  audit_fails_ = false;
  ASSERT_TRUE(ChangeNodeLabel(*store_, {bilal_, "courier", "u", "", false}, Audit()).ok());
  audit_fails_ = true;
  EXPECT_FALSE(ChangeNodeLabel(*store_, {bilal_, "courier", "u", "", true}, Audit()).ok());
  EXPECT_EQ(store_->NodeLabels()->size(), 1u);
}

}  // namespace
}  // namespace kashf::learning
