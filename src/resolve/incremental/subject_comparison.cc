#include "resolve/incremental/subject_comparison.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <random>

#include "ingest/mapping/canonical_fields.h"
#include "ingest/mapping/mapped_reader.h"
#include "ingest/standardize/name.h"
#include "resolve/blocking.h"
#include "resolve/comparison.h"
#include "resolve/table_builder.h"
#include "store/store.h"

namespace credo::resolve {
namespace {

using ingest::CanonicalField;

// The comparison schemas: what RecordTableBuilder makes of a mapping that maps these fields
// (each from a column of the same name; identifiers compared as kind "other").
constexpr std::string_view kPersonFields[] = {
    "record_id", "given_name", "surname", "date_of_birth", "identifier", "phone", "email",
    "address_line_1", "address_line_2", "city", "postcode", "state"};
constexpr std::string_view kCompanyFields[] = {
    "record_id", "company_name", "company_identifier", "legal_representative", "address_line_1",
    "address_line_2", "city", "postcode", "phone"};

template <size_t N>
std::string MappingText(const std::string_view (&fields)[N]) {
  std::string text = "[source]\nformat = \"csv\"\n";
  for (std::string_view field : fields) {
    text += "\n[[field]]\nname = \"" + std::string(field) + "\"\ncolumn = \"" +
            std::string(field) + "\"\n";
    if (field == "identifier" || field == "company_identifier") {
      text += "identifier_kind = \"other\"\n";
    }
  }
  return text;
}

void Set(ingest::MappedRecord& record, CanonicalField field, std::string value) {
  size_t index = static_cast<size_t>(field);
  record.present[index] = !value.empty();
  record.values[index] = std::move(value);
}

//! Given name and surname; a full name alone is split (Han: first character is the surname;
//! Latin: the last word).
std::pair<std::string, std::string> NamesOf(const Person& person) {
  if (!person.given_name.empty() || !person.family_name.empty()) {
    return {person.given_name, person.family_name};
  }
  const std::string& full = person.full_name;
  if (full.empty()) return {};
  if (ingest::ContainsHan(full)) {
    size_t first = 1;
    while (first < full.size() && (static_cast<unsigned char>(full[first]) & 0xC0) == 0x80) ++first;
    return {full.substr(first), full.substr(0, first)};
  }
  size_t space = full.rfind(' ');
  if (space == std::string::npos) return {"", full};
  return {full.substr(0, space), full.substr(space + 1)};
}

std::string Digits(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

//! Of several stored values, the one equal to the reference's (else the first).
template <typename T, typename Same>
const T* Pick(const std::vector<T>& values, const std::vector<T>* reference, Same same) {
  if (values.empty()) return nullptr;
  if (reference != nullptr) {
    for (const T& mine : values) {
      for (const T& theirs : *reference) {
        if (same(mine, theirs)) return &mine;
      }
    }
  }
  return &values.front();
}

std::vector<Identifier> ComparableIdentifiers(const Person& person) {
  std::vector<Identifier> out;
  for (const Identifier& identifier : person.identifiers) {
    if (identifier.kind == IdentifierKind::kPhone || identifier.kind == IdentifierKind::kEmail ||
        identifier.kind == IdentifierKind::kAccountNumber) {
      continue;
    }
    out.push_back(identifier);
  }
  return out;
}

// The value of each multi-valued field that agrees with the reference's, when one does.
void SetBestIdentifier(ingest::MappedRecord& record, CanonicalField field,
                       const std::vector<Identifier>& mine, const std::vector<Identifier>* theirs) {
  if (const Identifier* identifier =
          Pick(mine, theirs, [](const Identifier& a, const Identifier& b) {
            return NormalizeIdentifierForIndex(a.kind, a.value) ==
                   NormalizeIdentifierForIndex(b.kind, b.value);
          })) {
    Set(record, field, NormalizeIdentifierForIndex(identifier->kind, identifier->value));
  }
}

void SetBestText(ingest::MappedRecord& record, CanonicalField field,
                 const std::vector<std::string>& mine, const std::vector<std::string>* theirs,
                 bool digits_only) {
  auto equal = [](const std::string& a, const std::string& b) { return a == b; };
  if (const std::string* value = Pick(mine, theirs, equal)) {
    Set(record, field, digits_only ? Digits(*value) : *value);
  }
}

void SetBestAddress(ingest::MappedRecord& record, const std::vector<Address>& mine,
                    const std::vector<Address>* theirs, bool with_region) {
  if (const Address* address = Pick(mine, theirs, [](const Address& a, const Address& b) {
        return a.line1 == b.line1 && a.postcode == b.postcode;
      })) {
    Set(record, CanonicalField::kAddressLine1, address->line1);
    Set(record, CanonicalField::kAddressLine2, address->line2);
    Set(record, CanonicalField::kCity, address->city);
    Set(record, CanonicalField::kPostcode, address->postcode);
    if (with_region) Set(record, CanonicalField::kState, address->region);
  }
}

// A company's fields for the company schema.
void SetCompanyFields(ingest::MappedRecord& record, const Subject& subject,
                      const Subject* reference) {
  const Organization& company = subject.organization;
  const Organization* other = reference != nullptr && reference->kind == SubjectKind::kOrganization
                                  ? &reference->organization
                                  : nullptr;
  Set(record, CanonicalField::kCompanyName, company.name);
  Set(record, CanonicalField::kLegalRepresentative, company.legal_representative);
  SetBestIdentifier(record, CanonicalField::kCompanyIdentifier, company.identifiers,
                    other ? &other->identifiers : nullptr);
  SetBestText(record, CanonicalField::kPhone, company.phones, other ? &other->phones : nullptr,
              true);
  SetBestAddress(record, company.addresses, other ? &other->addresses : nullptr, false);
}

ingest::MappedRecord RecordOf(const Subject& subject, size_t index, const Subject* reference) {
  ingest::MappedRecord record;
  record.line = static_cast<int64_t>(index + 1);
  Set(record, CanonicalField::kRecordId, std::to_string(index + 1));
  if (subject.kind == SubjectKind::kOrganization) {
    SetCompanyFields(record, subject, reference);
    return record;
  }
  const Person& person = subject.person;
  const Person* other =
      reference != nullptr && reference->kind == SubjectKind::kPerson ? &reference->person : nullptr;
  auto [given, surname] = NamesOf(person);
  Set(record, CanonicalField::kGivenName, given);
  Set(record, CanonicalField::kSurname, surname);
  if (person.birth_date) Set(record, CanonicalField::kDateOfBirth, Digits(person.birth_date->ToIso()));
  std::vector<Identifier> other_identifiers;
  if (other != nullptr) other_identifiers = ComparableIdentifiers(*other);
  SetBestIdentifier(record, CanonicalField::kIdentifier, ComparableIdentifiers(person),
                    other ? &other_identifiers : nullptr);
  SetBestText(record, CanonicalField::kPhone, person.phones, other ? &other->phones : nullptr, true);
  SetBestText(record, CanonicalField::kEmail, person.emails, other ? &other->emails : nullptr,
              false);
  SetBestAddress(record, person.addresses, other ? &other->addresses : nullptr, true);
  return record;
}

bool IsNameField(std::string_view field) { return field == "given_name" || field == "surname"; }

bool IsLocationField(std::string_view field) {
  return field == "address" || field == "city" || field == "postcode" || field == "state";
}

// Address, city, postcode and state describe one fact, where the person lives: two people in one
// postcode also share its city and state, so summing the three agreements would count that fact
// three times (Fellegi-Sunter assumes fields independent given match status). The location
// fields present on both sides count once: their largest weight when any agrees (weight > 0),
// else their most negative. The others are shown with their level but weigh 0.
void CountLocationOnce(std::vector<FieldExplanation>& fields) {
  FieldExplanation* kept = nullptr;
  bool any_positive = false;
  for (FieldExplanation& field : fields) {
    if (!IsLocationField(field.field) || field.level == 0) continue;
    any_positive = any_positive || field.weight > 0;
  }
  for (FieldExplanation& field : fields) {
    if (!IsLocationField(field.field) || field.level == 0) continue;
    if (kept == nullptr || (any_positive ? field.weight > kept->weight
                                         : field.weight < kept->weight)) {
      kept = &field;
    }
  }
  for (FieldExplanation& field : fields) {
    if (!IsLocationField(field.field) || field.level == 0 || &field == kept) continue;
    field.weight = 0;
    field.level_label += " (location once)";
  }
}

bool IsMaskedField(std::string_view field) {
  return field == "identifier" || field == "company_identifier" || field == "phone" ||
         field == "email";
}

// Hand-set figures per field: m of the exact level (a true match agreeing exactly despite typos
// and updates), m of the "else" level (a true match disagreeing outright: a name or a birth date
// is rarely wholly different for the same person, a phone or an address often is, since people
// move and change numbers), and u of the exact level (chance agreement of two different people).
// The partial levels between share what is left of m.
struct DefaultField {
  std::string_view name;
  ComparatorKind comparator;
  double m_exact;
  double m_else;
  double u_exact;
};
constexpr DefaultField kDefaults[] = {
    {"given_name", ComparatorKind::kName, 0.85, 0.02, 0.01},
    {"surname", ComparatorKind::kName, 0.85, 0.02, 0.005},
    {"date_of_birth", ComparatorKind::kDate, 0.85, 0.02, 0.0005},
    {"identifier", ComparatorKind::kIdentifier, 0.85, 0.02, 0.0001},
    {"phone", ComparatorKind::kPhone, 0.7, 0.25, 0.0001},
    {"email", ComparatorKind::kExact, 0.7, 0.3, 0.0001},
    {"address", ComparatorKind::kAddress, 0.6, 0.3, 0.001},
    {"city", ComparatorKind::kName, 0.8, 0.15, 0.02},
    {"postcode", ComparatorKind::kPostcode, 0.8, 0.15, 0.01},
    {"state", ComparatorKind::kExact, 0.9, 0.1, 0.2},
};

// Companies: a registered name is nearly unique within its registration area, and the unified
// social credit code identifies one company; the legal representative and the registered
// address corroborate. A name differing only in legal form or width is the "same key" level.
constexpr DefaultField kCompanyDefaults[] = {
    {"company_name", ComparatorKind::kCompanyName, 0.85, 0.02, 0.0005},
    {"company_identifier", ComparatorKind::kIdentifier, 0.85, 0.02, 0.0001},
    {"legal_representative", ComparatorKind::kName, 0.8, 0.05, 0.001},
    {"address", ComparatorKind::kAddress, 0.6, 0.3, 0.001},
    {"city", ComparatorKind::kName, 0.8, 0.15, 0.02},
    {"postcode", ComparatorKind::kPostcode, 0.8, 0.15, 0.01},
    {"phone", ComparatorKind::kPhone, 0.7, 0.25, 0.0001},
};

// Pseudo-pairs of the hand-set u mixed into the u estimated from random pairs (a Dirichlet prior
// centred on the defaults): levels seen often follow the bureau, levels seen rarely (exact
// identifier, exact phone) keep near their default instead of falling to zero.
constexpr double kDefaultPseudoPairs = 1000;
// Below this many persons (or companies) the defaults are kept as they are.
constexpr size_t kMinPersonsToCalibrate = 1000;

}  // namespace

Subject PersonOfMappedRecord(const ingest::MappedRecord& record) {
  Subject subject;
  subject.kind = SubjectKind::kPerson;
  Person& person = subject.person;
  person.given_name = record.Get(CanonicalField::kGivenName);
  person.family_name = record.Get(CanonicalField::kSurname);
  person.full_name = person.given_name + " " + person.family_name;
  if (auto birth = Date::ParseYmdCompact(record.Get(CanonicalField::kDateOfBirth)); birth.ok()) {
    person.birth_date = *birth;
  }
  if (std::string identifier = record.Get(CanonicalField::kIdentifier); !identifier.empty()) {
    person.identifiers.push_back({IdentifierKind::kOther, identifier});
  }
  if (std::string phone = record.Get(CanonicalField::kPhone); !phone.empty()) {
    person.phones.push_back(phone);
  }
  Address address;
  std::string number = record.Get(CanonicalField::kStreetNumber);
  address.line1 = number.empty() ? record.Get(CanonicalField::kAddressLine1)
                                 : number + " " + record.Get(CanonicalField::kAddressLine1);
  address.line2 = record.Get(CanonicalField::kAddressLine2);
  address.city = record.Get(CanonicalField::kCity);
  address.postcode = record.Get(CanonicalField::kPostcode);
  address.region = record.Get(CanonicalField::kState);
  person.addresses.push_back(address);
  return subject;
}

bool IsCorroborated(const SubjectComparison& comparison) {
  for (const FieldExplanation& field : comparison.fields) {
    if (field.field == "given_name" || field.field == "surname" || field.field == "company_name") {
      continue;
    }
    if (field.weight > 0) return true;
  }
  return false;
}

namespace {
template <size_t N>
FsModel ModelFrom(const DefaultField (&defaults)[N]) {
  FsModel model;
  model.lambda = 0.01;
  for (const DefaultField& spec : defaults) {
    FieldModel field;
    field.name = std::string(spec.name);
    field.comparator = spec.comparator;
    int levels = MakeComparator(spec.comparator)->level_count();
    field.m.assign(levels, 0.0);
    field.u.assign(levels, 0.0);
    int exact = levels - 1;
    int partial = levels - 3;  // levels between "else" (1) and exact
    field.m[exact] = spec.m_exact;
    field.u[exact] = spec.u_exact;
    // Partial agreement (typos, variants): what m is left falls off with distance from exact
    // (weights P, P-1 ... 1), while chance agreement among different people doubles at each step
    // away from exact; so only near agreement counts for a match.
    const double m_partial_total = partial > 0 ? 1.0 - spec.m_exact - spec.m_else : 0.0;
    double u_total = spec.u_exact;
    double shares = partial > 0 ? partial * (partial + 1) / 2.0 : 1.0;
    for (int step = 1; step <= partial; ++step) {
      int level = exact - step;
      field.m[level] = m_partial_total * (partial - step + 1) / shares;
      field.u[level] = spec.u_exact * std::pow(2.0, step);
      u_total += field.u[level];
    }
    field.m[1] = 1.0 - spec.m_exact - m_partial_total;
    field.u[1] = std::max(1e-6, 1.0 - u_total);
    model.fields.push_back(std::move(field));
  }
  return model;
}
}  // namespace

FsModel DefaultSubjectModel() { return ModelFrom(kDefaults); }

FsModel DefaultCompanyModel() {
  FsModel model = ModelFrom(kCompanyDefaults);
  // A registered name differing only in legal form, width or punctuation ("same key": 有限公司 /
  // 有限责任公司, Co., Ltd. / Limited) is nearly as telling as the exact name, and as rare among
  // different companies; the general fall-off of partial levels would weigh it like a typo.
  // Levels: null, else, JW >= 0.88, JW >= 0.94, same key, exact.
  for (FieldModel& field : model.fields) {
    if (field.name != "company_name" || field.m.size() != 6) continue;
    field.m = {0.0, 0.02, 0.02, 0.04, 0.17, 0.75};
    field.u = {0.0, 0.987, 0.01, 0.002, 0.0005, 0.0005};  // sums to 1, as m does
  }
  return model;
}

namespace {

// The name values of `table` (a table of the bureau's persons) held by a larger share of them
// than the field's exact-level u in `model`.
CommonValues CommonValuesIn(const RecordTable& table, const FsModel& model) {
  CommonValues common;
  for (const FieldColumn& column : table.columns()) {
    if (!IsNameField(column.spec.name) || column.non_null == 0) continue;
    const FieldModel* field_model = nullptr;
    for (const FieldModel& field : model.fields) {
      if (field.name == column.spec.name) field_model = &field;
    }
    if (field_model == nullptr) continue;
    const double u_exact = field_model->u.back();
    for (uint32_t value = 1; value < column.texts.size(); ++value) {
      const double share = column.Frequency(value);
      if (share > u_exact) common[column.spec.name][column.texts[value]] = share;
    }
  }
  return common;
}

}  // namespace

namespace {

// u of `base` re-estimated from `pairs` random pairs of `subjects` (all of one kind) under
// `comparer`, blended with the base u as kDefaultPseudoPairs pseudo-pairs; m kept. Fills the
// model, the pair count and the subject count of `out`; returns the table for callers that
// need more from it.
Result<RecordTable> CalibrateU(const SubjectComparer& comparer,
                               const std::vector<Subject>& subjects, int64_t pairs, uint64_t seed,
                               CalibratedModel& out) {
  CREDO_ASSIGN_OR_RETURN(RecordTable table, comparer.TableOf(subjects));
  // Per table column, the model field it counts for (-1: none).
  std::vector<int> field_of_column;
  for (const FieldColumn& column : table.columns()) {
    int found = -1;
    for (size_t f = 0; f < out.model.fields.size(); ++f) {
      if (out.model.fields[f].name == column.spec.name) found = static_cast<int>(f);
    }
    field_of_column.push_back(found);
  }
  // Level counts per model field over random pairs of different subjects (levels > 0 only:
  // a pair where either side lacks the field says nothing about u).
  std::vector<std::vector<double>> counts(out.model.fields.size());
  for (size_t f = 0; f < counts.size(); ++f) counts[f].assign(out.model.fields[f].u.size(), 0.0);
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<uint32_t> pick(0, static_cast<uint32_t>(table.size() - 1));
  while (out.pairs < pairs) {
    const uint32_t a = pick(random);
    const uint32_t b = pick(random);
    if (a == b) continue;
    const ComparisonPattern pattern = ComparePair(table, a, b);
    for (size_t c = 0; c < field_of_column.size(); ++c) {
      if (field_of_column[c] < 0) continue;
      std::vector<double>& field_counts = counts[static_cast<size_t>(field_of_column[c])];
      const int level = LevelOf(pattern, c);
      if (level > 0 && level < static_cast<int>(field_counts.size())) {
        field_counts[static_cast<size_t>(level)] += 1;
      }
    }
    ++out.pairs;
  }
  for (size_t f = 0; f < counts.size(); ++f) {
    FieldModel& field = out.model.fields[f];
    double observed = 0;
    for (size_t level = 1; level < counts[f].size(); ++level) observed += counts[f][level];
    for (size_t level = 1; level < field.u.size(); ++level) {
      field.u[level] = (counts[f][level] + kDefaultPseudoPairs * field.u[level]) /
                       (observed + kDefaultPseudoPairs);
      field.u[level] = std::max(field.u[level], 1e-7);
    }
  }
  out.persons = static_cast<int64_t>(subjects.size());
  return table;
}

}  // namespace

const std::vector<Subject>& OfKind(const std::vector<Subject>& all, SubjectKind kind,
                                   std::vector<Subject>& kept) {
  auto of_kind = [kind](const Subject& subject) { return subject.kind == kind; };
  if (std::all_of(all.begin(), all.end(), of_kind)) return all;
  std::copy_if(all.begin(), all.end(), std::back_inserter(kept), of_kind);
  return kept;
}

Result<CalibratedModel> CalibrateDefaultModel(const std::vector<Subject>& persons,
                                              int64_t pairs, uint64_t seed) {
  CalibratedModel out;
  out.model = DefaultSubjectModel();
  std::vector<Subject> kept;
  const std::vector<Subject>& people = OfKind(persons, SubjectKind::kPerson, kept);
  // In a small bureau a random pair is too often a true duplicate for u to be estimated.
  if (people.size() < kMinPersonsToCalibrate || pairs <= 0) return out;
  CREDO_ASSIGN_OR_RETURN(SubjectComparer comparer, SubjectComparer::Make(out.model));
  CREDO_ASSIGN_OR_RETURN(RecordTable table, CalibrateU(comparer, people, pairs, seed, out));
  out.common_values = CommonValuesIn(table, out.model);  // the same table: built once
  return out;
}

Result<CalibratedModel> CalibrateCompanyModel(const std::vector<Subject>& organizations,
                                              int64_t pairs, uint64_t seed) {
  CalibratedModel out;
  out.model = DefaultCompanyModel();
  std::vector<Subject> kept;
  const std::vector<Subject>& companies = OfKind(organizations, SubjectKind::kOrganization, kept);
  if (companies.size() < kMinPersonsToCalibrate || pairs <= 0) return out;
  CREDO_ASSIGN_OR_RETURN(SubjectComparer comparer, SubjectComparer::MakeForCompanies(out.model));
  CREDO_TRY(CalibrateU(comparer, companies, pairs, seed, out));
  return out;
}

std::string CalibrationSource(const CalibratedModel& calibrated, SubjectKind kind) {
  return "default m, u from " + std::to_string(calibrated.pairs) + " random pairs of " +
         std::to_string(calibrated.persons) + " stored " +
         (kind == SubjectKind::kPerson ? "persons" : "companies");
}

Result<CommonValues> FindCommonValues(const std::vector<Subject>& persons, const FsModel& model) {
  std::vector<Subject> kept;
  const std::vector<Subject>& people = OfKind(persons, SubjectKind::kPerson, kept);
  if (people.size() < kMinPersonsToCalibrate) return CommonValues{};
  CREDO_ASSIGN_OR_RETURN(SubjectComparer comparer, SubjectComparer::Make(model));
  CREDO_ASSIGN_OR_RETURN(RecordTable table, comparer.TableOf(people));
  return CommonValuesIn(table, model);
}

Result<SubjectComparer> SubjectComparer::Make(FsModel model, CommonValues common) {
  return MakeFor(SubjectKind::kPerson, std::move(model), std::move(common));
}

Result<SubjectComparer> SubjectComparer::MakeForCompanies(FsModel model) {
  return MakeFor(SubjectKind::kOrganization, std::move(model), {});
}

Result<SubjectComparer> SubjectComparer::MakeFor(SubjectKind kind, FsModel model,
                                                 CommonValues common) {
  SubjectComparer comparer;
  comparer.kind_ = kind;
  comparer.common_ = std::move(common);
  CREDO_ASSIGN_OR_RETURN(
      ingest::Mapping mapping,
      ingest::ParseMapping(kind == SubjectKind::kPerson ? MappingText(kPersonFields)
                                                        : MappingText(kCompanyFields),
                           kind == SubjectKind::kPerson ? "subject comparison schema"
                                                        : "company comparison schema"));
  comparer.mapping_ = std::make_shared<ingest::Mapping>(std::move(mapping));
  CREDO_ASSIGN_OR_RETURN(auto builder, RecordTableBuilder::ForMapping(*comparer.mapping_));
  for (const FieldSpec& spec : builder.schema()) {
    int found = -1;
    for (size_t f = 0; f < model.fields.size(); ++f) {
      if (model.fields[f].name == spec.name && model.fields[f].comparator == spec.comparator) {
        found = static_cast<int>(f);
        break;
      }
    }
    if (found >= 0) {
      int levels = MakeComparator(spec.comparator)->level_count();
      const FieldModel& field = model.fields[found];
      if (static_cast<int>(field.m.size()) != levels ||
          static_cast<int>(field.u.size()) != levels) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "model field '" + spec.name + "' has " + std::to_string(field.m.size()) +
                             " levels where its comparator has " + std::to_string(levels),
                         "resolve model");
      }
    }
    comparer.model_field_.push_back(found);
  }
  bool any = std::any_of(comparer.model_field_.begin(), comparer.model_field_.end(),
                         [](int f) { return f >= 0; });
  if (!any) {
    return MakeError(ErrorCode::kInvalidArgument,
                     kind == SubjectKind::kPerson
                         ? "the model weighs none of the fields subjects are compared on "
                           "(given_name, surname, date_of_birth, identifier, phone, email, "
                           "address, city, postcode, state)"
                         : "the model weighs none of the fields companies are compared on "
                           "(company_name, company_identifier, legal_representative, address, "
                           "city, postcode, phone)",
                     "resolve model");
  }
  comparer.model_ = std::move(model);
  return comparer;
}

