import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Workbench, WorkbenchState } from '../services/workbench.ts';

export const WorkbenchContext = createContext<Workbench | null>(null);

/** The workbench and its current state; re-renders on every state change. */
export function useWorkbench(): [Workbench, WorkbenchState] {
  const wb = useContext(WorkbenchContext);
  if (!wb) throw new Error('useWorkbench outside WorkbenchContext');
  const [state, setState] = useState(wb.state);
  useEffect(() => wb.subscribe(() => setState(wb.state)), [wb]);
  return [wb, state];
}
