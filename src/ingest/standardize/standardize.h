// credo ingest/standardize: the standardisation every reader applies before validation and that
// resolve applies before comparing. One header per topic; this one includes them all.
//   text.h         UTF-8 validation (byte offset), NFKC / width folding, whitespace, case
//   name.h         person names (Han without spaces), Han -> toneless pinyin, name match keys
//   date_format.h  dates in a furnisher's pattern (YYYYMMDD, DD/MM/YYYY, ...) to credo::Date
//   contact.h      phone to E.164, e-mail lower-cased (through core/identifier.h)
//   amount.h       decimal amounts to integer minor units (through core Money)
#pragma once

#include "ingest/standardize/amount.h"
#include "ingest/standardize/contact.h"
#include "ingest/standardize/date_format.h"
#include "ingest/standardize/name.h"
#include "ingest/standardize/text.h"
