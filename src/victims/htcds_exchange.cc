// HTCDS JSON documents: cases to a document and back, checked field by field against the layout of
// htcds_schema.h; and the register side of an exchange (collecting cases, storing imported ones).
#include "kashf/victims/htcds_exchange.h"

#include <cmath>

#include <fmt/format.h>

#include "htcds_schema.h"
#include "kashf/victims/civil_date.h"

namespace kashf::victims {
namespace {

using htcds::Field;
using htcds::Group;
using htcds::Kind;
using nlohmann::json;

constexpr const char* kRowKey = "_row";  // where a record came from in a workbook (set by ReadHtcdsWorkbook)

// Nothing recorded: left out of a document, and read as the field's default.
bool Unrecorded(const json& v) {
  return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) || (v.is_array() && v.empty()) ||
         (v.is_number_integer() && v.get<int64_t>() < 0);
}

// Applies `fn` to the value, or to each string of a list.
json MapValues(const json& v, const std::function<std::string(const std::string&)>& fn) {
  if (v.is_string()) return fn(v.get<std::string>());
  json out = json::array();
  for (const auto& x : v) out.push_back(fn(x.get<std::string>()));
  return out;
}

json Record(const Group& g, const ExchangeCase& c, size_t i, const HtcdsPicklists& picklists) {
  json rec = json::object();
  for (const Field& f : g.fields) {
    if (f.sealed && !c.identity_included) continue;
    json v = f.get(c, i);
    if (Unrecorded(v)) continue;
    if (f.picklist) v = MapValues(v, [&](const std::string& id) { return picklists.HtcdsValue(f.picklist, id); });
    rec[f.name] = std::move(v);
  }
  return rec;
}

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kText: return "text";
    case Kind::kDate: return "a date YYYY-MM-DD";
    case Kind::kInt: return "a whole number";
    case Kind::kBool: return "true or false";
    case Kind::kNumber: return "a number";
    case Kind::kTextList: return "a list of text values";
    case Kind::kJson: return "Kashf's JSON record";
  }
  return "";
}

bool HasKind(const json& v, Kind k) {
  switch (k) {
    case Kind::kText: return v.is_string();
    case Kind::kDate: return v.is_string() && DayNumber(v.get<std::string>()).has_value();
    case Kind::kInt: return v.is_number_integer();
    case Kind::kBool: return v.is_boolean();
    case Kind::kNumber: return v.is_number();
    case Kind::kTextList:
      return v.is_array() && std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_string(); });
    case Kind::kJson: return v.is_array();
  }
  return false;
}

// Reads the problems of one case into `out`; the case's position and reference name them.
class CaseReader {
 public:
  CaseReader(const HtcdsPicklists& picklists, std::string case_ref, std::vector<ImportProblem>& out)
      : picklists_(picklists), case_ref_(std::move(case_ref)), out_(out) {}

  void Problem(const std::string& where, const std::string& field, const std::string& what) {
    out_.push_back({case_ref_, where, field, what});
    ++count_;
  }
  size_t count() const { return count_; }

  // Sets record `i` of group `g` of `c` from `rec`.
  void ReadRecord(const Group& g, const json& rec, size_t i, const std::string& default_where, ExchangeCase& c) {
    std::string where = default_where;
    if (rec.is_object() && rec.contains(kRowKey) && rec[kRowKey].is_string()) where = rec[kRowKey];
    if (!rec.is_object()) {
      Problem(where, "", fmt::format("expected a record of HTCDS fields for {}", g.key));
      return;
    }
    for (const auto& [key, value] : rec.items()) {
      if (key == kRowKey) continue;
      const std::string& name = key;  // a named copy: clang before 16 cannot capture a structured binding
      if (std::none_of(g.fields.begin(), g.fields.end(), [&](const Field& f) { return name == f.name; }))
        Problem(where, key.size() > 64 ? key.substr(0, 64) + "..." : key,
                fmt::format("not a field of {} in HTCDS v2 or Kashf's extension (docs/victims.md)", g.key));
    }
    for (const Field& f : g.fields) {
      auto it = rec.find(f.name);
      if (it == rec.end() || Unrecorded(*it)) {
        if (f.required) Problem(where, f.name, "missing; every case needs this core field");
        continue;
      }
      if (!HasKind(*it, f.kind)) {
        Problem(where, f.name, fmt::format("expected {}", KindName(f.kind)));
        continue;
      }
      json value = *it;
      if (f.picklist) {
        bool known = true;
        value = MapValues(value, [&](const std::string& v) {
          std::string id = picklists_.IdFor(f.picklist, v);
          if (id.empty()) {
            known = false;
            Problem(where, f.name,
                    fmt::format("'{}' is not an HTCDS value; use one of: {}",
                                v.size() > 64 ? v.substr(0, 64) + "..." : v, picklists_.Describe(f.picklist)));
          }
          return id;
        });
        if (!known) continue;
      }
      std::string error;
      try {
        error = f.set(c, i, value);
      } catch (const json::exception&) {
        error = "malformed: write it as `kashf case export` does";
      }
      if (!error.empty()) Problem(where, f.name, error);
    }
  }

 private:
  const HtcdsPicklists& picklists_;
  std::string case_ref_;
  std::vector<ImportProblem>& out_;
  size_t count_ = 0;
};

