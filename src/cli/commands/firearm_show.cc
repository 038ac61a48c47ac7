// kashf firearm show ID: the record, its lifecycle, chain of custody and diversion points
// (Firearms Protocol Art. 7, 12.4; ITI paras. 17-19), and the trace requests with their answers.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "firearm_command.h"
#include "kashf/firearms/chain_of_custody.h"
#include "kashf/firearms/register_match.h"

namespace kashf::cli {

Status PrintFirearmTrace(firearms::FirearmRegistry& registry, int64_t id, const GlobalOptions& g) {
  KASHF_ASSIGN_OR_RETURN(auto f, registry.GetFirearm(id));
  KASHF_ASSIGN_OR_RETURN(auto events, registry.Events(id));
  KASHF_ASSIGN_OR_RETURN(auto requests, registry.TraceRequests(id));
  firearms::ChainOfCustody chain = firearms::ComputeChainOfCustody(events, registry.rules());
  // A weapon found without a lawful record or with an obliterated serial: which registered firearm is it?
  std::vector<firearms::RegisterMatch> matches;
  if (chain.no_lawful_record || f.serial.find('?') != std::string::npos) {
    KASHF_ASSIGN_OR_RETURN(matches, firearms::MatchAgainstRegister(registry, f, 5));
  }
  if (g.json) {
    nlohmann::json j{{"id", f.id},
                     {"serial", f.serial},
                     {"make", f.make},
                     {"model", f.model},
                     {"type", f.type},
                     {"calibre", f.calibre},
                     {"bore_class", f.bore_class},
                     {"country_of_manufacture", f.country_of_manufacture},
                     {"place_of_manufacture", f.place_of_manufacture},
                     {"import_country", f.import_country},
                     {"import_year", f.import_year},
                     {"state_stock_mark", f.state_stock_mark},
                     {"licence_number", f.licence_number},
                     {"state", f.state},
                     {"no_lawful_record", chain.no_lawful_record}};
    j["events"] = nlohmann::json::array();
    for (const auto& e : events)
      j["events"].push_back({{"kind", e.kind},
                             {"date", e.date},
                             {"place", e.place},
                             {"district", e.district},
                             {"agency", e.agency},
                             {"document", e.document},
                             {"holder", e.holder},
                             {"licence_number", e.licence_number},
                             {"seizure_context", e.seizure_context},
                             {"campaign", e.campaign},
                             {"retain_until", e.retain_until}});
    j["custody"] = nlohmann::json::array();
    for (const auto& s : chain.steps)
      j["custody"].push_back({{"state", s.state},
                              {"lawful", s.lawful},
                              {"holder", s.holder},
                              {"place", s.place},
                              {"from", s.from_date},
                              {"to", s.to_date}});
    j["diversions"] = nlohmann::json::array();
    for (const auto& d : chain.diversions)
      j["diversions"].push_back({{"date", d.date},
                                 {"event", d.event_kind},
                                 {"from_state", d.from_state},
                                 {"to_state", d.to_state},
                                 {"last_lawful_holder", d.last_lawful_holder},
                                 {"explanation", d.explanation}});
    j["trace_requests"] = nlohmann::json::array();
    for (const auto& r : requests) {
      nlohmann::json answers = nlohmann::json::array();
      KASHF_ASSIGN_OR_RETURN(auto as, registry.TraceAnswers(r.id));
      for (const auto& a : as)
        answers.push_back({{"date", a.date},
                           {"responder", a.responder},
                           {"outcome", a.outcome},
                           {"last_lawful_holder", a.last_lawful_holder},
                           {"diversion_point", a.diversion_point},
                           {"text", a.text}});
      j["trace_requests"].push_back({{"id", r.id},
                                     {"date", r.date},
                                     {"requesting_agency", r.requesting_agency},
                                     {"requested_party", r.requested_party},
                                     {"illicit_reason", r.illicit_reason},
                                     {"legal_basis", r.legal_basis},
                                     {"markings", r.markings},
                                     {"type", r.type},
                                     {"calibre", r.calibre},
                                     {"intended_use", r.intended_use},
                                     {"status", r.status},
                                     {"answers", answers}});
    }
    j["register_matches"] = nlohmann::json::array();
    for (const auto& m : matches) {
      nlohmann::json div = nlohmann::json::array();
      for (const auto& d : m.chain.diversions) div.push_back(d.explanation);
      j["register_matches"].push_back({{"id", m.firearm.id},
                                       {"serial", m.firearm.serial},
                                       {"make", m.firearm.make},
                                       {"calibre", m.firearm.calibre},
                                       {"state", m.firearm.state},
                                       {"score", m.candidate.score},
                                       {"confusable_chars", m.candidate.confusable_chars},
                                       {"diversions", div}});
    }
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  fmt::print("Firearm {}: {} {} {} ({}), calibre {} [{} bore]\n", f.id, f.make.empty() ? "unknown maker" : f.make,
             f.model, registry.reference().TypeLabel(f.type), f.type, f.calibre.empty() ? "unknown" : f.calibre,
             f.bore_class);
  fmt::print("  markings: {}\n", firearms::DescribeMarkings(f));
  fmt::print("  state: {}{}\n", f.state,
             f.licence_number.empty() ? "" : fmt::format(" (licence {})", f.licence_number));
  fmt::print("Chain of custody:\n");
  if (chain.steps.empty()) fmt::print("  (no events recorded)\n");
  for (const auto& s : chain.steps) {
    const auto* e = s.opened_by;
    fmt::print("  {} .. {:<10} {:<12} {:<8} {}{}{}\n", s.from_date, s.to_date.empty() ? "now" : s.to_date, s.state,
               s.lawful ? "lawful" : "UNLAWFUL", s.holder, s.place.empty() ? "" : fmt::format(", {}", s.place),
               e && !e->document.empty() ? fmt::format(" [{} {}]", e->kind, e->document)
                                         : fmt::format(" [{}]", e ? e->kind : ""));
  }
  if (chain.no_lawful_record)
    fmt::print("No lawful record: the weapon first appears {}; trace it with the maker or abroad.\n",
               chain.steps.empty() ? "nowhere" : chain.steps.front().state);
  for (const auto& d : chain.diversions) fmt::print("DIVERSION POINT: {}\n", d.explanation);
  if (chain.no_lawful_record || f.serial.find('?') != std::string::npos) {
    if (matches.empty()) {
      fmt::print(
          "Register: no registered firearm fits serial '{}' with make '{}' and calibre '{}'; trace abroad or with the "
          "maker.\n",
          f.serial, f.make, f.calibre);
    } else {
      fmt::print("Register candidates for serial '{}' (partial-serial search, same make and calibre):\n", f.serial);
      for (const auto& m : matches)
        fmt::print("  firearm {:>7}  {:<12} score {:>3}  state {:<12} {}\n", m.firearm.id, m.firearm.serial,
                   m.candidate.score, m.firearm.state,
                   m.chain.diversions.empty() ? "no diversion on record" : m.chain.diversions.back().explanation);
      const auto& best = matches.front();
      fmt::print("Chain of custody of the best candidate, firearm {} ({}):\n", best.firearm.id, best.firearm.serial);
      for (const auto& s : best.chain.steps)
        fmt::print("  {} .. {:<10} {:<12} {:<8} {}{}\n", s.from_date, s.to_date.empty() ? "now" : s.to_date, s.state,
                   s.lawful ? "lawful" : "UNLAWFUL", s.holder, s.place.empty() ? "" : fmt::format(", {}", s.place));
      for (const auto& d : best.chain.diversions)
        fmt::print("  DIVERSION POINT of firearm {}: {}\n", best.firearm.id, d.explanation);
    }
  }
  if (requests.empty()) {
    fmt::print(
        "No trace request yet; send one with `kashf firearm trace request {} --reason ... --legal-basis ... "
        "--intended-use ... --agency ... --to ...`\n",
        f.id);
  }
  for (const auto& r : requests) {
    fmt::print("Trace request {} ({}) {} -> {}: {}\n", r.id, r.status, r.requesting_agency, r.requested_party, r.date);
    fmt::print("  why illicit: {}; legal basis: {}; intended use: {}\n", r.illicit_reason, r.legal_basis,
               r.intended_use);
    fmt::print("  markings: {}; type {}; calibre {}\n", r.markings, r.type, r.calibre);
    KASHF_ASSIGN_OR_RETURN(auto as, registry.TraceAnswers(r.id));
    for (const auto& a : as)
      fmt::print("  answer {} from {}: {}{}{}{}\n", a.date, a.responder, a.outcome,
                 a.last_lawful_holder.empty() ? "" : fmt::format("; last lawful holder {}", a.last_lawful_holder),
                 a.diversion_point.empty() ? "" : fmt::format("; {}", a.diversion_point),
                 a.text.empty() ? "" : fmt::format(" ({})", a.text));
  }
  return Status::Ok();
}

namespace {

FirearmSubcommandRegistration show(40, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto id_text = std::make_shared<std::string>();
  auto* cmd = parent.add_subcommand("show", "Show a firearm: markings, lifecycle, chain of custody, trace requests");
  cmd->add_option("id", *id_text, "Firearm id")->required();
  cmd->footer("Example: kashf --db k.db firearm show 42");
  return [&g, id_text]() -> Status {
    KASHF_ASSIGN_OR_RETURN(int64_t id, ParseFirearmId(*id_text));
    KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, false));
    return PrintFirearmTrace(*reg, id, g);
  };
});

}  // namespace
}  // namespace kashf::cli
