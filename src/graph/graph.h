// credo graph: the relationship graph of the bureau and its queries.
//
// What it offers (each a library call; `credo graph ...` is a thin layer over them)
//   * relationship_graph.h  RelationshipGraph: subjects and contact points, relations as edges,
//                           CSR adjacency, integer node ids.
//   * graph_store.h         BuildGraph(store) in one pass; UpdateGraphForBatch after a batch.
//   * ownership.h           UltimateOwners (25%/50% thresholds, cycles treated), GroupOf with
//                           group-level exposure.
//   * guarantee_circles.h   GuaranteeCircles (iterative Tarjan SCC), ClosesCircle.
//   * contagion.h           RunContagion: guarantee calls to a fixed point, expected loss.
//   * neighbourhood.h       NeighbourhoodOf a subject to depth N, JSON form.
//   * contact_components.h  ContactComponents with a degree cap (fraud rings' raw material).
//   * relations_feed.h      LoadRelationsFile: a canonical relations CSV (guarantees, legal
//                           representatives, officers, supply, shareholdings) into the store.
//
// Contract: queries are pure functions of a finalized graph (thread-safe on a const graph) and
// return Result values: kNotFound for a subject the graph does not know, kInvalidArgument for bad
// parameters. Nothing here prints, exits or throws across the boundary. Amounts are minor units.
#pragma once

#include "graph/contact_components.h"
#include "graph/contagion.h"
#include "graph/graph_store.h"
#include "graph/guarantee_circles.h"
#include "graph/neighbourhood.h"
#include "graph/ownership.h"
#include "graph/relations_feed.h"
#include "graph/relationship_graph.h"
