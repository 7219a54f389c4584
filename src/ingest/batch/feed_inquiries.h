// credo ingest/batch: inquiries loaded from feeds are loaded once.
//
// A furnisher may deliver the same inquiries again in a file that differs only in its bytes (CRLF
// line ends, another order), which the batch's content hash does not catch. An inquiry loaded
// from a feed is the same one as an inquiry already in the bureau when both are about the same
// subject (after merges) and name the same institution, inquiry date, purpose and kind, both were
// loaded by a batch, and both carry the same furnisher reference (inquiry_reference; "" when the
// feed carries none). Such an inquiry is not written again: the batch counts it as a duplicate
// (DqReport::duplicates). Inquiries the bureau records for its own report pulls (batch 0) are
// never matched: two real pulls on one day are two inquiries.
//
// The subject's inquiries are read by the store's index on subject; the reference of a
// feed-loaded inquiry is kept in the ingest component's table ingest_inquiry_references (state.h),
// keyed by the inquiry's id. Functions run inside the caller's (the batch's) transaction.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/records.h"
#include "core/result.h"
#include "store/store.h"

namespace credo::ingest {

//! True when an inquiry loaded from a feed already holds what `inquiry` (its subject attached)
//! says, with the furnisher reference `reference`.
Result<bool> FeedInquiryLoaded(Transaction& txn, const Inquiry& inquiry,
                               std::string_view reference);

//! Keeps the furnisher reference of the feed-loaded inquiry `inquiry_id` ("" when the feed
//! carries none; replaces what an earlier row of that id said).
Status SaveFeedInquiryReference(Transaction& txn, int64_t inquiry_id, std::string_view reference);

}  // namespace credo::ingest
