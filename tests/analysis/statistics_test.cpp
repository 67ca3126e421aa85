// Statistics against values worked out by hand in the comments.
#include "analysis/statistics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace omvarld {
namespace {

TEST(Statistics, SkewnessAndKurtosisType2ByHand) {
  // x = 1, 2, 3, 10: mean 4; deviations -3 -2 -1 6;
  // m2 = 50, m3 = 180, m4 = 1394, n = 4.
  // g1 = sqrt(4) 180 / 50^1.5; G1 = g1 sqrt(4 * 3) / 2.
  // r = 4 * 1394 / 50^2 = 2.2304; G2 = ((5)(r - 3) + 6)(3) / ((2)(1)) = 3.228.
  std::vector<double> x{1, 2, 3, 10};
  const double g1 = 2 * 180 / std::pow(50.0, 1.5);
  EXPECT_NEAR(skewness_type2(x), g1 * std::sqrt(12.0) / 2, 1e-12);
  EXPECT_NEAR(kurtosis_type2(x), 3.228, 1e-12);
  // Undefined: too few values, or no spread.
  EXPECT_TRUE(std::isnan(skewness_type2(std::vector<double>{1, 2})));
  EXPECT_TRUE(std::isnan(kurtosis_type2(std::vector<double>{1, 2, 3})));
  EXPECT_TRUE(std::isnan(skewness_type2(std::vector<double>{4, 4, 4, 4})));
  // Symmetric data have no skew.
  EXPECT_NEAR(skewness_type2(std::vector<double>{1, 2, 3, 4, 5}), 0, 1e-15);
}

TEST(Statistics, QuantileType7ByHand) {
  // R: quantile(c(1, 2, 3, 4, 10), c(0.05, 0.5, 0.95), type = 7):
  // h = 4 p; p = 0.05: 1 + 0.2 (2 - 1) = 1.2; 0.5: 3; 0.95: h = 3.8, 4 + 0.8 (10 - 4) = 8.8.
  std::vector<double> s{1, 2, 3, 4, 10};
  EXPECT_NEAR(quantile_type7_sorted(s, 0.05), 1.2, 1e-12);
  EXPECT_DOUBLE_EQ(quantile_type7_sorted(s, 0.5), 3);
  EXPECT_NEAR(quantile_type7_sorted(s, 0.95), 8.8, 1e-12);
  EXPECT_DOUBLE_EQ(quantile_type7_sorted(s, 0), 1);
  EXPECT_DOUBLE_EQ(quantile_type7_sorted(s, 1), 10);
  EXPECT_DOUBLE_EQ(median_of({4, 1, 3, 2}), 2.5);
  EXPECT_TRUE(std::isnan(median_of({})));
}

TEST(Statistics, PearsonAndCronbachAlpha) {
  Eigen::VectorXd a(5), b(5);
  a << 1, 2, 3, 4, NAN;
  b << 2, 4, 6, 8, 100;  // the 5th row is skipped: a is missing there
  EXPECT_NEAR(pearson(a, b), 1, 1e-15);
  EXPECT_NEAR(pearson(a, -b), -1, 1e-15);
  // Alpha by hand: items (1,2,3), (1,3,2): variances 1 and 1; row sums 2, 5, 5:
  // mean 4, variance (4 + 1 + 1) / 2 = 3; alpha = 2 (1 - 2/3) = 2/3.
  Eigen::MatrixXd items(3, 2);
  items << 1, 1, 2, 3, 3, 2;
  EXPECT_NEAR(cronbach_alpha(items), 2.0 / 3, 1e-12);
  EXPECT_TRUE(std::isnan(cronbach_alpha(items.leftCols(1))));
}

}  // namespace
}  // namespace omvarld
