// credo ingest/batch: the copies of an account kept for its associated consumers (Metro 2 J1/J2).
//
// A Metro 2 record reports an account for its base consumer and, in J1/J2 segments, for the
// consumers associated with it (joint holder, authorised user, co-maker ...). Each of them gets
// a copy of the tradeline in their own credit file:
//   * a consumer is named from one report to the next by a *party*: their SSN (any valid strong
//     identifier), else their name with their date of birth (PartyNames). The party's token is
//     16 hex digits of its keyed blind index (PartyToken), so it reveals nothing without the
//     bureau's key;
//   * the copy's key is (furnisher, "party <token> / <account number>") (AssociatedKey): the
//     store keeps one row per (furnisher, account number blind index), so the copies are rows of
//     their own beside the base consumer's, updated in place every month (their history grows
//     like the base's), and the number ends with what the furnisher sent (a masked account number
//     shows the same last digits on every copy);
//   * the ingest table ingest_associated_tradelines (state.h) links each copy to the account's
//     own tradeline (the base consumer's) and its party token: a copy is found again through it
//     (also after an L1 change of account number, which the next report applies to the copy's
//     key), and a deletion of the account (DA/DF) reaches every copy through it.
// ECOA Z (the furnisher removes the consumer from the account) marks the consumer's copy deleted
// (MarkTradelineDeleted, audited) and never creates one. Functions taking a Transaction run inside
// the batch's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/subject.h"
#include "core/tradeline.h"
#include "store/store.h"

namespace credo::ingest {

//! The normalised identities that name `person` as a party to an account, strongest first: each
//! valid strong identifier ("us_ssn" + 0x1F + digits), then the given and family names with the
//! date of birth. Empty when the person has neither: such a consumer cannot be told apart from
//! one report to the next, so no copy is kept for them.
std::vector<std::string> PartyNames(const Person& person);

//! The token of the party `party_name` (one of PartyNames): 16 lower-case hex digits of its
//! blind index in the namespace "associated_party". The same for the same party in every batch.
std::string PartyToken(Transaction& txn, std::string_view party_name);

//! The key of the copy of the account `account` kept for the party `party_token`.
TradelineKey AssociatedKey(const TradelineKey& account, std::string_view party_token);

//! A copy of an account kept for an associated consumer.
struct AssociatedCopy {
  int64_t tradeline_id = 0;
  std::string party_token;
};

//! The copy of the account whose own tradeline is `account_tradeline_id` kept for the first of
//! `party_tokens` that has one; nullopt when none has.
Result<std::optional<AssociatedCopy>> FindAssociatedCopy(Transaction& txn,
                                                         int64_t account_tradeline_id,
                                                         std::span<const std::string> party_tokens);

//! Every copy of the account whose own tradeline is `account_tradeline_id`, by tradeline id.
Result<std::vector<AssociatedCopy>> ListAssociatedCopies(Transaction& txn,
                                                         int64_t account_tradeline_id);

//! Links the new copy `copy` to the account's own tradeline `account_tradeline_id`.
Status SaveAssociatedCopy(Transaction& txn, int64_t account_tradeline_id,
                          const AssociatedCopy& copy);

//! Marks the stored tradeline `row` deleted with `status` (DA or DF) and `ecoa_code`, as of
//! `reported_on` (a deletion takes effect whatever its date: an earlier one keeps the stored
//! date), and audits "tradeline.delete" with `detail`. The row stays, hidden from reports, as
//! every deletion of the batch path leaves it.
Status MarkTradelineDeleted(Transaction& txn, const TradelineRow& row, AccountStatus status,
                            char ecoa_code, Date reported_on, BatchId batch_id, std::string detail);

}  // namespace credo::ingest
