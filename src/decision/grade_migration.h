// credo decision: grade migration between two dates, from the bureau's score history.
//
// For each surviving subject, its grade on a date is the grade of its latest recorded score of
// the product with as-of date on or before that date (the recorded grade; ungraded products are
// graded by their PD on the master scale). The matrix counts subjects graded on both dates:
// row = grade on `from`, column = grade on `to`, rows and columns in master-scale order (best
// first, D last). Subjects first graded after `from` are counted per `to` grade in new_at_to.
// Since grades only change when a score is recorded, a date between two scoring dates gives
// the same answer as the scoring date before it: from_scored_on / to_scored_on say which.
// LoadGradeTimelines reads the history once (no score after `up_to` is read: no look-ahead);
// ComputeMigration is pure, so several pairs are cheap. Errors: kInvalidArgument when to is
// before from (location "to"), the store's. Thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/subject.h"
#include "model/rating.h"
#include "store/store.h"

namespace credo::decision {

struct GradeTimelines {
  std::string product;
  std::vector<std::string> grades;  //!< master-scale order, D last (then any other recorded)
  std::vector<Date> score_dates;    //!< distinct as-of dates of recorded scores, ascending
  struct Point {
    Date as_of;
    int grade = 0;  //!< index into grades
  };
  std::vector<SubjectId> subjects;          //!< ascending
  std::vector<std::vector<Point>> history;  //!< per subject, ascending as_of
};

struct GradeMigration {
  std::string product;
  Date from;
  Date to;
  std::optional<Date> from_scored_on;  //!< the scoring date `from` falls on (none: no scores)
  std::optional<Date> to_scored_on;
  std::vector<std::string> grades;
  std::vector<std::vector<int64_t>> matrix;  //!< [from grade][to grade]
  std::vector<int64_t> new_at_to;            //!< per to grade: not graded on `from`
  int64_t subjects = 0;                      //!< graded on both dates
  int64_t upgraded = 0;
  int64_t downgraded = 0;
  int64_t unchanged = 0;
};

//! The product migration reads when none is named: person_score when it has recorded scores,
//! else the product with the most; empty when the bureau has recorded none.
Result<std::string> DefaultMigrationProduct(Store& store);

Result<GradeTimelines> LoadGradeTimelines(Store& store, const std::string& product, Date up_to,
                                          const model::MasterScale& scale);

Result<GradeMigration> ComputeMigration(const GradeTimelines& timelines, Date from, Date to);

//! The latest scoring date on or before `date`, if any.
std::optional<Date> ScoringDateOn(const GradeTimelines& timelines, Date date);

std::string MigrationToJson(const GradeMigration& migration);

}  // namespace credo::decision
