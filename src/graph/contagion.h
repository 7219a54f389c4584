// credo graph: default contagion through guarantees.
//
// Given subjects that default, each guarantor of a defaulted borrower is called for the amount it
// guaranteed, but never for more than the borrower owes: when a borrower's guarantees add up to
// more than its loan balance, each is called for its share of the balance (amount x balance /
// guaranteed total). A borrower with no loan balance in the bureau owes lenders that do not
// report to it, and its guarantees are called in full. A guarantor whose calls exceed its loss-absorbing buffer defaults in turn (in the
// next round), and its own guarantors are called. Rounds repeat until nothing changes (a fixed
// point: each subject defaults at most once, so there are at most N rounds). The buffer is the
// net assets of the latest financial statement times `buffer_share`, or an explicit per-subject
// buffer; a guarantor with no statement and no explicit buffer has an unknown buffer: it is
// reported at risk with its calls but does not default unless `unknown_buffer_defaults`.
// Expected loss = LGD x exposure at default, the exposure being the defaulted subjects' loan
// balances (tradelines). The guarantee calls are reported apart: those on guarantors that stood
// (paid, or at risk of paying) and those on guarantors that defaulted (not recoverable).
//
// Errors: kNotFound for an unknown subject, kInvalidArgument for LGD outside 0..1 or a negative
// buffer share.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "core/result.h"
#include "graph/relationship_graph.h"

namespace credo::graph {

struct ContagionOptions {
  double lgd = 0.45;           //!< loss given default, 0..1
  double buffer_share = 1.0;   //!< share of net assets that absorbs guarantee calls
  std::map<SubjectId, int64_t> buffers;  //!< explicit buffers (minor units) override net assets
  bool unknown_buffer_defaults = false;  //!< no statement and no buffer: default when called
};

struct ContagionSubject {
  SubjectId subject_id = 0;
  bool defaulted = false;
  int round = 0;              //!< 0: given as defaulted; k: defaulted in round k; -1: survived
  int64_t guarantee_calls = 0;  //!< amounts called on it as guarantor
  std::optional<int64_t> buffer;  //!< nullopt: unknown
  int64_t loan_balance = 0;
  std::vector<SubjectId> called_by;  //!< defaulted borrowers it guaranteed
};

struct ContagionResult {
  std::vector<ContagionSubject> subjects;  //!< defaulted and called subjects, by round then id
  int rounds = 0;                          //!< rounds until the fixed point (0: no cascade)
  int64_t defaulted = 0;
  int64_t at_risk = 0;                     //!< called but still standing
  int64_t exposure_at_default = 0;        //!< loan balances of the defaulted subjects
  int64_t calls_on_survivors = 0;         //!< guarantee calls on guarantors still standing
  int64_t calls_on_defaulted = 0;         //!< guarantee calls on guarantors that defaulted
  int64_t expected_loss = 0;               //!< LGD x exposure_at_default, minor units
  double lgd = 0.45;
};

Result<ContagionResult> RunContagion(const RelationshipGraph& graph,
                                     const std::vector<SubjectId>& defaulted,
                                     const ContagionOptions& options = {});

}  // namespace credo::graph
