import type { EdgeOutcome } from '../model/types';
import { compareOutcomes, worstOutcome } from './outcomes';

describe('edge outcome severity', () => {
  it('sorts worst first: fail, plaintext, excluded, mtls', () => {
    const outcomes: EdgeOutcome[] = ['mtls', 'excluded', 'fail', 'plaintext'];
    expect(outcomes.sort(compareOutcomes)).toEqual([
      'fail',
      'plaintext',
      'excluded',
      'mtls',
    ]);
  });

  it.each<[Array<EdgeOutcome | undefined>, EdgeOutcome | undefined]>([
    [['mtls', 'excluded'], 'excluded'],
    [['excluded', 'plaintext', 'mtls'], 'plaintext'],
    [['plaintext', 'fail'], 'fail'],
    [[undefined, 'mtls', undefined], 'mtls'],
    [[undefined], undefined],
    [[], undefined],
  ])('the worst of %j is %s', (outcomes, worst) => {
    expect(worstOutcome(outcomes)).toBe(worst);
  });
});
