// kashf case consent | refer | offence | offences: consent per purpose, referrals, linked offences.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "case_command.h"
#include "kashf/victims/civil_date.h"

namespace kashf::cli {
namespace {

struct ConsentArgs {
  VictimOptions v;
  std::string case_id, purpose, date, service, provider, direction = "out", offence;
  std::string case_worker, reason, details, outcome;  // HTCDS referral fields
  bool granted = false, withdrawn = false, share_identity = false;
};

Status RunConsent(const GlobalOptions& g, const ConsentArgs& a) {
  if (a.granted == a.withdrawn) return Status::InvalidArgument("say --granted or --withdrawn (exactly one)");
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, false, false));
  std::string date = a.date.empty() ? victims::TodayUtc() : a.date;
  KASHF_RETURN_IF_ERROR(registry->RecordConsent(actor, a.case_id, {a.purpose, a.granted, date, actor.user}));
  if (!g.quiet)
    fmt::print("{}: consent for {} {} on {}\n", a.case_id, a.purpose, a.granted ? "granted" : "withdrawn", date);
  return Status::Ok();
}

Status RunRefer(const GlobalOptions& g, const ConsentArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, false, false));
  std::string date = a.date.empty() ? victims::TodayUtc() : a.date;
  KASHF_RETURN_IF_ERROR(registry->AddReferral(
      actor, a.case_id,
      {a.direction, a.service, a.provider, date, a.share_identity, a.case_worker, a.reason, a.details, a.outcome}));
  if (!g.quiet)
    fmt::print("{}: referral {} for {} ({}) recorded{}\n", a.case_id, a.direction, a.service, a.provider,
               a.share_identity ? " with the identity shared" : "");
  return Status::Ok();
}

Status RunOffence(const GlobalOptions& g, const ConsentArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, false, false));
  KASHF_RETURN_IF_ERROR(registry->LinkOffence(actor, a.case_id, a.offence));
  if (!g.quiet) fmt::print("{}: offence {} linked\n", a.case_id, a.offence);
  return Status::Ok();
}

Status RunOffences(const GlobalOptions& g) {
  KASHF_ASSIGN_OR_RETURN(auto table, victims::OffenceTable::LoadDefault());
  auto num = [](const std::optional<double>& v) { return v ? fmt::format("{:g}", *v) : std::string("-"); };
  if (g.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& o : table.offences())
      j.push_back({{"id", o.id},
                   {"law", o.law},
                   {"section", o.section},
                   {"title", o.title},
                   {"iccs", o.iccs},
                   {"prison_max_years", num(o.prison_max_years)},
                   {"fine_max", num(o.fine_max)},
                   {"verified", o.verified}});
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  for (const auto& o : table.offences())
    fmt::print("{:<18} ICCS {:<6} {} s.{}: {} (prison {}..{} years, fine up to {} {}){}\n", o.id, o.iccs, o.law,
               o.section, o.title, num(o.prison_min_years), num(o.prison_max_years), num(o.fine_max), o.currency,
               o.verified ? "" : "  [UNVERIFIED]");
  return Status::Ok();
}

CaseSubcommandRegistration consent_reg(50, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ConsentArgs>();
  auto* cmd = app.add_subcommand("consent", "Record the survivor's consent (or its withdrawal) for one purpose");
  cmd->add_option("CASE", args->case_id, "Case id")->required();
  cmd->add_option("PURPOSE", args->purpose,
                  "referral_identity | law_enforcement | statistics | research | return_contact")
      ->required();
  cmd->add_flag("--granted", args->granted, "Consent given");
  cmd->add_flag("--withdrawn", args->withdrawn, "Consent refused or withdrawn");
  cmd->add_option("--date", args->date, "When (default today)");
  AddVictimOptions(cmd, args->v);
  cmd->footer("Example: kashf --db kashf.db case consent case-000042 referral_identity --granted");
  return [&g, args] { return RunConsent(g, *args); };
});

CaseSubcommandRegistration refer_reg(51, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ConsentArgs>();
  auto* cmd =
      app.add_subcommand("refer", "Record a referral in or out (shelter, medical, psychological, legal aid ...)");
  cmd->add_option("CASE", args->case_id, "Case id")->required();
  cmd->add_option("SERVICE", args->service, "Service id (data/reference/services.tsv), e.g. shelter")->required();
  cmd->add_option("--provider", args->provider, "Organisation")->required();
  cmd->add_option("--direction", args->direction, "in | out")->capture_default_str();
  cmd->add_flag("--share-identity", args->share_identity,
                "The identity goes with the referral (needs consent referral_identity)");
  cmd->add_option("--date", args->date, "When (default today)");
  cmd->add_option("--case-worker", args->case_worker, "Primary case worker at the other organisation");
  cmd->add_option("--reason", args->reason,
                  "additional_services_required | migration_or_change_of_location | other (HTCDS)");
  cmd->add_option("--details", args->details, "Arrangements and logistics");
  cmd->add_option("--outcome", args->outcome, "pending | accepted | declined | completed");
  AddVictimOptions(cmd, args->v);
  cmd->footer(
      "Example: kashf --db kashf.db case refer case-000042 shelter --provider \"Dar-ul-Aman Lahore\" --share-identity");
  return [&g, args] { return RunRefer(g, *args); };
});

CaseSubcommandRegistration offence_reg(52, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ConsentArgs>();
  auto* cmd = app.add_subcommand("offence", "Link an offence (see `kashf case offences`) to a case");
  cmd->add_option("CASE", args->case_id, "Case id")->required();
  cmd->add_option("OFFENCE", args->offence, "Offence id, e.g. pk-ptpa-2018-s3")->required();
  AddVictimOptions(cmd, args->v);
  return [&g, args] { return RunOffence(g, *args); };
});

CaseSubcommandRegistration offences_reg(53, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  app.add_subcommand("offences", "List the offence and penalty table (data/reference/offences.tsv)");
  return [&g] { return RunOffences(g); };
});

}  // namespace
}  // namespace kashf::cli
