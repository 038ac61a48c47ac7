#include "lexicon.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <charconv>

#include "kashf/core/tsv_file.h"
#include "kashf/firearms/firearm_reference.h"

namespace kashf::text {
namespace {

Result<uint64_t> ParseCount(const std::string& path, const TsvRow& row, const std::string& column) {
  const std::string& s = row.cells.at(column);
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    return Status::InvalidArgument(fmt::format("{}:{}: '{}' must be a whole number", path, row.line, column));
  return v;
}

Status LoadNumberWords(const std::string& dir, Lexicon& lex) {
  const std::string path = dir + "/text-number-words.tsv";
  KASHF_ASSIGN_OR_RETURN(auto rows, ReadTsvFile(path, {"word", "kind", "value", "currency"}));
  for (const auto& r : rows) {
    const std::string& kind = r.cells.at("kind");
    KASHF_ASSIGN_OR_RETURN(uint64_t value, ParseCount(path, r, "value"));
    if (kind == "digit" && value <= 9) lex.digit_words.Add(r.cells.at("word"), static_cast<int>(value));
    else if (kind == "repeat" && value >= 2 && value <= 9)
      lex.repeat_words.Add(r.cells.at("word"), static_cast<int>(value));
    else if (kind == "magnitude" && value > 1) {
      lex.magnitudes.Add(r.cells.at("word"), static_cast<int>(lex.magnitude.size()));
      lex.magnitude.push_back({value, r.cells.at("currency")});
    } else {
      return Status::InvalidArgument(
          fmt::format("{}:{}: kind must be digit (0-9), repeat (2-9) or magnitude (> 1)", path, r.line));
    }
  }
  return Status::Ok();
}

Status LoadCues(const std::string& dir, Lexicon& lex) {
  const std::string path = dir + "/text-cues.tsv";
  KASHF_ASSIGN_OR_RETURN(auto rows, ReadTsvFile(path, {"term", "cue", "value"}));
  static const std::unordered_map<std::string, Cue> kCues = {{"wallet", Cue::kWallet},
                                                             {"account", Cue::kAccount},
                                                             {"passport", Cue::kPassport},
                                                             {"platform", Cue::kPlatform},
                                                             {"tld", Cue::kTld}};
  for (const auto& r : rows) {
    auto it = kCues.find(r.cells.at("cue"));
    if (it == kCues.end())
      return Status::InvalidArgument(
          fmt::format("{}:{}: cue must be wallet, account, passport, platform or tld", path, r.line));
    lex.cues.Add(r.cells.at("term"), static_cast<int>(lex.cue.size()));
    lex.cue.push_back(it->second);
    lex.cue_value.push_back(r.cells.at("value"));
  }
  return Status::Ok();
}

Status LoadFirearms(const std::string& dir, Lexicon& lex) {
  KASHF_ASSIGN_OR_RETURN(auto ref, firearms::FirearmReference::Load(dir, "PK"));
  auto add = [&lex](const std::string& term, FirearmTerm t) {
    lex.firearm_terms.Add(term, static_cast<int>(lex.firearm.size()));
    lex.firearm.push_back(std::move(t));
  };
  for (const auto& code : ref.TypeCodes()) {
    if (code == "other") continue;  // "other" is no word for a gun
    add(ref.TypeLabel(code), {code, "", ""});
  }
  for (const auto& calibre : ref.Calibres()) add(calibre, {"", "", calibre});
  const std::string generator = dir + "/firearm-generator.yaml";
  try {
    // A make that produces one type only names that type ("Glock" is a pistol).
    for (const auto& m : YAML::LoadFile(generator)["makes"]) {
      const auto make = m["make"].as<std::string>();
      const auto types = m["types"];
      add(make, {types && types.size() == 1 ? types[0].as<std::string>() : "", make, ""});
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: {}", generator, e.what()));
  }
  const std::string path = dir + "/firearm-slang.tsv";
  KASHF_ASSIGN_OR_RETURN(auto rows, ReadTsvFile(path, {"term", "type", "make", "calibre"}));
  for (const auto& r : rows) {
    FirearmTerm t{r.cells.at("type"), r.cells.at("make"), r.cells.at("calibre")};
    if (!t.type.empty() && !ref.IsKnownType(t.type))
      return Status::InvalidArgument(
          fmt::format("{}:{}: type '{}' is not a code of firearm-types.tsv", path, r.line, t.type));
    if (t.type.empty() && t.make.empty() && t.calibre.empty())
      return Status::InvalidArgument(fmt::format("{}:{}: give a type, make or calibre", path, r.line));
    add(r.cells.at("term"), std::move(t));
  }
  return Status::Ok();
}

Status LoadPlaces(const std::string& dir, Lexicon& lex) {
  auto add = [&lex](const std::string& name, const std::string& canonical, const std::string& province) {
    if (canonical == "-") {
      lex.places.Add(name, -1);
      return;
    }
    lex.places.Add(name, static_cast<int>(lex.place.size()));
    lex.place.push_back({canonical, province});
  };
  KASHF_ASSIGN_OR_RETURN(auto districts, ReadTsvFile(dir + "/pk-districts.tsv", {"district", "province"}));
  for (const auto& r : districts) add(r.cells.at("district"), r.cells.at("district"), r.cells.at("province"));
  KASHF_ASSIGN_OR_RETURN(auto points, ReadTsvFile(dir + "/geo-points.tsv", {"name", "kind", "province"}));
  for (const auto& r : points)
    if (r.cells.at("kind") == "city") add(r.cells.at("name"), r.cells.at("name"), r.cells.at("province"));
  KASHF_ASSIGN_OR_RETURN(auto aliases, ReadTsvFile(dir + "/text-places.tsv", {"name", "place", "province"}));
  for (const auto& r : aliases) add(r.cells.at("name"), r.cells.at("place"), r.cells.at("province"));
  return Status::Ok();
}

}  // namespace

Result<Lexicon> Lexicon::Load(const std::string& dir) {
  Lexicon lex;
  KASHF_RETURN_IF_ERROR(LoadNumberWords(dir, lex));
  const std::string currencies = dir + "/text-currencies.tsv";
  KASHF_ASSIGN_OR_RETURN(auto cur, ReadTsvFile(currencies, {"term", "code"}));
  for (const auto& r : cur) {
    lex.currencies.Add(r.cells.at("term"), static_cast<int>(lex.currency_codes.size()));
    lex.currency_codes.push_back(r.cells.at("code"));
  }
  const std::string months = dir + "/text-months.tsv";
  KASHF_ASSIGN_OR_RETURN(auto mon, ReadTsvFile(months, {"name", "month"}));
  for (const auto& r : mon) {
    KASHF_ASSIGN_OR_RETURN(uint64_t m, ParseCount(months, r, "month"));
    if (m < 1 || m > 12) return Status::InvalidArgument(fmt::format("{}:{}: month must be 1-12", months, r.line));
    lex.months.Add(r.cells.at("name"), static_cast<int>(m));
  }
  KASHF_RETURN_IF_ERROR(LoadCues(dir, lex));
  KASHF_RETURN_IF_ERROR(LoadFirearms(dir, lex));
  KASHF_RETURN_IF_ERROR(LoadPlaces(dir, lex));
  const std::string ibans = dir + "/iban-lengths.tsv";
  KASHF_ASSIGN_OR_RETURN(auto ib, ReadTsvFile(ibans, {"country", "length"}));
  for (const auto& r : ib) {
    KASHF_ASSIGN_OR_RETURN(uint64_t n, ParseCount(ibans, r, "length"));
    if (n < 15 || n > 34) return Status::InvalidArgument(fmt::format("{}:{}: length must be 15-34", ibans, r.line));
    lex.iban_length[r.cells.at("country")] = static_cast<size_t>(n);
  }
  return lex;
}

}  // namespace kashf::text
