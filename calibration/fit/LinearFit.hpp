// Ordinary least squares y = b0 + Σ bᵢ xᵢ (Eigen, column-pivoting QR), with R² and the
// residual standard deviation: execution time as a linear model of input attributes
// (input size, media duration) where they are known.
#pragma once
#include <string>
#include <vector>

namespace contsim::calibration {

struct LinearFitResult {
  double intercept = 0;
  std::vector<std::pair<std::string, double>> coefficients;  // per predictor
  double r_squared = 0;
  double residual_sd = 0;
  std::size_t n = 0;
};

/// rows[i] are the predictors of y[i] (named by `names`). Needs more rows than predictors + 1.
LinearFitResult fit_linear(const std::vector<std::string>& names, const std::vector<std::vector<double>>& rows,
                           const std::vector<double>& y);

} // namespace contsim::calibration
