// The simulator's random streams. Every value is a pure function of (seed, stream, index) through
// core's counter-based Rng (kashf/core/random.h, SplitMix64), so any row or person can be regenerated
// without state (streaming), and the same seed gives the same bytes.
#pragma once
#include <cstdint>

#include "kashf/core/random.h"

namespace kashf::sim {

// Streams: one constant per kind of draw, so adding a draw of one kind never shifts another.
enum Stream : uint64_t {
  kPersonStream = 1,
  kFirStream,
  kFiaStream,
  kSindhStream,
  kCustomsStream,
  kTransactionStream,
  kCallStream,
  kFirearmStream,
  kNoiseStream,
  kBadRowStream,
  kMeetingStream,
  kAdvertiserStream,
  kAdStream,
  kChatStream,
  kNarrativeStream,
};

}  // namespace kashf::sim
