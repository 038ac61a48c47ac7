#include "kashf/ingest/row_mapper.h"

#include <iterator>
#include <unordered_map>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/ingest/date_format.h"
#include "kashf/ingest/text_links.h"
#include "kashf/model/values.h"

namespace kashf {

RowMapper::RowMapper(const Mapping& mapping, std::string file_label, int64_t import_time, size_t max_cell_bytes,
                     const GradingScheme* grading, const text::Extractor* extractor)
    : mapping_(mapping),
      file_label_(std::move(file_label)),
      import_time_(import_time),
      max_cell_bytes_(max_cell_bytes),
      columns_(mapping.Columns()),
      grading_(mapping.grading.empty() ? nullptr : grading),
      extractor_(extractor) {
  std::unordered_map<std::string, size_t> col;
  for (size_t i = 0; i < columns_.size(); ++i) col[columns_[i]] = i;
  const GradingMapping& g = mapping.grading;
  for (auto [axis, index] : {std::pair{&g.source, 0}, std::pair{&g.information, 1}, std::pair{&g.handling, 2}})
    if (!axis->column.empty()) grading_cols_[static_cast<size_t>(index)] = col[axis->column];
  for (const auto& c : mapping.required) required_cols_.push_back(col[c]);
  for (const auto& c : mapping.record_id) record_cols_.push_back(col[c]);
  std::unordered_map<std::string, int> entity_index;
  for (size_t i = 0; i < mapping.entities.size(); ++i) entity_index[mapping.entities[i].name] = static_cast<int>(i);
  for (const auto& em : mapping.entities) {
    EntityPlan plan{&em, {}, {}};
    for (const auto& k : em.keys) plan.key_cols.push_back(col[k]);
    for (const auto& pm : em.properties) {
      PropPlan pp{&pm, {}, -1, counter_count_, {}};
      for (const auto& c : pm.columns) pp.cols.push_back(col[c]);
      if (!pm.entity.empty()) pp.entity_index = entity_index[pm.entity];
      if (pm.value_template) pp.column_label = pm.value_template->text();
      if (!pm.date_formats.empty()) counter_count_ += 1 + pm.date_formats.size();
      plan.props.push_back(std::move(pp));
    }
    plans_.push_back(std::move(plan));
  }
  counters_ = std::make_unique<std::atomic<int64_t>[]>(counter_count_);
}

std::vector<DateFormatUse> RowMapper::DateFormatUses() const {
  std::vector<DateFormatUse> out;
  for (const EntityPlan& plan : plans_)
    for (const PropPlan& pp : plan.props) {
      const PropertyMapping& pm = *pp.pm;
      for (size_t f = 0; f < pm.date_formats.size(); ++f)
        out.push_back({pm.prop, pm.value_template ? pm.value_template->text() : Join(pm.columns, ", "),
                       pm.date_formats[f].layout(), counters_[pp.first_counter].load(),
                       counters_[pp.first_counter + 1 + f].load()});
    }
  return out;
}

RowMapper::ValueOutcome RowMapper::CheckValue(const PropPlan& pp, const std::string& column, int64_t line,
                                              std::string_view raw, std::string* value, MappedRow* out) const {
  const PropertyMapping& pm = *pp.pm;
  Status st;
  if (pm.date_formats.empty()) {
    st = ValidateValue(pm.spec->type, raw, value);
  } else {
    size_t matched = 0;
    counters_[pp.first_counter].fetch_add(1, std::memory_order_relaxed);
    st = ReadDateWithFormats(pm.date_formats, raw, value, &matched);
    if (st.ok()) counters_[pp.first_counter + 1 + matched].fetch_add(1, std::memory_order_relaxed);
  }
  if (st.ok()) return ValueOutcome::kStore;
  std::string reason = fmt::format("{} ({}): {}", pm.prop, PropertyTypeName(pm.spec->type), st.message());
  switch (pm.invalid) {
    case InvalidPolicy::kReject: *value = std::move(reason); return ValueOutcome::kReject;
    case InvalidPolicy::kKeep:
      *value = std::string(raw);
      out->warnings.push_back({file_label_, line, column, reason + " (kept as written)"});
      return ValueOutcome::kStore;
    case InvalidPolicy::kSkip:
      out->warnings.push_back({file_label_, line, column, reason + " (value skipped)"});
      return ValueOutcome::kSkip;
  }
  return ValueOutcome::kSkip;
}

void RowMapper::Reject(const SourceRow& row, const std::string& column, std::string reason, MappedRow* out) const {
  out->rejected = true;
  out->statements.clear();
  out->warnings.clear();
  out->reject = {file_label_, row.line, column, std::move(reason)};
}

bool RowMapper::CheckCells(const SourceRow& row, MappedRow* out) const {
  if (!row.error.empty()) {
    Reject(row, row.error_column, row.error, out);
    return false;
  }
  for (size_t i = 0; i < row.values.size(); ++i)
    if (row.values[i].size() > max_cell_bytes_) {
      Reject(row, columns_[i],
             fmt::format("value is longer than {} bytes, the limit per cell (raise it with `kashf "
                         "ingest --max-cell-bytes N`)",
                         max_cell_bytes_),
             out);
      return false;
    }
  // Every cell must be UTF-8, mapped or not: a broken cell is reported where it is.
  size_t bad = 0;
  for (size_t i = 0; i < row.values.size(); ++i)
    if (!IsValidUtf8(row.values[i], &bad)) {
      Reject(row, columns_[i],
             fmt::format("not valid UTF-8 (bad byte at position {} of the cell); save the file as UTF-8", bad + 1),
             out);
      return false;
    }
  for (size_t c : required_cols_)
    if (Trim(row.values[c]).empty()) {
      Reject(row, columns_[c], "required value is empty", out);
      return false;
    }
  return true;
}

std::string RowMapper::RecordId(const SourceRow& row) const {
  if (record_cols_.empty()) return fmt::format("{}:{}", file_label_, row.line);
  std::string record_id;
  for (size_t i = 0; i < record_cols_.size(); ++i) {
    if (i) record_id += '|';
    record_id += Trim(row.values[record_cols_[i]]);
  }
  return record_id;
}

std::vector<std::string> RowMapper::EntityIds(const SourceRow& row, const std::string& record_id) const {
  std::vector<std::string> ids(plans_.size());
  for (size_t e = 0; e < plans_.size(); ++e) {
    const EntityPlan& plan = plans_[e];
    std::string key;
    bool any = false;
    if (plan.key_cols.empty()) {
      key = record_id;
      any = true;
    } else {
      for (size_t i = 0; i < plan.key_cols.size(); ++i) {
        std::string_view v = Trim(row.values[plan.key_cols[i]]);
        if (i) key += '|';
        key += v;
        any = any || !v.empty();
      }
    }
    if (any) ids[e] = MakeEntityId(IdDataset(mapping_, *plan.em), plan.em->schema, key);
  }
  return ids;
}

bool RowMapper::MapEntity(const SourceRow& row, size_t e, const std::vector<std::string>& ids,
                          const std::string& record_id, MappedRow* out) const {
  const EntityPlan& plan = plans_[e];
  const size_t first = out->statements.size();
  const auto emit = [&](const std::string& prop, std::string v) {
    out->statements.push_back({ids[e], plan.em->schema, prop, std::move(v), mapping_.dataset, record_id, import_time_});
  };
  std::string value;
  bool has_source = !plan.em->interval, has_target = !plan.em->interval;
  for (const PropPlan& pp : plan.props) {
    const PropertyMapping& pm = *pp.pm;
    if (pp.entity_index >= 0) {
      const std::string& ref = ids[static_cast<size_t>(pp.entity_index)];
      if (ref.empty()) continue;
      emit(pm.prop, ref);
      if (pm.prop == plan.em->edge_source) has_source = true;
      if (pm.prop == plan.em->edge_target) has_target = true;
      continue;
    }
    if (!pm.literal.empty()) {
      emit(pm.prop, pm.literal);
      continue;
    }
    // Stores one raw value of this property; false if it rejects the row.
    const auto map_value = [&](const std::string& column, std::string_view raw) {
      if (pm.text) {  // kept as written: the selectors' spans point into it
        emit(pm.prop, std::string(raw));
        return LinkText(row, column, {ids[e], pm.prop, mapping_.dataset, record_id, import_time_}, raw, out);
      }
      switch (CheckValue(pp, column, row.line, raw, &value, out)) {
        case ValueOutcome::kStore: emit(pm.prop, std::move(value)); return true;
        case ValueOutcome::kSkip: return true;
        case ValueOutcome::kReject: Reject(row, column, std::move(value), out); return false;
      }
      return true;
    };
    if (pm.value_template) {
      std::vector<std::string_view> parts;
      parts.reserve(pp.cols.size());
      for (size_t c : pp.cols) parts.emplace_back(row.values[c]);
      const std::string rendered = pm.value_template->Render(parts);
      if (!rendered.empty() && !map_value(pp.column_label, rendered)) return false;
      continue;
    }
    for (size_t c : pp.cols) {
      const std::string& cell = row.values[c];
      size_t start = 0;
      while (start <= cell.size()) {
        size_t end = cell.find(kMultiValueSeparator, start);
        if (end == std::string::npos) end = cell.size();
        std::string_view raw = Trim(std::string_view(cell).substr(start, end - start));
        start = end + 1;
        if (!raw.empty() && !map_value(columns_[c], raw)) return false;
      }
    }
  }
  // A relationship missing an end is not created.
  if (!has_source || !has_target) {
    out->statements.resize(first);
    return true;
  }
  // A record without a required property (an event without attendees) rejects the row.
  for (const std::string& req : plan.em->required) {
    bool present = false;
    for (size_t i = first; i < out->statements.size() && !present; ++i) present = out->statements[i].prop == req;
    if (present) continue;
    std::string column;
    for (const PropPlan& pp : plan.props)
      if (pp.pm->prop == req) {
        if (pp.entity_index >= 0) column = Join(plans_[static_cast<size_t>(pp.entity_index)].em->keys, ", ");
        else if (!pp.pm->columns.empty()) column = Join(pp.pm->columns, ", ");
      }
    Reject(row, column,
           fmt::format("{} '{}' has no {} (required); fill the column or leave the row out", plan.em->schema,
                       plan.em->name, req),
           out);
    return false;
  }
  return true;
}

bool RowMapper::LinkText(const SourceRow& row, const std::string& column, const TextHolder& holder,
                         std::string_view text, MappedRow* out) const {
  if (!extractor_) return true;
  const Status linked = AppendTextLinks(*extractor_, text, holder, &out->statements);
  if (!linked.ok()) Reject(row, column, std::string(linked.message()), out);
  return linked.ok();
}

bool RowMapper::GradeRow(const SourceRow& row, MappedRow* out) const {
  if (!grading_ || out->statements.empty()) return true;
  const GradingMapping& g = mapping_.grading;
  struct Axis {
    const GradingSource& from;
    std::string Grading::*field;
    const char* name;
    const std::vector<GradingCode>& codes;
  };
  const Axis axes[] = {{g.source, &Grading::source, "source evaluation", grading_->source_codes()},
                       {g.information, &Grading::information, "information evaluation", grading_->information_codes()},
                       {g.handling, &Grading::handling, "handling code", grading_->handling_codes()}};
  Grading grade;
  for (size_t a = 0; a < std::size(axes); ++a) {
    const Axis& axis = axes[a];
    const std::string_view raw = axis.from.column.empty() ? std::string_view() : Trim(row.values[grading_cols_[a]]);
    if (raw.empty()) {
      grade.*axis.field = axis.from.code;  // the mapping's code (canonical), or the column's default
      continue;
    }
    Grading probe;
    probe.*axis.field = std::string(raw);
    auto canonical = grading_->Canonical(probe);
    if (!canonical.ok()) {  // the reason never quotes the cell (a wrong column could hold a name)
      std::vector<std::string> valid;
      for (const auto& c : axis.codes) valid.push_back(c.code);
      Reject(row, axis.from.column,
             fmt::format("not a {} of the {} grading scheme; valid: {}", axis.name, grading_->id(), Join(valid, ", ")),
             out);
      return false;
    }
    grade.*axis.field = (*canonical).*axis.field;
  }
  for (Statement& st : out->statements) st.grading = grade;
  return true;
}

void RowMapper::Map(const SourceRow& row, MappedRow* out) const {
  out->rejected = false;
  out->statements.clear();
  out->warnings.clear();
  if (!CheckCells(row, out)) return;
  const std::string record_id = RecordId(row);
  // Entity ids first, so references resolve regardless of declaration order.
  const std::vector<std::string> ids = EntityIds(row, record_id);
  for (size_t e = 0; e < plans_.size(); ++e)
    if (!ids[e].empty() && !MapEntity(row, e, ids, record_id, out)) return;
  GradeRow(row, out);
}

}  // namespace kashf
