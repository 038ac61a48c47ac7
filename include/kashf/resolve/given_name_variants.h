// Given-name variant table: which given names are nicknames, diminutives or spellings of one
// another (Ed ~ Edward, Bob ~ Robert, Peggy ~ Margaret, Mohd ~ Muhammad), loaded from data files so
// that another language is another file, not code.
// Two file formats, told apart by their header line ('#' lines are comments):
//   "name<TAB>variants"     one star per line: the head name and each comma-separated variant are
//                           variants of each other; two variants of one line are not (a nickname
//                           shared by two names must not join the names): given-name-variants*.tsv.
//   "canonical<TAB>variant" one pair per line; all spellings of one canonical are mutual variants
//                           (name-variants.tsv, the South Asian spelling table).
// Tokens are compared after ASCII lower-casing and trimming; other bytes are compared as given
// (pass canonical tokens from NameNormaliser).
// Thread safety: immutable after Load; const methods are safe from several threads.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::resolve {

class GivenNameVariants {
 public:
  // Loads the files in order. Errors name the file (and line) that could not be read.
  static Result<GivenNameVariants> Load(const std::vector<std::string>& files);
  // name-variants.tsv and every given-name-variants*.tsv (sorted by name) in `reference_dir`.
  static Result<GivenNameVariants> LoadDirectory(const std::string& reference_dir);
  static Result<GivenNameVariants> LoadDefault();  // LoadDirectory(DataPath("data/reference"))

  // True when a == b, or one heads a star line listing the other, or both are spellings of one
  // canonical. Symmetric.
  bool AreVariants(std::string_view a, std::string_view b) const;

  // Ids of the groups (lines, or canonicals) that list `token`, sorted; empty for an unknown name.
  // For blocking keys: variants always share a group, but two names sharing a group need not be
  // variants (William and Robert share "bill"), so compare with AreVariants afterwards.
  std::vector<uint32_t> GroupsOf(std::string_view token) const;

  size_t group_count() const { return group_mutual_.size(); }

 private:
  struct Name {
    std::vector<uint32_t> groups;  // every group listing the name, sorted
    std::vector<uint32_t> heads;   // star groups the name heads, sorted
  };
  const Name* Find(std::string_view token) const;
  void AddToGroup(uint32_t group, const std::string& token, bool head);

  std::unordered_map<std::string, Name> names_;
  std::vector<bool> group_mutual_;  // true: all members are mutual variants (spelling table)
};

}  // namespace kashf::resolve
