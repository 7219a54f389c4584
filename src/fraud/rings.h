// credo fraud: rings, connected components of subjects through shared contact points.
//
// Nodes are surviving subjects; a contact point (a phone or e-mail of a subject's identity, from
// the store's identifiers table, or a phone, e-mail, address or device of a recorded application,
// from fraud_points) joins every subject holding it, unless more than `degree_cap` subjects hold
// it (a shared office phone or a NAT address joins nothing). Components of at least `min_size`
// subjects are rings, scored 0-100 from their size, growth (members that first appear in the data
// in the last `growth_days`: the earliest of their tradelines' opening dates, inquiry dates and
// recorded applications, or when none exists the time their subject row was inserted) and share
// of known-bad members (a tradeline charged off, in collection, foreclosed, repossessed, or 90+
// days past due). Components are computed here with a
// union-find over the blind-index rows.
//
// Entity resolution first: members whose names (the store's name blind index) are equal count as
// one identity, and a component needs `min_size` distinct identities to be a ring, so that one
// person split over several unresolved records is not reported as a ring of several.
//
// A ring's id is its smallest member's subject id, so it stays put while the ring grows.
// SaveRings replaces the stored snapshot (fraud_rings, fraud_ring_members) in the caller's
// transaction; RingOfSubject reads it (AssessSubject uses it, so assessments stay cheap).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/subject.h"
#include "store/store.h"

namespace credo::fraud {

struct RingOptions {
  int64_t degree_cap = 10;  //!< a contact point held by more subjects joins nothing
  int64_t min_size = 3;     //!< smaller components are not rings
  int64_t growth_days = 30;
};

struct Ring {
  int64_t id = 0;                   //!< smallest member id
  std::vector<SubjectId> members;   //!< ascending
  int64_t identities = 0;           //!< members with distinct names (one person under several
                                    //!< unresolved records counts once)
  int64_t shared_points = 0;        //!< contact points joining members (held by 2..cap members)
  std::vector<std::string> shared_kinds;  //!< "phone", "address" ... sorted, distinct
  int64_t new_members = 0;          //!< first seen in the data within growth_days (see above)
  int64_t bad_members = 0;          //!< with a known-bad tradeline
  int score = 0;                    //!< 0-100
};

//! `size` is the number of distinct identities. 40 * min(size, 10) / 10 + 30 * new / size + 30 * bad / size, rounded.
int RingScore(int64_t size, int64_t new_members, int64_t bad_members);

//! Undirected edges subject - contact point in, components out (exposed for tests and benches):
//! `holders[p]` lists the subjects holding point p.
std::vector<std::vector<SubjectId>> ContactComponentsOf(
    const std::vector<std::vector<SubjectId>>& holders, int64_t degree_cap);

//! Computes the rings of the bureau now (largest score first, then id).
Result<std::vector<Ring>> FindRings(Transaction& transaction, const RingOptions& options,
                                    int64_t now_unix);
//! Replaces the stored ring snapshot; needs EnsureFraudSchema. Appends an audit entry.
Status SaveRings(Transaction& transaction, const std::vector<Ring>& rings, int64_t now_unix);
//! The stored ring the subject belongs to, if any (nullopt too when no snapshot exists).
Result<std::optional<Ring>> RingOfSubject(Transaction& transaction, SubjectId subject);

}  // namespace credo::fraud
