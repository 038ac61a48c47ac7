#include "kashf/resolve/name_normaliser.h"

#include <unicode/normalizer2.h>
#include <unicode/parseerr.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include <fmt/format.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/core/thread_annotations.h"

namespace kashf::resolve {
namespace {

enum MarkerKind { kTitle = 0, kSonOf = 1, kDaughterOf = 2, kWifeOf = 3 };

bool IsAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Rows of a data table: '#' lines are comments, the first other line is the header.
Result<std::vector<std::vector<std::string>>> ReadTable(const std::string& path, size_t min_columns) {
  std::ifstream in(path);
  if (!in)
    return Status::NotFound(fmt::format("reference table '{}' is missing; set KASHF_HOME to the Kashf folder", path));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    auto fields = Split(line, '\t');
    if (fields.size() < min_columns)
      return Status::InvalidArgument(
          fmt::format("{}:{}: expected {} tab-separated columns", path, number, min_columns));
    rows.push_back(std::move(fields));
  }
  return rows;
}

// An ICU transliterator from a rules file
// (https://unicode-org.github.io/icu/userguide/transforms/general/rules.html).
Result<std::unique_ptr<icu::Transliterator>> LoadRules(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("transliteration rules '{}' are missing; set KASHF_HOME", path));
  std::stringstream rules;
  rules << in.rdbuf();
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  const std::string id = "Kashf-" + std::filesystem::path(path).stem().string();
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(icu::UnicodeString::fromUTF8(id),
                                                                              icu::UnicodeString::fromUTF8(rules.str()),
                                                                              UTRANS_FORWARD, parse_error, status));
  if (U_FAILURE(status) || !t)
    return Status::InvalidArgument(fmt::format("{}: ICU cannot parse the transliteration rules near line {} ({})", path,
                                               parse_error.line, u_errorName(status)));
  return t;
}

// Chinese and Korean names are written surname first without a space: the first character is
// romanised as its own token, the rest as one ("王小明" -> "wang xiaoming", "김민준" -> "gim minjun").
bool IsSurnameFirstScript(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return U_SUCCESS(status) && (script == USCRIPT_HAN || script == USCRIPT_HANGUL);
}

}  // namespace

struct NameNormaliser::Icu {
  const icu::Normalizer2* fold = nullptr;
  Mutex mu;
  // Script rule files (*-latin.txt other than urdu-latin.txt), applied in name order before the
  // Urdu rules, which end with Any-Latin; Latin-ASCII; Lower. ICU transliterators are not thread-safe.
  std::vector<std::unique_ptr<icu::Transliterator>> scripts GUARDED_BY(mu);
  std::unique_ptr<icu::Transliterator> translit PT_GUARDED_BY(mu);
  std::unordered_map<std::string, std::string> cache GUARDED_BY(mu);

  // Every script's rules, then the Urdu rules (which end with Any-Latin; Latin-ASCII; Lower).
  std::string Romanise(icu::UnicodeString u) REQUIRES(mu) {
    for (auto& script : scripts) script->transliterate(u);
    translit->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
  }
};

NameNormaliser::NameNormaliser() : icu_(std::make_unique<Icu>()) {}
NameNormaliser::NameNormaliser(NameNormaliser&&) noexcept = default;
NameNormaliser& NameNormaliser::operator=(NameNormaliser&&) noexcept = default;
NameNormaliser::~NameNormaliser() = default;

Result<NameNormaliser> NameNormaliser::LoadDefault() { return Load(DataPath("data/reference")); }

