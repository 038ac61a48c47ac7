// Grading of a statement: how reliable its source is, how accurate the information, and how it
// may be handled (shared). The codes and their meanings are data (data/reference/grading-europol.yaml,
// the Europol 4x4 evaluation with handling codes H0-H3; docs/sharing.md says why this scheme).
// Thread safety: GradingScheme is immutable after loading; safe to share across threads.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"

namespace kashf {

// The three codes one statement carries; "" = not graded on that axis.
struct Grading {
  std::string source;       // source evaluation, e.g. "B"
  std::string information;  // information (intelligence) assessment, e.g. "2"
  std::string handling;     // handling code, e.g. "H1"

  bool empty() const { return source.empty() && information.empty() && handling.empty(); }
  bool operator==(const Grading&) const = default;
  // "B2 H1", "X4", "H0", or "" when ungraded: the compact form `show` prints.
  std::string Compact() const;
};

struct GradingCode {
  std::string code;
  std::string meaning;
  // Handling codes only: may a value with this code leave the installation, and for which
  // purposes (empty = every purpose of the scheme).
  bool shareable = false;
  std::vector<std::string> purposes;
};

struct SharingPurpose {
  std::string id;
  std::string meaning;
};

class GradingScheme {
 public:
  // data/reference/grading-europol.yaml under KashfHome().
  static Result<GradingScheme> LoadDefault();
  static Result<GradingScheme> LoadFile(const std::string& path);
  // InvalidArgument naming `origin` and the entry for a malformed scheme (duplicate code, a
  // handling code naming an unknown purpose, ungraded_handling not among the handling codes).
  static Result<GradingScheme> LoadYaml(const std::string& text, const std::string& origin);

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  const std::vector<GradingCode>& source_codes() const { return source_; }
  const std::vector<GradingCode>& information_codes() const { return information_; }
  const std::vector<GradingCode>& handling_codes() const { return handling_; }
  const std::vector<SharingPurpose>& purposes() const { return purposes_; }
  // The handling code an ungraded value is treated as (the scheme's ungraded_handling).
  const GradingCode& ungraded_handling() const;

  // Codes are compared case-insensitively and returned in the scheme's spelling; nullptr if unknown.
  const GradingCode* FindSource(std::string_view code) const;
  const GradingCode* FindInformation(std::string_view code) const;
  const GradingCode* FindHandling(std::string_view code) const;
  const SharingPurpose* FindPurpose(std::string_view id) const;

  // `g` with every code in the scheme's spelling; InvalidArgument naming the axis and listing the
  // valid codes when one is not in the scheme. `where` prefixes the message (e.g. "--handling").
  Result<Grading> Canonical(const Grading& g, std::string_view where = "") const;

  // Whether a value graded `g` may be shared for `purpose` under its handling code (the scheme's
  // ungraded_handling when it has none). *reason (if given) says why not, or which code allowed it.
  bool PermitsSharing(const Grading& g, std::string_view purpose, std::string* reason = nullptr) const;

 private:
  std::string id_, name_;
  std::vector<GradingCode> source_, information_, handling_;
  std::vector<SharingPurpose> purposes_;
  size_t ungraded_ = 0;  // index into handling_
};

}  // namespace kashf
