// A ground-truth file for any data set, not only the simulator's: one CSV row per labelled node,
// naming it by Kashf id or by the record's key in the source file.
//
//   id,role                              dataset,schema,key,label
//   E46c6dd98902bf6ba,organiser          wiretap,Person,N12,organiser
//   wiretap.Person.3f2a...,broker        bank,Account,AC-0071,laundering
//
// `id` is a cluster id or an entity id (what `kashf network top --ids` and `kashf search` print);
// dataset/schema/key name a record as ingested (entity id = MakeEntityId(dataset, schema, key)).
// The label column may be called role or label; labels are free text (lower-cased): the role
// names organiser, broker, recruiter, transporter, peripheral, or anything else ("laundering",
// "boss"). A node may carry several labels (one row each). Blank lines and lines starting with #
// are skipped; fields may be double-quoted.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::evaluation {

struct TruthRow {
  std::string id;     // cluster or entity id (computed from dataset/schema/key when given so)
  std::string label;  // lower-case
  std::string shown;  // the row's reference as written, for messages ("wiretap,Person,N12")
  size_t line = 0;    // 1-based line in the file
};

// NotFound when the file cannot be opened; otherwise as ParseTruthCsv, with the path as the name.
Result<std::vector<TruthRow>> LoadTruthFile(const std::string& path);

// The same CSV from memory (an upload); `name` prefixes messages ("truth:3: ..."). InvalidArgument
// naming the line for a bad header, a row with the wrong number of fields or an empty field, and for
// a text with no rows.
Result<std::vector<TruthRow>> ParseTruthCsv(std::string_view text, std::string_view name);

}  // namespace kashf::evaluation
