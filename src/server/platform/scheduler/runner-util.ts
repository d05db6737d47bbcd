// Small pure helpers shared by the job runner and the mail sender.

// 1, 2, 4, 8 … minutes between attempts, at most an hour.
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

// What an operator reads in last_error and the log: the kind of failure and its first line, never the
// values involved. A wrapped query error ("Failed query: … params: …") quotes the row being written,
// which may be a secret title, so the innermost cause is used and quoted values are cut out.
export function safeError(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 5 && e instanceof Error && e.cause instanceof Error; i++) e = e.cause;
  if (!(e instanceof Error)) return 'unknown error';
  const code = (e as { code?: unknown }).code;
  const first = (e.message.split('\n')[0] ?? '')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/params:.*$/i, '');
  const text = `${e.name}${typeof code === 'string' || typeof code === 'number' ? ` ${code}` : ''}: ${first}`;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

// Minutes east of UTC that Stockholm keeps at this moment (60 in winter, 120 in summer).
function stockholmOffsetMinutes(at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Stockholm',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((asUtc - at.getTime()) / 60_000);
}

// The moment a Swedish calendar day reaches this hour on the wall clock (an hour away from the
// 02:00–03:00 switch, so never ambiguous).
export function stockholmMoment(day: string, hour: number): Date {
  const guess = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  return new Date(guess.getTime() - stockholmOffsetMinutes(guess) * 60_000);
}
