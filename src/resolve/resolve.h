// credo resolve: entity resolution — which records are the same person or company.
//
//   resolver.h       end to end on files: DedupeFile, LinkFiles, WriteClusters, WriteLinks,
//                    ExplainRecords, FormatSummary (the library behind `credo er ...`)
//   table_builder.h  mapped records -> RecordTable (standardised, interned columns)
//   blocking.h       candidate pairs (union of passes); BlockingKeys for persistence
//   comparators/     one comparator per file: names (Han and pinyin), dates, identifiers,
//                    postcodes, phones, addresses, company names, exact
//   learning.h       u from random pairs, m by EM — no labels
//   fs_model.h       Fellegi-Sunter weights, term-frequency adjustment, JSON persistence
//   clustering.h     strong-identifier constraint, threshold clustering, weak-link splits, links
//   explain.h        per-field levels and weights of a pair
//   evaluation.h     precision / recall / F1 and pairs completeness against known truth
#pragma once

#include "resolve/resolver.h"
