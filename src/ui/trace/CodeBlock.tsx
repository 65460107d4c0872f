import { highlightPython } from './highlight.ts';

export function CodeBlock({ text, done }: { text: string; done: boolean }) {
  return (
    <figure
      className="trace-block trace-code"
      data-block="code"
      data-done={done ? 'true' : 'false'}
      aria-label="Python code"
    >
      <figcaption className="trace-label" aria-hidden="true">
        Python
      </figcaption>
      <pre className="trace-pre" tabIndex={0}>
        <code
          className="hljs language-python"
          dangerouslySetInnerHTML={{ __html: highlightPython(text) }}
        />
      </pre>
    </figure>
  );
}
