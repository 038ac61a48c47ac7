// Rows the SQLite store derives from its packed records (record_codec.h): one entity row per
// entity, one entity -> record link per (entity, record), one name-index row per (entity, name
// property, name) and one identifier-index row per (entity, identifier property, normalised value).
// They are what makes records findable (search, entity reads, scans) and can always be rebuilt
// from the records, which is what lets a bulk load defer them (docs/bench/ingest.md).
#pragma once
#include <algorithm>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kashf {

struct DerivedRows {
  struct Entity {
    int64_t ekey;
    std::string id, schema;
    int64_t dataset_id;
    std::string caption;
  };
  std::vector<std::pair<int64_t, int64_t>> links;  // (ekey, rid)
  std::vector<Entity> entities;                    // first occurrence of an entity wins
  struct Name {
    int64_t ekey;
    std::string prop, name;
    // clang-tidy 14 reads the 0 the language compares <=>'s result with as a null pointer (llvm#53961).
    auto operator<=>(const Name&) const = default;  // NOLINT(modernize-use-nullptr)
  };
  struct Identifier {
    std::string value;  // IdentifierKey() of the stored value
    int64_t ekey;
    std::string prop;
    // clang-tidy 14 reads the 0 the language compares <=>'s result with as a null pointer (llvm#53961).
    auto operator<=>(const Identifier&) const = default;  // NOLINT(modernize-use-nullptr)
  };
  std::vector<Name> names;
  std::vector<Identifier> identifiers;
  std::vector<std::pair<int64_t, int64_t>> rid_ranges;  // [first, last] rid of the records covered
  size_t string_bytes = 0;                              // heap held by the strings above

  bool empty() const {
    return links.empty() && entities.empty() && names.empty() && identifiers.empty() && rid_ranges.empty();
  }

  // Heap held, for memory budgets: the vectors' capacity plus every string that is not stored
  // inline, with the allocator's overhead.
  size_t MemoryBytes() const {
    return links.capacity() * sizeof(links[0]) + entities.capacity() * sizeof(Entity) +
           names.capacity() * sizeof(Name) + identifiers.capacity() * sizeof(Identifier) +
           rid_ranges.capacity() * sizeof(rid_ranges[0]) + string_bytes;
  }

  void AddLink(int64_t ekey, int64_t rid) { links.emplace_back(ekey, rid); }
  void AddEntity(Entity e) {
    string_bytes += HeapBytes(e.id) + HeapBytes(e.schema) + HeapBytes(e.caption);
    entities.push_back(std::move(e));
  }
  void AddName(int64_t ekey, std::string_view prop, std::string name) {
    Name n{ekey, std::string(prop), std::move(name)};
    string_bytes += HeapBytes(n.prop) + HeapBytes(n.name);
    names.push_back(std::move(n));
  }
  void AddIdentifier(std::string value, int64_t ekey, std::string_view prop) {
    Identifier i{std::move(value), ekey, std::string(prop)};
    string_bytes += HeapBytes(i.value) + HeapBytes(i.prop);
    identifiers.push_back(std::move(i));
  }
  // Widens the last range if `rid` follows it, else opens a new one.
  void AddRecord(int64_t rid) {
    if (!rid_ranges.empty() && rid_ranges.back().second + 1 == rid) {
      rid_ranges.back().second = rid;
    } else {
      rid_ranges.emplace_back(rid, rid);
    }
  }

  // Moves `other` in behind this one's rows.
  void Absorb(DerivedRows&& other) {
    auto move_all = [](auto& to, auto& from) {
      if (to.empty()) {
        to.swap(from);
      } else {
        to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
      }
      from.clear();
    };
    move_all(links, other.links);
    move_all(entities, other.entities);
    move_all(names, other.names);
    move_all(identifiers, other.identifiers);
    move_all(rid_ranges, other.rid_ranges);
    string_bytes += other.string_bytes;
    other.string_bytes = 0;
  }

  // Sorts every kind of row by key (so B-tree writes go in key order) and drops duplicates; of
  // two rows for one entity the one added first stays.
  void SortUnique() {
    std::sort(links.begin(), links.end());
    links.erase(std::unique(links.begin(), links.end()), links.end());
    std::stable_sort(entities.begin(), entities.end(),
                     [](const Entity& a, const Entity& b) { return a.ekey < b.ekey; });
    entities.erase(std::unique(entities.begin(), entities.end(),
                               [](const Entity& a, const Entity& b) { return a.ekey == b.ekey; }),
                   entities.end());
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::sort(identifiers.begin(), identifiers.end());
    identifiers.erase(std::unique(identifiers.begin(), identifiers.end()), identifiers.end());
  }

  void Clear() {
    links.clear();
    entities.clear();
    names.clear();
    identifiers.clear();
    rid_ranges.clear();
    string_bytes = 0;
  }

 private:
  static size_t HeapBytes(const std::string& s) {
    constexpr size_t kInline = 15, kMallocOverhead = 16;  // libstdc++ short-string buffer; glibc chunk header
    return s.capacity() > kInline ? s.capacity() + 1 + kMallocOverhead : 0;
  }
};

}  // namespace kashf