Result<NameNormaliser> NameNormaliser::Load(const std::string& dir) {
  NameNormaliser n;
  UErrorCode status = U_ZERO_ERROR;
  n.icu_->fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return Status::Internal(fmt::format("ICU NFKC_Casefold unavailable: {}", u_errorName(status)));

  std::vector<std::string> script_files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name != "urdu-latin.txt" && name.size() > 10 && name.substr(name.size() - 10) == "-latin.txt")
      script_files.push_back(entry.path().string());
  }
  std::sort(script_files.begin(), script_files.end());
  {
    MutexLock lock(n.icu_->mu);
    for (const auto& path : script_files) {
      KASHF_ASSIGN_OR_RETURN(auto t, LoadRules(path));
      n.icu_->scripts.push_back(std::move(t));
    }
    KASHF_ASSIGN_OR_RETURN(n.icu_->translit, LoadRules(dir + "/urdu-latin.txt"));
  }

  KASHF_ASSIGN_OR_RETURN(auto variant_rows, ReadTable(dir + "/name-variants.tsv", 2));
  for (const auto& row : variant_rows) n.variants_[n.Fold(Trim(row[1]))] = ToLowerAscii(Trim(row[0]));
  KASHF_ASSIGN_OR_RETURN(auto marker_rows, ReadTable(dir + "/honorifics.tsv", 2));
  for (const auto& row : marker_rows) {
    const std::string kind(Trim(row[1]));
    int k = kind == "title"         ? kTitle
            : kind == "son_of"      ? kSonOf
            : kind == "daughter_of" ? kDaughterOf
            : kind == "wife_of"     ? kWifeOf
                                    : -1;
    if (k < 0)
      return Status::InvalidArgument(
          fmt::format("{}/honorifics.tsv: unknown kind '{}' (title, son_of, daughter_of, wife_of)", dir, kind));
    std::string key = n.Fold(Trim(row[0]));
    n.longest_marker_words_ = std::max(n.longest_marker_words_, Split(key, ' ').size());
    n.markers_[key] = k;
  }
  KASHF_ASSIGN_OR_RETURN(auto common_rows, ReadTable(dir + "/name-common.tsv", 1));
  for (const auto& row : common_rows) n.common_.insert(ToLowerAscii(Trim(row[0])));
  return n;
}

std::string NameNormaliser::Fold(std::string_view raw) const {
  if (IsAscii(raw)) return ToLowerAscii(raw);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
  icu::UnicodeString folded = icu_->fold->normalize(u, status);
  if (U_FAILURE(status)) return std::string(raw);
  std::string out;
  folded.toUTF8String(out);
  return out;
}

std::string NameNormaliser::Transliterate(const std::string& folded) const {
  MutexLock lock(icu_->mu);
  if (auto it = icu_->cache.find(folded); it != icu_->cache.end()) return it->second;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(folded);
  const int32_t first = u.moveIndex32(0, 1);
  std::string out;
  if (first < u.length() && IsSurnameFirstScript(u.char32At(0))) {
    std::string given = icu_->Romanise(u.tempSubString(first));
    given.erase(std::remove(given.begin(), given.end(), ' '), given.end());
    out = icu_->Romanise(u.tempSubString(0, first)) + " " + given;
  } else {
    out = icu_->Romanise(u);
  }
  icu_->cache.emplace(folded, out);
  return out;
}

bool NameNormaliser::IsCommon(std::string_view token) const { return common_.count(std::string(token)) > 0; }

namespace {

// Strips ASCII punctuation at both ends ("m." stays for the variant lookup first).
std::string_view StripPunct(std::string_view w) {
  auto punct = [](char c) { return c == '.' || c == ',' || c == '\'' || c == '"' || c == '-' || c == '/' || c == ':'; };
  while (!w.empty() && punct(w.front())) w.remove_prefix(1);
  while (!w.empty() && punct(w.back())) w.remove_suffix(1);
  return w;
}

std::string AsciiAlnum(std::string_view w) {
  std::string out;
  for (char c : w)
    if (IsAsciiAlnum(c)) out.push_back(c);
  return out;
}

}  // namespace

