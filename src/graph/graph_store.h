// credo graph: building the relationship graph from the store, and updating it after a batch.
//
// BuildGraph reads, in one pass each and paged by primary key (memory does not hold query
// results whole): subjects (kind, merge redirects), the identifiers table's phone and e-mail
// blind-index rows (contact points: the 32-byte HMAC is reduced to a 64-bit key, no clear value is
// read), the relations in force on `as_of` (begun and not ended: an expired guarantee is no
// edge; default today), the latest financial statement per subject and the tradeline balances.
// The updates below read relations in force on the graph's own as_of.
// UpdateGraphForBatch re-reads only the subjects a committed batch touched (relations, tradelines,
// tradeline months, inquiries, public records and statements carrying that batch id, both ends of
// each relation) and replaces their nodes' facts and edges; the CSR adjacency is then re-packed in
// memory (one linear pass, no store reads for untouched subjects). UpdateGraphForSubjects does the
// same for an explicit list (after a merge or a resolution run). Merged subjects follow their
// redirect: rows are attached to the surviving subject.
//
// Errors: whatever the store returns (kUnavailable, kDataLoss ...); kNotFound for an unknown
// batch. Thread safety: the Store belongs to the calling thread (see store/store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/result.h"
#include "graph/relationship_graph.h"
#include "store/store.h"

namespace credo::graph {

struct BuildStats {
  int64_t subjects = 0;
  int64_t contact_points = 0;
  int64_t contact_edges = 0;
  int64_t relation_edges = 0;
  int64_t statements = 0;
  int64_t tradelines = 0;
  double seconds = 0;
};

Result<RelationshipGraph> BuildGraph(Store& store, BuildStats* stats = nullptr,
                                     std::optional<Date> as_of = std::nullopt);

struct UpdateStats {
  int64_t subjects_touched = 0;
  int64_t nodes_added = 0;
  int64_t edges_removed = 0;
  int64_t edges_added = 0;
  double seconds = 0;
};

Result<UpdateStats> UpdateGraphForBatch(Store& store, BatchId batch, RelationshipGraph& graph);
Result<UpdateStats> UpdateGraphForSubjects(Store& store, std::span<const SubjectId> subjects,
                                           RelationshipGraph& graph);

//! Reads one subject's node or explains why there is none: kNotFound "subject N is not in the
//! bureau" (the store does not know it), or the node (merge redirects followed).
Result<NodeId> RequireSubject(const RelationshipGraph& graph, SubjectId subject);

}  // namespace credo::graph
