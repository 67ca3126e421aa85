// A composite-indicator framework and the data it runs on, read from
// COINr's table shapes so that analysts can bring a spreadsheet and results
// can be compared with COINr:
//   meta: iCode,iName,Level,Parent,Weight,Direction,Type[,Denominator]
//         (Type: Indicator, Aggregate, Group, Denominator)
//   data: uCode,uName[,Time], group and denominator columns, one column per indicator
// Pure: text in, plain data out.
#pragma once

#include <Eigen/Dense>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "parse/csv_table.h"

namespace omvarld {

struct FrameworkNode {
  std::string code;
  std::string name;
  std::string name_sv;      // Swedish label, "" if none
  int level = 0;            // 1 indicators, 2.. aggregates
  std::string parent;       // "" for the top
  double weight = 1;        // raw; rescaled within each parent at aggregation
  int direction = 1;        // 1 higher is better, -1 lower is better (used at normalisation)
  std::string denominator;  // data column to divide by, or ""
  double per = 1;           // a denominated value is multiplied by this (1000: per 1,000)
  // Optional reference values (NaN if not given), in the indicator's units:
  // Target for distance-to-target, Worst/Best as goalposts.
  double target = std::numeric_limits<double>::quiet_NaN();
  double worst = std::numeric_limits<double>::quiet_NaN();
  double best = std::numeric_limits<double>::quiet_NaN();
};

struct Framework {
  std::vector<FrameworkNode> indicators;  // level 1, in meta order
  std::vector<FrameworkNode> aggregates;  // level >= 2, in meta order
  std::vector<std::string> groups;        // group columns of the data
  std::vector<std::string> denominators;  // denominator columns of the data
  int top_level() const;
  const FrameworkNode* find(const std::string& code) const;
  std::vector<int> directions() const;  // of the indicators, in order
};

// The tree as column positions, for the stages that compute on it. Columns:
// the indicators in framework order, then the aggregates in framework order.
struct FrameworkLayout {
  struct Node {
    Eigen::Index column;
    int level;
    std::vector<Eigen::Index> children;
  };
  std::vector<std::string> codes;
  std::vector<std::string> names;
  std::vector<int> levels;
  std::vector<Eigen::Index> parent;  // -1 for the top
  std::vector<double> weights;       // raw weights per column, from the framework
  std::vector<Node> aggregates;      // in aggregation order: level 2 first
  Eigen::Index indicator_count = 0;
  Eigen::Index top_column = -1;  // the index (highest level); -1 if only indicators
  int top_level = 1;
  // The column a ranking is about: the index, or the last indicator of a
  // framework without aggregates.
  Eigen::Index ranked_column() const { return top_column >= 0 ? top_column : indicator_count - 1; }
};
FrameworkLayout layout_of(const Framework& f);

struct UnitData {
  std::vector<std::string> units;  // uCode
  std::vector<std::string> names;  // uName
  std::map<std::string, std::vector<std::string>>
      groups;                                           // column -> label per unit ("" if missing)
  std::map<std::string, Eigen::VectorXd> denominators;  // column -> value per unit (NaN if missing)
  Eigen::MatrixXd values;  // units x framework indicators, NaN where missing
};

// Also reads the optional columns Target, Worst and Best.
Result<Framework> parse_coinr_meta(const CsvTable& meta, const std::string& source);
// Checks the tree: every parent exists one level up, levels are contiguous, one top.
Status validate_framework(const Framework& f, const std::string& source);

}  // namespace omvarld
