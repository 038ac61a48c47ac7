#include "kashf/ingest/text_links.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace kashf {
namespace {

// The kinds that name another entity; see the header for why the rest are not linked.
constexpr text::SelectorKind kLinkedKinds[] = {
    text::SelectorKind::kPhone, text::SelectorKind::kCnic,    text::SelectorKind::kPassport,
    text::SelectorKind::kIban,  text::SelectorKind::kAccount, text::SelectorKind::kWallet,
    text::SelectorKind::kEmail, text::SelectorKind::kHandle,  text::SelectorKind::kUrl,
};

}  // namespace

SelectorTarget TargetOf(text::SelectorKind kind) {
  for (const auto k : kLinkedKinds)
    if (k == kind) return {text::SchemaFor(kind), text::PropertyFor(kind)};
  return {};
}

Status AppendTextLinks(const text::Extractor& extractor, std::string_view text, const TextHolder& holder,
                       std::vector<Statement>* out) {
  KASHF_ASSIGN_OR_RETURN(const std::vector<text::Selector> found, extractor.Extract(text));
  for (const text::Selector& sel : found) {
    const SelectorTarget target = TargetOf(sel.kind);
    if (target.schema.empty() || sel.value.empty()) continue;
    const std::string schema(target.schema);
    const std::string kind(text::KindName(sel.kind));
    const std::string selector_id = MakeEntityId(holder.dataset, schema, sel.value);
    const std::string mention_id =
        MakeEntityId(holder.dataset, "Mention",
                     fmt::format("{}|{}|{}|{}|{}", holder.entity_id, holder.field, sel.begin, sel.end, kind));
    const auto emit = [&](const std::string& id, const std::string& entity_schema, std::string prop, std::string v) {
      out->push_back(
          {id, entity_schema, std::move(prop), std::move(v), holder.dataset, holder.record_id, holder.import_time});
    };
    emit(selector_id, schema, std::string(target.property), sel.value);
    emit(mention_id, "Mention", "document", holder.entity_id);
    emit(mention_id, "Mention", "selector", selector_id);
    emit(mention_id, "Mention", "field", holder.field);
    emit(mention_id, "Mention", "selectorKind", kind);
    emit(mention_id, "Mention", "value", sel.value);
    emit(mention_id, "Mention", "spanStart", std::to_string(sel.begin));
    emit(mention_id, "Mention", "spanEnd", std::to_string(sel.end));
    emit(mention_id, "Mention", "extractor", "kashf-text/" + kind);
  }
  return Status::Ok();
}

Result<std::vector<TextMention>> MentionsOf(Store& store, const std::string& entity_id, const std::string& dataset) {
  std::vector<TextMention> out;
  TextMention current;
  const auto flush = [&] {
    if (!current.id.empty() && (current.document == entity_id || current.selector == entity_id))
      out.push_back(std::move(current));
    current = TextMention();
  };
  const auto offset = [](const std::string& v) {
    size_t n = 0;
    for (char c : v) {
      if (c < '0' || c > '9') break;
      n = n * 10 + static_cast<size_t>(c - '0');
    }
    return n;
  };
  KASHF_RETURN_IF_ERROR(store.ScanStatements({"Mention", dataset}, [&](const Statement& st) {
    if (st.entity_id != current.id) {
      flush();
      current.id = st.entity_id;
      current.record_id = st.record_id;
    }
    if (st.prop == "document") current.document = st.value;
    else if (st.prop == "selector") current.selector = st.value;
    else if (st.prop == "field") current.field = st.value;
    else if (st.prop == "selectorKind") current.kind = st.value;
    else if (st.prop == "value") current.value = st.value;
    else if (st.prop == "extractor") current.extractor = st.value;
    else if (st.prop == "spanStart") current.begin = offset(st.value);
    else if (st.prop == "spanEnd") current.end = offset(st.value);
    return true;
  }));
  flush();
  std::sort(out.begin(), out.end(), [](const TextMention& a, const TextMention& b) {
    return std::tie(a.document, a.field, a.begin, a.kind) < std::tie(b.document, b.field, b.begin, b.kind);
  });
  return out;
}

std::vector<const TextMention*> MentionsIn(const Statement& st, const std::vector<TextMention>& mentions) {
  std::vector<const TextMention*> out;
  for (const TextMention& m : mentions)
    if (m.document == st.entity_id && m.field == st.prop && m.record_id == st.record_id) out.push_back(&m);
  return out;
}

nlohmann::json MentionJson(const TextMention& m) {
  return {{"id", m.id},           {"document", m.document}, {"selector", m.selector},
          {"field", m.field},     {"kind", m.kind},         {"value", m.value},
          {"begin", m.begin},     {"end", m.end},           {"extractor", m.extractor},
          {"record", m.record_id}};
}

void AddTextMentionsJson(nlohmann::json& entity, const std::vector<Statement>& statements,
                         const std::vector<std::string>& ids, const std::vector<TextMention>& mentions) {
  nlohmann::json text = nlohmann::json::array(), named = nlohmann::json::array();
  for (const auto& s : statements) {
    const std::vector<const TextMention*> in = MentionsIn(s, mentions);
    if (in.empty()) continue;
    nlohmann::json spans = nlohmann::json::array();
    for (const TextMention* m : in) spans.push_back(MentionJson(*m));
    text.push_back({{"prop", s.prop}, {"record", s.record_id}, {"text", s.value}, {"mentions", spans}});
  }
  for (const TextMention& m : mentions)
    if (std::find(ids.begin(), ids.end(), m.selector) != ids.end()) named.push_back(MentionJson(m));
  entity["text"] = std::move(text);
  entity["named_in"] = std::move(named);
}

std::string BracketSpans(std::string_view text, const std::vector<const TextMention*>& mentions) {
  std::string out;
  size_t at = 0;
  for (const TextMention* m : mentions) {
    if (m->begin < at || m->begin >= m->end || m->end > text.size()) continue;
    out.append(text.substr(at, m->begin - at));
    out += '[';
    out.append(text.substr(m->begin, m->end - m->begin));
    out += ']';
    at = m->end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace kashf
