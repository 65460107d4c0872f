import { useEffect, useRef, useState } from 'react';
import { describeAnswer, describeBlock } from './describe-block.ts';
import type { TraceBlock } from './trace-block.ts';

/** The live-region text: the latest block to finish, announced once, never per token. */
export function useAnnouncement(blocks: readonly TraceBlock[], answer: string | null): string {
  const [message, setMessage] = useState('');
  const announced = useRef<Set<string> | null>(null);
  const lastAnswer = useRef<string | null>(null);

  useEffect(() => {
    // Blocks already finished when the view mounts (a loaded solution) are not read out.
    const mounting = announced.current === null;
    const seen = announced.current ?? new Set<string>();
    let latest: string | null = null;
    blocks.forEach((block, index) => {
      if (block.done && !seen.has(block.id)) latest = describeBlock(block, index);
    });
    // Only ids still on screen are kept, so a new problem reusing ids is announced again.
    announced.current = new Set(blocks.filter((block) => block.done).map((block) => block.id));
    if (answer !== null && answer !== lastAnswer.current) latest = describeAnswer(answer);
    lastAnswer.current = answer;
    if (!mounting && latest !== null) setMessage(latest);
  }, [blocks, answer]);

  return message;
}
