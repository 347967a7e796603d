import { parseKubeYaml } from './parseKubeYaml';

describe('parseKubeYaml', () => {
  it('reads multi-document YAML with the line of each document', () => {
    const r = parseKubeYaml(
      '# c\napiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: x}\n',
      'f.yaml',
    );
    expect(r.errors).toEqual([]);
    expect(r.objects.map(o => [o.object.kind, o.source.line])).toEqual([
      ['Service', 2],
      ['Pod', 8],
    ]);
  });

  it('reads JSON and expands kind: List', () => {
    const r = parseKubeYaml(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } },
          { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' } },
        ],
      }),
      'f.json',
    );
    expect(r.objects.map(o => o.object.metadata.name)).toEqual(['a', 'b']);
  });

  it.each([
    {
      name: 'invalid YAML',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n',
      line: 4,
      message: /invalid YAML/,
    },
    {
      name: 'not a mapping',
      text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n- a\n- b\n',
      line: 5,
      message: /not a mapping/,
    },
    {
      name: 'missing kind',
      text: 'apiVersion: v1\nmetadata: {name: a}\n',
      line: 1,
      message: /lacks kind/,
    },
    {
      name: 'missing name',
      text: '---\napiVersion: v1\nkind: Pod\nmetadata: {namespace: a}\n',
      line: 2,
      message: /lacks metadata.name/,
    },
  ])('reports $name with its line', ({ text, line, message }) => {
    const r = parseKubeYaml(text, 'bad.yaml');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'bad.yaml', line });
    expect(r.errors[0].message).toMatch(message);
  });
});
