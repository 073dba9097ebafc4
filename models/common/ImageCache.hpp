// The container images a machine holds (a Kubernetes node's kubelet, a Batch instance's Docker):
// an image is pulled once; a job placed while it is still downloading waits for the same pull.
// Nothing is evicted (the runs modelled are shorter than any garbage collection).
#pragma once
#include <string>
#include <vector>

namespace contsim::common {

class ImageCache {
public:
  /// When `image` is (or will be) on the machine; < 0 when it is not there.
  double ready_at(const std::string& image) const
  {
    for (const auto& c : images_)
      if (c.image == image)
        return c.ready_at;
    return -1;
  }
  bool has(const std::string& image) const { return ready_at(image) >= 0; }
  /// Starts the pull of an image not on the machine yet; it is cached from `ready_at` on.
  void add(const std::string& image, double ready_at) { images_.push_back({image, ready_at}); }
  /// A machine provisioned anew starts empty.
  void clear() { images_.clear(); }

private:
  struct Cached {
    std::string image;
    double ready_at;
  };
  std::vector<Cached> images_;
};

} // namespace contsim::common
