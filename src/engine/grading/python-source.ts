// The grading package's Python sources, bundled as text for the browser; Node scripts read the same files.
import equivalence from './equivalence.py?raw';
import latex from './latex.py?raw';
import realSets from './real_sets.py?raw';
import type { GradingSources } from './symbolic';

export const gradingSources: GradingSources = { latex, realSets, equivalence };
