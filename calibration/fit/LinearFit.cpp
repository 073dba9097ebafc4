#include "calibration/fit/LinearFit.hpp"

#include <Eigen/Dense>

#include <stdexcept>

namespace contsim::calibration {

LinearFitResult fit_linear(const std::vector<std::string>& names, const std::vector<std::vector<double>>& rows,
                           const std::vector<double>& y)
{
  const Eigen::Index n = static_cast<Eigen::Index>(y.size());
  const Eigen::Index k = static_cast<Eigen::Index>(names.size());
  if (static_cast<std::size_t>(n) != rows.size() || n <= k + 1)
    throw std::invalid_argument("fit_linear: needs more samples than predictors + 1");
  Eigen::MatrixXd X(n, k + 1);
  Eigen::VectorXd Y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    X(i, 0) = 1;
    for (Eigen::Index j = 0; j < k; ++j)
      X(i, j + 1) = rows[i][j];
    Y(i) = y[i];
  }
  Eigen::VectorXd b = X.colPivHouseholderQr().solve(Y);
  Eigen::VectorXd residual = Y - X * b;
  double ss_res = residual.squaredNorm();
  double ss_tot = (Y.array() - Y.mean()).matrix().squaredNorm();
  LinearFitResult r;
  r.n = y.size();
  r.intercept = b(0);
  for (Eigen::Index j = 0; j < k; ++j)
    r.coefficients.emplace_back(names[j], b(j + 1));
  r.r_squared = ss_tot > 0 ? 1 - ss_res / ss_tot : 1;
  r.residual_sd = std::sqrt(ss_res / static_cast<double>(n - k - 1));
  return r;
}

} // namespace contsim::calibration
