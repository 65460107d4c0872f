// The grading module's Python source, bundled as text for the browser; Node scripts read the same file.
import source from './equivalence.py?raw';

export const equivalenceSource: string = source;
