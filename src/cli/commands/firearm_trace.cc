// kashf firearm trace request|answer|list|show: tracing requests with the content the
// International Tracing Instrument (para. 17) asks for, their answers, and the computed chain of
// custody with diversion points (Firearms Protocol Art. 12.4).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "firearm_command.h"
#include "kashf/core/text.h"

namespace kashf::cli {
namespace {

std::string Today() { return FormatIsoUtc(NowUnixSeconds()).substr(0, 10); }

FirearmSubcommandRegistration trace(60, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto* cmd = parent.add_subcommand(
      "trace", "Tracing: send a request (ITI para. 17), record answers, show the chain of custody");
  cmd->require_subcommand(1);
  cmd->footer(
      "Examples:\n"
      "  kashf --db k.db firearm trace request 42 --reason 'seized at border, serial obliterated' \\\n"
      "      --legal-basis 'Arms Ordinance 1965 s.13' --intended-use 'prosecution' --agency FIA --to 'INTERPOL iARMS'\n"
      "  kashf --db k.db firearm trace answer TR-2025-000001 --outcome origin_established --responder iARMS\n"
      "  kashf --db k.db firearm trace show 42\n  kashf --db k.db firearm trace list");

  auto req = std::make_shared<firearms::TraceRequest>();
  auto req_id = std::make_shared<std::string>();
  auto* r = cmd->add_subcommand("request", "Create a tracing request for a firearm");
  r->add_option("id", *req_id, "Firearm id")->required();
  r->add_option("--reason", req->illicit_reason, "Why the weapon is considered illicit (ITI 17(a))");
  r->add_option("--legal-basis", req->legal_basis, "Legal justification (ITI 17(a))");
  r->add_option("--intended-use", req->intended_use, "Intended use of the information (ITI 17(c))");
  r->add_option("--agency", req->requesting_agency, "Requesting agency");
  r->add_option("--to", req->requested_party, "Requested State / point of contact / INTERPOL iARMS / manufacturer");
  r->add_option("--markings", req->markings, "Markings as read (default: from the record)");
  r->add_option("--date", req->date, "Date YYYY-MM-DD (default: today)");

  auto ans = std::make_shared<firearms::TraceAnswer>();
  auto* a = cmd->add_subcommand("answer", "Record the answer to a tracing request");
  a->add_option("request", ans->request_id, "Trace request id, e.g. TR-2025-000001")->required();
  a->add_option("--outcome", ans->outcome, "origin_established | partial | not_traceable | no_record")->required();
  a->add_option("--responder", ans->responder, "Who answered")->required();
  a->add_option("--date", ans->date, "Date YYYY-MM-DD (default: today)");
  a->add_option("--last-holder", ans->last_lawful_holder, "Last lawful holder named in the answer");
  a->add_option("--diversion", ans->diversion_point, "Point of diversion named in the answer");
  a->add_option("--text", ans->text, "Answer text");

  auto* l = cmd->add_subcommand("list", "List tracing requests and their status");
  auto show_id = std::make_shared<std::string>();
  auto* s = cmd->add_subcommand("show", "Chain of custody, diversion points and trace requests of a firearm");
  s->add_option("id", *show_id, "Firearm id")->required();

  return [&g, r, a, l, req, req_id, ans, show_id]() -> Status {
    if (r->parsed()) {
      KASHF_ASSIGN_OR_RETURN(req->firearm_id, ParseFirearmId(*req_id));
      if (req->date.empty()) req->date = Today();
      KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, false));
      KASHF_ASSIGN_OR_RETURN(std::string id, reg->CreateTraceRequest(*req));
      if (g.json) fmt::print("{}\n", nlohmann::json{{"id", id}}.dump());
      else
        fmt::print(
            "trace request {} created for firearm {}; record the reply with `kashf firearm trace answer {} --outcome "
            "...`\n",
            id, req->firearm_id, id);
      return Status::Ok();
    }
    if (a->parsed()) {
      if (ans->date.empty()) ans->date = Today();
      KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, false));
      KASHF_ASSIGN_OR_RETURN(int64_t id, reg->RecordTraceAnswer(*ans));
      if (g.json) fmt::print("{}\n", nlohmann::json{{"answer_id", id}}.dump());
      else fmt::print("answer recorded for {} ({})\n", ans->request_id, ans->outcome);
      return Status::Ok();
    }
    if (l->parsed()) {
      KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, false));
      KASHF_ASSIGN_OR_RETURN(auto all, reg->TraceRequests(std::nullopt));
      nlohmann::json j = nlohmann::json::array();
      for (const auto& t : all) {
        if (g.json)
          j.push_back({{"id", t.id},
                       {"firearm_id", t.firearm_id},
                       {"date", t.date},
                       {"status", t.status},
                       {"requested_party", t.requested_party},
                       {"illicit_reason", t.illicit_reason}});
        else
          fmt::print("{}  firearm {:>7}  {}  {:<8}  -> {}: {}\n", t.id, t.firearm_id, t.date, t.status,
                     t.requested_party, t.illicit_reason);
      }
      if (g.json) fmt::print("{}\n", j.dump(2));
      else if (all.empty()) fmt::print("no trace requests yet; create one with `kashf firearm trace request ID ...`\n");
      return Status::Ok();
    }
    KASHF_ASSIGN_OR_RETURN(int64_t id, ParseFirearmId(*show_id));
    KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, false));
    return PrintFirearmTrace(*reg, id, g);
  };
});

}  // namespace
}  // namespace kashf::cli