Result<RecordTable> SubjectComparer::Build(const std::vector<const Subject*>& subjects,
                                           const Subject* reference) const {
  CREDO_ASSIGN_OR_RETURN(auto builder, RecordTableBuilder::ForMapping(*mapping_));
  for (size_t i = 0; i < subjects.size(); ++i) {
    CREDO_TRY(builder.Add(RecordOf(*subjects[i], i, i == 0 ? nullptr : reference), 0, "subject"));
  }
  return builder.Finish();
}

void SubjectComparer::AdjustForCommonValue(int model_field, const std::string& value,
                                           FieldExplanation& field) const {
  auto values = common_.find(field.field);
  if (values == common_.end()) return;
  auto share = values->second.find(value);
  if (share == values->second.end()) return;
  const FieldModel& f = model_.fields[static_cast<size_t>(model_field)];
  const int exact = static_cast<int>(f.m.size()) - 1;
  const double adjusted = std::log2(std::max(f.m[static_cast<size_t>(exact)], 1e-12) /
                                    std::max(share->second, 1e-12));
  const double floor = model_.LevelWeight(static_cast<size_t>(model_field), exact - 1);
  field.weight = std::max(std::min(field.weight, adjusted), floor);
  field.term_frequency_adjusted = true;
  field.level_label += " (common)";
}

