// The copies of an account kept for its associated consumers: parties, copy keys, the links in
// ingest_associated_tradelines, and marking a tradeline deleted.
#include "ingest/batch/associated.h"

#include <utility>

#include "core/identifier.h"

namespace credo::ingest {
namespace {

constexpr char kPartySeparator = '\x1f';
constexpr std::string_view kPartyIndexKind = "associated_party";
constexpr std::string_view kNameWithBirthDate = "name_birth_date";
constexpr size_t kPartyTokenBytes = 8;

std::string NameWithBirthDate(const Person& person) {
  std::string name = person.given_name;
  if (!person.family_name.empty()) {
    if (!name.empty()) name += ' ';
    name += person.family_name;
  }
  if (name.empty()) name = person.full_name;
  name = NormalizeNameForIndex(name);
  if (name.empty() || !person.birth_date) return {};
  return std::string(kNameWithBirthDate) + kPartySeparator + name +
         std::string(1, kPartySeparator) + person.birth_date->ToIso();
}

AssociatedCopy CopyFrom(const SqlRow& row) {
  AssociatedCopy copy;
  copy.tradeline_id = row[0].int_value;
  copy.party_token = row[1].bytes;
  return copy;
}

}  // namespace

std::vector<std::string> PartyNames(const Person& person) {
  std::vector<std::string> names;
  for (const Identifier& identifier : person.identifiers) {
    if (!IsStrongIdentifier(identifier.kind)) continue;
    names.push_back(std::string(IdentifierKindName(identifier.kind)) + kPartySeparator +
                    NormalizeIdentifierForIndex(identifier.kind, identifier.value));
  }
  if (std::string name = NameWithBirthDate(person); !name.empty()) names.push_back(std::move(name));
  return names;
}

bool IsStrongPartyName(std::string_view party_name) {
  const size_t separator = party_name.find(kPartySeparator);
  return separator != std::string_view::npos &&
         party_name.substr(0, separator) != kNameWithBirthDate;
}

std::string PartyToken(Transaction& txn, std::string_view party_name) {
  static constexpr char kDigits[] = "0123456789abcdef";
  const std::string index = txn.BlindIndex(kPartyIndexKind, party_name);
  std::string token;
  for (size_t i = 0; i < kPartyTokenBytes && i < index.size(); ++i) {
    const auto byte = static_cast<unsigned char>(index[i]);
    token += kDigits[byte >> 4];
    token += kDigits[byte & 15];
  }
  return token;
}

std::vector<Party> PartiesOf(Transaction& txn, std::span<const std::string> party_names) {
  std::vector<Party> parties;
  parties.reserve(party_names.size());
  for (const std::string& name : party_names) {
    parties.push_back(Party{PartyToken(txn, name), IsStrongPartyName(name)});
  }
  return parties;
}

TradelineKey AssociatedKey(const TradelineKey& account, std::string_view party_token) {
  TradelineKey key;
  key.furnisher = account.furnisher;
  key.account_number = account.account_number;
  key.party = std::string(party_token);
  return key;
}

Result<std::optional<AssociatedCopy>> FindAssociatedCopy(Transaction& txn,
                                                         int64_t account_tradeline_id,
                                                         std::span<const Party> parties) {
  bool names_strong_identifier = false;
  for (const Party& party : parties) names_strong_identifier |= party.strong;
  for (const Party& party : parties) {
    SqlValue params[] = {SqlValue::Int(account_tradeline_id), SqlValue::Text(party.token)};
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        txn.Query("SELECT p.tradeline_id, c.party FROM ingest_associated_parties p JOIN "
                  "ingest_associated_tradelines c ON c.tradeline_id = p.tradeline_id WHERE "
                  "p.account_tradeline_id = ? AND p.party = ?",
                  params));
    if (rows.empty() || rows[0].size() != 2) continue;
    AssociatedCopy copy = CopyFrom(rows[0]);
    if (!party.strong && names_strong_identifier) {
      // Found by name and birth date only: the same consumer unless the copy's consumer was
      // named by a strong identifier that this report does not carry.
      SqlValue copy_params[] = {SqlValue::Int(copy.tradeline_id)};
      CREDO_ASSIGN_OR_RETURN(
          std::vector<SqlRow> strong,
          txn.Query("SELECT 1 FROM ingest_associated_parties WHERE tradeline_id = ? AND "
                    "strong = 1 LIMIT 1",
                    copy_params));
      if (!strong.empty()) continue;
    }
    return std::optional<AssociatedCopy>(std::move(copy));
  }
  return std::optional<AssociatedCopy>();
}

Result<std::vector<AssociatedCopy>> ListAssociatedCopies(Transaction& txn,
                                                         int64_t account_tradeline_id) {
  SqlValue params[] = {SqlValue::Int(account_tradeline_id)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      txn.Query("SELECT tradeline_id, party FROM ingest_associated_tradelines WHERE "
                "account_tradeline_id = ? ORDER BY tradeline_id",
                params));
  std::vector<AssociatedCopy> copies;
  for (const SqlRow& row : rows) {
    if (row.size() == 2) copies.push_back(CopyFrom(row));
  }
  return copies;
}

Status SaveAssociatedCopy(Transaction& txn, int64_t account_tradeline_id,
                          const AssociatedCopy& copy, std::span<const Party> parties) {
  SqlValue params[] = {SqlValue::Int(copy.tradeline_id), SqlValue::Int(account_tradeline_id),
                       SqlValue::Text(copy.party_token)};
  CREDO_TRY(txn.Execute(
      "INSERT INTO ingest_associated_tradelines (tradeline_id, account_tradeline_id, party) "
      "VALUES (?, ?, ?)",
      params));
  return LinkParties(txn, account_tradeline_id, copy.tradeline_id, parties);
}

Status LinkParties(Transaction& txn, int64_t account_tradeline_id, int64_t tradeline_id,
                   std::span<const Party> parties) {
  // A party kept before ingest schema 4 is taken as weak until a report shows it strong.
  for (const Party& party : parties) {
    SqlValue params[] = {SqlValue::Int(account_tradeline_id), SqlValue::Text(party.token),
                         SqlValue::Int(tradeline_id), SqlValue::Int(party.strong ? 1 : 0)};
    CREDO_TRY(txn.Execute(
        "INSERT INTO ingest_associated_parties (account_tradeline_id, party, tradeline_id, "
        "strong) VALUES (?, ?, ?, ?) ON CONFLICT (account_tradeline_id, party) DO UPDATE SET "
        "strong = 1 WHERE ingest_associated_parties.tradeline_id = excluded.tradeline_id AND "
        "excluded.strong = 1",
        params));
  }
  return Ok();
}

Status MarkTradelineDeleted(Transaction& txn, const TradelineRow& row, AccountStatus status,
                            char ecoa_code, Date reported_on, BatchId batch_id,
                            std::string detail) {
  Tradeline deleted = row.tradeline;
  deleted.status = status;
  deleted.ecoa_code = ecoa_code;
  // The store keeps the current fields of a report older than the stored one, so a deletion
  // dated earlier keeps the stored date.
  if (deleted.reported_on < reported_on) deleted.reported_on = reported_on;
  CREDO_TRY(txn.UpsertTradeline(deleted, batch_id));
  AuditEntry entry;
  entry.action = "tradeline.delete";
  entry.entity = "tradelines";
  entry.entity_id = row.id;
  entry.subject_id = row.tradeline.subject_id;
  entry.detail = std::move(detail);
  CREDO_TRY(txn.AppendAudit(std::move(entry)));
  return Ok();
}

}  // namespace credo::ingest
