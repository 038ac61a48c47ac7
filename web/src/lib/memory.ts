// Page state kept in memory between visits (search results, last network) registers a reset here;
// logging out or losing the session clears all of it, so the next user of the browser sees nothing.
const resets = new Set<() => void>();

export function onSessionEnd(reset: () => void): void {
  resets.add(reset);
}

export function clearSessionMemory(): void {
  for (const r of resets) r();
}
