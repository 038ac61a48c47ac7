// Locks declared, not only described: Clang thread-safety analysis annotations
// (https://clang.llvm.org/docs/ThreadSafetyAnalysis.html, the macros of its mutex.h example) and a
// mutex the analysis understands (libstdc++'s std::mutex carries no annotations).
// With clang and -Wthread-safety (the TSan build, `make test-tsan`), reading a GUARDED_BY member
// without its mutex, or calling a REQUIRES function without it, is a compile error; with GCC the
// annotations compile to nothing.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>

#if defined(__clang__)
#define KASHF_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define KASHF_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) KASHF_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY KASHF_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) KASHF_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) KASHF_THREAD_ANNOTATION(pt_guarded_by(x))
#define ACQUIRED_BEFORE(...) KASHF_THREAD_ANNOTATION(acquired_before(__VA_ARGS__))
#define ACQUIRED_AFTER(...) KASHF_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))
#define REQUIRES(...) KASHF_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define ACQUIRE(...) KASHF_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) KASHF_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) KASHF_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define EXCLUDES(...) KASHF_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define RETURN_CAPABILITY(x) KASHF_THREAD_ANNOTATION(lock_returned(x))
#define NO_THREAD_SAFETY_ANALYSIS KASHF_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace kashf {

// std::mutex with capability annotations. Lock it with MutexLock.
class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }
  // Releases the mutex while waiting on `cv` and holds it again on return (spurious wake-ups
  // happen: call it in a loop that re-checks the condition).
  void Await(std::condition_variable& cv) REQUIRES(this) {
    std::unique_lock<std::mutex> lock(mu_, std::adopt_lock);
    cv.wait(lock);
    lock.release();
  }
  // As Await, but returns at `deadline` at the latest.
  template <typename Clock, typename Duration>
  void AwaitUntil(std::condition_variable& cv, const std::chrono::time_point<Clock, Duration>& deadline)
      REQUIRES(this) {
    std::unique_lock<std::mutex> lock(mu_, std::adopt_lock);
    cv.wait_until(lock, deadline);
    lock.release();
  }

 private:
  std::mutex mu_;
};

// Holds a Mutex for its scope (std::lock_guard for kashf::Mutex).
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : mu_(mu) { mu.Lock(); }
  ~MutexLock() RELEASE() { mu_.Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

}  // namespace kashf
