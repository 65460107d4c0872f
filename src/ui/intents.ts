import { createContext, useContext } from 'react';

/** What the user can ask for; the app layer implements it, components only call it. */
export interface TutorIntents {
  solve(problem: string): void;
  stop(): void;
  selectModel(id: string): void;
  loadModel(): void;
  /** Gives a code cell new code and runs it and every later cell again in a fresh namespace. */
  rerunFrom(blockId: string, code: string): void;
  /** Lets the model go on from a code cell and its output, dropping what followed. */
  continueFrom(blockId: string): void;
  /** Compares the student's answer (plain or LaTeX) with the solution's. */
  checkAnswer(answer: string): void;
  /** Deletes a model's downloaded files from browser storage. */
  deleteModel(id: string): void;
  /** Checks a local folder's model files, stores them in the browser and offers the model. */
  addModelFolder(folder: PickedFolder): void;
  /** Resolves a hub model named `owner/repo:QUANT` (or `hf.co/…`, or a hub address), checks it and offers it. */
  addHubModel(name: string): void;
  openSavedSolution(file: File): void;
}

/** A folder the user picked or dropped: its files with paths relative to it. */
export interface PickedFolder {
  name: string;
  files: Array<{ path: string; file: Blob }>;
}

export const IntentsContext = createContext<TutorIntents | null>(null);

export function useIntents(): TutorIntents {
  const intents = useContext(IntentsContext);
  if (!intents) throw new Error('useIntents needs an IntentsContext provider');
  return intents;
}
