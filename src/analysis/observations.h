// Indicator observations over units and periods, and the data selection that
// turns them into the matrix the pipeline computes on. Pure.
//
// Tables read (CsvTable, see csv_table.h):
//   long:  unit,indicator,value[,period][,flags][,name]   one row per value
//   wide:  uCode[,uName][,Time], group and denominator columns, one column
//          per indicator (COINr's iData; with Time it is a panel, several rows
//          per unit)
// Selection picks, for every unit and indicator, the value of the period
// asked for, or else the latest value within N years before it, or else (if
// asked) a value carried forward or interpolated over time, and records
// which period each value came from.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/framework.h"
#include "analysis/pipeline.h"
#include "core/result.h"
#include "parse/csv_table.h"

namespace omvarld {

struct UnitObservation {
  std::string unit;
  std::string indicator;  // an indicator or denominator code of the framework
  std::string period;     // "" when the data have no time
  double value = 0;
  std::string flags;  // Eurostat flags ("e", "p", "b", ...), may be empty
};

struct ObservationSet {
  std::vector<UnitObservation> rows;
  std::vector<std::string> units;                                    // in order of first appearance
  std::map<std::string, std::string> names;                          // unit -> name
  std::map<std::string, std::map<std::string, std::string>> groups;  // column -> unit -> label
};

// Detects the shape (a `unit` and an `indicator` column: long; else wide
// with `uCode`). Errors name `source`, the row and the column.
Result<ObservationSet> observations_from_table(const CsvTable& table, const Framework& f,
                                               const std::string& source);

struct SelectionOptions {
  std::string period;    // "" = the latest period in the data
  int within_years = 0;  // accept the latest value up to N years before `period`
  Imputation over_time = Imputation::kNone;  // kLatest or kLinear fill the rest over time
  std::vector<std::string> units;            // in this order; empty = every unit of the data
};

// How a selected value came to be.
enum class ValueOrigin : unsigned char { kMissing, kObserved, kEarlier, kCarried, kInterpolated };

struct Selection {
  UnitData data;                                       // values: units x framework indicators
  std::string period;                                  // the period asked for (or found latest)
  std::vector<std::vector<std::string>> value_period;  // [unit][indicator] "" if missing
  std::vector<std::vector<ValueOrigin>> origin;        // [unit][indicator]
  std::vector<std::vector<std::string>> flags;         // [unit][indicator]
  std::vector<std::string> missing_units;              // asked for but absent from the data
};

Result<Selection> select_observations(const ObservationSet& obs, const Framework& f,
                                      const SelectionOptions& options);

// COINr's iData without time: a thin wrapper over the two above.
Result<UnitData> parse_coinr_data(const CsvTable& data, const Framework& f,
                                  const std::string& source);

// The year of a period ("2019", "2019-Q1", "2019-05" -> 2019); nullopt if none.
std::optional<int> period_year(const std::string& period);

}  // namespace omvarld
