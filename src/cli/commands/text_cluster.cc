// kashf text cluster: ads that belong together (advertisers) by reused text, shared contact selectors
// and shared images, each cluster with the ad–ad links that hold it together (docs/text-leads.md,
// "Ads that belong together"); --edges writes the links as an edge list for the network.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/ingest/row_source.h"
#include "kashf/resolve/evaluation.h"
#include "kashf/text/ad_clusters.h"
#include "kashf/text/ad_link_table.h"
#include "text_command.h"

namespace kashf::cli {
namespace {

struct ClusterArgs {
  std::string ads;
  std::string id_column = "id";
  std::vector<std::string> text_columns = {"title", "body", "contact"};
  std::string image_column = "image_hashes";
  std::string truth;
  std::string edges;
  double min_similarity = 0.5;
  int threads = 0;
  bool no_text = false, no_selectors = false, no_images = false;
};

// Splits a cell of image hashes: JSON array values, or hashes separated by ; , | or spaces.
std::vector<std::string> SplitHashes(const std::string& cell) {
  std::vector<std::string> out;
  std::string current;
  for (char c : cell) {
    if (c == kMultiValueSeparator || c == ';' || c == ',' || c == '|' || c == ' ') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

SourceOptions OptionsFor(const std::string& path) {
  SourceOptions o;
  if (auto format = FormatFromPath(path); format.ok()) o.format = *format;
  return o;
}

// Reads the ads file in batches into `clusterer`; returns the number of rows rejected.
Result<int64_t> ReadAds(const ClusterArgs& a, bool images, text::AdClusterer* clusterer) {
  std::vector<std::string> columns = {a.id_column};
  columns.insert(columns.end(), a.text_columns.begin(), a.text_columns.end());
  if (images) columns.push_back(a.image_column);
  KASHF_ASSIGN_OR_RETURN(auto source, OpenRowSource(a.ads, OptionsFor(a.ads), columns));
  std::vector<text::Ad> batch;
  int64_t rejected = 0;
  SourceRow row;
  auto flush = [&]() -> Status {
    KASHF_RETURN_IF_ERROR(clusterer->Add(batch));
    batch.clear();
    return Status::Ok();
  };
  while (true) {
    KASHF_ASSIGN_OR_RETURN(bool more, source->Next(&row));
    if (!more) break;
    if (!row.error.empty() || row.values[0].empty()) {
      fmt::print(stderr, "{}:{}: row skipped: {}\n", a.ads, row.line,
                 row.error.empty() ? fmt::format("no {}", a.id_column) : row.error);
      ++rejected;
      continue;
    }
    text::Ad ad;
    ad.id = row.values[0];
    for (size_t c = 1; c <= a.text_columns.size(); ++c) {
      if (row.values[c].empty()) continue;
      if (!ad.text.empty()) ad.text += '\n';
      ad.text += row.values[c];
    }
    if (images) ad.image_hashes = SplitHashes(row.values.back());
    batch.push_back(std::move(ad));
    if (batch.size() == 20000) KASHF_RETURN_IF_ERROR(flush());
  }
  KASHF_RETURN_IF_ERROR(flush());
  return rejected;
}

// Truth as ad id -> advertiser (CSV or JSON lines with columns ad_id, advertiser).
Result<std::unordered_map<std::string, std::string>> ReadTruth(const std::string& path) {
  KASHF_ASSIGN_OR_RETURN(auto source, OpenRowSource(path, OptionsFor(path), {"ad_id", "advertiser"}));
  std::unordered_map<std::string, std::string> truth;
  SourceRow row;
  while (true) {
    KASHF_ASSIGN_OR_RETURN(bool more, source->Next(&row));
    if (!more) break;
    if (row.error.empty()) truth[row.values[0]] = row.values[1];
  }
  return truth;
}

nlohmann::json LinkJson(const text::AdClustering& c, const text::AdLink& l) {
  nlohmann::json j = {{"source", c.ids[l.a]},
                      {"target", c.ids[l.b]},
                      {"evidence", text::EvidenceName(l.evidence)},
                      {"kind", l.kind},
                      {"similarity", std::round(l.similarity * 1000) / 1000}};
  if (!l.value.empty()) j["value"] = l.value;
  return j;
}

Status WriteEdges(const std::string& path, const text::AdClustering& c) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status::IoError(fmt::format("cannot write '{}'", path));
  text::WriteAdLinksCsv(c, out);
  out.close();
  if (!out) return Status::IoError(fmt::format("writing '{}' failed (disk full?)", path));
  return Status::Ok();
}

TextSubcommandRegistration cluster_command(40, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ClusterArgs>();
  auto* cmd = parent.add_subcommand("cluster", "Group ads into advertisers by reused text, shared numbers and images");
  cmd->add_option("--ads", a->ads, "Ads as CSV or JSON lines (.csv .jsonl), one ad per row")->required();
  cmd->add_option("--id-column", a->id_column, "Column of the ad id")->capture_default_str();
  cmd->add_option("--text-columns", a->text_columns, "Columns read as the ad's text")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--image-column", a->image_column, "Column of image file hashes ('' for none)")
      ->capture_default_str();
  cmd->add_option("--min-similarity", a->min_similarity, "Jaccard similarity of shingles a text link needs")
      ->check(CLI::Range(0.05, 1.0))
      ->capture_default_str();
  cmd->add_option("--threads", a->threads, "Threads (default: all cores)");
  cmd->add_flag("--no-text", a->no_text, "Do not link by reused text");
  cmd->add_flag("--no-selectors", a->no_selectors, "Do not link by shared phones, wallets, e-mails, handles");
  cmd->add_flag("--no-images", a->no_images, "Do not link by shared image hashes");
  cmd->add_option("--truth", a->truth, "Ground truth (columns ad_id,advertiser): print pair precision and recall");
  cmd->add_option("--edges", a->edges, "Write the links as CSV: source,target,cluster,evidence,kind,value,similarity");
  cmd->footer(
      "Example (the simulator's ads and their truth):\n"
      "  kashf text cluster --ads sim/text/ads.jsonl --truth sim/text/truth/ad-advertisers.csv --edges links.csv\n"
      "Each link is an ad-ad edge with its evidence: text (MinHash/LSH Jaccard), selector (kind and\n"
      "value of the shared phone, e-mail or handle) or image (the shared file hash). docs/text-leads.md.");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto extractor, text::Extractor::LoadDefault());
    text::AdClusterOptions options;
    options.min_similarity = a->min_similarity;
    options.use_text = !a->no_text;
    options.use_selectors = !a->no_selectors;
    options.use_images = !a->no_images && !a->image_column.empty();
    options.threads = a->threads > 0 ? a->threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    text::AdClusterer clusterer(extractor, options);
    KASHF_ASSIGN_OR_RETURN(int64_t rejected, ReadAds(*a, options.use_images, &clusterer));
    const text::AdClustering c = clusterer.Cluster();
    if (!a->edges.empty()) KASHF_RETURN_IF_ERROR(WriteEdges(a->edges, c));

    std::optional<resolve::EvaluationResult> score;
    if (!a->truth.empty()) {
      KASHF_ASSIGN_OR_RETURN(auto truth, ReadTruth(a->truth));
      std::vector<std::string> predicted, labels;
      for (size_t i = 0; i < c.ids.size(); ++i) {
        predicted.push_back(text::AdClusterLabel(c, i));
        auto it = truth.find(c.ids[i]);
        labels.push_back(it == truth.end() ? "" : it->second);
      }
      score = resolve::EvaluateClusters(predicted, labels);
    }
    size_t clustered = 0;
    for (const auto& cluster : c.clusters) clustered += cluster.ads.size();

    if (g.json) {
      nlohmann::json out;
      out["ads"] = c.ids.size();
      out["rejected_rows"] = rejected;
      out["ads_in_clusters"] = clustered;
      out["text_candidates"] = c.text_candidates;
      out["oversized_buckets"] = c.oversized_buckets;
      out["skipped_selectors"] = c.skipped_selectors;
      out["clusters"] = nlohmann::json::array();
      for (size_t k = 0; k < c.clusters.size(); ++k) {
        nlohmann::json ads = nlohmann::json::array(), links = nlohmann::json::array();
        for (uint32_t ad : c.clusters[k].ads) ads.push_back(c.ids[ad]);
        for (size_t l : c.clusters[k].links) links.push_back(LinkJson(c, c.links[l]));
        out["clusters"].push_back({{"id", fmt::format("C{}", k + 1)}, {"ads", ads}, {"edges", links}});
      }
      if (score)
        out["score"] = {{"pair_precision", score->precision},
                        {"pair_recall", score->recall},
                        {"pair_f1", score->f1},
                        {"true_clusters", score->true_clusters},
                        {"exact_clusters", score->exact_clusters}};
      fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
      return Status::Ok();
    }
    fmt::print("{} ads, {} clusters holding {} ads ({} alone); {} text candidates verified\n", c.ids.size(),
               c.clusters.size(), clustered, c.ids.size() - clustered, c.text_candidates);
    if (c.skipped_selectors)
      fmt::print("{} selectors or images shared by too many ads were not used\n", c.skipped_selectors);
    for (size_t k = 0; k < c.clusters.size(); ++k) {
      const auto& cluster = c.clusters[k];
      std::string ids;
      for (uint32_t ad : cluster.ads) ids += " " + c.ids[ad];
      fmt::print("C{} ({} ads):{}\n", k + 1, cluster.ads.size(), ids);
      for (size_t l : cluster.links) {
        const auto& link = c.links[l];
        fmt::print("    {} -- {}  {}\n", c.ids[link.a], c.ids[link.b],
                   link.evidence == text::AdEvidence::kText ? fmt::format("text {:.2f}", link.similarity)
                                                            : fmt::format("{} {}", link.kind, link.value));
      }
    }
    if (score)
      fmt::print("against {}: pair precision {:.4f}, recall {:.4f}, F1 {:.4f}; {} of {} true advertisers exact\n",
                 a->truth, score->precision, score->recall, score->f1, score->exact_clusters, score->true_clusters);
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
