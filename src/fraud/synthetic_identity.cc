// Synthetic-identity indicators: names and birth dates per identifier, CN ID consistency,
// authorised-user-only thin files.
#include "fraud/synthetic_identity.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "core/cn_regions.h"

namespace credo::fraud {

namespace {

// Subjects read per identifier at most: an identifier on more subjects than this is already
// abnormal, and reading every identity would make one assessment slow.
constexpr size_t kMaxSubjectsPerIdentifier = 32;

std::string PersonName(const Person& person) {
  std::string name = person.full_name;
  if (name.empty()) name = person.given_name + " " + person.family_name;
  return NormalizeNameForIndex(name);
}

std::string ClaimKey(const Identifier& identifier) {
  return std::string(IdentifierKindName(identifier.kind)) + ":" +
         NormalizeIdentifierForIndex(identifier.kind, identifier.value);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether an address's region (province or state, as a furnisher wrote it) names the province.
bool RegionNamesProvince(const Address& address, const CnProvince& province) {
  const std::string region = address.region.empty() ? address.city : address.region;
  if (region.empty()) return false;
  const std::string zh(province.name_zh);
  // "北京市" vs "北京": compare without the administrative suffix as well.
  std::string zh_short = zh;
  for (std::string_view suffix : {"维吾尔自治区", "壮族自治区", "回族自治区", "自治区",
                                  "特别行政区", "省", "市"}) {
    if (zh_short.size() > suffix.size() &&
        zh_short.compare(zh_short.size() - suffix.size(), suffix.size(), suffix) == 0) {
      zh_short.resize(zh_short.size() - suffix.size());
      break;
    }
  }
  if (region.find(zh_short) != std::string::npos) return true;
  const std::string lower = Lower(region);
  if (lower.find(Lower(province.name_en)) != std::string::npos) return true;
  return region.size() >= 2 && region.compare(0, 2, province.code) == 0 &&
         std::all_of(region.begin(), region.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

struct IdentifierTally {
  std::set<std::string> names;        // blind indexes
  std::set<std::string> birth_dates;  // blind indexes
  std::set<SubjectId> subjects;
};

}  // namespace

Result<SyntheticIdentitySignals> MeasureSyntheticIdentity(Transaction& transaction,
                                                          SubjectId subject_id,
                                                          const ApplicationEvent* event) {
  CREDO_ASSIGN_OR_RETURN(Subject subject, transaction.GetSubject(subject_id));
  SyntheticIdentitySignals signals;
  if (subject.kind != SubjectKind::kPerson) return signals;
  const Person& person = subject.person;
  CREDO_ASSIGN_OR_RETURN(bool installed, FraudSchemaInstalled(transaction));

  auto name_index = [&](const std::string& normalised) {
    return transaction.BlindIndex(PointNamespace(PointKind::kName), normalised);
  };
  auto birth_index = [&](Date date) {
    return transaction.BlindIndex(PointNamespace(PointKind::kBirthDate), date.ToIso());
  };

  // 1. Names and birth dates per strong identifier.
  std::vector<Identifier> identifiers;
  for (const Identifier& identifier : person.identifiers) {
    if (IsStrongIdentifier(identifier.kind)) identifiers.push_back(identifier);
  }
  if (event != nullptr && event->identifier && IsStrongIdentifier(event->identifier->kind) &&
      std::find(identifiers.begin(), identifiers.end(), *event->identifier) == identifiers.end()) {
    identifiers.push_back(*event->identifier);
  }
  for (const Identifier& identifier : identifiers) {
    IdentifierTally tally;
    CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> holders,
                           transaction.FindSubjectsByIdentifier(identifier));
    for (size_t i = 0; i < holders.size() && i < kMaxSubjectsPerIdentifier; ++i) {
      tally.subjects.insert(holders[i]);
      CREDO_ASSIGN_OR_RETURN(Subject holder, transaction.GetSubject(holders[i]));
      if (holder.kind != SubjectKind::kPerson) continue;
      const std::string name = PersonName(holder.person);
      if (!name.empty()) tally.names.insert(name_index(name));
      if (holder.person.birth_date) tally.birth_dates.insert(birth_index(*holder.person.birth_date));
    }
    if (installed) {
      const SqlValue params[] = {SqlValue::Blob(
          transaction.BlindIndex(PointNamespace(PointKind::kIdentifier), ClaimKey(identifier)))};
      CREDO_ASSIGN_OR_RETURN(
          std::vector<SqlRow> rows,
          transaction.Query(
              "SELECT other.kind, other.blind_index, other.subject_id FROM fraud_points claimed "
              "JOIN fraud_points other ON other.application_id = claimed.application_id "
              "WHERE claimed.kind = 'identifier' AND claimed.blind_index = ? AND "
              "other.kind IN ('name', 'birth_date')",
              params));
      for (const SqlRow& row : rows) {
        (row[0].bytes == "name" ? tally.names : tally.birth_dates).insert(row[1].bytes);
        tally.subjects.insert(row[2].int_value);
      }
    }
    // The application at hand speaks for the identifier it claims, or for the subject's own.
    const bool event_speaks = event != nullptr && event->id == 0 &&
                              (!event->identifier || *event->identifier == identifier);
    if (event_speaks) {
      if (!event->name.empty()) tally.names.insert(name_index(event->name));
      if (event->birth_date) tally.birth_dates.insert(birth_index(*event->birth_date));
    }
    signals.names_per_identifier =
        std::max<int64_t>(signals.names_per_identifier, static_cast<int64_t>(tally.names.size()));
    signals.birth_dates_per_identifier = std::max<int64_t>(
        signals.birth_dates_per_identifier, static_cast<int64_t>(tally.birth_dates.size()));
    signals.subjects_per_identifier = std::max<int64_t>(
        signals.subjects_per_identifier, static_cast<int64_t>(tally.subjects.size()));
  }

  // 2. CN resident identity numbers against the record's birth date and addresses.
  for (const Identifier& identifier : identifiers) {
    if (identifier.kind != IdentifierKind::kCnResidentId) continue;
    auto info = DecodeCnResidentId(identifier.value);
    if (!info.ok()) continue;
    std::vector<std::pair<std::string, Date>> claimed_births;
    if (person.birth_date) claimed_births.emplace_back("record", *person.birth_date);
    if (event != nullptr && event->birth_date &&
        (!event->identifier || *event->identifier == identifier)) {
      claimed_births.emplace_back("application", *event->birth_date);
    }
    for (const auto& [where, birth] : claimed_births) {
      if (birth != info->birth_date && !signals.id_birth_date_mismatch) {
        signals.id_birth_date_mismatch = true;
        signals.id_birth_date_evidence = "ID " + MaskIdentifier(identifier.value) +
                                         " embeds birth date " + info->birth_date.ToIso() + ", " +
                                         where + " says " + birth.ToIso();
      }
    }
    const CnProvince* province = FindCnProvince(info->region_code);
    if (province == nullptr || signals.id_region_mismatch) continue;
    std::vector<const Address*> cn_addresses;
    for (const Address& address : person.addresses) {
      if ((address.country.empty() || address.country == "cn") &&
          !(address.region.empty() && address.city.empty())) {
        cn_addresses.push_back(&address);
      }
    }
    if (cn_addresses.empty()) continue;
    const bool any_matches =
        std::any_of(cn_addresses.begin(), cn_addresses.end(),
                    [&](const Address* address) { return RegionNamesProvince(*address, *province); });
    if (!any_matches) {
      signals.id_region_mismatch = true;
      const Address& first = *cn_addresses.front();
      signals.id_region_evidence = "ID " + MaskIdentifier(identifier.value) + " issued in " +
                                   std::string(province->name_zh) + " (" +
                                   std::string(province->code) + "), addresses in " +
                                   (first.region.empty() ? first.city : first.region);
    }
  }

  // 3. Tradelines: how many, how many as an authorised user.
  CREDO_ASSIGN_OR_RETURN(std::vector<TradelineRow> tradelines,
                         transaction.ListTradelines(subject.id));
  for (const TradelineRow& row : tradelines) {
    if (row.tradeline.status == AccountStatus::kDeleteAccount ||
        row.tradeline.status == AccountStatus::kDeleteFraud) {
      continue;
    }
    ++signals.tradelines;
    if (row.tradeline.ecoa_code == '3') ++signals.authorised_user_tradelines;
  }
  return signals;
}

}  // namespace credo::fraud
