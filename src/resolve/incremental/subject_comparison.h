// credo resolve/incremental: stored subjects compared with the resolve comparators.
//
// A person subject is turned into one record of a fixed comparison schema (given name, surname,
// date of birth, identifier, phone, e-mail, address, city, postcode, state), standardised exactly
// as `credo er` standardises mapped files, so the same comparators, blocking passes and
// Fellegi-Sunter models apply. Where a stored subject holds several phones, e-mails, identifiers
// or addresses (after merges), the one agreeing best with the incoming record is compared.
//
// Weights: the match weight is the model's prior plus log2(m/u) of each field's level, matched
// to the model by field name (a field the model does not know weighs 0). Address, city, postcode
// and state count once together (the largest of their weights when any agrees, else the most
// negative): they describe one fact, and summing them would count a shared postcode three times. There is no
// term-frequency adjustment here: value frequencies of the whole bureau are not kept.
// Term frequency: agreeing on a name most of the bureau shares proves less than agreeing on a
// rare one. CommonValues lists, per name field, the standardised values whose share of the
// bureau's persons is above the field's exact-level u; an exact agreement on such a value weighs
// log2(m / share) instead (never less than the next level's weight), marked "(common)". Values
// not listed keep the model's weight: the adjustment only ever lowers a weight.
// DefaultSubjectModel() gives documented hand-set m and u (docs/readme/review.md) for a bureau
// that has not learned its own (LearnStoredModel, stored_resolution.h); CalibrateDefaultModel
// keeps its m and estimates u from random pairs of the bureau's own persons (two random
// subjects are different people but for a chance of about one in the bureau's size), so that
// agreement on a city most of the bureau shares counts for little.
//
// Identifiers, phones and e-mails in explanations are masked (MaskIdentifier); names, dates and
// addresses are in clear and must be stored encrypted. Immutable after Make(); thread-safe reads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/subject.h"
#include "ingest/mapping/mapped_reader.h"
#include "ingest/mapping/mapping.h"
#include "resolve/explain.h"
#include "resolve/fs_model.h"
#include "resolve/record_table.h"

namespace credo::resolve {

//! Field name -> standardised value -> share of the bureau's persons holding it.
using CommonValues = std::map<std::string, std::map<std::string, double>>;

//! One pair of subjects scored: field by field, then the total.
struct SubjectComparison {
  SubjectId left_subject_id = 0;   //!< the stored subject
  SubjectId right_subject_id = 0;  //!< the incoming record's subject (0 before it exists)
  std::vector<FieldExplanation> fields;
  double prior_weight = 0;
  double match_weight = 0;
  double probability = 0;
};

//! A blocking key of a subject: the pass it belongs to and the key text (clear; blind-index it).
struct SubjectBlockingKey {
  std::string pass;
  std::string key;
};

class SubjectComparer {
 public:
  //! `model` may come from any schema: its fields are matched to the comparison schema by name.
  //! `common` (may be empty) adjusts exact agreements on common names (see above).
  static Result<SubjectComparer> Make(FsModel model, CommonValues common = {});
  //! The comparer of companies: name (legal form, width and punctuation aside), unified social
  //! credit code, legal representative, registered address and phone.
  static Result<SubjectComparer> MakeForCompanies(FsModel model);

  //! The kind of subject this comparer compares (persons, or companies).
  SubjectKind kind() const { return kind_; }
  //! Scores `incoming` against each candidate (of this comparer's kind; others score -inf / 0).
  std::vector<SubjectComparison> Compare(const Subject& incoming,
                                         const std::vector<Subject>& candidates) const;
  //! Blocking keys of a subject of this comparer's kind (the exact passes of blocking.h, plus the
  //! name set for persons); none for another kind.
  std::vector<SubjectBlockingKey> Keys(const Subject& subject) const;
  //! A record table of persons (record ids are the subject ids), for learning a model.
  Result<RecordTable> TableOf(const std::vector<Subject>& subjects) const;

  const FsModel& model() const { return model_; }
  const CommonValues& common_values() const { return common_; }

 private:
  SubjectComparer() = default;
  static Result<SubjectComparer> MakeFor(SubjectKind kind, FsModel model, CommonValues common);
  Result<RecordTable> Build(const std::vector<const Subject*>& subjects,
                            const Subject* reference) const;
  void AdjustForCommonValue(int model_field, const std::string& value,
                            FieldExplanation& field) const;

  SubjectKind kind_ = SubjectKind::kPerson;
  std::shared_ptr<ingest::Mapping> mapping_;
  FsModel model_;
  CommonValues common_;
  std::vector<int> model_field_;  //!< per table column: the model's field index, or -1
};

//! The person a mapped record describes (given name, surname, full name of the two, birth date
//! from YYYYMMDD digits, identifier of kind "other", phone, one address with the street number
//! before its first line): how the benchmark sets (FEBRL) become stored subjects.
Subject PersonOfMappedRecord(const ingest::MappedRecord& record);

//! True when a field other than the name agrees (weighs more than 0): date of birth,
//! identifier, phone, e-mail or location (for companies: code, legal representative, address or
//! phone). A pair held together by its name alone is never
//! linked automatically, however common or rare the name: it goes to review instead.
bool IsCorroborated(const SubjectComparison& comparison);

//! Hand-set m and u for the comparison schema (see the .cc for the figures).
FsModel DefaultSubjectModel();
//! Hand-set m and u for the company comparison schema.
FsModel DefaultCompanyModel();

//! The name values (given_name, surname) held by a larger share of `persons` than `model`'s
//! exact-level u of the field. Empty under 1,000 persons (shares of a small bureau say little).
Result<CommonValues> FindCommonValues(const std::vector<Subject>& persons, const FsModel& model);

struct CalibratedModel {
  FsModel model;
  CommonValues common_values;  //!< FindCommonValues of the persons under the calibrated model
  int64_t pairs = 0;    //!< random pairs compared (0: too few persons; the defaults as they are)
  int64_t persons = 0;  //!< subjects drawn from (persons, or companies for a company model)
};
//! DefaultSubjectModel's m with u from `pairs` random pairs of `persons` (non-persons are
//! skipped), blended with the default u as 1,000 pseudo-pairs. Deterministic for a seed. Under
//! 1,000 persons a random pair is too often a duplicate: the defaults come back unchanged
//! (pairs = 0).
Result<CalibratedModel> CalibrateDefaultModel(const std::vector<Subject>& persons,
                                              int64_t pairs = 20000, uint64_t seed = 42);
//! The same for companies: DefaultCompanyModel's m with u from random pairs of the
//! organizations among `organizations` (common_values stays empty; `persons` counts the
//! companies drawn from). Under 1,000 companies the defaults come back unchanged (pairs = 0).
Result<CalibratedModel> CalibrateCompanyModel(const std::vector<Subject>& organizations,
                                              int64_t pairs = 20000, uint64_t seed = 42);
//! The subjects of `kind` among `all`: `all` itself when every subject is of that kind (a
//! bureau's million persons are not copied), else those of the kind copied into `kept`.
const std::vector<Subject>& OfKind(const std::vector<Subject>& all, SubjectKind kind,
                                   std::vector<Subject>& kept);

//! Where a calibrated model came from, for people: "default m, u from 20000 random pairs of
//! 1948 stored persons" (or "companies").
std::string CalibrationSource(const CalibratedModel& calibrated, SubjectKind kind);

}  // namespace credo::resolve
