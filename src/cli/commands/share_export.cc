// kashf share export | retract: the sending side of sharing packages (docs/sharing.md).
#include <algorithm>
#include <ctime>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "cli_util.h"
#include "kashf/model/grading.h"
#include "kashf/sharing/package_content.h"
#include "kashf/store/recorded_victims.h"
#include "share_command.h"

namespace kashf::cli {
namespace {

// Entity ids linked to `seeds` within `hops` steps, in either direction, through properties of
// entity type (an Involvement's party, an ownership's owner ...): one scan of the store.
Result<std::set<std::string>> EgoNetwork(Store& store, const Model& model, std::set<std::string> seeds, int hops) {
  if (hops <= 0 || seeds.empty()) return seeds;
  std::unordered_map<std::string, std::vector<std::string>> links;
  KASHF_RETURN_IF_ERROR(store.ScanStatements({}, [&](const Statement& s) {
    for (const auto* p : model.Properties(s.schema))
      if (p->name == s.prop && p->type == PropertyType::kEntity) {
        links[s.entity_id].push_back(s.value);
        links[s.value].push_back(s.entity_id);
      }
    return true;
  }));
  std::deque<std::pair<std::string, int>> queue;
  for (const auto& s : seeds) queue.emplace_back(s, 0);
  while (!queue.empty()) {
    auto [id, depth] = queue.front();
    queue.pop_front();
    if (depth == hops) continue;
    for (const auto& next : links[id])
      if (seeds.insert(next).second) queue.emplace_back(next, depth + 1);
  }
  return seeds;
}

Result<std::set<std::string>> Selection(const GlobalOptions& g, const ShareArgs& a, Store& store, const Model& model) {
  std::set<std::string> ids(a.entities.begin(), a.entities.end());
  if (!a.search.empty()) {
    KASHF_ASSIGN_OR_RETURN(auto hits, store.Search(a.search, a.search_limit, ""));
    for (const auto& h : hits) ids.insert(h.entity_id);
  }
  if (!a.case_id.empty()) {
    KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.victim));
    KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.victim, false, false));
    KASHF_ASSIGN_OR_RETURN(victims::VictimCase c, registry->GetCase(actor, a.case_id));
    for (const auto& p : c.perpetrators)
      if (!p.entity_id.empty()) ids.insert(p.entity_id);
  }
  if (!a.dataset.empty())
    KASHF_RETURN_IF_ERROR(store.ScanStatements({"", a.dataset}, [&](const Statement& s) {
      ids.insert(s.entity_id);
      return true;
    }));
  if (ids.empty())
    return Status::InvalidArgument(
        "select what to share: --entity ID, --search TEXT, --case CASE or --dataset NAME (with --hops N for the "
        "ego network)");
  return EgoNetwork(store, model, std::move(ids), a.hops);
}

// The consent check of the case register: ENTITY=CASE pairs name the survivor's case, whose
// consent "share:<recipient>:<purpose>" must be granted.
Result<sharing::VictimConsent> ConsentFromCases(const GlobalOptions& g, const ShareArgs& a) {
  if (a.victim_cases.empty()) return sharing::VictimConsent();
  auto cases = std::make_shared<std::map<std::string, victims::VictimCase>>();
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.victim));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.victim, false, false));
  for (const auto& pair : a.victim_cases) {
    const size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
      return Status::InvalidArgument(fmt::format("--victim-case wants ENTITY=CASE, not '{}'", pair));
    KASHF_ASSIGN_OR_RETURN(victims::VictimCase c, registry->GetCase(actor, pair.substr(eq + 1)));
    (*cases)[pair.substr(0, eq)] = std::move(c);
  }
  return sharing::VictimConsent(
      [cases](const std::string& entity, const std::string& recipient, const std::string& purpose) {
        auto it = cases->find(entity);
        return it != cases->end() && it->second.HasConsent(sharing::ShareConsentPurpose(recipient, purpose));
      });
}

}  // namespace

