/** Which of the stand-in hub's two origins answered: the `huggingface.co` one or the CDN that serves the bytes. */
export type HubOrigin = 'hub' | 'cdn';

/** Narrows a failure to some requests; a rule with no scope applies to the next request of its kind. */
export interface FailureScope {
  /** How many matching requests fail (default 1; `Infinity` for all of them until `clearFailures()`). */
  times?: number;
  /** Only requests whose range starts at or after this byte (a request with no Range starts at 0). */
  fromByte?: number;
  /** Only this repo (`owner/name`). */
  repo?: string;
  /** Only this file, its path inside the repo. */
  file?: string;
}

export type FailRule =
  /** The CDN sends the headers and about half the asked-for bytes, then closes the connection. */
  | (FailureScope & { kind: 'drop' })
  /** The CDN ignores the Range header and answers 200 with the whole file. */
  | (FailureScope & { kind: 'ignore-range' })
  /** The CDN answers a Range with a well-formed 206 that holds only half the bytes asked for. */
  | (FailureScope & { kind: 'short' })
  /**
   * Answers with this status (429 adds `Retry-After: 30`); from the hub origin unless `origin` says the CDN; with
   * `api`, only the hub's JSON API (true) or only its resolve URLs (false).
   */
  | (FailureScope & { kind: 'status'; status: number; origin?: HubOrigin; api?: boolean })
  /** Answers without CORS headers, so a browser refuses the response; on either origin unless `origin` says. */
  | (FailureScope & { kind: 'no-cors'; origin?: HubOrigin })
  /** The hub redirects the request to itself, forever: every redirect in the loop counts as one request. */
  | (FailureScope & { kind: 'redirect-loop' })
  /** The API and the redirect report a wrong sha256 for the file(s) until `clearFailures()`; `times` and `fromByte` do not apply. */
  | { kind: 'wrong-sha'; repo?: string; file?: string };

/** What a failure rule is matched against. */
export interface RequestFacts {
  origin: HubOrigin;
  repo: string;
  file: string;
  rangeStart: number;
  /** A request to the hub's JSON API. */
  api?: boolean;
}

interface ArmedRule {
  rule: FailRule;
  left: number;
}

function inScope(rule: FailRule, facts: RequestFacts): boolean {
  if (rule.repo !== undefined && rule.repo !== facts.repo) return false;
  if (rule.file !== undefined && rule.file !== facts.file) return false;
  if (rule.kind === 'wrong-sha') return true;
  if (rule.fromByte !== undefined && facts.rangeStart < rule.fromByte) return false;
  if (rule.kind === 'drop' || rule.kind === 'ignore-range' || rule.kind === 'short') {
    return facts.origin === 'cdn';
  }
  if (rule.kind === 'redirect-loop') return facts.origin === 'hub';
  if (rule.kind === 'status') {
    if (rule.api !== undefined && rule.api !== (facts.api ?? false)) return false;
    return facts.origin === (rule.origin ?? 'hub');
  }
  return rule.origin === undefined || rule.origin === facts.origin;
}

/** The failures a test has asked for, each used up by the requests it applies to. */
export class FailureRules {
  private armed: ArmedRule[] = [];

  add(rule: FailRule): void {
    const times = rule.kind === 'wrong-sha' ? Infinity : (rule.times ?? 1);
    if (!(times > 0)) throw new Error(`a failure rule needs times > 0, not ${times}`);
    this.armed.push({ rule, left: times });
  }

  clear(): void {
    this.armed = [];
  }

  /** Uses up one request of the first armed rule of this kind that applies, and returns that rule. */
  take<K extends FailRule['kind']>(
    kind: K,
    facts: RequestFacts,
  ): Extract<FailRule, { kind: K }> | undefined {
    const found = this.armed.find(({ rule }) => rule.kind === kind && inScope(rule, facts));
    if (!found) return undefined;
    found.left -= 1;
    if (found.left <= 0) this.armed = this.armed.filter((armed) => armed !== found);
    return found.rule as Extract<FailRule, { kind: K }>;
  }

  /** Whether the sha256 the origins report for this file is to be wrong (a setting, not used up). */
  lies(repo: string, file: string): boolean {
    return this.armed.some(
      ({ rule }) =>
        rule.kind === 'wrong-sha' && inScope(rule, { origin: 'hub', repo, file, rangeStart: 0 }),
    );
  }
}
