// kashf agency init | show | partners | add-partner | remove-partner: this installation's agency
// identity (signing and encryption keys, kept outside the database) and the directory of partner
// agencies whose keys it trusts (docs/sharing.md).
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "kashf/sharing/agency_identity.h"
#include "kashf/sharing/partner_directory.h"

namespace kashf::cli {
namespace {

struct AgencyArgs {
  std::string key_file;      // --key-file / $KASHF_AGENCY_KEY
  std::string partners;      // --partners / $KASHF_PARTNERS
  sharing::AgencyCard card;  // init: id, name, country
  std::string card_file;     // add-partner
  std::string fingerprint;   // add-partner: as compared out of band
  std::string remove_id;     // remove-partner
};

nlohmann::ordered_json CardView(const sharing::AgencyCard& c) {
  return {{"agency_id", c.agency_id},
          {"name", c.name},
          {"country", c.country},
          {"sign_public", sharing::KeyHex(c.sign_public)},
          {"encrypt_public", sharing::KeyHex(c.encrypt_public)},
          {"fingerprint", c.Fingerprint()}};
}

void PrintCard(const sharing::AgencyCard& c) {
  fmt::print("{}  {} ({})\n  fingerprint:    {}\n  signing key:    {} (Ed25519)\n  encryption key: {} (X25519)\n",
             c.agency_id, c.name, c.country, c.Fingerprint(), sharing::KeyHex(c.sign_public),
             sharing::KeyHex(c.encrypt_public));
}

Status NeedKeyFile(const AgencyArgs& a) {
  if (a.key_file.empty()) return Status::InvalidArgument(std::string(sharing::kAgencyKeyAdvice));
  return Status::Ok();
}

Status NeedPartners(const AgencyArgs& a) {
  if (a.partners.empty())
    return Status::InvalidArgument(
        "name the partner directory with --partners FILE or the environment variable KASHF_PARTNERS (a YAML file; "
        "it is created by the first add-partner)");
  return Status::Ok();
}

Status RunInit(const GlobalOptions& g, const AgencyArgs& a) {
  KASHF_RETURN_IF_ERROR(NeedKeyFile(a));
  KASHF_ASSIGN_OR_RETURN(sharing::AgencyCard card, sharing::AgencyIdentity::Generate(a.key_file, a.card));
  if (g.json) {
    fmt::print("{}\n", CardView(card).dump(2));
    return Status::Ok();
  }
  fmt::print("agency key written to {} (mode 0600; keep it outside the database); public card to {}.pub\n", a.key_file,
             a.key_file);
  PrintCard(card);
  fmt::print(
      "give {}.pub to each partner agency and read them the fingerprint by telephone or letter; they add it with\n"
      "  kashf agency add-partner {}.pub --fingerprint \"{}\" --partners THEIR-partners.yaml\n",
      a.key_file, a.key_file, card.Fingerprint());
  return Status::Ok();
}

Status RunShow(const GlobalOptions& g, const AgencyArgs& a) {
  KASHF_RETURN_IF_ERROR(NeedKeyFile(a));
  KASHF_ASSIGN_OR_RETURN(sharing::AgencyIdentity id, sharing::AgencyIdentity::FromFile(a.key_file));
  if (g.json) fmt::print("{}\n", CardView(id.card()).dump(2));
  else PrintCard(id.card());
  return Status::Ok();
}

Status RunPartners(const GlobalOptions& g, const AgencyArgs& a) {
  KASHF_RETURN_IF_ERROR(NeedPartners(a));
  KASHF_ASSIGN_OR_RETURN(sharing::PartnerDirectory dir, sharing::PartnerDirectory::Load(a.partners));
  if (g.json) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& p : dir.partners()) j.push_back(CardView(p));
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  if (dir.partners().empty()) fmt::print("no partner agencies in {} yet (kashf agency add-partner)\n", a.partners);
  for (const auto& p : dir.partners()) PrintCard(p);
  return Status::Ok();
}

Status RunAddPartner(const GlobalOptions& g, const AgencyArgs& a) {
  KASHF_RETURN_IF_ERROR(NeedPartners(a));
  std::ifstream in(a.card_file);
  if (!in) return Status::NotFound(fmt::format("partner card {} cannot be read", a.card_file));
  std::stringstream text;
  text << in.rdbuf();
  KASHF_ASSIGN_OR_RETURN(sharing::AgencyCard card, sharing::ParseCard(text.str(), a.card_file));
  KASHF_ASSIGN_OR_RETURN(sharing::PartnerDirectory dir, sharing::PartnerDirectory::Load(a.partners));
  KASHF_RETURN_IF_ERROR(dir.Add(card, a.fingerprint));
  KASHF_RETURN_IF_ERROR(dir.Save(a.partners));
  if (g.json) fmt::print("{}\n", CardView(card).dump(2));
  else if (!g.quiet)
    fmt::print("added partner {} ({}) to {}; fingerprint {}\n", card.agency_id, card.name, a.partners,
               card.Fingerprint());
  return Status::Ok();
}

Status RunRemovePartner(const GlobalOptions& g, const AgencyArgs& a) {
  KASHF_RETURN_IF_ERROR(NeedPartners(a));
  KASHF_ASSIGN_OR_RETURN(sharing::PartnerDirectory dir, sharing::PartnerDirectory::Load(a.partners));
  KASHF_RETURN_IF_ERROR(dir.Remove(a.remove_id));
  KASHF_RETURN_IF_ERROR(dir.Save(a.partners));
  if (!g.quiet && !g.json) fmt::print("removed partner {} from {}\n", a.remove_id, a.partners);
  return Status::Ok();
}

CommandRegistration reg(73, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<AgencyArgs>();
  auto* cmd = app.add_subcommand("agency", "This agency's sharing identity (keys) and its partner agencies");
  cmd->require_subcommand(1);
  auto key_option = [&](CLI::App* sub) {
    sub->add_option("--key-file", args->key_file, "The agency key file (secret; never beside the database)")
        ->envname("KASHF_AGENCY_KEY");
  };
  auto partners_option = [&](CLI::App* sub) {
    sub->add_option("--partners", args->partners, "The partner directory (YAML)")->envname("KASHF_PARTNERS");
  };
  auto* init = cmd->add_subcommand(
      "init", "Create this agency's signing (Ed25519) and encryption (X25519) keys: KEY (mode 0600) and KEY.pub");
  key_option(init);
  init->add_option("--id", args->card.agency_id, "Agency id: letters, digits, '-', '_' (e.g. punjab-police)")
      ->required();
  init->add_option("--name", args->card.name, "The agency's name")->required();
  init->add_option("--country", args->card.country, "ISO 3166-1 country code")->required();
  auto* show = cmd->add_subcommand("show", "Show this agency's id, public keys and fingerprint");
  key_option(show);
  auto* partners = cmd->add_subcommand("partners", "List the partner agencies with their keys and fingerprints");
  partners_option(partners);
  auto* add = cmd->add_subcommand(
      "add-partner", "Add a partner agency from its card (KEY.pub), once its fingerprint was compared out of band");
  partners_option(add);
  add->add_option("card", args->card_file, "The partner's card (the .pub file of its `kashf agency init`)")->required();
  add->add_option("--fingerprint", args->fingerprint,
                  "The fingerprint the partner read out to you (telephone, letter); must match the card")
      ->required();
  auto* remove_cmd =
      cmd->add_subcommand("remove-partner", "Remove a partner agency: nothing of it is accepted any more");
  partners_option(remove_cmd);
  remove_cmd->add_option("agency_id", args->remove_id, "The partner's agency id")->required();
  cmd->footer(
      "Examples:\n"
      "  kashf agency init --id punjab-police --name \"Punjab Police\" --country PK --key-file ~/.kashf/agency.key\n"
      "  kashf agency show --key-file ~/.kashf/agency.key\n"
      "  kashf agency add-partner fia.pub --fingerprint \"3F2A 91C0 ...\" --partners ~/.kashf/partners.yaml\n"
      "  kashf agency partners --partners ~/.kashf/partners.yaml\n"
      "  kashf agency remove-partner fia --partners ~/.kashf/partners.yaml\n"
      "The key file signs for the agency: keep it where the database's users cannot read it (docs/sharing.md).");
  return [&g, args, init, show, partners, add]() -> Status {
    if (init->parsed()) return RunInit(g, *args);
    if (show->parsed()) return RunShow(g, *args);
    if (partners->parsed()) return RunPartners(g, *args);
    if (add->parsed()) return RunAddPartner(g, *args);
    return RunRemovePartner(g, *args);
  };
});

}  // namespace
}  // namespace kashf::cli