Status RunShareExport(GlobalOptions& g, const ShareArgs& a) {
  KASHF_ASSIGN_OR_RETURN(SharingContext ctx, LoadSharingContext(a));
  KASHF_ASSIGN_OR_RETURN(GradingScheme scheme, GradingScheme::LoadDefault());
  if (!scheme.FindPurpose(a.purpose)) {
    std::vector<std::string> ids;
    for (const auto& p : scheme.purposes()) ids.push_back(p.id);
    return Status::InvalidArgument(
        fmt::format("purpose '{}' is not a sharing purpose; purposes are: {}", a.purpose, fmt::join(ids, ", ")));
  }
  std::vector<std::string> purposes;
  for (const auto& p : scheme.purposes()) purposes.push_back(p.id);
  KASHF_ASSIGN_OR_RETURN(sharing::SharingPolicy policy, sharing::SharingPolicy::LoadFile(a.policy, purposes));
  for (const auto& r : a.recipients)
    if (!ctx.partners.Find(r))
      return Status::NotFound(
          fmt::format("recipient '{}' is not in the partner directory {} (kashf agency add-partner)", r, a.partners));
  if (!a.resend_id.empty() && !sharing::IsAgencyId(a.resend_id))
    return Status::InvalidArgument(fmt::format("--package-id '{}' is not a package id (pkg-...)", a.resend_id));
  KASHF_RETURN_IF_ERROR(RequireExistingStore(g.db, "`kashf --db FILE init`"));
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g));
  KASHF_ASSIGN_OR_RETURN(std::set<std::string> ids, Selection(g, a, *o.store, o.model));
  KASHF_ASSIGN_OR_RETURN(auto victims, RecordedVictims(*o.store, true));
  KASHF_ASSIGN_OR_RETURN(sharing::VictimConsent consent, ConsentFromCases(g, a));
  std::vector<Statement> statements;
  for (const auto& id : ids) {
    auto e = o.store->GetEntity(id);
    if (!e.ok() && e.status().code() == StatusCode::kNotFound) continue;  // a link to an entity not stored here
    if (!e.ok()) return e.status();
    for (auto& s : e->statements) statements.push_back(std::move(s));
  }
  const sharing::ReleaseRules rules{&scheme, &ctx.partners, &policy, a.recipients, a.purpose, &victims, consent};
  sharing::PackageContent content = BuildPackageContent(statements, rules, ctx.me.card().agency_id);
  sharing::PackageManifest m;
  m.package_id = a.resend_id.empty() ? sharing::NewPackageId() : a.resend_id;
  m.recipients = a.recipients;
  m.purpose = a.purpose;
  m.legal_basis = a.legal_basis;
  m.created = std::time(nullptr);
  m.expires = m.created + static_cast<int64_t>(a.expires_days * 86400);
  m.policy_hash = policy.hash();
  m.entities = content.entities;
  m.statements = content.statements;
  m.withheld_policy = content.withheld_policy;
  m.withheld_handling = content.withheld_handling;
  m.withheld_victims = content.withheld_victims;
  KASHF_ASSIGN_OR_RETURN(std::string file, SealPackage(m, content.body, ctx.me, ctx.partners));
  KASHF_RETURN_IF_ERROR(WriteText(a.out, file));
  const std::string detail = fmt::format(
      "to={} purpose={} entities={} statements={} withheld_policy={} withheld_handling={} "
      "withheld_victims={} policy={}",
      fmt::join(a.recipients, ","), a.purpose, m.entities, m.statements, m.withheld_policy, m.withheld_handling,
      m.withheld_victims, m.policy_hash.substr(0, 16));
  KASHF_RETURN_IF_ERROR(AuditCli(g, "share.export", m.package_id, detail));
  if (g.json) {
    fmt::print(
        "{{\"package_id\":\"{}\",\"entities\":{},\"statements\":{},\"withheld\":{{\"policy\":{},\"handling\":{},"
        "\"victims\":{}}},\"bytes\":{}}}\n",
        m.package_id, m.entities, m.statements, m.withheld_policy, m.withheld_handling, m.withheld_victims,
        file.size());
  } else if (!g.quiet) {
    fmt::print("package {} for {} ({}): {} entities, {} statements, {} bytes -> {}\n", m.package_id,
               fmt::join(a.recipients, ", "), a.purpose, Thousands(m.entities), Thousands(m.statements),
               Thousands(static_cast<int64_t>(file.size())), a.out);
    fmt::print("withheld: {} by the policy, {} by handling codes, {} of recorded victims without consent\n",
               m.withheld_policy, m.withheld_handling, m.withheld_victims);
  }
  return Status::Ok();
}

Status RunShareRetract(GlobalOptions& g, const ShareArgs& a) {
  KASHF_ASSIGN_OR_RETURN(SharingContext ctx, LoadSharingContext(a));
  const std::string text =
      sharing::SealRetraction({a.package_id, "", a.reason, static_cast<int64_t>(std::time(nullptr))}, ctx.me);
  KASHF_RETURN_IF_ERROR(WriteText(a.out, text));
  KASHF_RETURN_IF_ERROR(AuditCli(g, "share.retract", a.package_id, "retraction written"));
  if (!g.quiet && !g.json)
    fmt::print("retraction of {} written to {}; send it to the package's recipients (kashf share import)\n",
               a.package_id, a.out);
  return Status::Ok();
}

}  // namespace kashf::cli
