/**
 * The workbench as end-to-end tests and benchmarks reach it (`window.referat`):
 * one snapshot of every store's state, the editor view, and the few actions
 * they drive directly. Not used by the app itself.
 */
import type { Workbench } from './workbench.ts';
import { liveParseField } from '../extensions/live-parse/index.ts';

export function testHandle(wb: Workbench) {
  return {
    workbench: wb,
    /** Every store's state in one object (the names the tests have always read). */
    get state() {
      const { entries, filter, sort } = wb.library.get();
      const { view: sync, peers } = wb.sync.get();
      const { form: datasetForm, docs, loading } = wb.dataset.get();
      return { ...wb.settings.get(), ...wb.ui.get(), library: entries, filter, sort, ...wb.tabs.get(), ...wb.session.get(), ...wb.annotations.get(), sync, peers, datasetForm, dataset: { docs, loading } };
    },
    get view() {
      return wb.session.view;
    },
    /** The wall time of the open document's last parse, ms, as of now (the status bar's lags a frame). */
    lastParseMs: () => wb.session.view?.state.field(liveParseField).parseMs ?? 0,
    activeDoc: () => wb.tabs.activeDoc(),
    jump: (pos: number, to?: number) => wb.session.jump(pos, to),
    undo: () => wb.structure.undo(),
    loadDataset: () => wb.dataset.load(),
    importPasted: (text: string) => wb.imports.importPasted(text),
    openDocument: (id: string) => wb.tabs.openDocument(id),
  };
}
