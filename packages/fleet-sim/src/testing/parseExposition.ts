/** One sample of a Prometheus text exposition. */
export interface ExposedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses Prometheus' text exposition format (what the tests need of it: `# HELP`/`# TYPE`
 * lines, samples with labels, no timestamps); throws on a line it cannot read.
 */
export function parseExposition(text: string): {
  types: Map<string, string>;
  samples: ExposedSample[];
} {
  const types = new Map<string, string>();
  const samples: ExposedSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ')) continue;
    const type =
      /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    const pairs = sample[2] ?? '';
    const pair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
    for (let at = 0; at < pairs.length; ) {
      pair.lastIndex = at;
      const match = pair.exec(pairs);
      if (!match) throw new Error(`bad labels in: ${line}`);
      labels[match[1]] = match[2].replace(/\\(.)/g, (_, c) =>
        c === 'n' ? '\n' : c,
      );
      at = pair.lastIndex;
    }
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return { types, samples };
}
