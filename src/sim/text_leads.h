// The text/ folder of `kashf simulate` (issue 19): ads, WhatsApp chat exports and FIR narratives about
// the simulated networks, with ground truth for extraction and for ad clusters.
//   text/ads.jsonl                      ads (ad_sim.h)
//   text/chats/chat-NNNN.txt            chat exports between a recruiter and a victim, Android or iOS format
//   text/fir-narratives.csv             fir_no,district,date,narrative
//   text/truth/ad-advertisers.csv       ad_id,advertiser,network
//   text/truth/selectors.txt            every ad (title, body, contact joined by line breaks, as
//                                       `kashf text cluster` reads it), message and narrative with its
//                                       labelled selectors (`kashf text evaluate --set`)
// docs/simulator.md, "Text leads".
#pragma once
#include <cstdint>
#include <string>

#include "kashf/core/result.h"
#include "kashf/sim/simulate.h"
#include "population.h"

namespace kashf::sim {

struct TextLeadsCounts {
  int64_t ads = 0, advertisers = 0, chats = 0, messages = 0, narratives = 0, labelled_texts = 0, labels = 0;
};

Result<TextLeadsCounts> WriteTextLeads(const ReferenceData& ref, const Population& pop, uint64_t seed, int64_t ads,
                                       const std::string& out_dir);

}  // namespace kashf::sim
