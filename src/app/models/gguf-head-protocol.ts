import type { GgufHeadCheck } from '../../engine/models/gguf-head-check';

/** The worker is sent the header's bytes (an ArrayBuffer, transferred) and answers once with this. */
export type GgufHeadReply = GgufHeadCheck;
