import { oneLine, wholeWords } from './columnLayout';

describe('column layout', () => {
  it('keeps one-line columns on one line, at the width they need', () => {
    const column = oneLine({ title: 'Cluster', field: 'name' });
    expect(column.width).toBe('1%');
    expect(column.cellStyle).toEqual({
      wordBreak: 'normal',
      overflowWrap: 'normal',
      whiteSpace: 'nowrap',
    });
    expect(column.headerStyle).toEqual({
      wordBreak: 'normal',
      overflowWrap: 'normal',
    });
  });

  it('lets whole-word columns wrap between words only, in the width left', () => {
    const column = wholeWords({
      title: 'Reason',
      field: 'reason',
      cellStyle: { color: 'red' },
    });
    expect(column.width).toBe('auto');
    expect(column.cellStyle).toEqual({
      wordBreak: 'normal',
      overflowWrap: 'normal',
      color: 'red',
    });
  });
});