std::vector<SubjectComparison> SubjectComparer::Compare(
    const Subject& incoming, const std::vector<Subject>& candidates) const {
  std::vector<SubjectComparison> out(candidates.size());
  // One table: the incoming record in row 0, each comparable candidate after it with the
  // representative values that agree best with the incoming record (RecordOf's reference). The
  // comparison of a pair reads only its two rows, so a table per candidate (as before) gave the
  // same patterns at the cost of building a table each time.
  std::vector<const Subject*> rows = {&incoming};
  std::vector<uint32_t> row_of(candidates.size(), 0);  // 0: not compared
  for (size_t i = 0; i < candidates.size(); ++i) {
    SubjectComparison& comparison = out[i];
    comparison.left_subject_id = candidates[i].id;
    comparison.right_subject_id = incoming.id;
    comparison.prior_weight = model_.PriorWeight();
    comparison.match_weight = -std::numeric_limits<double>::infinity();
    if (candidates[i].kind != kind_ || incoming.kind != kind_) continue;
    row_of[i] = static_cast<uint32_t>(rows.size());
    rows.push_back(&candidates[i]);
  }
  if (rows.size() == 1) return out;
  auto table = Build(rows, &incoming);
  if (!table.ok()) return out;
  const auto& columns = table->columns();
  for (size_t i = 0; i < candidates.size(); ++i) {
    const uint32_t row = row_of[i];
    if (row == 0) continue;
    SubjectComparison& comparison = out[i];
    ComparisonPattern pattern = ComparePair(*table, row, 0);
    double weight = comparison.prior_weight;
    comparison.fields.reserve(columns.size());
    for (size_t c = 0; c < columns.size(); ++c) {
      const FieldColumn& column = columns[c];
      FieldExplanation field;
      field.field = column.spec.name;
      field.value_a = column.texts[column.value_ids[row]];
      field.value_b = column.texts[column.value_ids[0]];
      if (IsMaskedField(field.field)) {
        if (!field.value_a.empty()) field.value_a = MaskIdentifier(field.value_a);
        if (!field.value_b.empty()) field.value_b = MaskIdentifier(field.value_b);
      }
      field.level = LevelOf(pattern, c);
      field.level_label = std::string(column.comparator->LevelLabel(field.level));
      int model_field = model_field_[c];
      field.weight = model_field < 0 ? 0.0 : model_.LevelWeight(model_field, field.level);
      const uint32_t value = column.value_ids[0];
      if (model_field >= 0 && field.level == column.comparator->exact_level() &&
          value != 0 && value == column.value_ids[row]) {
        AdjustForCommonValue(model_field, column.texts[value], field);
      }
      comparison.fields.push_back(std::move(field));
    }
    CountLocationOnce(comparison.fields);
    for (const FieldExplanation& field : comparison.fields) weight += field.weight;
    comparison.match_weight = weight;
    comparison.probability = WeightToProbability(weight);
  }
  return out;
}

