// Text links: the selectors found in a record's free text (an FIR narrative, an ad, a chat message)
// turned into statements, so that the store joins the record to the phone, account, person or
// handle its text names (docs/text-leads.md, "Selectors in the store").
// For each selector of a linked kind (phone, wallet, iban, account, cnic, passport, email, handle,
// url) two entities are written, both in the record's dataset and with its record id as provenance:
//   - the selector's entity: MakeEntityId(dataset, schema, value) with its one identifying property
//     (Phone.number, Wallet.walletNumber, BankAccount.iban / accountNumber, Person.cnic /
//     passportNumber / email, OnlineAccount.handle / url), so every text naming a number, and any
//     mapping keying a Phone by that number, name one entity, and resolution joins it to the
//     person who holds the number;
//   - a Mention (an interval: document -> selector) with the property holding the text, the kind,
//     the value, the span [spanStart, spanEnd) in bytes of the stored text, and the extractor.
// Money, firearm, place and date selectors describe the record rather than name another entity;
// they are not linked (kashf text extract lists them).
// Ids are deterministic, so importing the same text again adds nothing.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kashf/model/statement.h"
#include "kashf/store/store.h"
#include "kashf/text/extractor.h"

namespace kashf {

// The record whose text is read, and where its statements come from.
struct TextHolder {
  std::string entity_id;  // the text-bearing entity (a Message, an Advertisement, a Case ...)
  std::string field;      // the property holding the text ("bodyText", "notes")
  std::string dataset;
  std::string record_id;
  int64_t import_time = 0;
};

// The schema and property of the entity a selector of `kind` names; empty schema when the kind is
// not linked (money, firearm, place, date).
struct SelectorTarget {
  std::string_view schema, property;
};
SelectorTarget TargetOf(text::SelectorKind kind);

// Appends to *out the statements linking `holder` to each linked selector in `text` (the value
// exactly as stored). InvalidArgument when the text is larger than text::Extractor::kMaxTextBytes.
Status AppendTextLinks(const text::Extractor& extractor, std::string_view text, const TextHolder& holder,
                       std::vector<Statement>* out);

// One stored Mention, read back.
struct TextMention {
  std::string id;        // the Mention entity
  std::string document;  // the text-bearing entity
  std::string selector;  // the selector's entity
  std::string field, kind, value, extractor, record_id;
  size_t begin = 0, end = 0;  // bytes of the document's `field` value
};

// The Mentions of `dataset` whose document or selector is `entity_id`, ordered by field and begin
// (Mentions are written in the dataset of the text they come from). Reads the dataset's Mentions
// once.
Result<std::vector<TextMention>> MentionsOf(Store& store, const std::string& entity_id, const std::string& dataset);

// The mentions of a text value `st` (document, field and record as the statement's), in order.
std::vector<const TextMention*> MentionsIn(const Statement& st, const std::vector<TextMention>& mentions);

// {id, document, selector, field, kind, value, begin, end, extractor, record} of one mention.
nlohmann::json MentionJson(const TextMention& m);

// What `kashf show --json` and GET /api/v1/entities/{id} add to an entity: "text", each text value
// of `statements` that has mentions with its spans ({prop, record, text, mentions}), and "named_in",
// the mentions whose selector is one of `ids` (the entity, or a cluster's members).
void AddTextMentionsJson(nlohmann::json& entity, const std::vector<Statement>& statements,
                         const std::vector<std::string>& ids, const std::vector<TextMention>& mentions);

// `text` with each mention's span (of `mentions`, those of one field, ordered by begin) set in
// brackets: "call [0300-1234567] now". Spans that do not fit the text, or overlap an earlier one,
// are left unmarked.
std::string BracketSpans(std::string_view text, const std::vector<const TextMention*>& mentions);

}  // namespace kashf
