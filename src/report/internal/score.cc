// The score of a subject for reports and the score-only product: the bureau's active model of a
// product (model/subject_scoring.h), with compliance's suppressions and open disputes left out
// of its inputs (report/suppression_filter.h).
#include "report/internal/assembly.h"
#include "report/internal/document.h"
#include "report/suppression_filter.h"

#ifdef CREDO_REPORT_WITH_SUBJECT_SCORING
#include "model/subject_scoring.h"
#endif

namespace credo::report::internal {

Result<ScoreResult> ScoreForSubject(Transaction& tx, const model::ModelRegistry* registry,
                                    SubjectId subject, Date as_of, std::string_view product,
                                    std::string_view lang) {
  ScoreResult result;
  result.subject_id = subject;
  result.as_of = as_of;
#ifdef CREDO_REPORT_WITH_SUBJECT_SCORING
  if (registry != nullptr) {
    auto filter = MakeComplianceInputFilter();
    auto scored = model::ScoreSubject(tx, *registry, product, subject, as_of, filter.get());
    if (!scored.ok()) {
      const ErrorCode code = scored.error().code;
      if (code != ErrorCode::kNotFound && code != ErrorCode::kFailedPrecondition) {
        return scored.error();
      }
      result.unavailable_reason =
          code == ErrorCode::kNotFound
              ? "no active model for product " + std::string(product) + ": " +
                    scored.error().message
              : scored.error().message;
      return result;
    }
    const model::SubjectScore& score = *scored;
    result.available = true;
    result.subject_id = score.subject_id;
    result.score = score.score;
    result.range_min = score.score_min;
    result.range_max = score.score_max;
    result.as_of = score.as_of;
    result.model_id = score.model_id;
    result.grade = score.grade;
    result.probability_of_default = score.probability_of_default;
    for (const auto& reason : score.reasons) {
      if (result.reasons.size() >= 4) break;
      result.reasons.push_back({reason.code, lang == "zh" ? reason.text_zh : reason.text_en});
    }
    if (score.inquiry_reason) {
      result.reasons.push_back({score.inquiry_reason->code, lang == "zh"
                                                               ? score.inquiry_reason->text_zh
                                                               : score.inquiry_reason->text_en});
    }
    return result;
  }
#else
  (void)tx;
  (void)registry;
  (void)lang;
#endif
  result.unavailable_reason =
      "no active model for product " + std::string(product) + " (no model registry in this build)";
  return result;
}

ReportDocument ScoreFields(const ScoreResult& score) {
  ReportDocument out = ReportDocument::object();
  out["subject_id"] = score.subject_id;
  out["as_of"] = score.as_of.ToIso();
  if (!score.available) {
    out["available"] = false;
    out["reason"] = score.unavailable_reason;
    return out;
  }
  out["available"] = true;
  out["score"] = score.score;
  out["range"] = {score.range_min, score.range_max};
  out["model_id"] = score.model_id;
  if (!score.grade.empty()) out["grade"] = score.grade;
  out["probability_of_default"] = Round4(score.probability_of_default);
  ReportDocument reasons = ReportDocument::array();
  for (const auto& reason : score.reasons) {
    ReportDocument item = ReportDocument::object();
    item["code"] = reason.code;
    item["text"] = reason.text;
    reasons.push_back(std::move(item));
  }
  out["reasons"] = std::move(reasons);
  return out;
}

ReportDocument ScoreSection(const Labels& labels, std::string_view key, const ScoreResult& score) {
  if (!score.available) {
    ReportDocument section = NoData(labels, key, score.unavailable_reason);
    section["as_of"] = score.as_of.ToIso();
    return section;
  }
  ReportDocument section = Section(labels, key);
  ReportDocument fields = ScoreFields(score);
  for (auto& item : fields.items()) section[item.key()] = item.value();
  return section;
}

}  // namespace credo::report::internal
