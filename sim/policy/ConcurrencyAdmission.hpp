// Admission under a concurrency limit (AWS Lambda's account concurrency): an invocation starts
// when fewer than `limit` run; the others wait and start oldest first as running ones finish.
// (AWS retries throttled asynchronous invocations with back-off instead of holding them in
// order; that variant is not modelled.) A pure data structure over the items it admits.
#pragma once
#include <algorithm>
#include <deque>

namespace contsim {

template <class T>
class ConcurrencyAdmission {
public:
  explicit ConcurrencyAdmission(long long limit = 0) : limit_(limit) {}
  /// An item arrives: true when it may start now (it then counts as running), false when it waits.
  bool arrive(const T& item)
  {
    if (running_ < limit_) {
      start();
      return true;
    }
    waiting_.push_back(item);
    max_waiting_ = std::max<long long>(max_waiting_, static_cast<long long>(waiting_.size()));
    return false;
  }
  /// A running item finished: true with the waiting item that starts in its place, if any.
  bool finish(T& next)
  {
    --running_;
    if (waiting_.empty())
      return false;
    next = waiting_.front();
    waiting_.pop_front();
    start();
    return true;
  }
  long long running() const { return running_; }
  long long waiting() const { return static_cast<long long>(waiting_.size()); }
  long long max_running() const { return max_running_; }
  long long max_waiting() const { return max_waiting_; }

private:
  void start()
  {
    ++running_;
    max_running_ = std::max(max_running_, running_);
  }
  long long limit_;
  long long running_ = 0;
  long long max_running_ = 0;
  long long max_waiting_ = 0;
  std::deque<T> waiting_;
};

} // namespace contsim
