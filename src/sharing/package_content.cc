#include "kashf/sharing/package_content.h"

#include "kashf/sharing/package.h"
#include "kashf/sharing/release_check.h"

namespace kashf::sharing {
namespace {

// The first gate `s` fails for `recipient`, or kNone.
Withheld Gate(const Statement& s, const ReleaseRules& rules, const std::string& recipient) {
  if (!MayRelease(s, *rules.scheme, *rules.partners, recipient, rules.purpose).allowed) return Withheld::kHandling;
  const Withheld by_policy = rules.policy->Check(s, recipient, rules.purpose);
  if (by_policy != Withheld::kNone) return by_policy;
  if (rules.victims) {
    const std::string* victim = rules.victims->count(s.entity_id) ? &s.entity_id
                                : rules.victims->count(s.value)   ? &s.value
                                                                  : nullptr;
    if (victim && !(rules.consent && rules.consent(*victim, recipient, rules.purpose))) return Withheld::kVictim;
  }
  return Withheld::kNone;
}

}  // namespace

PackageContent BuildPackageContent(const std::vector<Statement>& statements, const ReleaseRules& rules,
                                   const std::string& sender) {
  PackageContent out;
  std::vector<Statement> entity;
  auto flush = [&] {
    if (entity.empty()) return;
    out.body += EntityLine(entity, sender);
    out.body += '\n';
    ++out.entities;
    out.statements += static_cast<int64_t>(entity.size());
    entity.clear();
  };
  for (size_t i = 0; i < statements.size(); ++i) {
    const Statement& s = statements[i];
    if (i > 0 && statements[i - 1].entity_id != s.entity_id) flush();
    Withheld why = rules.recipients.empty() ? Withheld::kPolicy : Withheld::kNone;
    for (const auto& r : rules.recipients) {
      why = Gate(s, rules, r);
      if (why != Withheld::kNone) break;
    }
    switch (why) {
      case Withheld::kNone: entity.push_back(s); break;
      case Withheld::kHandling: ++out.withheld_handling; break;
      case Withheld::kVictim: ++out.withheld_victims; break;
      default: ++out.withheld_policy; break;
    }
  }
  flush();
  return out;
}

}  // namespace kashf::sharing
