// credo graph: subjects joined through shared contact points (the fraud rings' raw material).
//
// ContactComponents finds the connected components of subjects where two subjects are joined
// when they share a contact point (phone or e-mail, compared by blind index) or a relation row
// of kind shared_contact says so. A contact point held by more than `degree_cap` subjects is not
// used to join anyone (a switchboard number or a shared office e-mail would join everything); it
// is reported in `capped_contact_points`. Only components of at least `min_size` subjects are
// returned, largest first, members ascending by subject id.
//
// Contract: pure function of a finalized graph; no store access; thread-safe on a const graph.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/relationship_graph.h"

namespace credo::graph {

struct ContactComponentOptions {
  int degree_cap = 10;  //!< a contact point shared by more subjects than this joins nobody
  int min_size = 2;     //!< smallest component returned
};

struct ContactComponent {
  int64_t id = 0;                   //!< stable within one result: the smallest member subject id
  std::vector<SubjectId> members;   //!< ascending
  int64_t shared_contact_points = 0;  //!< contact points (under the cap) joining its members
  int64_t phones = 0;               //!< of which phones
  int64_t emails = 0;               //!< of which e-mails
  int64_t shared_contact_relations = 0;  //!< shared_contact relation rows inside it
};

struct ContactComponentsResult {
  std::vector<ContactComponent> components;  //!< size >= min_size, largest first
  int64_t capped_contact_points = 0;         //!< contact points over the degree cap (not used)
  int64_t subjects_in_components = 0;
};

ContactComponentsResult ContactComponents(const RelationshipGraph& graph,
                                          const ContactComponentOptions& options = {});
//! The component of one subject (size 1 when it shares nothing under the cap).
ContactComponent ContactComponentOf(const RelationshipGraph& graph, SubjectId subject,
                                    int degree_cap = 10);

}  // namespace credo::graph
