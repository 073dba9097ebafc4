#include "sim/schema/TimelineWriter.hpp"

#include "sim/schema/Schema.hpp"

namespace contsim {

TimelineWriter::TimelineWriter(const std::string& path, CsvOptions options) : out_(path, options)
{
  out_.raw(schema::timeline_table().version_line());
  out_.end_row();
  out_.raw(schema::timeline_table().header());
  out_.end_row();
}

void TimelineWriter::write(double t, std::string_view platform, std::string_view service,
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
