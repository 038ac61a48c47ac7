// kashf explain A B: the waterfall of field weights behind the decision for two records.
#include <fmt/format.h>

#include "cli_util.h"
#include "kashf/resolve/store_resolution.h"

namespace kashf::cli {
namespace {

struct ExplainArgs {
  std::string left, right;
};

Status RunExplain(const GlobalOptions& g, const ExplainArgs& a) {
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g));
  KASHF_ASSIGN_OR_RETURN(auto normaliser, resolve::NameNormaliser::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto resolver, resolve::ResolverForStore(*o.store, g.db, normaliser));
  auto left = resolver->IndexOf(a.left), right = resolver->IndexOf(a.right);
  for (const auto& [id, index] : {std::pair{a.left, left}, std::pair{a.right, right}})
    if (!index)
      return Status::NotFound(fmt::format("'{}' is not a Person, Phone or Wallet record in {}; find ids with `kashf search NAME`",
                                          id, g.db));
  resolve::Explanation e = resolver->Explain(*left, *right);
  KASHF_ASSIGN_OR_RETURN(auto judgements, o.store->Judgements());
  for (const auto& j : judgements)
    if ((j.left == a.left && j.right == a.right) || (j.left == a.right && j.right == a.left)) e.judged = j.match;
  KASHF_ASSIGN_OR_RETURN(std::string cl, o.store->ClusterOf(a.left));
  KASHF_ASSIGN_OR_RETURN(std::string cr, o.store->ClusterOf(a.right));
  e.same_cluster = cl == cr;
  fmt::print("{}", g.json ? resolve::ExplanationJson(e) + "\n" : resolve::ExplanationText(e));
  return Status::Ok();
}

CommandRegistration reg(52, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ExplainArgs>();
  auto* cmd = app.add_subcommand("explain", "Why two records are (or are not) the same person: field-by-field weights");
  cmd->footer("Each line adds the evidence (in bits, log2 of m/u) of one field; the total gives the match\n"
              "probability compared with the threshold of the last `kashf resolve`.\n"
              "Example: kashf --db case.db explain fir.Person.1a2b... fia.Person.3c4d... [--json]");
  cmd->add_option("A", args->left, "First entity id (see `kashf search`)")->required();
  cmd->add_option("B", args->right, "Second entity id")->required();
  return [&g, args] { return RunExplain(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