std::vector<SubjectBlockingKey> SubjectComparer::Keys(const Subject& subject) const {
  std::vector<SubjectBlockingKey> keys;
  if (subject.kind != kind_) return keys;
  auto table = Build({&subject}, nullptr);
  if (!table.ok()) return keys;
  std::vector<std::string> names = BlockingPassNames(*table);
  std::vector<std::string> values = BlockingKeys(*table, 0);
  for (size_t p = 0; p < names.size() && p < values.size(); ++p) {
    if (names[p].rfind("sorted_", 0) == 0 || values[p].empty()) continue;
    keys.push_back({names[p], values[p]});
  }
  // The sorted-neighbourhood passes have no stored equivalent; the exact name set (either order)
  // stands in for them.
  int given = table->given_name_column(), surname = table->surname_column();
  std::string g = given < 0 ? "" : table->columns()[given].keys[table->columns()[given].value_ids[0]];
  std::string s =
      surname < 0 ? "" : table->columns()[surname].keys[table->columns()[surname].value_ids[0]];
  if (!g.empty() || !s.empty()) {
    keys.push_back({"name_set", std::min(g, s) + "|" + std::max(g, s)});
  }
  return keys;
}

Result<RecordTable> SubjectComparer::TableOf(const std::vector<Subject>& subjects) const {
  CREDO_ASSIGN_OR_RETURN(auto builder, RecordTableBuilder::ForMapping(*mapping_));
  for (size_t i = 0; i < subjects.size(); ++i) {
    ingest::MappedRecord record = RecordOf(subjects[i], i, nullptr);
    Set(record, CanonicalField::kRecordId, std::to_string(subjects[i].id));
    CREDO_TRY(builder.Add(record, 0, "subjects"));
  }
  return builder.Finish();
}

}  // namespace credo::resolve