// Appends the canonical token(s) of one folded word.
static void AppendCanonical(const std::unordered_map<std::string, std::string>& variants,
                            const std::unordered_map<std::string, int>& markers, std::string_view word,
                            std::vector<std::string>* out, bool* transliterated,
                            const std::function<std::string(const std::string&)>& translit) {
  if (auto it = variants.find(std::string(word)); it != variants.end()) {
    out->push_back(it->second);
    return;
  }
  std::string_view core = StripPunct(word);
  if (core.empty()) return;
  const std::string key(core);
  if (auto it = variants.find(key); it != variants.end()) {
    out->push_back(it->second);
    return;
  }
  if (auto it = markers.find(key); it != markers.end() && it->second == kTitle) return;
  if (core.find_first_of("-/.") != std::string_view::npos) {  // "abdul-rehman", "m.asif"
    for (const auto& part : Split(key, core.find('-') != std::string_view::npos   ? '-'
                                       : core.find('/') != std::string_view::npos ? '/'
                                                                                  : '.'))
      if (!part.empty()) AppendCanonical(variants, markers, part, out, transliterated, translit);
    return;
  }
  if (!IsAscii(core)) {
    *transliterated = true;
    for (const auto& part : Split(translit(key), ' ')) {
      std::string clean = AsciiAlnum(part);
      if (clean.empty()) continue;
      auto it = variants.find(clean);
      out->push_back(it != variants.end() ? it->second : clean);
    }
    return;
  }
  std::string clean = AsciiAlnum(core);
  if (!clean.empty()) out->push_back(std::move(clean));
}

std::string NameNormaliser::CanonicalToken(std::string_view token) const {
  std::vector<std::string> out;
  bool translit = false;
  AppendCanonical(variants_, markers_, Fold(token), &out, &translit,
                  [this](const std::string& s) { return Transliterate(s); });
  return Join(out);
}

ParsedName NameNormaliser::Parse(std::string_view raw) const {
  ParsedName out;
  const std::string folded = Fold(raw);
  std::vector<std::string> words;
  std::string cur;
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '(' || c == ')' || c == '\n' || c == '\r') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  auto translit = [this](const std::string& s) { return Transliterate(s); };
  std::vector<std::string>* target = &out.tokens;
  for (size_t i = 0; i < words.size();) {
    size_t consumed = 0;
    for (size_t n = std::min(longest_marker_words_, words.size() - i); n >= 1 && !consumed; --n) {
      std::string key = words[i];
      for (size_t k = 1; k < n; ++k) key += " " + words[i + k];
      auto it = markers_.find(key);
      if (it == markers_.end() && n == 1) it = markers_.find(std::string(StripPunct(key)));
      if (it == markers_.end()) continue;
      consumed = n;
      if (it->second == kSonOf || it->second == kDaughterOf) target = &out.father;
      else if (it->second == kWifeOf) target = &out.spouse;
    }
    if (consumed) {
      i += consumed;
      continue;
    }
    AppendCanonical(variants_, markers_, words[i], target, &out.transliterated, translit);
    ++i;
  }
  return out;
}

std::string NameNormaliser::Skeleton(std::string_view t) {
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    const char next = i + 1 < t.size() ? t[i + 1] : '\0';
    if (next == 'h') {
      char merged = 0;
      switch (c) {
        case 'k': merged = 'x'; break;
        case 'g': merged = 'g'; break;
        case 's': merged = 'S'; break;
        case 'c': merged = 'C'; break;
        case 'z': merged = 'z'; break;
        case 't': merged = 't'; break;
        case 'd': merged = 'd'; break;
        case 'p': merged = 'f'; break;
        case 'b': merged = 'b'; break;
        default: break;
      }
      if (merged) {
        c = merged;
        ++i;
      }
    } else if (c == 'q' || c == 'c') {
      c = 'k';
    } else if (c == 'v') {
      c = 'w';
    }
    if (out.empty() && i <= 1) {
      out.push_back(IsVowel(c) ? 'a' : c);
      continue;
    }
    if (IsVowel(c) || c == 'w' || c == 'y') continue;
    if (c == 'h' && i + 1 == t.size()) continue;
    if (!out.empty() && out.back() == c) continue;
    out.push_back(c);
  }
  return out;
}

