#include "sim/engine/SimgridDriver.hpp"

#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include <cmath>
#include <exception>
#include <limits>
#include <stdexcept>

namespace sg4 = simgrid::s4u;

namespace contsim {

struct SimgridDriver::Impl {
  struct Pending {
    EventHandler* handler;
    std::uint32_t kind;
    std::uint64_t payload;
  };

  Calendar& calendar;
  std::unique_ptr<sg4::Engine> engine;
  std::vector<sg4::Host*> hosts;
  std::vector<sg4::Host*> lan_peers;     // per site: the far end of its own network (null: none)
  std::vector<sg4::Host*> compute_hosts;
  std::vector<double> compute_speed;    // flops per second per reference core
  std::vector<sg4::ActivityPtr> activities;  // parallel to `pending`
  std::vector<Pending> pending;
  double deadline = std::numeric_limits<double>::infinity();
  bool ended_early = false;

  explicit Impl(Calendar& c) : calendar(c) {}

  /// Brings SimGrid's clock up to the calendar's instant before an activity starts.
  void sync_clock()
  {
    if (sg4::Engine::get_clock() < calendar.now())
      sg4::this_actor::sleep_until(calendar.now());
  }

  void complete(std::size_t i)
  {
    Pending p = pending[i];
    activities[i] = activities.back();
    activities.pop_back();
    pending[i] = pending.back();
    pending.pop_back();
    calendar.advance_to(sg4::Engine::get_clock());
    p.handler->on_event(p.kind, p.payload);
  }

  void end_early()
  {
    ended_early = true;
    calendar.advance_to(std::max(calendar.now(), std::min(deadline, sg4::Engine::get_clock())));
    cancel_pending();
  }

  void cancel_pending()
  {
    for (auto& activity : activities)
      activity->cancel();
    activities.clear();
    pending.clear();
  }

  void loop()
  {
    for (;;) {
      const bool past_deadline = calendar.empty() || calendar.next_time() > deadline;
      if (pending.empty()) {
        if (calendar.empty())
          return;
        if (past_deadline)
          return end_early();
        calendar.run_next();  // may start transfers, which sync the clock first
        continue;
      }
      double clock = sg4::Engine::get_clock();
      if (!calendar.empty() && calendar.next_time() <= clock) {
        calendar.run_next();
        continue;
      }
      double until = past_deadline ? deadline : calendar.next_time();
      double timeout = std::isinf(until) ? -1.0 : std::max(0.0, until - clock);
      ssize_t done = sg4::Activity::wait_any_for(activities, timeout);
      if (done >= 0)
        complete(static_cast<std::size_t>(done));
      else if (past_deadline)
        return end_early();
      else
        calendar.run_next();
    }
  }
};

SimgridDriver::SimgridDriver(const PlatformSpec& platform, const std::vector<ComputeHostSpec>& compute_hosts,
                             Calendar& calendar)
    : impl_(std::make_unique<Impl>(calendar))
{
  // CM02: transfer time = latency + size / bandwidth share, exactly as the scenario declares the
  // link; LV08's TCP corrections would silently alter user-given effective bandwidths.
  static int argc = 5;
  static char arg0[] = "contsim";
  static char arg1[] = "--log=root.thres:critical";
  static char arg2[] = "--cfg=network/model:CM02";
  static char arg3[] = "--cfg=network/crosstraffic:0";
  static char arg4[] = "--cfg=network/TCP-gamma:0";
  static char* argv[] = {arg0, arg1, arg2, arg3, arg4, nullptr};
  impl_->engine = std::make_unique<sg4::Engine>(&argc, argv);

  auto* zone = sg4::create_full_zone("contsim");
  for (const auto& site : platform.sites)
    impl_->hosts.push_back(zone->create_host(site.name, 1e9)->seal());
  impl_->lan_peers.assign(platform.sites.size(), nullptr);
  for (const auto& l : platform.links) {
    auto* link = zone->create_split_duplex_link(l.name, l.bandwidth_bytes_per_s);
    link->set_latency(l.latency_s);
    link->seal();
    sg4::Host* far = impl_->hosts[l.site_b];
    if (l.site_a == l.site_b)  // a site's own network: its transfers go to a peer across it
      far = impl_->lan_peers[l.site_a] = zone->create_host(l.name, 1e9)->seal();
    zone->add_route(impl_->hosts[l.site_a]->get_netpoint(), far->get_netpoint(), nullptr, nullptr,
                    {sg4::LinkInRoute(link, sg4::LinkInRoute::Direction::UP)}, true);
  }
  // Reference speed: 1 core-second of work = 1e9 flops.
  for (const auto& h : compute_hosts) {
    double speed = h.cores * h.speed * 1e9;
    impl_->compute_hosts.push_back(zone->create_host("node:" + h.name, speed)->seal());
    impl_->compute_speed.push_back(h.speed * 1e9);
  }
  zone->seal();
}

SimgridDriver::~SimgridDriver() = default;

void SimgridDriver::transfer(int from_site, int to_site, double bytes, EventHandler* handler, std::uint32_t kind,
                             std::uint64_t payload)
{
  sg4::Host* to = from_site == to_site ? impl_->lan_peers[from_site] : impl_->hosts[to_site];
  if (!to || bytes <= 0) {  // inside a site without a network of its own: instantaneous
    handler->on_event(kind, payload);
    return;
  }
  impl_->sync_clock();
  impl_->activities.push_back(
      sg4::Comm::sendto_async(impl_->hosts[from_site], to, static_cast<std::uint64_t>(bytes)));
  impl_->pending.push_back(Impl::Pending{handler, kind, payload});
}

void SimgridDriver::execute(int host, double work, double max_cores, EventHandler* handler, std::uint32_t kind,
                            std::uint64_t payload)
{
  if (work <= 0) {
    handler->on_event(kind, payload);
    return;
  }
  impl_->sync_clock();
  double per_core = impl_->compute_speed[host];
  sg4::ExecPtr exec = sg4::this_actor::exec_init(work * 1e9);
  exec->set_host(impl_->compute_hosts[host]);
  exec->set_bound(max_cores * per_core);
  exec->start();
  impl_->activities.push_back(exec);
  impl_->pending.push_back(Impl::Pending{handler, kind, payload});
}

void SimgridDriver::end_by(double t) { impl_->deadline = t; }

bool SimgridDriver::ended_early() const { return impl_->ended_early; }

void SimgridDriver::run()
{
  Impl* impl = impl_.get();
  // An exception must not leave the actor: SimGrid would abort the process ("Uncaught
  // exception"). The loop stops, the engine ends, and the exception continues from here.
  std::exception_ptr failure;
  sg4::Actor::create("clock", impl->hosts.front(), [impl, &failure]() {
    try {
      impl->loop();
    } catch (...) {
      failure = std::current_exception();
      impl->cancel_pending();
    }
  });
  impl->engine->run();
  if (failure)
    std::rethrow_exception(failure);
}

} // namespace contsim

// The engine module's entry point, looked up by name (Driver.cpp).
extern "C" __attribute__((visibility("default"))) contsim::Driver*
contsim_make_simgrid_driver(const contsim::PlatformSpec* platform, const std::vector<contsim::ComputeHostSpec>* hosts,
                            contsim::Calendar* calendar)
{
  return new contsim::SimgridDriver(*platform, *hosts, *calendar);
}
