// kashf explain A B: the waterfall of field weights behind the decision for two records.
#include <map>

#include <fmt/format.h>

#include "cli_util.h"
#include "kashf/resolve/store_resolution.h"

namespace kashf::cli {
namespace {

struct ExplainArgs {
  std::string left, right;
  bool sample = false;
};

// A pair worth showing: two Person records of different datasets in the entity that spans the
// most datasets (ties: the smaller cluster id), so the explanation shows cross-agency evidence.
Result<std::pair<std::string, std::string>> SamplePair(Store& store, const std::string& db) {
  KASHF_ASSIGN_OR_RETURN(auto state, resolve::ResolutionState::Open(db));
  KASHF_ASSIGN_OR_RETURN(resolve::Assignment assignment, state->LoadAssignment());
  KASHF_ASSIGN_OR_RETURN(auto spec, resolve::LoadComparisonModel(""));
  KASHF_ASSIGN_OR_RETURN(auto records, resolve::LoadResolvableRecords(store, spec));
  std::map<std::string, std::map<std::string, std::string>> by_cluster;  // cluster -> dataset -> first person id
  for (const auto& r : records) {
    auto it = assignment.find(r.id);
    if (it != assignment.end() && r.IsPerson()) by_cluster[it->second].emplace(r.dataset, r.id);
  }
  const std::map<std::string, std::string>* best = nullptr;
  for (const auto& [cluster, datasets] : by_cluster)
    if (datasets.size() >= 2 && (!best || datasets.size() > best->size())) best = &datasets;
  if (!best)
    return Status::NotFound(
        "no entity holds Person records of two datasets yet; run `kashf resolve` after loading several datasets");
  return std::pair{best->begin()->second, std::next(best->begin())->second};
}

Status RunExplain(const GlobalOptions& g, ExplainArgs a) {
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g));
  if (a.sample) {
    KASHF_ASSIGN_OR_RETURN(auto pair, SamplePair(*o.store, g.db));
    a.left = pair.first;
    a.right = pair.second;
  } else if (a.left.empty() || a.right.empty()) {
    return Status::InvalidArgument("name two entity ids (kashf explain A B), or use --sample");
  }
  KASHF_ASSIGN_OR_RETURN(auto normaliser, resolve::NameNormaliser::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto resolver, resolve::ResolverForStore(*o.store, g.db, normaliser));
  auto left = resolver->IndexOf(a.left), right = resolver->IndexOf(a.right);
  for (const auto& [id, index] : {std::pair{a.left, left}, std::pair{a.right, right}})
    if (!index)
      return Status::NotFound(
          fmt::format("'{}' is not a record that resolution compares (Person, Organization, Phone, Wallet ...) in {}; "
                      "find ids with `kashf search NAME`",
                      id, g.db));
  resolve::Explanation e = resolver->Explain(*left, *right);
  KASHF_ASSIGN_OR_RETURN(auto judgements, o.store->Judgements());
  for (const auto& j : judgements)
    if ((j.left == a.left && j.right == a.right) || (j.left == a.right && j.right == a.left)) e.judged = j.match;
  KASHF_ASSIGN_OR_RETURN(std::string cl, o.store->ClusterOf(a.left));
  KASHF_ASSIGN_OR_RETURN(std::string cr, o.store->ClusterOf(a.right));
  e.same_cluster = cl == cr;
  fmt::print("{}", g.json ? resolve::ExplanationJson(e) + "\n" : resolve::ExplanationText(e));
  if (!g.json) {  // the values as the agencies wrote them, beside the normalised ones above
    fmt::print("  as written:\n");
    for (const auto& id : {a.left, a.right}) {
      KASHF_ASSIGN_OR_RETURN(EntityRecord rec, o.store->GetEntity(id));
      std::string values;
      for (const auto& st : rec.statements)
        if (st.prop == "name" || st.prop == "fatherName" || st.prop == "spouseName" || st.prop == "cnic" ||
            st.prop == "phone" || st.prop == "number" || st.prop == "birthDate")
          values += fmt::format("{}{}={}", values.empty() ? "" : "; ", st.prop, st.value);
      fmt::print("    [{}] {}\n", rec.dataset, values);
    }
  }
  return Status::Ok();
}

CommandRegistration reg(52, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ExplainArgs>();
  auto* cmd = app.add_subcommand("explain", "Why two records are (or are not) the same person: field-by-field weights");
  cmd->footer(
      "Each line adds the evidence (in bits, log2 of m/u) of one field; the total gives the match\n"
      "probability compared with the threshold of the last `kashf resolve`.\n"
      "Examples: kashf --db case.db explain fir.Person.1a2b... fia.Person.3c4d... [--json]\n"
      "          kashf --db case.db explain --sample");
  cmd->add_option("A", args->left, "First entity id (see `kashf search`)");
  cmd->add_option("B", args->right, "Second entity id");
  cmd->add_flag("--sample", args->sample, "Pick a pair: two agencies' records of the entity spanning most datasets");
  return [&g, args] { return RunExplain(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