namespace {

constexpr char kVowel = 'V';
constexpr char kSemiW = 'W';  // w: a consonant (class f) or a vowel, decided by what follows
constexpr char kSemiY = 'Y';  // y: a consonant or a vowel, likewise

// The letters of one ASCII token as romanisation classes (see RomanisationKey), digraphs folded
// greedily from the left.
std::string RomanisationClasses(std::string_view t) {
  std::string letters;
  for (char c : t) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') letters.push_back(c);
  }
  struct Fold {
    std::string_view from, to;
  };
  static constexpr Fold kFolds[] = {
      {"tsch", "S"}, {"sch", "S"}, {"tch", "S"}, {"chh", "S"}, {"sh", "S"}, {"ch", "S"}, {"kh", "x"},
      {"gh", "k"},   {"th", "s"},  {"dh", "d"},  {"ph", "f"},  {"bh", "b"}, {"jh", "j"}, {"zh", "j"},
      {"ck", "k"},   {"ts", "s"},  {"x", "ks"},  {"q", "k"},   {"g", "k"},  {"z", "s"},  {"v", "f"},
      {"w", "W"},    {"y", "Y"},   {"a", "V"},   {"e", "V"},   {"i", "V"},  {"o", "V"},  {"u", "V"},
  };
  std::string out;
  for (size_t i = 0; i < letters.size();) {
    const std::string_view rest = std::string_view(letters).substr(i);
    bool folded = false;
    for (const auto& f : kFolds)
      if (rest.substr(0, f.from.size()) == f.from) {
        out += f.to;
        i += f.from.size();
        folded = true;
        break;
      }
    if (folded) continue;
    if (rest[0] == 'c')
      out.push_back(rest.size() > 1 && (rest[1] == 'e' || rest[1] == 'i' || rest[1] == 'y') ? 's' : 'k');
    else out.push_back(rest[0]);
    ++i;
  }
  return out;
}

}  // namespace

namespace {

// The key of a token's classes. `medial_w_consonant`: the alternate reading, in which a w before a
// consonant is a consonant too (Urdu و for w + an unwritten short vowel: "mhwsh" = mehwish).
std::string KeyOfClasses(std::string classes, bool medial_w_consonant) {
  // w / y: a consonant at the start or before a vowel, else a vowel (decided right to left, so a
  // w before a y that is a vowel is a consonant: "prwyz").
  for (size_t k = classes.size(); k-- > 0;) {
    char& c = classes[k];
    if (c != kSemiW && c != kSemiY) continue;
    const bool last = k + 1 == classes.size();
    const bool consonant =
        k == 0 || (!last && classes[k + 1] == kVowel) || (medial_w_consonant && c == kSemiW && !last);
    c = consonant ? (c == kSemiW ? 'f' : 'y') : kVowel;
  }
  while (classes.size() > 1 && classes.back() == 'h') classes.pop_back();  // "fatimah", "فاطمہ"
  std::string key;
  for (size_t k = 0; k < classes.size(); ++k) {
    const char c = classes[k];
    if (c == kVowel) {
      if (k == 0) key.push_back('a');
      continue;
    }
    if (k > 0 && classes[k - 1] == c) continue;  // doubled letter (no vowel between)
    key.push_back(c);
  }
  return key;
}

}  // namespace

std::string NameNormaliser::RomanisationKey(std::string_view ascii_token) {
  return KeyOfClasses(RomanisationClasses(ascii_token), false);
}

std::vector<std::string> NameNormaliser::RomanisationKeys(std::string_view ascii_token) {
  const std::string classes = RomanisationClasses(ascii_token);
  std::vector<std::string> keys = {KeyOfClasses(classes, false)};
  if (std::string alternate = KeyOfClasses(classes, true); alternate != keys[0]) keys.push_back(std::move(alternate));
  return keys;
}

std::string NameNormaliser::Join(const std::vector<std::string>& tokens) { return kashf::Join(tokens, " "); }

}  // namespace kashf::resolve
