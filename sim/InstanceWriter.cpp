#include "sim/InstanceWriter.hpp"

namespace contsim {

InstanceWriter::InstanceWriter(const std::string& path) : out_(path)
{
  out_.raw(kHeader);
  out_.end_row();
}

void InstanceWriter::time(double t)
{
  if (t >= 0)
    out_.fixed(t, 6);
  out_.sep();
}

void InstanceWriter::write(const InstanceRecord& r)
{
  out_.text(r.service);
  out_.sep();
  out_.text(r.group);
  out_.sep();
  out_.text(r.instance);
  out_.sep();
  out_.text(r.type);
  out_.sep();
  time(r.t_launched);
  time(r.t_ready);
  time(r.t_terminated);
  out_.integer(r.up_at_end ? 1 : 0);
  out_.sep();
  out_.integer(r.jobs);
  out_.sep();
  out_.fixed(r.busy_s, 6);
  out_.sep();
  time(r.idle_before_termination_s);
  out_.integer(r.billed_s);
  out_.sep();
  out_.fixed(r.cost_usd, 12);
  out_.end_row();
}

} // namespace contsim
