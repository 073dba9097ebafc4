#include "sim/TimelineWriter.hpp"

namespace contsim {

TimelineWriter::TimelineWriter(const std::string& path) : out_(path)
{
  out_.raw(kHeader);
  out_.end_row();
}

void TimelineWriter::write(double t, const std::string& platform, const std::string& service,
                           const TimelineSample& s)
{
  out_.fixed(t, 3);
  out_.sep();
  out_.text(platform);
  out_.sep();
  out_.text(service);
  out_.sep();
  out_.integer(s.running);
  out_.sep();
  out_.integer(s.queued);
  out_.sep();
  out_.integer(s.warm_idle);
  out_.sep();
  out_.integer(s.units_up);
  out_.end_row();
}

} // namespace contsim