// The checks across fields: both coordinates of a point, a direction for every referral.
void CheckCase(const ExchangeCase& c, const std::string& where, CaseReader& reader) {
  for (const auto& p : c.identity.event_points)
    if (std::isnan(p.latitude) || std::isnan(p.longitude))
      reader.Problem(fmt::format("{}.events[{}]", where, p.event), "hte_Latitude",
                     "hte_Latitude and hte_Longitude are given together or not at all");
  for (size_t i = 0; i < c.record.referrals.size(); ++i)
    if (c.record.referrals[i].direction.empty())
      reader.Problem(fmt::format("{}.referrals[{}]", where, i), "",
                     "a referral needs its organisation and date, incoming (cas_ReferringOrganisation, "
                     "cas_IncomingReferralDate) or outgoing (cas_ReferredOrganisation, cas_OutgoingReferralDate)");
}

}  // namespace

json HtcdsDocument(const std::vector<ExchangeCase>& cases, const HtcdsPicklists& picklists) {
  json out = json::array();
  bool identities = !cases.empty();
  for (const ExchangeCase& c : cases) {
    identities = identities && c.identity_included;
    json co = json::object();
    for (const Group& g : htcds::Groups()) {
      if (!g.many) {
        co[g.key] = Record(g, c, 0, picklists);
        continue;
      }
      bool all_sealed = std::all_of(g.fields.begin(), g.fields.end(), [](const Field& f) { return f.sealed; });
      if (all_sealed && !c.identity_included) continue;
      json records = json::array();
      for (size_t i = 0; i < g.count(c); ++i) records.push_back(Record(g, c, i, picklists));
      co[g.key] = std::move(records);
    }
    out.push_back(std::move(co));
  }
  return {
      {"standard", htcds::kStandard}, {"identities", identities ? "included" : "sealed"}, {"cases", std::move(out)}};
}

Result<ParsedHtcds> ParseHtcdsDocument(const json& doc, const HtcdsPicklists& picklists) {
  if (!doc.is_object() || !doc.contains("cases") || !doc["cases"].is_array())
    return Status::InvalidArgument(
        "not an HTCDS case document: expected an object with a \"cases\" list, as `kashf case export --format "
        "htcds-json` writes it");
  ParsedHtcds out;
  const json& cases = doc["cases"];
  for (size_t n = 0; n < cases.size(); ++n) {
    const json& cj = cases[n];
    std::string where = fmt::format("cases[{}]", n);
    std::string ref = fmt::format("#{}", n + 1);
    if (cj.is_object() && cj.contains("case") && cj["case"].is_object()) {
      auto id = cj["case"].find(htcds::kCaseId);
      if (id != cj["case"].end() && id->is_string() && !id->get_ref<const std::string&>().empty())
        ref = id->get<std::string>().substr(0, 128);
    }
    CaseReader reader(picklists, ref, out.problems);
    if (!cj.is_object()) {
      reader.Problem(where, "", "expected a case object with the HTCDS groups");
      continue;
    }
    ExchangeCase c;
    c.identity_included = true;
    for (const auto& item : cj.items()) {
      const std::string& key = item.key();
      if (std::none_of(htcds::Groups().begin(), htcds::Groups().end(), [&](const Group& g) { return key == g.key; }))
        reader.Problem(where, key.substr(0, 64),
                       "not an HTCDS group (case, person, victim_context, events, referrals, support_plans, "
                       "perpetrators, comments)");
    }
    for (const Group& g : htcds::Groups()) {
      std::string at = fmt::format("{}.{}", where, g.key);
      auto it = cj.find(g.key);
      if (!g.many) {
        reader.ReadRecord(g, it == cj.end() ? json::object() : *it, 0, at, c);
        continue;
      }
      if (it == cj.end()) continue;
      if (!it->is_array()) {
        reader.Problem(at, "", "expected a list of records");
        continue;
      }
      for (size_t i = 0; i < it->size(); ++i) {
        g.add(c);
        reader.ReadRecord(g, (*it)[i], i, fmt::format("{}[{}]", at, i), c);
      }
    }
    CheckCase(c, where, reader);
    if (reader.count() == 0) out.cases.push_back({ImportProblem{ref, where, "", ""}, std::move(c)});
  }
  return out;
}

Result<std::vector<ExchangeCase>> CasesForExport(CaseRegistry& registry, const Actor& actor, bool with_identities) {
  KASHF_ASSIGN_OR_RETURN(auto ids, registry.ListCases(actor));
  std::vector<ExchangeCase> out;
  for (const auto& id : ids) {
    ExchangeCase c;
    KASHF_ASSIGN_OR_RETURN(c.record, registry.GetCase(actor, id));
    if (with_identities) {
      KASHF_ASSIGN_OR_RETURN(c.identity, registry.RevealIdentity(actor, id, "case_management"));
      c.identity_included = true;
    }
    out.push_back(std::move(c));
  }
  return out;
}

Result<HtcdsImportReport> ImportHtcdsCases(CaseRegistry& registry, const Actor& actor, ParsedHtcds parsed) {
  HtcdsImportReport report;
  report.problems = std::move(parsed.problems);
  for (auto& [origin, c] : parsed.cases) {
    KASHF_ASSIGN_OR_RETURN(auto existing, registry.FindBySourceId(actor, origin.case_ref));
    if (existing) {
      report.skipped.emplace_back(origin.case_ref, *existing);
      continue;
    }
    NewCase nc{std::move(c.record), std::move(c.identity)};
    nc.record.id.clear();
    nc.record.source_id = origin.case_ref;
    std::vector<NewCase> one;
    one.push_back(std::move(nc));
    auto ids = registry.CreateCases(actor, std::move(one));
    if (ids.ok()) {
      report.created.push_back(ids->front());
    } else if (ids.status().code() == StatusCode::kInvalidArgument) {
      report.problems.push_back({origin.case_ref, origin.where, "", ids.status().message()});
    } else {
      return ids.status();  // no key, no permission, or the store failed: nothing more can be stored
    }
  }
  return report;
}

}  // namespace kashf::victims
