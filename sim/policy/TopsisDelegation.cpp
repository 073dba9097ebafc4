#include "sim/policy/TopsisDelegation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace contsim {

std::vector<double> TopsisDelegation::preferences(const std::vector<std::vector<double>>& m,
                                                  const std::vector<double>& weights)
{
  const std::size_t rows = m.size(), cols = weights.size();
  std::vector<std::vector<double>> w(rows, std::vector<double>(cols));
  for (std::size_t j = 0; j < cols; ++j) {
    double sum = 0;
    for (std::size_t i = 0; i < rows; ++i)
      sum += m[i][j] * m[i][j];
    double norm = std::sqrt(sum);
    for (std::size_t i = 0; i < rows; ++i)  // an all-zero column stays 0 (OSCAR would divide by 0: NaN)
      w[i][j] = norm > 0 ? m[i][j] / norm * weights[j] : 0;
  }
  std::vector<double> ideal(cols), anti(cols);
  for (std::size_t j = 0; j < cols; ++j) {
    bool minimise = j == 0 || j == 4 || j == 5;
    double lo = w[0][j], hi = w[0][j];
    for (std::size_t i = 0; i < rows; ++i) {
      lo = std::min(lo, w[i][j]);
      hi = std::max(hi, w[i][j]);
    }
    ideal[j] = minimise ? lo : hi;
    anti[j] = minimise ? hi : lo;
  }
  std::vector<double> pref(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    double d_ideal = 0, d_anti = 0;
    for (std::size_t j = 0; j < cols; ++j) {
      d_ideal += (w[i][j] - ideal[j]) * (w[i][j] - ideal[j]);
      d_anti += (w[i][j] - anti[j]) * (w[i][j] - anti[j]);
    }
    double sum = std::sqrt(d_ideal) + std::sqrt(d_anti);
    pref[i] = sum > 0 ? std::sqrt(d_anti) / sum : 0;
  }
  return pref;
}

std::vector<int> TopsisDelegation::order(const std::vector<ReplicaView>& replicas, const DelegationRequest& request,
                                         RandomEngine& rng) const
{
  static const std::vector<double> kWeights{1, 8, 18, 65, 2, 6};
  std::vector<int> oscar;  // the alternatives: OSCAR replicas
  std::vector<std::vector<double>> matrix;
  for (std::size_t i = 0; i < replicas.size(); ++i) {
    if (!replicas[i].oscar)
      continue;
    oscar.push_back(static_cast<int>(i));
    const ReplicaView& r = replicas[i];
    const ClusterStatus& s = r.status;
    if (!r.status_known)
      matrix.push_back({20, 0, 0, 0, 1e6, 1e6});
    else if (s.max_free_on_node_cores_m - 1000 * request.cpu_cores < 0)
      matrix.push_back({s.status_latency_s, 0, 0, 0, 1e6, 1e6});
    else
      matrix.push_back({s.status_latency_s, static_cast<double>(s.nodes.size()), s.total_free_bytes,
                        s.total_free_cores_m, s.mean_job_s, s.pending_jobs + 0.1});
  }
  std::vector<unsigned> priorities(replicas.size());
  for (std::size_t i = 0; i < replicas.size(); ++i)
    priorities[i] = replicas[i].priority;  // endpoints keep theirs
  if (!oscar.empty()) {
    std::vector<double> pref = preferences(matrix, kWeights);
    std::vector<int> ranked(oscar.size());
    std::iota(ranked.begin(), ranked.end(), 0);
    std::stable_sort(ranked.begin(), ranked.end(), [&](int a, int b) { return pref[a] > pref[b]; });
    // Shuffle the best and those within 20 % of it (Fisher-Yates on our own stream: portable).
    double threshold = pref[ranked[0]] * 0.20;
    std::vector<std::size_t> near;
    for (std::size_t k = 0; k < ranked.size(); ++k)
      if (k == 0 || std::abs(pref[ranked[0]] - pref[ranked[k]]) < threshold)
        near.push_back(k);
    std::vector<int> shuffled;
    for (std::size_t k : near)
      shuffled.push_back(ranked[k]);
    for (std::size_t k = shuffled.size(); k > 1; --k) {
      std::size_t j = static_cast<std::size_t>(rng() % k);
      std::swap(shuffled[k - 1], shuffled[j]);
    }
    for (std::size_t k = 0; k < near.size(); ++k)
      ranked[near[k]] = shuffled[k];
    for (int a : ranked) {
      int p = 100 - static_cast<int>(pref[a] * 100.0);
      priorities[oscar[a]] = static_cast<unsigned>(std::clamp(p, 0, 100));
    }
    // By priority; the rank decides ties among OSCAR replicas, which go before endpoints on a tie.
    std::vector<int> order;
    for (int a : ranked)
      order.push_back(oscar[a]);
    for (std::size_t i = 0; i < replicas.size(); ++i)
      if (!replicas[i].oscar)
        order.push_back(static_cast<int>(i));
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return priorities[a] < priorities[b]; });
    return order;
  }
  return delegation::by_priority(replicas, priorities);
}

} // namespace contsim
