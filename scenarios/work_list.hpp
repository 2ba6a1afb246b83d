// The tasks of a run, as a scenario keeps them and as a model reads them. Most scenarios give
// every task the same work (a million equal sleeps, eight equal factorials), and a million
// copies of one Work would cost the measured process 40 MB before its first task: the scenario
// lives in the runner, and every measuring process is forked from it, sharing (and counting in
// its peak RSS) every page the runner holds. So a list of equal tasks stores its Work once.
#pragma once

#include <cstddef>
#include <iterator>
#include <span>
#include <utility>
#include <vector>

#include "scenarios/work.hpp"

namespace concur {

/// Steps through the tasks of a WorkList or WorkView in order.
class WorkIterator {
 public:
  using iterator_category = std::forward_iterator_tag;  ///< for the standard algorithms
  using value_type = Work;                              ///< what it yields
  using difference_type = std::ptrdiff_t;               ///< distance between two positions
  using pointer = const Work*;                          ///< pointer to what it yields
  using reference = const Work&;                        ///< what it yields
  WorkIterator() = default;
  /// Position `index` of the tasks at `data`, `stride` Works apart.
  WorkIterator(const Work* data, std::size_t stride, std::size_t index) : data_(data), stride_(stride), index_(index) {}
  /// The task here.
  reference operator*() const { return data_[index_ * stride_]; }
  /// The task here.
  pointer operator->() const { return &data_[index_ * stride_]; }
  /// The next task.
  WorkIterator& operator++() {
    ++index_;
    return *this;
  }
  /// The next task, returning this one.
  WorkIterator operator++(int) {
    WorkIterator before = *this;
    ++index_;
    return before;
  }
  /// Same position of the same view.
  friend bool operator==(const WorkIterator& a, const WorkIterator& b) {
    return a.index_ == b.index_ && a.data_ == b.data_;
  }

 private:
  const Work* data_ = nullptr;
  std::size_t stride_ = 1;
  std::size_t index_ = 0;
};

/// The tasks of one scenario, in order: one Work per task, or one Work for every task when
/// they are all the same (assign()).
class WorkList {
 public:
  /// `count` tasks that all do `work`, stored once.
  void assign(std::size_t count, const Work& work) {
    items_.assign(1, work);
    size_ = count;
    same_ = true;
  }
  /// Appends a task of its own; a list of equal tasks is spelled out first.
  template <typename... Args>
  void emplace_back(Args&&... args) {
    if (same_) {
      items_.assign(size_, items_.empty() ? Work{} : items_.front());
      same_ = false;
    }
    items_.emplace_back(std::forward<Args>(args)...);
    ++size_;
  }
  /// Appends a task of its own.
  void push_back(Work work) { emplace_back(std::move(work)); }
  /// How many tasks.
  [[nodiscard]] std::size_t size() const { return size_; }
  /// Whether there are none.
  [[nodiscard]] bool empty() const { return size_ == 0; }
  /// Task `index`'s work.
  [[nodiscard]] const Work& operator[](std::size_t index) const { return items_[same_ ? 0 : index]; }
  /// The first task.
  [[nodiscard]] WorkIterator begin() const { return {items_.data(), same_ ? 0U : 1U, 0}; }
  /// Past the last task.
  [[nodiscard]] WorkIterator end() const { return {items_.data(), same_ ? 0U : 1U, size_}; }

 private:
  friend class WorkView;
  std::vector<Work> items_;
  std::size_t size_ = 0;
  bool same_ = false;  ///< items_ holds the one Work of every task
};

/// The tasks of one run as a model reads them: a cheap, copyable view of a WorkList (or of any
/// contiguous Works), indexed like a span. A list of equal tasks is a view with stride 0.
class WorkView {
 public:
  WorkView() = default;
  /// Every task of `list`.
  WorkView(const WorkList& list)  // NOLINT(google-explicit-constructor): a list is read as its view
      : data_(list.items_.data()), size_(list.size_), stride_(list.same_ ? 0 : 1) {}
  /// Contiguous tasks, one Work each.
  WorkView(std::span<const Work> tasks)  // NOLINT(google-explicit-constructor): as a span converts
      : data_(tasks.data()), size_(tasks.size()) {}
  /// Contiguous tasks, one Work each.
  WorkView(const std::vector<Work>& tasks)  // NOLINT(google-explicit-constructor): as a span converts
      : WorkView(std::span<const Work>(tasks)) {}

  /// How many tasks.
  [[nodiscard]] std::size_t size() const { return size_; }
  /// Whether there are none.
  [[nodiscard]] bool empty() const { return size_ == 0; }
  /// Task `index`'s work.
  [[nodiscard]] const Work& operator[](std::size_t index) const { return data_[index * stride_]; }
  /// The first `count` tasks.
  [[nodiscard]] WorkView first(std::size_t count) const { return subspan(0, count); }
  /// `count` tasks from task `offset` on.
  [[nodiscard]] WorkView subspan(std::size_t offset, std::size_t count) const {
    WorkView part = *this;
    part.data_ += offset * stride_;
    part.size_ = count;
    return part;
  }
  /// The first task.
  [[nodiscard]] WorkIterator begin() const { return {data_, stride_, 0}; }
  /// Past the last task.
  [[nodiscard]] WorkIterator end() const { return {data_, stride_, size_}; }

 private:
  const Work* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t stride_ = 1;  ///< 0: every task is data_[0]
};

}  // namespace concur
