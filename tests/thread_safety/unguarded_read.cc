// Must NOT compile under clang -Wthread-safety -Werror (make test-tsan checks that it is refused):
// proof that the lock annotations are checked, not decoration.
#include "kashf/core/thread_annotations.h"

struct Counter {
  kashf::Mutex mu;
  int value GUARDED_BY(mu) = 0;
};

int Read(Counter& c) { return c.value; }  // no MutexLock: the analysis must reject this
