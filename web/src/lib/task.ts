// Long operations (network, money trail, statistics, judgements) as cancellable tasks: each run gets
// an AbortController, reports named steps ("loading roles ...") and elapsed time for the progress
// display, and a new run or unmounting the page cancels the previous one.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isAbort } from '../api/client';

export type TaskStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface TaskState<T> {
  status: TaskStatus;
  data: T | null;
  error: unknown;
  step: string;
  startedAt: number;
}

export interface Task<T, A extends unknown[]> extends TaskState<T> {
  run: (...args: A) => void;
  cancel: () => void;
}

export type TaskFn<T, A extends unknown[]> = (signal: AbortSignal, step: (s: string) => void, ...args: A) => Promise<T>;

export function useTask<T, A extends unknown[]>(fn: TaskFn<T, A>): Task<T, A> {
  const [state, setState] = useState<TaskState<T>>({ status: 'idle', data: null, error: null, step: '', startedAt: 0 });
  const ctrl = useRef<AbortController | null>(null);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  const cancel = useCallback(() => {
    if (ctrl.current) {
      ctrl.current.abort();
      ctrl.current = null;
      setState((s) => (s.status === 'running' ? { ...s, status: 'cancelled', step: '' } : s));
    }
  }, []);

  const run = useCallback((...args: A) => {
    ctrl.current?.abort();
    const c = new AbortController();
    ctrl.current = c;
    setState((s) => ({ status: 'running', data: s.data, error: null, step: '', startedAt: Date.now() }));
    const step = (st: string) => {
      if (ctrl.current === c) setState((s) => ({ ...s, step: st }));
    };
    fnRef.current(c.signal, step, ...args).then(
      (data) => {
        if (ctrl.current !== c) return;
        ctrl.current = null;
        setState({ status: 'done', data, error: null, step: '', startedAt: 0 });
      },
      (error) => {
        if (ctrl.current !== c) return;
        ctrl.current = null;
        if (isAbort(error)) setState((s) => ({ ...s, status: 'cancelled', step: '' }));
        else setState({ status: 'error', data: null, error, step: '', startedAt: 0 });
      },
    );
  }, []);

  useEffect(() => () => ctrl.current?.abort(), []);
  return { ...state, run, cancel };
}

/** Runs `fn` once per change of `deps` (page data loading), cancelled on change or unmount. */
export function useLoad<T>(fn: (signal: AbortSignal, step: (s: string) => void) => Promise<T>, deps: unknown[]): Task<T, []> {
  const t = useTask<T, []>((signal, step) => fn(signal, step));
  useEffect(() => {
    t.run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return t;
}
