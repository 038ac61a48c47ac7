// kashf hit index | ask | answer | check: hit/no-hit queries between agencies by an oblivious PRF
// (RFC 9497 over ristretto255; include/kashf/sharing/hit_query.h, docs/sharing.md), offline through
// files: the answering agency gives a partner a signed index of its selectors (`index`); the partner
// asks about blinded selectors (`ask` writes REQUEST and REQUEST.pending); the answering agency
// evaluates them under its OPRF key, rate-limited per partner (`answer`); the partner learns hit or
// no-hit (`check`). Both sides audit every step in the hash-chained log of --db, without values.
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "command.h"
#include "kashf/core/new_file.h"
#include "kashf/core/text.h"
#include "kashf/model/grading.h"
#include "kashf/sharing/hex_bytes.h"
#include "kashf/sharing/hit_query.h"
#include "kashf/sharing/hit_rate_limiter.h"
#include "kashf/sharing/hit_selector.h"
#include "kashf/sharing/release_check.h"

namespace kashf::cli {
namespace {

struct HitArgs {
  std::string key_file;  // --key-file / $KASHF_AGENCY_KEY
  std::string partners;  // --partners / $KASHF_PARTNERS
  std::string partner;   // index: --for
  std::string purpose = "criminal-intelligence";
  std::string contact;                 // index
  int days = 30;                       // index: validity
  size_t pad = 1024;                   // index: pad the count to a multiple of this
  std::string index;                   // ask, check
  std::string out;                     // index, ask, answer
  std::vector<std::string> selectors;  // ask
  std::string request;                 // answer, check
  std::string response;                // check
};

Result<std::string> ReadWhole(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{} {} cannot be read", what, path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Agency {
  sharing::AgencyIdentity me;
  sharing::PartnerDirectory partners;
};

Result<Agency> LoadAgency(const HitArgs& a) {
  if (a.key_file.empty()) return Status::InvalidArgument(std::string(sharing::kAgencyKeyAdvice));
  if (a.partners.empty())
    return Status::InvalidArgument("name the partner directory with --partners FILE or KASHF_PARTNERS");
  Agency agency;
  KASHF_ASSIGN_OR_RETURN(agency.me, sharing::AgencyIdentity::FromFile(a.key_file));
  KASHF_ASSIGN_OR_RETURN(agency.partners, sharing::PartnerDirectory::Load(a.partners));
  return agency;
}

// The OPRF key lives beside the agency key, in KEY.hit-oprf (mode 0600), made by the first `index`.
std::string OprfKeyPath(const HitArgs& a) { return a.key_file + ".hit-oprf"; }
// The rate-limit state beside it (both directions: "ask:<partner>" and "answer:<partner>").
std::string LimitsPath(const HitArgs& a) { return a.key_file + ".hit-limits"; }

Result<sharing::OprfScalar> LoadOprfKey(const HitArgs& a, bool create) {
  const std::string path = OprfKeyPath(a);
  std::ifstream in(path);
  if (!in) {
    if (!create)
      return Status::FailedPrecondition(
          fmt::format("no hit/no-hit key at {}: make and send an index first (kashf hit index)", path));
    const sharing::OprfScalar key = sharing::NewOprfKey();
    KASHF_RETURN_IF_ERROR(CreateNewKeyFile(path, sharing::BytesHex(key) + "\n", 0600));
    return key;
  }
  std::string hex;
  in >> hex;
  sharing::OprfScalar key{};
  if (!sharing::BytesFromHex(hex, &key))
    return Status::Corruption(fmt::format("{} is not a Kashf hit/no-hit key (64 hex digits)", path));
  sodium_memzero(hex.data(), hex.size());
  return key;
}

// Takes `n` tokens from `bucket` of the limiter kept beside the key, and saves it.
Status ChargeLimiter(const HitArgs& a, const std::string& bucket, size_t n) {
  KASHF_ASSIGN_OR_RETURN(auto limiter, sharing::HitRateLimiter::Load(LimitsPath(a), sharing::HitRateOptions{}));
  Status taken = limiter.Take(bucket, static_cast<double>(n), static_cast<double>(NowUnixSeconds()));
  KASHF_RETURN_IF_ERROR(limiter.Save(LimitsPath(a)));
  return taken;
}

Status RunIndex(const GlobalOptions& g, const HitArgs& a) {
  KASHF_ASSIGN_OR_RETURN(Agency agency, LoadAgency(a));
  if (agency.partners.Find(a.partner) == nullptr)
    return Status::NotFound(fmt::format("{} is not in the partner directory {}", a.partner, a.partners));
  KASHF_ASSIGN_OR_RETURN(GradingScheme scheme, GradingScheme::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(Opened opened, OpenStore(g));
  std::set<std::string> selectors;
  size_t withheld = 0;
  KASHF_RETURN_IF_ERROR(opened.store->ScanStatements({}, [&](const Statement& s) {
    const auto kind = sharing::HitKindOfProperty(s.schema, s.prop);
    if (!kind) return true;
    if (!sharing::MayRelease(s, scheme, agency.partners, a.partner, a.purpose).allowed) {
      ++withheld;
      return true;
    }
    if (auto canonical = sharing::NormaliseHitSelector(*kind, s.value); canonical.ok()) selectors.insert(*canonical);
    return true;
  }));
  KASHF_ASSIGN_OR_RETURN(sharing::OprfScalar key, LoadOprfKey(a, /*create=*/true));
  const int64_t now = NowUnixSeconds();
  sharing::HitIndexInfo info{agency.me.card().agency_id,    a.partner, a.purpose, a.contact, now,
                             now + int64_t{a.days} * 86400, {}};
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const auto index = sharing::HitIndex::Build(key, {selectors.begin(), selectors.end()}, info, threads, a.pad);
  sodium_memzero(key.data(), key.size());
  KASHF_RETURN_IF_ERROR(WriteText(a.out, index.Serialise(agency.me)));
  KASHF_RETURN_IF_ERROR(AuditCli(g, "hit.index", a.partner,
                                 fmt::format("purpose={} selectors={} withheld={} padded_to={} expires={}", a.purpose,
                                             selectors.size(), withheld, index.size(), FormatIsoUtc(info.expires))));
  if (g.json)
    fmt::print("{}\n", nlohmann::ordered_json{{"index", a.out},
                                              {"for", a.partner},
                                              {"selectors", selectors.size()},
                                              {"withheld", withheld},
                                              {"entries", index.size()},
                                              {"expires", FormatIsoUtc(info.expires)}}
                           .dump(2));
  else
    fmt::print(
        "hit index for {} written to {}: {} selectors ({} entries with padding), {} withheld by their "
        "handling code; valid until {}\n",
        a.partner, a.out, Thousands(static_cast<int64_t>(selectors.size())),
        Thousands(static_cast<int64_t>(index.size())), Thousands(static_cast<int64_t>(withheld)),
        FormatIsoUtc(info.expires));
  return Status::Ok();
}

Result<sharing::HitIndex> ReadIndex(const HitArgs& a, const Agency& agency) {
  KASHF_ASSIGN_OR_RETURN(std::string bytes, ReadWhole(a.index, "hit index"));
  return sharing::HitIndex::Parse(bytes, agency.partners, agency.me.card().agency_id, NowUnixSeconds());
}

Status RunAsk(const GlobalOptions& g, const HitArgs& a) {
  KASHF_ASSIGN_OR_RETURN(Agency agency, LoadAgency(a));
  KASHF_ASSIGN_OR_RETURN(sharing::HitIndex index, ReadIndex(a, agency));
  KASHF_ASSIGN_OR_RETURN(auto pending, sharing::PrepareHitQuery(a.selectors, agency.me.card().agency_id, a.purpose,
                                                                index.info(), NowUnixSeconds()));
  const std::string to = pending.request.to;
  const size_t n = pending.selectors.size();
  // The asking side is limited too: an insider cannot run a dictionary through a partner.
  if (Status st = ChargeLimiter(a, "ask:" + to, n); !st.ok()) {
    KASHF_RETURN_IF_ERROR(AuditCli(g, "hit.ask.refused", to, fmt::format("selectors={} reason=rate-limit", n)));
    return st;
  }
  KASHF_RETURN_IF_ERROR(CreateNewFile(a.out + ".pending", sharing::PendingHitQueryJson(pending) + "\n", 0600));
  KASHF_RETURN_IF_ERROR(WriteText(a.out, sharing::SignHitRequest(pending.request, agency.me) + "\n"));
  KASHF_RETURN_IF_ERROR(AuditCli(g, "hit.ask", pending.request.request_id,
                                 fmt::format("to={} purpose={} selectors={}", to, a.purpose, n)));
  if (!g.quiet)
    fmt::print(
        "hit request {} for {} ({} selectors, blinded) written to {}; send it to {}. Keep {}.pending here (it says "
        "what was asked); then run kashf hit check RESPONSE --request {}\n",
        pending.request.request_id, to, n, a.out, to, a.out, a.out);
  return Status::Ok();
}

Status RunAnswer(const GlobalOptions& g, const HitArgs& a) {
  KASHF_ASSIGN_OR_RETURN(Agency agency, LoadAgency(a));
  KASHF_ASSIGN_OR_RETURN(std::string text, ReadWhole(a.request, "hit request"));
  const int64_t now = NowUnixSeconds();
  auto request = sharing::ParseHitRequest(text, agency.partners, agency.me.card().agency_id, now);
  if (!request.ok()) {
    KASHF_RETURN_IF_ERROR(AuditCli(g, "hit.answer.refused", "-", std::string(StatusCodeName(request.status().code()))));
    return request.status();
  }
  const size_t n = request->blinded.size();
  if (Status st = ChargeLimiter(a, "answer:" + request->from, n); !st.ok()) {
    KASHF_RETURN_IF_ERROR(AuditCli(g, "hit.answer.refused", request->request_id,
                                   fmt::format("from={} selectors={} reason=rate-limit", request->from, n)));
    return st;
  }
  KASHF_ASSIGN_OR_RETURN(sharing::OprfScalar key, LoadOprfKey(a, /*create=*/false));
  auto response = sharing::AnswerHitRequest(*request, key, now);
  sodium_memzero(key.data(), key.size());
  KASHF_RETURN_IF_ERROR(AuditCli(g, response.ok() ? "hit.answer" : "hit.answer.refused", request->request_id,
                                 fmt::format("from={} purpose={} selectors={}", request->from, request->purpose, n)));
  KASHF_RETURN_IF_ERROR(response.status());
  KASHF_RETURN_IF_ERROR(WriteText(a.out, sharing::SignHitResponse(*response, agency.me) + "\n"));
  if (!g.quiet)
    fmt::print("answered hit request {} from {} ({} blinded selectors; this agency cannot see them) into {}\n",
               request->request_id, request->from, n, a.out);
  return Status::Ok();
}

Status RunCheck(const GlobalOptions& g, const HitArgs& a) {
  KASHF_ASSIGN_OR_RETURN(Agency agency, LoadAgency(a));
  KASHF_ASSIGN_OR_RETURN(sharing::HitIndex index, ReadIndex(a, agency));
  KASHF_ASSIGN_OR_RETURN(std::string pending_text, ReadWhole(a.request + ".pending", "pending hit query"));
  KASHF_ASSIGN_OR_RETURN(auto pending, sharing::ParsePendingHitQuery(pending_text));
  KASHF_ASSIGN_OR_RETURN(std::string response_text, ReadWhole(a.response, "hit response"));
  KASHF_ASSIGN_OR_RETURN(
      auto response, sharing::ParseHitResponse(response_text, agency.partners, pending, agency.me.card().agency_id));
  KASHF_ASSIGN_OR_RETURN(auto answers, sharing::FinishHitQuery(pending, response, index));
  size_t hits = 0;
  for (const auto& ans : answers) hits += ans.hit;
  KASHF_RETURN_IF_ERROR(AuditCli(g, "hit.check", pending.request.request_id,
                                 fmt::format("to={} selectors={} hits={}", pending.request.to, answers.size(), hits)));
  if (g.json) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& ans : answers)
      j.push_back({{"selector", ans.selector}, {"hit", ans.hit}, {"reference", ans.reference}});
    fmt::print(
        "{}\n",
        nlohmann::ordered_json{{"agency", index.info().agency_id}, {"contact", index.info().contact}, {"answers", j}}
            .dump(2));
    return Status::Ok();
  }
  for (const auto& ans : answers)
    fmt::print("{:<40} {}{}\n", ans.selector, ans.hit ? "HIT" : "no hit",
               ans.hit ? "   reference " + ans.reference : "");
  fmt::print("{} of {} selectors held by {}{}\n", hits, answers.size(), index.info().agency_id,
             hits ? fmt::format("; to request a package, contact {} quoting the reference", index.info().contact) : "");
  return Status::Ok();
}

CommandRegistration reg(76, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<HitArgs>();
  auto* cmd = app.add_subcommand(
      "hit",
      "Hit/no-hit queries with partner agencies: ask whether a partner holds a selector without either side "
      "sending records (docs/sharing.md)");
  cmd->require_subcommand(1);
  auto common = [&](CLI::App* sub) {
    sub->add_option("--key-file", args->key_file, "This agency's key file")->envname("KASHF_AGENCY_KEY");
    sub->add_option("--partners", args->partners, "The partner directory (YAML)")->envname("KASHF_PARTNERS");
  };
  auto purpose = [&](CLI::App* sub) {
    sub->add_option("--purpose", args->purpose, "Sharing purpose (data/reference/grading-europol.yaml)")
        ->capture_default_str();
  };
  auto* index = cmd->add_subcommand("index", "Write a signed hit index of this store's selectors for one partner");
  common(index);
  purpose(index);
  index->add_option("--for", args->partner, "The partner agency the index is for")->required();
  index->add_option("--contact", args->contact, "Whom the partner contacts after a hit (a desk, not a person)")
      ->required();
  index->add_option("--out", args->out, "The index file to write")->required();
  index->add_option("--days", args->days, "Days the index is valid")->capture_default_str()->check(CLI::Range(1, 365));
  index->add_option("--pad", args->pad, "Pad the entry count to a multiple of this (hides the exact size; 0 = no)")
      ->capture_default_str();
  auto* ask = cmd->add_subcommand("ask", "Write a blinded hit request to the agency whose index is given");
  common(ask);
  purpose(ask);
  ask->add_option("selectors", args->selectors, "KIND:VALUE each, e.g. cnic:35202-1234567-1 phone:03001234567")
      ->required();
  ask->add_option("--index", args->index, "The partner's hit index (from its `kashf hit index`)")->required();
  ask->add_option("--out", args->out, "The request file to write (REQUEST.pending is kept beside it)")->required();
  auto* answer = cmd->add_subcommand("answer", "Answer a partner's hit request (rate-limited per partner)");
  common(answer);
  answer->add_option("request", args->request, "The partner's request file")->required();
  answer->add_option("--out", args->out, "The response file to write")->required();
  auto* check = cmd->add_subcommand("check", "Read a partner's response: hit or no-hit for each selector asked");
  common(check);
  check->add_option("response", args->response, "The partner's response file")->required();
  check->add_option("--request", args->request, "The request it answers (with REQUEST.pending beside it)")->required();
  check->add_option("--index", args->index, "The partner's hit index the request was made with")->required();
  cmd->footer(
      "Examples (the police answer, the FIA asks):\n"
      "  police$ kashf hit index --for fia-ahtc --contact \"AHTC desk, Lahore\" --out for-fia.hitidx\n"
      "  fia$    kashf hit ask cnic:35202-1234567-1 --index for-fia.hitidx --out q1.json\n"
      "  police$ kashf hit answer q1.json --out a1.json\n"
      "  fia$    kashf hit check a1.json --request q1.json --index for-fia.hitidx\n"
      "Give --key-file/--partners or set KASHF_AGENCY_KEY and KASHF_PARTNERS.");
  return [&g, args, index, ask, answer]() -> Status {
    if (index->parsed()) return RunIndex(g, *args);
    if (ask->parsed()) return RunAsk(g, *args);
    if (answer->parsed()) return RunAnswer(g, *args);
    return RunCheck(g, *args);
  };
});

}  // namespace
}  // namespace kashf::cli
