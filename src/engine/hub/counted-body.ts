/** A response's body that reports the bytes read so far as it streams (an empty stream when it has no body). */
export function countedBody(
  response: Response,
  onBytes: (received: number) => void,
): ReadableStream<Uint8Array> {
  let received = 0;
  const body = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        onBytes(received);
        controller.enqueue(chunk);
      },
    }),
  );
}
