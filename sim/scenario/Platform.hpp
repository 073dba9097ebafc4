// Sites (where things run or are stored) and the links between them, as the scenario
// declares them. SimgridDriver turns this into a SimGrid netzone.
#pragma once
#include <string>
#include <vector>

namespace contsim {

struct Site {
  std::string name;
  int line = 0;
};

/// A link joins two sites, or (site_a == site_b, `within:`) is one site's own network: every
/// transfer inside that site crosses it once, sharing it with the others (a LAN's switch or a
/// region's backbone; what a remote GPU's data crosses when client and server share a site).
struct LinkSpec {
  std::string name;
  int site_a = -1;
  int site_b = -1;
  double bandwidth_bytes_per_s = 0;
  double latency_s = 0;
  int line = 0;
};

/// A machine whose CPU is shared by the work placed on it (a Kubernetes node): `cores` of
/// `speed` each (1 = the reference CPU of the calibration's profiles).
struct ComputeHostSpec {
  std::string name;
  int site = -1;
  double cores = 1;
  double speed = 1;
};

struct PlatformSpec {
  std::vector<Site> sites;
  std::vector<LinkSpec> links;

  int site_index(const std::string& name) const;  // -1 when unknown
  /// The declared link between two sites, or, for a == b, the site's own network; null if none.
  const LinkSpec* link_between(int a, int b) const;
  /// Transfers inside a site without a `within` link are instantaneous (the in-region or
  /// in-cluster time is part of the measured execution time); between two sites they need a link.
  bool connected(int a, int b) const;
};

} // namespace contsim
