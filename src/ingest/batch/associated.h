// credo ingest/batch: the copies of an account kept for its associated consumers (Metro 2 J1/J2).
//
// A Metro 2 record reports an account for its base consumer and, in J1/J2 segments, for the
// consumers associated with it (joint holder, authorised user, co-maker ...). Each of them gets
// a copy of the tradeline in their own credit file:
//   * a consumer is named from one report to the next by *parties*: their SSN (any valid strong
//     identifier), and their name with their date of birth (PartyNames). A party's token is 16
//     hex digits of its keyed blind index (PartyToken), so it reveals nothing without the
//     bureau's key;
//   * the copy's key is (furnisher, account number, party token) (AssociatedKey): the account
//     number is the one the furnisher sent, and the party (its consumer's strongest party when
//     the copy was created) tells the copy apart from the base consumer's row and the other
//     copies. Copies are updated in place every month; their history grows like the base's;
//   * the ingest table ingest_associated_tradelines (state.h) links each copy to the account's
//     own tradeline (the base consumer's) with its key's party: a deletion of the account
//     (DA/DF) reaches every copy through it, and an L1 change of account number reaches the
//     copy's key at the next report;
//   * ingest_associated_parties holds every party that has named the copy's consumer, so that a
//     consumer reported once with an SSN and once without finds the same copy
//     (FindAssociatedCopy says when a name with a birth date is enough).
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

//! True when `party_name` (one of PartyNames) is a strong identifier, not a name with a birth
//! date.
bool IsStrongPartyName(std::string_view party_name);

//! The token of the party `party_name` (one of PartyNames): 16 lower-case hex digits of its
//! blind index in the namespace "associated_party". The same for the same party in every batch.
std::string PartyToken(Transaction& txn, std::string_view party_name);

//! A party naming an associated consumer, by its token.
struct Party {
  std::string token;
  bool strong = false;  //!< from a strong identifier (IsStrongPartyName)
};

//! The parties `party_names` (PartyNames, strongest first) name, in the same order.
std::vector<Party> PartiesOf(Transaction& txn, std::span<const std::string> party_names);

//! The key of the copy of the account `account` kept for the party `party_token`: the account's
//! furnisher and number, with the party.
TradelineKey AssociatedKey(const TradelineKey& account, std::string_view party_token);

//! A copy of an account kept for an associated consumer.
struct AssociatedCopy {
  int64_t tradeline_id = 0;
  std::string party_token;
};

//! The copy of the account whose own tradeline is `account_tradeline_id` kept for the consumer
//! that `parties` (strongest first) name: the copy a strong party of theirs has named; else the
//! copy their name with birth date has named, unless they carry a strong identifier and that
//! copy's consumer was named by a strong one (another SSN: two people with one name and birth
//! date). nullopt when there is none.
Result<std::optional<AssociatedCopy>> FindAssociatedCopy(Transaction& txn,
                                                         int64_t account_tradeline_id,
                                                         std::span<const Party> parties);

//! Every copy of the account whose own tradeline is `account_tradeline_id`, by tradeline id.
Result<std::vector<AssociatedCopy>> ListAssociatedCopies(Transaction& txn,
                                                         int64_t account_tradeline_id);

//! Links the new copy `copy` to the account's own tradeline `account_tradeline_id`, with the
//! parties that name its consumer (LinkParties).
Status SaveAssociatedCopy(Transaction& txn, int64_t account_tradeline_id,
                          const AssociatedCopy& copy, std::span<const Party> parties);

//! Records that `parties` name the consumer of the copy `tradeline_id` of the account
//! `account_tradeline_id`. A party that already names a copy of that account keeps it (a
//! strong one kept before ingest schema 4, when its strength was not recorded, is marked so).
Status LinkParties(Transaction& txn, int64_t account_tradeline_id, int64_t tradeline_id,
                   std::span<const Party> parties);

//! Marks the stored tradeline `row` deleted with `status` (DA or DF) and `ecoa_code`, as of
//! `reported_on` (a deletion takes effect whatever its date: an earlier one keeps the stored
//! date), and audits "tradeline.delete" with `detail`. The row stays, hidden from reports, as
//! every deletion of the batch path leaves it.
Status MarkTradelineDeleted(Transaction& txn, const TradelineRow& row, AccountStatus status,
                            char ecoa_code, Date reported_on, BatchId batch_id, std::string detail);

}  // namespace credo::ingest
