// kashf share export | import | retract | list: signed, encrypted packages of statements between
// partner agencies, under a sharing policy (docs/sharing.md, issue 16).
#include <fmt/format.h>

#include "share_command.h"

namespace kashf::cli {

Result<SharingContext> LoadSharingContext(const ShareArgs& a) {
  if (a.key_file.empty()) return Status::InvalidArgument(std::string(sharing::kAgencyKeyAdvice));
  if (a.partners.empty())
    return Status::InvalidArgument(
        "name the partner directory with --partners FILE or the environment variable KASHF_PARTNERS");
  SharingContext c;
  KASHF_ASSIGN_OR_RETURN(c.me, sharing::AgencyIdentity::FromFile(a.key_file));
  KASHF_ASSIGN_OR_RETURN(c.partners, sharing::PartnerDirectory::Load(a.partners));
  return c;
}

namespace {

CommandRegistration reg(74, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ShareArgs>();
  auto* cmd = app.add_subcommand("share", "Signed, encrypted packages of statements for partner agencies");
  cmd->require_subcommand(1);
  auto identity = [&](CLI::App* sub) {
    sub->add_option("--key-file", a->key_file, "This agency's key file (kashf agency init)")
        ->envname("KASHF_AGENCY_KEY");
    sub->add_option("--partners", a->partners, "The partner directory (YAML)")->envname("KASHF_PARTNERS");
  };
  auto* exp = cmd->add_subcommand("export", "Write a package of selected statements for partner agencies");
  identity(exp);
  exp->add_option("--to", a->recipients, "Recipient agency id (repeat for several)")->required();
  exp->add_option("--purpose", a->purpose, "Sharing purpose (grading scheme: investigation, criminal-intelligence ...)")
      ->required();
  exp->add_option("--legal-basis", a->legal_basis, "The law or agreement the sharing rests on")->required();
  exp->add_option("--policy", a->policy, "The sharing policy (YAML; data/reference/sharing-policy.example.yaml)")
      ->envname("KASHF_SHARING_POLICY")
      ->required();
  exp->add_option("-o,--out", a->out, "The package file to write")->required();
  exp->add_option("--entity", a->entities, "Select an entity by id (repeat)");
  exp->add_option("--search", a->search, "Select the entities a search finds (name or identifier)");
  exp->add_option("--search-limit", a->search_limit, "At most this many search hits (default 50)");
  exp->add_option("--case", a->case_id, "Select the perpetrators a survivor's case links to");
  exp->add_option("--dataset", a->dataset, "Select every entity of a dataset");
  exp->add_option("--hops", a->hops, "Add the ego network: entities linked to the selection within N hops")
      ->check(CLI::Range(0, 4));
  exp->add_option("--victim-case", a->victim_cases,
                  "ENTITY=CASE: the survivor recorded as ENTITY is the one of case CASE; her identity leaves only "
                  "if that case records consent share:<recipient>:<purpose> (repeat)");
  exp->add_option("--package-id", a->resend_id,
                  "Resend under an earlier package id (only with the same content: a receiver refuses an id it "
                  "imported with other content)");
  exp->add_option("--expires-days", a->expires_days, "The recipient may import it for this many days (default 30)");
  exp->add_option("--user", a->victim.user, "Acting user, for reading the case register")->envname("USER");
  exp->add_option("--agency", a->victim.agency, "Acting agency, for reading the case register")
      ->envname("KASHF_AGENCY");
  auto* imp = cmd->add_subcommand("import", "Verify, decrypt and import a package, or apply a retraction");
  identity(imp);
  imp->add_option("file", a->file, "The package (or retraction) file")->required();
  imp->add_option("--max-bytes", a->max_bytes, "Refuse packages larger than this (default 1 GiB)");
  auto* ret = cmd->add_subcommand("retract", "Write a signed retraction of a package this agency sent");
  identity(ret);
  ret->add_option("package_id", a->package_id, "The package id (kashf share list)")->required();
  ret->add_option("--reason", a->reason, "Why (no names: it is audited)")->required();
  ret->add_option("-o,--out", a->out, "The retraction file to write")->required();
  auto* list = cmd->add_subcommand("list", "Packages sent and received, with status");
  cmd->footer(
      "Examples:\n"
      "  kashf share export --to fia-lahore --purpose investigation --legal-basis \"MoU 2025\" \\\n"
      "      --policy policy.yaml --search \"35202-1234567-1\" --hops 1 -o case42.kpkg\n"
      "  kashf share import case42.kpkg           (exit codes 20-28: refused, nothing imported)\n"
      "  kashf share retract pkg-3f2a... --reason \"sent in error\" -o pkg.retraction\n"
      "  kashf share list\n"
      "Key file and partners: --key-file / KASHF_AGENCY_KEY, --partners / KASHF_PARTNERS (docs/sharing.md).");
  return [&g, a, exp, imp, ret, list]() -> Status {
    if (exp->parsed()) return RunShareExport(g, *a);
    if (imp->parsed()) return RunShareImport(g, *a);
    if (ret->parsed()) return RunShareRetract(g, *a);
    (void)list;
    return RunShareList(g, *a);
  };
});

}  // namespace
}  // namespace kashf::cli
