#include "resolve/incremental/company_learning.h"

#include <algorithm>

#include "resolve/blocking.h"
#include "resolve/comparison.h"
#include "resolve/incremental/attacher.h"
#include "resolve/incremental/subject_comparison.h"

namespace credo::resolve {
namespace {

// The default m counts as this many duplicate pairs against the ones found.
constexpr double kPriorPairs = 100;
constexpr int kMaxRounds = 5;
constexpr int kThreads = 2;

// True when a field besides the name weighs for the pair (IsCorroborated, on a pattern).
bool Corroborated(const FsModel& model, ComparisonPattern pattern, int name_column) {
  for (size_t f = 0; f < model.fields.size(); ++f) {
    if (static_cast<int>(f) == name_column) continue;
    const int level = LevelOf(pattern, f);
    if (level > 0 && model.LevelWeight(f, level) > 0) return true;
  }
  return false;
}

}  // namespace

Result<LearnedCompanyModel> LearnModelFromCompanies(const std::vector<Subject>& organizations,
                                                    double join_probability,
                                                    size_t min_companies) {
  LearnedCompanyModel out;
  std::vector<Subject> kept;
  const std::vector<Subject>& companies = OfKind(organizations, SubjectKind::kOrganization, kept);
  out.companies = static_cast<int64_t>(companies.size());
  if (companies.size() < std::max<size_t>(min_companies, 2)) return out;

  CREDO_ASSIGN_OR_RETURN(CalibratedModel calibrated, CalibrateCompanyModel(companies));
  out.random_pairs = calibrated.pairs;
  const FsModel defaults = DefaultCompanyModel();
  CREDO_ASSIGN_OR_RETURN(SubjectComparer comparer, SubjectComparer::MakeForCompanies(defaults));
  CREDO_ASSIGN_OR_RETURN(RecordTable table, comparer.TableOf(companies));

  // The model in the table's column order (PairWeight reads fields by column), and the default
  // m of each column.
  FsModel model;
  model.lambda = calibrated.model.lambda;
  std::vector<std::vector<double>> prior_m;
  for (const FieldColumn& column : table.columns()) {
    auto named = [&](const FsModel& from) -> const FieldModel* {
      for (const FieldModel& field : from.fields) {
        if (field.name == column.spec.name) return &field;
      }
      return nullptr;
    };
    const FieldModel* field = named(calibrated.model);
    const FieldModel* fallback = named(defaults);
    if (field == nullptr || fallback == nullptr) {
      return MakeError(ErrorCode::kInternal,
                       "the company model has no field " + column.spec.name);
    }
    model.fields.push_back(*field);
    prior_m.push_back(fallback->m);
  }
  const int name_column = table.FindColumn("company_name");

  BlockingOptions blocking;
  blocking.threads = kThreads;
  const CandidatePairs candidates = GenerateCandidatePairs(table, blocking);
  const std::vector<ComparisonPattern> patterns =
      CompareAll(table, candidates.pairs, kThreads);
  out.candidate_pairs = static_cast<int64_t>(candidates.pairs.size());
  std::vector<char> possible(candidates.pairs.size(), 1);  // no two different valid codes
  for (size_t i = 0; i < candidates.pairs.size(); ++i) {
    possible[i] = !StrongIdentifiersConflict(companies[PairFirst(candidates.pairs[i])],
                                             companies[PairSecond(candidates.pairs[i])]);
  }

  const double threshold = ProbabilityToWeight(join_probability);
  std::vector<char> joined(candidates.pairs.size(), 0);
  std::vector<double> evidence(model.fields.size(), 0.0);
  bool stable = false;
  while (!stable && out.rounds < kMaxRounds) {
    ++out.rounds;
    stable = true;
    out.duplicate_pairs = 0;
    std::vector<std::vector<double>> counts(model.fields.size());
    for (size_t f = 0; f < counts.size(); ++f) counts[f].assign(model.fields[f].m.size(), 0.0);
    std::fill(evidence.begin(), evidence.end(), 0.0);
    for (size_t i = 0; i < candidates.pairs.size(); ++i) {
      const uint32_t a = PairFirst(candidates.pairs[i]), b = PairSecond(candidates.pairs[i]);
      const bool join = possible[i] && PairWeight(table, model, a, b, patterns[i]) >= threshold &&
                        Corroborated(model, patterns[i], name_column);
      if (join != (joined[i] != 0)) stable = false;
      joined[i] = join;
      if (!join) continue;
      ++out.duplicate_pairs;
      for (size_t f = 0; f < model.fields.size(); ++f) {
        const int level = LevelOf(patterns[i], f);
        if (level == 0 || static_cast<size_t>(level) >= counts[f].size()) continue;
        counts[f][static_cast<size_t>(level)] += 1;  // a missing side says nothing about m
        evidence[f] += 1;
      }
    }
    for (size_t f = 0; f < model.fields.size(); ++f) {
      std::vector<double>& m = model.fields[f].m;
      for (size_t level = 0; level < m.size(); ++level) {
        m[level] = (counts[f][level] + kPriorPairs * prior_m[f][level]) /
                   (evidence[f] + kPriorPairs);
      }
    }
  }
  model.em_iterations = out.rounds;
  model.converged = stable;
  for (size_t f = 0; f < model.fields.size(); ++f) {
    if (evidence[f] == 0) out.defaulted_fields.push_back(model.fields[f].name);
  }
  out.model = std::move(model);
  return out;
}

std::string CompanyLearningSource(const LearnedCompanyModel& learned) {
  std::string source = "m from " + std::to_string(learned.duplicate_pairs) +
                       " duplicate pairs of " + std::to_string(learned.candidate_pairs) +
                       " candidates";
  if (learned.model && learned.defaulted_fields.size() == learned.model->fields.size()) {
    source += " (default m kept for every field)";
  } else if (!learned.defaulted_fields.empty()) {
    source += " (default m kept for";
    for (const std::string& field : learned.defaulted_fields) source += " " + field;
    source += ")";
  }
  return source + ", u from " + std::to_string(learned.random_pairs) + " random pairs of " +
         std::to_string(learned.companies) + " stored companies";
}

}  // namespace credo::resolve
